import Foundation
import Testing
@testable import DockAuditKit

/// Issue 8, hostile input: each input is built here (nothing big is committed), linted by
/// the real rules through the command, and must end in a finding or a clear error naming
/// the file, with the right exit code. How long each takes is measured by
/// `Scripts/hostile-input` against a release build, never asserted here.
@Suite("Hostile input")
struct HostileInputTests {
    /// Lints `bytes` saved as a Dockerfile with every rule, without a build context.
    static func lint(_ bytes: [UInt8], arguments: [String] = []) throws -> (result: CommandResult, path: String) {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let path = try tree.write("Dockerfile", bytes: bytes)
        let result = runCommand(["lint", "--no-context"] + arguments + [path], rules: RuleRegistry.all)
        // Standard output then names the file as the user gave it; make it stable.
        let relative = { (text: String) in text.replacingOccurrences(of: path, with: "Dockerfile") }
        return (
            CommandResult(
                standardOutput: relative(result.standardOutput), standardError: relative(result.standardError),
                exitCode: result.exitCode),
            "Dockerfile"
        )
    }

    static func lint(_ text: String, arguments: [String] = []) throws -> CommandResult {
        try lint(Array(text.utf8), arguments: arguments).result
    }

    /// Runs `body` on a thread with the stack of a secondary thread on macOS (512 KiB), the
    /// least a lint thread gets: nesting that is not bounded overflows it.
    static func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
    }

    // MARK: Size

    @Test func fiftyMegabyteFile() throws {
        // One instruction whose heredoc body is 50 MB: every byte is read, split into
        // lines and indexed, without the cost of 50 MB of instructions (that is the
        // script's job, in a release build).
        var bytes = Array("FROM alpine:3.22\nUSER 10001\nCOPY <<EOF /data.txt\n".utf8)
        let line = Array(String(repeating: "0123456789", count: 9).utf8) + [0x0A]
        bytes.reserveCapacity(50_000_100)
        while bytes.count < 50_000_000 { bytes += line }
        bytes += Array("EOF\nMAINTAINER last line\n".utf8)
        let lastLine = bytes.split(separator: 0x0A).count
        let (result, _) = try Self.lint(bytes, arguments: ["--format", "compact"])
        #expect(result.exitCode == 1, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        // The finding on the last line has its line number right, 50 MB down.
        #expect(result.standardOutput.contains("Dockerfile:\(lastLine):1: "))
    }

    @Test func tenMegabyteLine() throws {
        let text = "FROM alpine:3.22\nRUN echo " + String(repeating: "a", count: 10_000_000) + "\nUSER 10001\n"
        let result = try Self.lint(text)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains(
            "Dockerfile:2:1: error: line 2 is longer than BuildKit's limit of 65535 bytes; docker build fails on it [DA100 parse-error]"))
        // The excerpt under the finding is cut, not 10 MB of `a`.
        #expect(result.standardOutput.utf8.count < 100_000)
    }

    @Test(arguments: ["RUN", "ENV", "LABEL", "COPY", "CMD"])
    func hundredThousandContinuationLines(_ keyword: String) throws {
        var text = "FROM alpine:3.22\nUSER 10001\n" + keyword + " "
        for index in 0..<100_000 {
            switch keyword {
            case "RUN": text += "echo \(index) && \\\n"
            case "ENV": text += "V\(index)=x \\\n"
            case "LABEL": text += "l\(index)=\"x \(index)\" \\\n"
            case "COPY": text += "f\(index) \\\n"
            default: text += index == 0 ? "[ \\\n\"a\(index)\", \\\n" : "\"a\(index)\", \\\n"
            }
        }
        switch keyword {
        case "RUN": text += "true\n"
        case "COPY": text += "/dst/\n"
        case "CMD": text += "\"z\" ]\n"
        default: text += "LAST=1\n"
        }
        let file = DockerfileParser.parse(text: text)
        #expect(file.instructions.count == 3)
        #expect(file.instructions[2].endLine == (keyword == "CMD" ? 100_004 : 100_003))
        let result = try Self.lint(text)
        #expect(result.exitCode <= 1, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        if keyword == "CMD" {
            // The JSON form held together over 100k lines: no shell-form finding.
            #expect(!result.standardOutput.contains("DA110"))
        }
    }

    @Test func tenThousandHeredocs() throws {
        var text = "FROM alpine:3.22\nUSER 10001\n"
        for index in 0..<10_000 { text += "RUN <<EOF\(index)\necho \(index)\nEOF\(index)\n" }
        // And 5k markers on one line (10k would pass BuildKit's 64 KiB line limit).
        text += "RUN " + (0..<5_000).map { "<<M\($0)" }.joined(separator: " ") + "\n"
        for index in 0..<5_000 { text += "echo \(index)\nM\(index)\n" }
        let file = DockerfileParser.parse(text: text)
        #expect(file.instructions.count == 2 + 10_001)
        #expect(file.instructions.last?.heredocs.count == 5_000)
        #expect(file.diagnostics.isEmpty)
        let result = try Self.lint(text)
        #expect(result.exitCode <= 1, "\(result.standardError)")
        #expect(!result.standardOutput.contains("DA100"))

        // The same, with the last heredoc never closed: BuildKit rejects the file there.
        let unterminated = text + "RUN <<NEVER\necho never closed\n"
        let rejected = try Self.lint(unterminated)
        #expect(rejected.exitCode == 1)
        #expect(rejected.standardOutput.contains("error:"))
        #expect(rejected.standardOutput.contains("[DA100 parse-error]"))
    }

    // MARK: Quotes and nesting

    /// A file touching every instruction form; a quote is put at every byte of it in turn.
    static let quoteSample = """
        # syntax=docker/dockerfile:1
        ARG BASE=alpine:3.22
        FROM ${BASE} AS build
        ENV A="x y" B='z'
        LABEL org.opencontainers.image.title="t"
        RUN echo "$A" 'b' `date` $(id -u) && sh -c "echo '$B'"
        COPY --chown=1000 ["a b", "/dst/"]
        HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
        CMD ["python", "-c", "print('x')"]

        """

    @Test(arguments: ["\"", "'", "`", "$(", "${", "[\""])
    func unterminatedQuotesInEveryPosition(_ quote: String) throws {
        let bytes = Array(Self.quoteSample.utf8)
        let linter = Linter(rules: RuleRegistry.all)
        for position in 0...bytes.count {
            var broken = bytes
            broken.insert(contentsOf: Array(quote.utf8), at: position)
            let file = DockerfileParser.parse(SourceFile(path: "Dockerfile", bytes: broken))
            for finding in linter.lint(file) {
                #expect(finding.range.end.offset <= broken.count, "quote at \(position): \(finding.code)")
                #expect(!finding.message.isEmpty)
            }
        }
        // Through the command once: a finding or nothing, never an error.
        var last = bytes
        last.insert(contentsOf: Array(quote.utf8), at: bytes.count - 1)
        let (result, _) = try Self.lint(last)
        #expect(result.exitCode <= 1)
        #expect(result.standardError.isEmpty)
    }

    /// 10k levels of every nesting construct, in every instruction that expands or parses
    /// shell: the recursive parts (shell parser, `${…}` lexer, JSON reader) must stop at
    /// their limit, on the small stack of a lint thread.
    static let nestingCases: [(name: String, text: String)] = {
        let depth = 10_000
        func nested(_ open: String, _ middle: String, _ close: String) -> String {
            String(repeating: open, count: depth) + middle + String(repeating: close, count: depth)
        }
        let braces = nested("${A:-", "x", "}")
        return [
            ("RUN $(", "RUN echo " + nested("$(", "x", ")")),
            ("RUN ${", "RUN echo " + braces),
            ("RUN \"${", "RUN echo \"" + braces + "\""),
            ("RUN subshells", "RUN " + nested("( ", "true", " )")),
            ("RUN groups", "RUN " + nested("{ ", "true;", " }")),
            ("RUN $((", "RUN echo " + nested("$((", "1", "))")),
            ("RUN <(", "RUN cat " + nested("<(", "x", ")")),
            ("RUN \"$(", "RUN echo " + nested("\"$(echo ", "x", ")\"")),
            ("RUN backticks", "RUN echo " + (0..<14).map { String(repeating: "\\", count: (1 << $0) - 1) + "`" }.joined()),
            ("RUN if", "RUN " + nested("if a; then ", "b", "; fi")),
            ("RUN $( heredoc", "RUN " + nested("$(cat <<E\n", "x", "\nE\n)")),
            ("ENV", "ENV B=" + braces),
            ("ARG", "ARG B=" + braces),
            ("LABEL", "LABEL b=" + braces),
            ("WORKDIR", "WORKDIR /" + braces),
            ("USER", "USER " + braces),
            ("EXPOSE", "EXPOSE " + braces),
            ("COPY", "COPY " + braces + " /dst/"),
            ("CMD JSON", "CMD " + nested("[", "", "]")),
            ("FROM", "FROM alpine:" + braces),
        ]
    }()

    @Test(arguments: nestingCases.map(\.name))
    func tenThousandLevelsOfNesting(_ name: String) throws {
        let text = "ARG A\nFROM alpine:3.22\nUSER 10001\n" + Self.nestingCases.first { $0.name == name }!.text + "\n"
        let source = SourceFile(path: "Dockerfile", bytes: Array(text.utf8))
        nonisolated(unsafe) var findings: [Finding] = []
        Self.onSmallStack { findings = Linter(rules: RuleRegistry.all).lint(source) }
        for finding in findings { #expect(finding.range.end.offset <= source.bytes.count) }
        // And through the command (lint threads, every output format's rendering).
        for format in ["text", "json", "sarif"] {
            let result = try Self.lint(text, arguments: ["--format", format])
            #expect(result.exitCode <= 1, "\(format): \(result.standardError)")
        }
    }

    @Test func expansionNestingStopsAtItsLimit() throws {
        let lexer = ShellLexer()
        let environment = VariableTable()
        func nested(_ depth: Int) -> String {
            String(repeating: "${A:-", count: depth) + "x" + String(repeating: "}", count: depth)
        }
        let tooDeep = ExpansionError(message: "syntax error: ${…} nested too deeply (the limit is 100 levels)")
        // Real files nest two or three levels; the stack guard may stop a debug build
        // before the 100 levels a release build reaches.
        #expect(try lexer.processWord(nested(8), environment: environment).value == "x")
        #expect(throws: tooDeep) { _ = try lexer.processWord(nested(101), environment: environment) }
        #expect(throws: tooDeep) { _ = try lexer.processWord(nested(10_000), environment: environment) }
        // The shell parser's own limit, for RUN.
        let script = ShellTestSupport.parse("echo " + String(repeating: "$(", count: 10_000) + "x")
        #expect(script.errors.contains { $0.message.contains("nested too deeply") })
    }

    /// `ENV A=$A$A` doubles A each time: forty lines would be terabytes. Each expansion
    /// stops at `ShellLexer.maximumExpansionBytes` and the word is kept as written.
    @Test func doublingVariablesStayBounded() throws {
        let text = "FROM alpine:3.22\nUSER 10001\nENV A=0123456789abcdef\n" + String(repeating: "ENV A=$A$A\n", count: 40)
            + "RUN echo \"$A\"\n"
        let model = DockerfileModel(DockerfileParser.parse(text: text))
        let last = model.states.count - 1
        let value = try #require(model.states[last].variables.value(of: "A"))
        #expect(value.utf8.count <= ShellLexer.maximumExpansionBytes)
        #expect(throws: ExpansionError(message: "expansion is longer than \(ShellLexer.maximumExpansionBytes) bytes")) {
            let big = String(repeating: "a", count: 40_000)
            _ = try ShellLexer().processWord("$A$A", environment: VariableTable(["A": big]))
        }
        let result = try Self.lint(text)
        #expect(result.exitCode <= 1, "\(result.standardError)")
    }

    @Test func replacementThatMultipliesIsRefused() throws {
        // A match at every position times a 30 KiB replacement.
        let environment = VariableTable(["A": String(repeating: "a", count: 10_000)])
        let word = "${A//?/" + String(repeating: "b", count: 30_000) + "}"
        #expect(throws: ExpansionError.self) { _ = try ShellLexer().processWord(word, environment: environment) }
        #expect(try ShellLexer().processWord("${A//a/b}", environment: environment).value == String(repeating: "b", count: 10_000))
    }

    /// `${v//*a*a*a*b/x}` against 2,000 `a`s: backtracking tried every split of the `a`s.
    @Test func patternSubstitutionIsLinear() throws {
        let environment = VariableTable(["A": String(repeating: "a", count: 2_000), "B": String(repeating: "a", count: 2_000) + "b"])
        let lexer = ShellLexer()
        #expect(try lexer.processWord("${A//*a*a*a*a*a*a*a*a*b/x}", environment: environment).value == String(repeating: "a", count: 2_000))
        #expect(try lexer.processWord("${B//*a*a*a*a*a*a*a*a*b/x}", environment: environment).value == "x")
        #expect(try lexer.processWord("${B#*a*a*b}", environment: environment).value == "")
        #expect(try lexer.processWord("${B%%a*a*a}", environment: environment).value == String(repeating: "a", count: 2_000) + "b")
        // A literal pattern as long as the value: once one recursive call per character,
        // more than a small stack holds in a debug build.
        let long = String(repeating: "a", count: 5_000)
        nonisolated(unsafe) var trimmed: String?
        Self.onSmallStack { trimmed = try? ShellLexer().processWord("${A#\(long)}", environment: VariableTable(["A": long + "z"])).value }
        #expect(trimmed == "z")
    }

    /// The per-token matcher against the backtracking one it replaced, on random short
    /// patterns and values: the same preferred match, greedy or not, at every start.
    @Test func patternMatcherAgreesWithBacktracking() {
        var generator = BadInputTests.Generator(state: 42)
        let alphabet: [Unicode.Scalar] = ["a", "b", "\n"]
        for _ in 0..<3_000 {
            let tokenCount = Int(generator.next() % 6)
            let tokens: [ShellPattern.Token] = (0..<tokenCount).map { _ in
                switch generator.next() % 4 {
                case 0: return .anyString
                case 1: return .anyCharacter
                case 2: return .literal("a")
                default: return .literal("b")
                }
            }
            let subject = (0..<Int(generator.next() % 9)).map { _ in alphabet[Int(generator.next()) % alphabet.count] }
            for greedy in [true, false] {
                let ends = ShellPattern.matchEnds(tokens, in: subject, greedy: greedy)
                for start in 0...subject.count {
                    let expected = Self.backtrackingEnd(tokens, subject, start, greedy)
                    #expect(ends[start] == expected, "\(tokens) on \(subject) from \(start), greedy \(greedy)")
                }
            }
        }
    }

    /// The matcher as it was: depth-first, each `*` trying its preferred span first.
    static func backtrackingEnd(_ tokens: [ShellPattern.Token], _ subject: [Unicode.Scalar], _ position: Int, _ greedy: Bool, _ index: Int = 0) -> Int? {
        guard index < tokens.count else { return position }
        switch tokens[index] {
        case .literal(let scalar):
            guard position < subject.count, subject[position] == scalar else { return nil }
            return backtrackingEnd(tokens, subject, position + 1, greedy, index + 1)
        case .anyCharacter:
            guard position < subject.count, subject[position] != "\n" else { return nil }
            return backtrackingEnd(tokens, subject, position + 1, greedy, index + 1)
        case .anyString:
            var limit = position
            while limit < subject.count, subject[limit] != "\n" { limit += 1 }
            let ends = greedy ? Array((position...limit).reversed()) : Array(position...limit)
            for end in ends {
                if let found = backtrackingEnd(tokens, subject, end, greedy, index + 1) { return found }
            }
            return nil
        }
    }

    // MARK: .dockerignore

    /// `**/**/…/*a*a*a*b` patterns against a tree 50 folders deep: the matcher is an NFA
    /// (time path × pattern), so this stays fast where a backtracking one would not.
    @Test func pathologicalDockerignorePatterns() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let stars = String(repeating: "**/", count: 8)
        let pattern = stars + "*" + String(repeating: "a*", count: 8) + "b"
        try tree.write(".dockerignore", [pattern, stars + "*" + String(repeating: "?", count: 30)].joined(separator: "\n") + "\n")
        var folder = ""
        for depth in 0..<50 {
            folder += (depth == 0 ? "" : "/") + String(repeating: "a", count: 3)
            for file in ["aaaaaaaaaaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaaaaaaaaaa", "keepab"] {
                try tree.write(folder + "/" + file, "x\n")
            }
        }
        let deepFile = folder + "/aaaaaaaaaaaaaaaaaaaaaaab"
        try tree.write("Dockerfile", """
            FROM alpine:3.22
            USER 10001
            COPY aaa/aaa*/aaa*/aa?/* /flat/
            COPY \(deepFile) /deep
            COPY \(folder)/keepab /keep
            COPY . /app/

            """)
        let ignore = Dockerignore(patterns: [pattern])
        #expect(ignore.isExcluded(deepFile))
        #expect(!ignore.isExcluded(folder + "/aaaaaaaaaaaaaaaaaaaaaaaa"))
        let result = runCommand(["lint", "--format", "json", tree.path("Dockerfile")], rules: RuleRegistry.all)
        #expect(result.exitCode <= 1, "\(result.standardError)")
        // The deep file is excluded, so copying it is reported, naming the .dockerignore;
        // `keepab` (one `a`) is not.
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        let ignored = findings.filter { ($0["message"] as? String)?.contains(".dockerignore") == true }
        #expect(ignored.compactMap { $0["line"] as? Int }.contains(4))
        #expect(!ignored.contains { $0["line"] as? Int == 5 })
    }

    // MARK: Bytes

    @Test func nulBytesAreRefusedWithThePath() throws {
        let (result, path) = try Self.lint(Array("FROM alpine\nRUN echo ".utf8) + [0] + Array(" x\n".utf8))
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "dockaudit: \(path): binary file, not a Dockerfile\n")
    }

    /// Invalid UTF-8 is text BuildKit reads (as U+FFFD), not an I/O error: the file is
    /// linted, and every report stays valid in its own format.
    @Test(arguments: [[0x80], [0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]])
    func invalidUTF8InEveryField(_ bad: [UInt8]) throws {
        let fields = [
            "# syntax=§\n", "ARG V=§\n", "FROM alpine:3.22§ AS b§\n", "ENV K§=§ L=\"§\"\n", "LABEL §=\"§\"\n",
            "RUN echo § '§' \"§\" && apt-get install -y §\n", "COPY --chown=§ §src /dst§/\n", "WORKDIR /§\n", "USER §\n",
            "EXPOSE §\n", "CMD [\"§\"]\n", "HEALTHCHECK CMD §\n", "ONBUILD RUN §\n", "RUN <<E§\n§\nE§\n", "# dockaudit ignore=§\n",
        ]
        var bytes: [UInt8] = []
        for field in fields {
            for piece in field.split(separator: "§", omittingEmptySubsequences: false).enumerated() {
                if piece.offset > 0 { bytes += bad }
                bytes += Array(piece.element.utf8)
            }
        }
        for format in ["json", "sarif", "gitlab"] {
            let (result, _) = try Self.lint(bytes, arguments: ["--format", format])
            #expect(result.exitCode <= 1, "\(format): \(result.standardError)")
            let object = try? JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            #expect(object != nil, "\(format) output is not valid JSON")
        }
        for format in ["checkstyle", "junit"] {
            let (result, _) = try Self.lint(bytes, arguments: ["--format", format])
            #expect(result.exitCode <= 1)
            #expect(throws: Never.self) { try XMLDocumentReader.read(result.standardOutput) }
        }
    }
}
