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
        differences: ["differs from hadolint: DL4000 is an error; it breaks nothing, so dockaudit warns, as BuildKit does."])

    static let keywords: Set<InstructionKind> = [.maintainer]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        findings.report(
            instruction.keywordRange,
            "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"…\" instead")
    }
}
