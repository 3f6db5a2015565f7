/// DA103: only ARG may come before the first FROM.
struct InstructionBeforeFrom: Rule {
    static let description = RuleDescription(
        code: "DA103", name: "instruction-before-from", severity: .error, category: .syntax,
        aliases: ["DL3061"],
        summary: "An instruction other than ARG before the first FROM.",
        rationale: """
            Everything but ARG needs a build stage, and stages start with FROM. BuildKit fails \
            with "no build stage in current context". ARGs declared before the first FROM are \
            global and may be used in FROM lines.
            """,
        howToFix: "Move the instruction below the first FROM. Only ARG may stay above it, to parameterise FROM lines.",
        badExamples: [
            "↓LABEL maintainer=me\nFROM alpine\n",
            "ARG VERSION=3.20\n↓ENV V=$VERSION\nFROM alpine:${VERSION}\n",
        ],
        goodExamples: [
            "ARG VERSION=3.20\nFROM alpine:${VERSION}\nLABEL maintainer=me\n",
            "# syntax=docker/dockerfile:1\nFROM alpine\n",
        ])

    static let keywords = Set(InstructionKind.allCases)

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        // A file with no FROM at all is DA104's finding.
        guard let firstFrom = context.firstFromIndex, index < firstFrom else { return }
        guard instruction.kind != .arg, instruction.kind != .unknown else { return }
        findings.report(
            instruction.keywordRange,
            "\(instruction.keyword.uppercased()) before the first FROM: only ARG may come before FROM; move it into a stage")
    }
}
