/// DA120: an EXPOSE port above 65535, or a port range that runs backwards.
struct ExposePortOutOfRange: Rule {
    static let description = RuleDescription(
        code: "DA120", name: "expose-port-out-of-range", severity: .error, category: .syntax,
        aliases: ["DL3011"],
        summary: "An EXPOSE port is outside 0–65535, or a port range ends before it starts.",
        rationale: """
            TCP and UDP ports are 16-bit numbers. Docker parses EXPOSE with the same rules as \
            `docker run -p`, and a port above 65535 or a range like `9000-8000` fails the \
            build with `invalid containerPort` or `invalid range`.
            """,
        howToFix: "Fix the port number (a typo such as `80800` for `8080`), and write ranges low to high (`8000-8010`).",
        badExamples: [
            "FROM nginx\nEXPOSE ↓80800\n",
            "FROM alpine\nEXPOSE 80 ↓65536/udp\n",
            "FROM alpine\nEXPOSE ↓8000-70000\n",
            "FROM alpine\nEXPOSE ↓9000-8000/tcp\n",
            "FROM alpine\nARG PORT=100000\nEXPOSE ↓$PORT\n",
        ],
        goodExamples: [
            "FROM nginx\nEXPOSE 80 443/tcp 65535\n",
            "FROM alpine\nEXPOSE 8000-8010/udp\n",
            "FROM alpine\nEXPOSE $PORT\n",
            "FROM alpine\nARG PORT=5000\nEXPOSE ${PORT}\n",
        ],
        differences: [
            "differs from hadolint: a range whose end is below its start (`9000-8000`) is reported too, since Docker rejects it; ports from ARG/ENV values known in the file are checked."
        ])

    static let keywords: Set<InstructionKind> = [.expose]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for word in instruction.words {
            for spec in ExposedPort.specs(of: word, at: index, context: context) where !spec.containsBytes("$") {
                var port = Substring(spec)
                if let slash = port.firstIndex(of: "/") { port = port[..<slash] }
                // An IP address or host port before the container port is DA119's business.
                if let colon = port.lastIndex(of: ":") { port = port[port.index(after: colon)...] }
                let bounds = port.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
                let numbers = bounds.map { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && !$0.isEmpty ? Int($0) ?? Int.max : nil }
                guard !numbers.contains(where: { $0 == nil }) else { continue }
                let values = numbers.compactMap { $0 }
                if let tooLarge = values.first(where: { $0 > 65535 }) {
                    let shown = tooLarge == Int.max ? String(bounds.first { (Int($0) ?? Int.max) > 65535 } ?? port) : String(tooLarge)
                    findings.report(
                        word.range,
                        "EXPOSE \(spec): port \(shown) is above 65535, the highest TCP/UDP port, and the build fails: fix the port number")
                } else if values.count == 2, values[1] < values[0] {
                    findings.report(
                        word.range,
                        "EXPOSE \(spec): the range ends before it starts, and the build fails: write it low to high (\(values[1])-\(values[0]))")
                }
            }
        }
    }
}
