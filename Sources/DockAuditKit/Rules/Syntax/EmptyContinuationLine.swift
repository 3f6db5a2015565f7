/// DA102: a blank line inside a continued instruction.
struct EmptyContinuationLine: Rule {
    static let description = RuleDescription(
        code: "DA102", name: "empty-continuation-line", severity: .warning, category: .syntax,
        aliases: ["NoEmptyContinuation"],
        summary: "An empty or blank line inside an instruction continued with a backslash.",
        rationale: """
            BuildKit skips empty lines inside a continuation but warns that they will become \
            errors in a future release, and a blank line there often hides a missing \
            backslash. Remove the line, or turn it into a comment if it separates groups.
            """,
        howToFix: "Delete the empty line, or replace it with a comment line (`#`), which BuildKit skips without a warning.",
        badExamples: [
            "FROM alpine\nRUN apk add \\\n↓\n    curl\n",
            "FROM alpine\nEXPOSE \\\n↓   \n    80\n",
        ],
        goodExamples: [
            "FROM alpine\nRUN apk add \\\n    curl\n",
            "FROM alpine\nRUN apk add \\\n# the HTTP client\n    curl\n",
            "FROM alpine\nRUN echo a\n\nRUN echo b\n",
        ],
        differences: [
            "differs from hadolint: hadolint fails to parse such files (DL1000) and lints nothing; dockaudit parses them as BuildKit does and reports the blank line itself.",
            "differs from BuildKit: BuildKit reports on the instruction's last line; dockaudit at the first empty line itself.",
        ])

    static let keywords = Set(InstructionKind.allCases)

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let first = instruction.emptyContinuationLines.first else { return }
        let source = context.source
        let count = instruction.emptyContinuationLines.count
        let lines = count == 1 ? "an empty line" : "\(count) empty lines"
        findings.report(
            source.range(source.lineBytes(first)),
            "\(lines) inside a continued \(instruction.keyword.uppercased()): remove \(count == 1 ? "it" : "them") (empty continuation lines will become errors in Docker)")
    }
}
