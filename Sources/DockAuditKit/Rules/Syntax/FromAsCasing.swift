/// DA113: the `AS` of a FROM in a different case from the FROM keyword.
struct FromAsCasing: Rule {
    static let description = RuleDescription(
        code: "DA113", name: "from-as-casing", severity: .warning, category: .syntax,
        aliases: ["FromAsCasing"],
        summary: "The `AS` keyword of a FROM is not in the same case as `FROM`.",
        rationale: """
            `FROM image as name` mixes the cases of the two keywords of one instruction, \
            which reads as a slip and makes the stage harder to find by searching for \
            `AS`. It is a style matter, but one BuildKit warns about on every build, so \
            fixing it keeps `docker build` output clean (which is why it is a warning, not \
            style). A FROM keyword that is itself in \
            mixed case (`From`) is left to consistent-instruction-casing.
            """,
        howToFix: "Write `AS` after `FROM` and `as` after `from`.",
        badExamples: [
            "FROM python:3.12-slim ↓as build\nFROM python:3.12-slim\n",
            "from alpine ↓AS base\n",
            "FROM alpine ↓As base\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim AS build\n",
            "from alpine as base\n",
            "From alpine as base\n",
            "FROM alpine\n",
        ],
        fixes: FixDescription(
            "Rewrites `AS` in the case of `FROM`; keywords are case-insensitive, so the build is the same.",
            before: "FROM python:3.12-slim as build\nRUN pip wheel -w /wheels .\n",
            after: "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels .\n"))

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let words = instruction.words
        guard words.count >= 3, words[1].value.lowercased() == "as" else { return }
        let keyword = instruction.keyword
        let asWord = words[1].value
        let expected: String
        if keyword == keyword.lowercased() {
            expected = "as"
        } else if keyword == keyword.uppercased() {
            expected = "AS"
        } else {
            return  // a mixed-case FROM is consistent-instruction-casing's finding
        }
        guard asWord != expected else { return }
        findings.report(
            words[1].range, "'\(asWord)' does not match the case of '\(keyword)': write '\(expected)'",
            fix: FixText.isVerbatim(words[1], in: context.source)
                ? Fix("write '\(expected)'", edits: [TextEdit(range: words[1].range.bytes, replacement: expected)]) : nil)
    }
}
