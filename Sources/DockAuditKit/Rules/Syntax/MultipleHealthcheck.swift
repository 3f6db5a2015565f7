/// DA109: more than one HEALTHCHECK in a stage; only the last one counts.
struct MultipleHealthcheck: Rule {
    static let description = RuleDescription(
        code: "DA109", name: "multiple-healthcheck", severity: .warning, category: .syntax,
        aliases: ["DL3012", "MultipleInstructionsDisallowed"],
        summary: "More than one HEALTHCHECK in a stage.",
        rationale: """
            Only the last HEALTHCHECK of a stage takes effect; earlier ones are silently replaced. \
            An extra one is usually left over from editing, and readers may believe it runs.
            """,
        howToFix: "Delete the HEALTHCHECK that has no effect; keep the one the image should use.",
        badExamples: [
            "FROM python:3.12-slim\n↓HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nHEALTHCHECK NONE\n",
            "FROM alpine AS one\n↓HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nRUN true\nHEALTHCHECK NONE\nFROM alpine\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nHEALTHCHECK NONE\n",
            "FROM alpine AS one\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nFROM alpine\nHEALTHCHECK NONE\n",
            "FROM alpine\nONBUILD HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nHEALTHCHECK NONE\n",
        ],
        differences: [
            "differs from hadolint: DL3012 reports the later HEALTHCHECK; dockaudit reports the earlier one, which is the one that has no effect (as BuildKit does).",
        ])

    static let keywords: Set<InstructionKind> = [.healthcheck]
    var tracker = SingleInstructionTracker()

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        tracker.visit(instruction, index: index, context: context, findings: &findings)
    }
}
