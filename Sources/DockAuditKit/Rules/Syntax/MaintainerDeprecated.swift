/// DA105: MAINTAINER is deprecated.
struct MaintainerDeprecated: Rule {
    static let description = RuleDescription(
        code: "DA105", name: "maintainer-deprecated", severity: .warning, category: .syntax,
        aliases: ["DL4000", "MaintainerDeprecated"],
        summary: "MAINTAINER is deprecated; use a LABEL.",
        rationale: """
            MAINTAINER has been deprecated since Docker 1.13. Image metadata belongs in labels, \
            where tools look for it: org.opencontainers.image.authors is the standard key.
            """,
        howToFix: "Replace `MAINTAINER name` with `LABEL org.opencontainers.image.authors=\"name\"`.",
        badExamples: [
            "FROM alpine\n↓MAINTAINER Jane Doe <jane@example.com>\n",
            "FROM alpine\n↓maintainer jane@example.com\n",
        ],
        goodExamples: [
            "FROM alpine\nLABEL org.opencontainers.image.authors=\"jane@example.com\"\n",
        ],
        differences: ["differs from hadolint: DL4000 is an error; it breaks nothing, so dockaudit warns, as BuildKit does."],
        fixes: FixDescription(
            """
            Replaces the instruction with `LABEL org.opencontainers.image.authors="…"` holding the same text, quoted so \
            that BuildKit reads it back unchanged (`"`, `$` and the escape character escaped), in lower case in a \
            lower-case file. The image's deprecated Author field is no longer set, which is the point of the change. \
            A MAINTAINER continued over several lines is left alone.
            """,
            before: "FROM alpine\nMAINTAINER Jane Doe <jane@example.com>\n",
            after: "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n"))

    static let keywords: Set<InstructionKind> = [.maintainer]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        findings.report(
            instruction.keywordRange,
            "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"…\" instead",
            fix: Self.fix(instruction, context: context))
    }

    static let authorsKey = "org.opencontainers.image.authors"

    /// The LABEL replacing the whole instruction. MAINTAINER takes the rest of the line
    /// verbatim (no quotes, no variables), so the label value is that text quoted.
    static func fix(_ instruction: Instruction, context: LintContext) -> Fix? {
        guard let word = instruction.words.first, !word.value.isEmpty, FixText.isVerbatim(word, in: context.source) else {
            return nil
        }
        let keyword = FixText.keyword("LABEL", styledLike: instruction.keyword)
        let value = FixText.doubleQuoted(word.value, escapeToken: context.dockerfile.escapeToken)
        let range = instruction.keywordRange.start.offset..<word.range.end.offset
        return Fix("use LABEL \(authorsKey)", edits: [TextEdit(range: range, replacement: "\(keyword) \(authorsKey)=\(value)")])
    }
}
