/// DA132: a label the schema requires, set to an empty value.
struct LabelEmpty: Rule {
    static let description = RuleDescription(
        code: "DA132", name: "label-empty", severity: .warning, category: .syntax,
        aliases: ["DL3051"],
        summary: "A label the label schema requires is set to an empty value.",
        rationale: """
            An empty required label satisfies the letter of the schema and none of its \
            purpose. Only runs with a schema (`--require-label`). A value taken from a build \
            argument without a default is filled in at build time and not judged.
            """,
        howToFix: "Give the label its value, or a build argument: `ARG VERSION` then `LABEL version=$VERSION`.",
        badExamples: [
            RuleExample("FROM alpine:3.20\nLABEL ↓version=\"\"\n", options: LabelSchema.requiring(["version"])),
            RuleExample("FROM alpine:3.20\nENV V=\nLABEL ↓version=$V\n", options: LabelSchema.requiring(["version:semver"])),
        ],
        goodExamples: [
            RuleExample("FROM alpine:3.20\nLABEL version=1.0.0 other=\"\"\n", options: LabelSchema.requiring(["version"])),
            RuleExample("FROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION\n", options: LabelSchema.requiring(["version"])),
        ],
        differences: [
            "differs from hadolint: values are expanded with ARG and ENV; one from a build argument without a default is not judged."
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let schema = context.options.labelSchema
        guard !schema.isEmpty else { return }
        for label in ImageLabel.labels(of: context) where label.value == "" && schema.requirement(for: label.key) != nil {
            findings.report(label.keyRange, "Label \(label.key) is empty: the label schema requires a value")
        }
    }
}
