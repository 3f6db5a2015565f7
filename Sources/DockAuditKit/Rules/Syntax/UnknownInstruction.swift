/// DA101: a keyword BuildKit does not know. The parser accepts it; the build then fails.
struct UnknownInstruction: Rule {
    static let description = RuleDescription(
        code: "DA101", name: "unknown-instruction", severity: .error, category: .syntax,
        summary: "An instruction keyword that Docker does not know.",
        rationale: """
            BuildKit's parser keeps an unknown keyword, and the build fails on it with \
            "unknown instruction". It is usually a typo, a line that lost its continuation \
            backslash, or heredoc body lines after an instruction that takes no heredocs \
            (CMD, ENTRYPOINT).
            """,
        howToFix: "Correct the keyword, or join the line to the previous instruction with a trailing backslash. For a multi-line script, use `RUN <<EOF` … `EOF`.",
        badExamples: [
            "FROM alpine\n↓RUNN echo hi\n",
            "FROM alpine\nRUN apt-get update &&\n    ↓apt-get install -y curl\n",
            "FROM alpine\nONBUILD ↓COPPY . /app\n",
            "FROM alpine\n↓{% if debug %}\nRUN pip install debugpy\n↓{% endif %}\n",
        ],
        goodExamples: [
            "FROM alpine\nRUN echo hi\n",
            "from alpine\nrun echo hi\n",
            "FROM alpine\nRUN apt-get update && \\\n    apt-get install -y curl\n",
        ])

    static let keywords: Set<InstructionKind> = [.unknown, .onbuild]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let target = instruction.trigger ?? instruction
        guard target.kind == .unknown else { return }
        findings.report(target.keywordRange, Self.message(for: target.keyword))
    }

    static func message(for keyword: String) -> String {
        if keyword.isEmpty {
            return "an instruction with no keyword: a line continuation ends in nothing; remove the trailing escape"
        }
        if keyword.hasPrefix("{%") || keyword.hasPrefix("{{") {
            return "'\(keyword)' is template syntax, not an instruction: lint the rendered Dockerfile instead of the template"
        }
        var message = "unknown instruction '\(keyword)': docker build fails on it"
        if let suggestion = closestKeyword(to: keyword) {
            message += " (did you mean \(suggestion)?)"
        } else {
            message += "; if it belongs to the previous line, end that line with a backslash"
        }
        return message
    }

    /// The known keyword nearest to `keyword` by edit distance, when it is close.
    static func closestKeyword(to keyword: String) -> String? {
        let lowered = Array(keyword.lowercased().unicodeScalars)
        var best: (keyword: String, distance: Int)?
        for kind in InstructionKind.allCases where kind != .unknown {
            let candidate = Array(kind.rawValue.unicodeScalars)
            let distance = editDistance(lowered, candidate)
            if best == nil || distance < best!.distance { best = (kind.rawValue.uppercased(), distance) }
        }
        guard let best, best.distance <= max(1, lowered.count / 3) else { return nil }
        return best.keyword
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
