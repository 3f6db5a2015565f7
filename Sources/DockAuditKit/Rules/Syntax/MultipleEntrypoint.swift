/// DA108: more than one ENTRYPOINT in a stage; only the last one counts.
struct MultipleEntrypoint: Rule {
    static let description = RuleDescription(
        code: "DA108", name: "multiple-entrypoint", severity: .warning, category: .syntax,
        aliases: ["DL4004", "MultipleInstructionsDisallowed"],
        summary: "More than one ENTRYPOINT in a stage.",
        rationale: """
            Only the last ENTRYPOINT of a stage takes effect; earlier ones are silently replaced. \
            An extra one is usually left over from editing, and readers may believe it runs.
            """,
        howToFix: "Delete the ENTRYPOINT that has no effect, or move it to the stage where it belongs.",
        badExamples: [
            "FROM python:3.12-slim\n↓ENTRYPOINT [\"/entrypoint.sh\"]\nENTRYPOINT [\"tini\", \"--\"]\n",
            "FROM alpine AS one\n↓ENTRYPOINT [\"/entrypoint.sh\"]\nRUN true\nENTRYPOINT [\"tini\", \"--\"]\nFROM alpine\nENTRYPOINT [\"/entrypoint.sh\"]\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nENTRYPOINT [\"tini\", \"--\"]\n",
            "FROM alpine AS one\nENTRYPOINT [\"/entrypoint.sh\"]\nFROM alpine\nENTRYPOINT [\"tini\", \"--\"]\n",
            "FROM alpine\nONBUILD ENTRYPOINT [\"/entrypoint.sh\"]\nENTRYPOINT [\"tini\", \"--\"]\n",
        ],
        differences: [
            "differs from hadolint: DL4004 reports the later ENTRYPOINT; dockaudit reports the earlier one, which is the one that has no effect (as BuildKit does).",
        ])

    static let keywords: Set<InstructionKind> = [.entrypoint]
    var tracker = SingleInstructionTracker()

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        tracker.visit(instruction, index: index, context: context, findings: &findings)
    }
}
