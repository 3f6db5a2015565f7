/// DA118: an EXPOSE port whose protocol is not lower-case (`80/TCP`).
struct ExposeProtoCasing: Rule {
    static let description = RuleDescription(
        code: "DA118", name: "expose-proto-casing", severity: .warning, category: .syntax,
        aliases: ["ExposeProtoCasing"],
        summary: "The protocol of an EXPOSE port is not lower-case.",
        rationale: """
            The protocol after the port (`/tcp`, `/udp`, `/sctp`) is meant to be lower-case. \
            Docker lower-cases it today, but tools that read the image config (orchestrators, \
            scanners, compose files) compare it as written, and BuildKit warns about it.
            """,
        howToFix: "Write the protocol in lower case: `EXPOSE 8080/tcp 53/udp`.",
        badExamples: [
            "FROM nginx\nEXPOSE ↓80/TCP\n",
            "FROM alpine\nEXPOSE 53/udp ↓53/Udp\n",
            "FROM alpine\nARG PROTO=SCTP\nEXPOSE ↓9000/${PROTO}\n",
        ],
        goodExamples: [
            "FROM nginx\nEXPOSE 80/tcp 443\n",
            "FROM alpine\nEXPOSE 53/udp 8000-8010/tcp\n",
            "FROM alpine\nARG PORT=8080\nEXPOSE $PORT\n",
        ],
        fixes: FixDescription(
            "Lower-cases the protocol as written (`80/TCP` → `80/tcp`); Docker lower-cases it anyway, so the build is the same. A protocol that comes from a variable is left alone.",
            before: "FROM nginx\nEXPOSE 80/TCP 53/Udp\n",
            after: "FROM nginx\nEXPOSE 80/tcp 53/udp\n"))

    static let keywords: Set<InstructionKind> = [.expose]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for word in instruction.words {
            for spec in ExposedPort.specs(of: word, at: index, context: context) {
                guard let slash = spec.firstIndex(of: "/") else { continue }
                let rest = spec[spec.index(after: slash)...]
                let proto = rest.split(separator: "/", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                guard proto != proto.lowercased(), !proto.containsBytes("$") else { continue }
                let fixed = String(spec[..<slash]) + "/" + proto.lowercased()
                findings.report(
                    word.range, "protocol '\(proto)' in EXPOSE \(spec) should be lower-case: write \(fixed)",
                    fix: Self.fix(word, context: context))
            }
        }
    }

    /// The word with the protocol after its first `/` in lower case, when the word is
    /// plain text in the file (no variable or quote, not split by a line continuation).
    static func fix(_ word: Word, context: LintContext) -> Fix? {
        let value = word.value
        guard !value.contains(where: { $0 == "$" || $0 == "\"" || $0 == "'" }),
            FixText.isVerbatim(word, in: context.source), let slash = value.firstIndex(of: "/")
        else { return nil }
        let afterSlash = value[value.index(after: slash)...]
        let protoEnd = afterSlash.firstIndex(of: "/") ?? value.endIndex
        let fixed = String(value[...slash]) + value[value.index(after: slash)..<protoEnd].lowercased() + value[protoEnd...]
        return Fix("lower-case the protocol", edits: [TextEdit(range: word.range.bytes, replacement: fixed)])
    }
}

/// The port specs an EXPOSE word stands for, expanded the way BuildKit does (split on
/// unquoted white space after expansion, so one variable can hold several ports).
enum ExposedPort {
    static func specs(of word: Word, at index: Int, context: LintContext) -> [String] {
        guard word.value.containsBytes("$") || word.value.containsBytes("\"") || word.value.containsBytes("'") else { return [word.value] }
        var lexer = ShellLexer(escapeToken: Unicode.Scalar(context.dockerfile.escapeToken))
        lexer.skipUnsetEnv = true
        return (try? lexer.processWords(word.value, environment: context.model.states[index].variables)) ?? [word.value]
    }
}
