/// DA116: instruction keywords not in the case most of the file uses.
struct ConsistentInstructionCasing: Rule {
    static let description = RuleDescription(
        code: "DA116", name: "consistent-instruction-casing", severity: .warning, category: .syntax,
        aliases: ["ConsistentInstructionCasing"],
        summary: "An instruction keyword not written in the case (upper or lower) most of the file uses.",
        rationale: """
            Keywords are case-insensitive, so mixing `RUN` and `run`, or writing `Run`, \
            changes nothing in the build, but it makes instructions harder to scan and to \
            search for, and usually marks lines pasted from elsewhere. dockaudit counts the \
            FROM and stage instructions that are all upper or all lower case (global ARGs \
            before the first FROM are not counted); the larger group sets the case, and a \
            tie means upper case, as in BuildKit. It stays a warning rather than style \
            because BuildKit prints it on every build.
            """,
        howToFix: "Write every instruction keyword in the same case, conventionally upper case (`RUN`, not `run` or `Run`).",
        badExamples: [
            "FROM alpine\n↓run apk add --no-cache curl\nCOPY . /app\n",
            "from alpine\nrun true\n↓COPY . /app\n",
            "FROM alpine\n↓Run true\n",
        ],
        goodExamples: [
            "FROM alpine\nRUN true\nCOPY . /app\n",
            "from alpine\nrun true\ncopy . /app\n",
            "arg TAG=3.20\nFROM alpine:${TAG}\nRUN true\n",
        ],
        fixes: FixDescription(
            "Rewrites the keyword in the case most of the file uses; keywords are case-insensitive, so the build is the same.",
            before: "FROM alpine\nrun apk add --no-cache curl\nCopy . /app\n",
            after: "FROM alpine\nRUN apk add --no-cache curl\nCOPY . /app\n"))

    func finish(context: LintContext, findings: inout FindingSink) {
        guard let first = context.firstFromIndex else { return }
        let instructions = context.instructions[first...].filter { $0.kind != .unknown }
        var lower = 0
        var upper = 0
        for instruction in instructions {
            let keyword = instruction.keyword
            if keyword == keyword.lowercased() { lower += 1 } else if keyword == keyword.uppercased() { upper += 1 }
        }
        let majorityLower = lower > upper
        for instruction in instructions {
            let keyword = instruction.keyword
            let expected = majorityLower ? keyword.lowercased() : keyword.uppercased()
            guard keyword != expected else { continue }
            // Spelled from the kind, not by case-mapping what was written: BuildKit lowers
            // `İ` to `i`, where Swift's mapping would leave a keyword BuildKit does not know.
            let fixed = majorityLower ? instruction.kind.rawValue : instruction.kind.rawValue.uppercased()
            findings.report(
                instruction.keywordRange,
                "'\(keyword)' does not match the \(majorityLower ? "lower" : "upper") case of most instructions: write '\(expected)'",
                fix: FixText.isVerbatimKeyword(of: instruction, in: context.source)
                    ? Fix("write '\(fixed)'", edits: [TextEdit(range: instruction.keywordRange.bytes, replacement: fixed)]) : nil)
        }
    }
}
