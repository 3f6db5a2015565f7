/// DA117: ENV or LABEL in the legacy `key value` form.
struct LegacyKeyValueFormat: Rule {
    static let description = RuleDescription(
        code: "DA117", name: "legacy-key-value-format", severity: .warning, category: .syntax,
        aliases: ["LegacyKeyValueFormat"],
        summary: "ENV or LABEL written as `key value` instead of `key=value`.",
        rationale: """
            In the legacy form everything after the key, spaces and quotes included, is the \
            value, so `ENV PATH /opt/bin:$PATH` and `ENV A 1 B 2` do not read the way they \
            look, and one instruction can set only one variable. The `key=value` form is \
            unambiguous, can set several keys at once, and is the only one Docker documents \
            for new Dockerfiles.
            """,
        howToFix: "Write `ENV KEY=value` (or `LABEL key=value`), quoting a value that contains spaces: `ENV DEPS=\"curl git\"`.",
        badExamples: [
            "FROM python:3.12-slim\nENV ↓PYTHONUNBUFFERED 1\n",
            "FROM alpine\nLABEL ↓maintainer \"Jane Doe\"\n",
            "FROM alpine\nENV ↓DEPS \\\n    curl \\\n    git\n",
            "FROM alpine\nONBUILD ENV ↓APP_HOME /app\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n",
            "FROM alpine\nENV DEPS=\"curl git\" APP_HOME=/app\n",
            "FROM alpine\nARG VERSION\n",
        ],
        differences: [
            "differs from BuildKit: BuildKit checks ENV and LABEL only in the stages a build dispatches; dockaudit checks every stage, and the triggers of ONBUILD too, since those are dispatched (and warned about) in the builds that use the image.",
        ],
        fixes: FixDescription(
            """
            Joins key and value with `=`. In the legacy form the value is the rest of the line, which BuildKit \
            then reads as one word (quotes removed, variables expanded, inner blanks kept), so: a value with no \
            unquoted blank is kept as written (`ENV A "x y"` → `ENV A="x y"`); a value with unquoted blanks and no \
            quote or escape character is wrapped in double quotes, which read the same (`ENV DEPS curl git` → \
            `ENV DEPS="curl git"`); any other value, and a key with quotes, gets no fix, since no rewrite is \
            certain to keep it. A value continued on the next lines stays where it is.
            """,
            before: "FROM alpine\nENV APP_HOME /app\nENV DEPS curl git\nLABEL maintainer \"Jane Doe\"\n",
            after: "FROM alpine\nENV APP_HOME=/app\nENV DEPS=\"curl git\"\nLABEL maintainer=\"Jane Doe\"\n"))

    static let keywords: Set<InstructionKind> = [.env, .label, .onbuild]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let target = instruction.trigger ?? instruction
        guard target.kind == .env || target.kind == .label, case .keyValues(let pairs) = target.arguments else { return }
        let keyword = target.kind.rawValue.uppercased()
        for pair in pairs where !pair.hasEquals {
            findings.report(
                pair.key.range,
                "legacy \"\(keyword) key value\" form: write \"\(keyword) \(pair.key.value)=value\", quoting a value that contains spaces",
                fix: Self.fix(pair, context: context))
        }
    }

    /// How BuildKit's word splitting (`parseWords`) would cut a legacy value if it stood
    /// after `key=`.
    enum ValueShape {
        /// One word, exactly the value: `key=value` reads the same.
        case oneWord
        /// Split only at unquoted spaces or tabs, with no quote or escape character
        /// anywhere: `key="value"` reads the same.
        case plainWithBlanks
        /// Anything else (other white space, quotes or escapes next to unquoted blanks, a
        /// trailing escape character, an unclosed quote): no rewrite is certainly the same.
        case unsure
    }

    static func shape(of value: String, escapeToken: UInt8) -> ValueShape {
        let escape = Unicode.Scalar(escapeToken)
        var quote: Unicode.Scalar?
        var escaped = false
        var unquotedBlank = false
        var quotesOrEscapes = false
        for scalar in value.unicodeScalars {
            if scalar.properties.isWhitespace, scalar != " ", scalar != "\t" { return .unsure }
            if escaped {
                escaped = false
                continue
            }
            if scalar == "\"" || scalar == "'" || scalar == escape { quotesOrEscapes = true }
            if let open = quote {
                if scalar == open { quote = nil } else if scalar == escape, open != "'" { escaped = true }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == escape {
                escaped = true
            } else if scalar == " " || scalar == "\t" {
                unquotedBlank = true
            }
        }
        // parseWords drops an escape character at the very end; an unclosed quote fails the
        // build either way, and a rewrite would only hide where.
        if escaped || quote != nil || value.unicodeScalars.last == escape { return .unsure }
        if !unquotedBlank { return .oneWord }
        return quotesOrEscapes ? .unsure : .plainWithBlanks
    }

    /// Replaces the blanks (and any line continuation) between key and value with `=`,
    /// quoting the value when its blanks must be kept inside one word.
    static func fix(_ pair: KeyValuePair, context: LintContext) -> Fix? {
        let escape = context.dockerfile.escapeToken
        let key = pair.key
        // The legacy key is the text up to the first blank, taken as is; one with quotes or
        // escapes might be cut differently once it is followed by `=`.
        guard FixText.isVerbatim(key, in: context.source),
            !key.value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == escape })
        else { return nil }
        let gap = key.range.end.offset..<pair.value.range.start.offset
        // A comment line between key and value would be deleted with the gap.
        guard !gap.isEmpty, !context.dockerfile.comments.contains(where: { gap.contains($0.range.start.offset) }) else {
            return nil
        }
        switch shape(of: pair.value.value, escapeToken: escape) {
        case .oneWord:
            return Fix("write \(key.value)=value", edits: [TextEdit(range: gap, replacement: "=")])
        case .plainWithBlanks:
            return Fix(
                "write \(key.value)=\"value\"",
                edits: [TextEdit(range: gap, replacement: "=\""), .insert("\"", at: pair.value.range.end.offset)])
        case .unsure:
            return nil
        }
    }
}
