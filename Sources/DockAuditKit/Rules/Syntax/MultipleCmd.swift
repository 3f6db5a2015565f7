/// DA107: more than one CMD in a stage; only the last one counts.
struct MultipleCmd: Rule {
    static let description = RuleDescription(
        code: "DA107", name: "multiple-cmd", severity: .warning, category: .syntax,
        aliases: ["DL4003", "MultipleInstructionsDisallowed"],
        summary: "More than one CMD in a stage.",
        rationale: """
            Only the last CMD of a stage takes effect; earlier ones are silently replaced. \
            An extra one is usually left over from editing, and readers may believe it runs.
            """,
        howToFix: "Delete the CMD that has no effect, or move it to the stage where it belongs.",
        badExamples: [
            "FROM python:3.12-slim\n↓CMD [\"gunicorn\", \"app:app\"]\nCMD [\"python\", \"app.py\"]\n",
            "FROM alpine AS one\n↓CMD [\"gunicorn\", \"app:app\"]\nRUN true\nCMD [\"python\", \"app.py\"]\nFROM alpine\nCMD [\"gunicorn\", \"app:app\"]\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
            "FROM alpine AS one\nCMD [\"gunicorn\", \"app:app\"]\nFROM alpine\nCMD [\"python\", \"app.py\"]\n",
            "FROM alpine\nONBUILD CMD [\"gunicorn\", \"app:app\"]\nCMD [\"python\", \"app.py\"]\n",
        ],
        differences: [
            "differs from hadolint: DL4003 reports the later CMD; dockaudit reports the earlier one, which is the one that has no effect (as BuildKit does).",
        ])

    static let keywords: Set<InstructionKind> = [.cmd]
    var tracker = SingleInstructionTracker()

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        tracker.visit(instruction, index: index, context: context, findings: &findings)
    }
}
