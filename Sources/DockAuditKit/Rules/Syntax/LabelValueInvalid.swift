/// DA133: a schema label whose value does not have the kind the schema requires.
struct LabelValueInvalid: Rule {
    static let description = RuleDescription(
        code: "DA133", name: "label-value-invalid", severity: .warning, category: .syntax,
        aliases: ["DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"],
        summary: "A label's value is not of the kind the label schema requires (URL, RFC 3339 time, SPDX, git hash, SemVer, e-mail).",
        rationale: """
            Tools read schema labels by machine: a registry links `source` as a URL, a release \
            dashboard sorts by `version`. A value of the wrong shape breaks them silently. \
            Only runs with a schema (`--require-label LABEL:KIND`). Kinds: `url` (an absolute \
            URI, RFC 3986), `rfc3339` (`2026-11-23T10:00:00Z`), `spdx` (a license expression \
            such as `MIT OR Apache-2.0`), `hash` (7 or 40 lower-case hex digits), `semver` \
            (Semantic Versioning 2.0.0, no `v`), `email` (an RFC 5322 address). Values are \
            expanded with ARG and ENV; one that depends on a value not known here is not \
            judged.
            """,
        howToFix: "Write the value in the required form, e.g. `1.4.0` rather than `v1.4`, `https://github.com/org/repo` rather than `github.com/org/repo`.",
        badExamples: [
            RuleExample("FROM alpine:3.20\nLABEL source=↓github.com/org/repo\n", options: LabelSchema.requiring(["source:url"])),
            RuleExample("FROM alpine:3.20\nLABEL created=↓\"2026-11-23 10:00\"\n", options: LabelSchema.requiring(["created:rfc3339"])),
            RuleExample("FROM alpine:3.20\nLABEL license=↓\"MIT, Apache-2.0\"\n", options: LabelSchema.requiring(["license:spdx"])),
            RuleExample("FROM alpine:3.20\nLABEL revision=↓ABCDEF1\n", options: LabelSchema.requiring(["revision:hash"])),
            RuleExample("FROM alpine:3.20\nARG VERSION=v1.4\nLABEL version=↓$VERSION\n", options: LabelSchema.requiring(["version:semver"])),
            RuleExample("FROM alpine:3.20\nLABEL maintainer=↓\"Team <team@example.com>\"\n", options: LabelSchema.requiring(["maintainer:email"])),
        ],
        goodExamples: [
            RuleExample(
                "FROM alpine:3.20\nLABEL source=https://github.com/org/repo created=2026-11-23T10:00:00Z license=\"MIT OR Apache-2.0\" \\\n    revision=0123abc version=1.4.0-rc.1+build.5 maintainer=team@example.com\n",
                options: LabelSchema.requiring(["source:url", "created:rfc3339", "license:spdx", "revision:hash", "version:semver", "maintainer:email"])),
            RuleExample("FROM alpine:3.20\nARG GIT_SHA\nLABEL revision=$GIT_SHA\n", options: LabelSchema.requiring(["revision:hash"])),
            RuleExample("FROM alpine:3.20\nLABEL version=latest\n", options: LabelSchema.requiring(["version"])),
        ],
        differences: [
            "differs from hadolint: SPDX license ids are checked for form (`[A-Za-z0-9.-]+`, `LicenseRef-…`) and expression syntax, not looked up in the SPDX license list, so a misspelt id (`Apache2`) passes.",
            "differs from hadolint: values are expanded with ARG and ENV; one that depends on a value not known here is not judged.",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let schema = context.options.labelSchema
        guard !schema.isEmpty else { return }
        for label in ImageLabel.labels(of: context) {
            guard let requirement = schema.requirement(for: label.key), let value = label.value, !value.isEmpty else { continue }
            guard let (alias, expected) = Self.problem(value, kind: requirement.kind) else { continue }
            findings.report(label.valueRange, "Label \(label.key) is '\(value)', which is not \(expected) as the label schema requires", aliases: [alias])
        }
    }

    /// The hadolint code and the expected form when `value` is not of `kind`.
    static func problem(_ value: String, kind: LabelSchema.ValueKind) -> (String, String)? {
        switch kind {
        case .text: return nil
        case .url: return ValueFormats.isAbsoluteURI(value) ? nil : ("DL3052", "an absolute URL (https://…)")
        case .rfc3339: return ValueFormats.isRFC3339DateTime(value) ? nil : ("DL3053", "an RFC 3339 time (2026-11-23T10:00:00Z)")
        case .spdx: return ValueFormats.isSPDXExpression(value) ? nil : ("DL3054", "an SPDX license expression (MIT, Apache-2.0 OR MIT)")
        case .hash: return ValueFormats.isGitHash(value) ? nil : ("DL3055", "a git commit hash (7 or 40 lower-case hex digits)")
        case .semver: return ValueFormats.isSemanticVersion(value) ? nil : ("DL3056", "a semantic version (1.4.0)")
        case .email: return ValueFormats.isEmailAddress(value) ? nil : ("DL3058", "an e-mail address (team@example.com)")
        }
    }
}
