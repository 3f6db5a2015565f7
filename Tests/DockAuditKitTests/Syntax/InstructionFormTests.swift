import Testing
@testable import DockAuditKit

/// How each instruction's arguments are split, and file-level encodings (BOM, CRLF, CR).
@Suite("Instruction forms")
struct InstructionFormTests {
    @Test func onbuildWrapsATriggerWithoutLineNumbers() throws {
        let file = parsed(lines: "FROM alpine", "ONBUILD RUN make \\", "    install", "onbuild copy --from=x a b")
        let onbuild = file.instructions[1]
        #expect(onbuild.kind == .onbuild)
        #expect(onbuild.startLine == 2)
        #expect(onbuild.endLine == 3)
        #expect(onbuild.original == "ONBUILD RUN make     install")
        let trigger = try #require(onbuild.trigger)
        #expect(trigger.kind == .run)
        #expect(trigger.isTrigger)
        #expect(!onbuild.isTrigger)
        #expect(trigger.startLine == 0)
        #expect(trigger.endLine == 0)
        #expect(trigger.original == "RUN make     install")
        #expect(trigger.argumentValues == ["make     install"])
        #expect(BuildKitDump.dump(file.instructions[2]) == "(onbuild (copy [\"--from=x\"] \"a\" \"b\"))")
    }

    @Test func onbuildForms() {
        let file = parsed(lines:
            "ONBUILD ONBUILD RUN nested",
            "ONBUILD CMD [\"a\", \"b\"]",
            "ONBUILD",
            "ONBUILD ENV A=1 B=2",
            "ONBUILD NOTREAL x",
            "ONBUILD HEALTHCHECK NONE")
        #expect(file.instructions.map { BuildKitDump.dump($0) } == [
            "(onbuild (onbuild (run \"nested\")))",
            "(onbuild (cmd \"a\" \"b\"))",
            "(onbuild)",
            "(onbuild (env \"A\" \"1\" \"=\" \"B\" \"2\" \"=\"))",
            "(onbuild (notreal \"\"))",
            "(onbuild (healthcheck \"NONE\"))",
        ])
        // The JSON attribute belongs to the trigger, not to ONBUILD.
        #expect(file.instructions[1].trigger?.isJSONForm == true)
        #expect(file.instructions[1].isJSONForm == false)
        #expect(file.instructions[2].arguments == .none)
        #expect(file.instructions[0].trigger?.trigger?.kind == .run)
    }

    @Test func maintainerAndOtherWholeRestInstructions() {
        let file = parsed(lines:
            "MAINTAINER Jane Doe <jane@example.com>",
            "USER app  group",
            "WORKDIR /srv/my app",
            "STOPSIGNAL SIGTERM",
            "WORKDIR \"/quoted dir\"")
        #expect(file.instructions.map(\.argumentValues) == [
            ["Jane Doe <jane@example.com>"], ["app  group"], ["/srv/my app"], ["SIGTERM"], ["\"/quoted dir\""],
        ])
    }

    @Test(arguments: [
        ("ENV PATH /usr/local/bin:$PATH", [("PATH", "/usr/local/bin:$PATH", false)]),
        ("ENV GREETING hello   big  world", [("GREETING", "hello   big  world", false)]),
        ("ENV A B=C", [("A", "B=C", false)]),
        ("LABEL author \"Jane Doe\"", [("author", "\"Jane Doe\"", false)]),
        ("ENV A=1 B=\"two words\" C=three\\ words D='$x' E=", [
            ("A", "1", true), ("B", "\"two words\"", true), ("C", "three\\ words", true), ("D", "'$x'", true), ("E", "", true),
        ]),
        ("LABEL \"com.example key\"=value version=1.0", [("\"com.example key\"", "value", true), ("version", "1.0", true)]),
        ("ENV Q=\"a\"b'c' R=\"x\\\"y\"", [("Q", "\"a\"b'c'", true), ("R", "\"x\\\"y\"", true)]),
        ("ENV =blank", [("", "blank", true)]),
        // Legacy form: the raw text is split once on blanks, quotes or not.
        ("ENV \"quoted key\"", [("\"quoted", "key\"", false)]),
        ("ENV URL=http://a/?x=1", [("URL", "http://a/?x=1", true)]),
    ])
    func envAndLabelPairs(_ line: String, _ pairs: [(String, String, Bool)]) throws {
        let file = parsed(lines: line)
        #expect(file.diagnostics.isEmpty)
        guard case .keyValues(let found) = try #require(file.instructions.first).arguments else {
            Issue.record("not key/value arguments")
            return
        }
        #expect(found.map(\.key.value) == pairs.map(\.0))
        #expect(found.map(\.value.value) == pairs.map(\.1))
        #expect(found.map(\.hasEquals) == pairs.map(\.2))
    }

    /// `=` followed by a combining mark is one Swift Character but two scalars; BuildKit
    /// works on bytes, so the `=` still separates key and value.
    @Test func equalsFollowedByACombiningMark() throws {
        let file = parsed(lines: "ENV a=\u{301}b c=d", "ENV x=1 y=\u{301}z", "LABEL k=\u{301}")
        #expect(file.diagnostics.isEmpty)
        let pairs = file.instructions.map { instruction -> [String] in
            guard case .keyValues(let pairs) = instruction.arguments else { return [] }
            return pairs.flatMap { [$0.key.value, $0.value.value, $0.hasEquals ? "=" : ""] }
        }
        #expect(pairs[0].map { Array($0.unicodeScalars) } == [["a"], ["\u{301}", "b"], ["="], ["c"], ["d"], ["="]])
        #expect(pairs[1].map { Array($0.unicodeScalars) } == [["x"], ["1"], ["="], ["y"], ["\u{301}", "z"], ["="]])
        #expect(pairs[2].map { Array($0.unicodeScalars) } == [["k"], ["\u{301}"], ["="]])
    }

    @Test(arguments: ["ENV ONLYKEY", "LABEL ONLYKEY", "ENV ONLY\u{A0}KEY"])
    func legacyFormNeedsAValue(_ line: String) throws {
        let file = parsed(lines: "FROM alpine", line, "RUN next")
        let error = try #require(file.errors.first)
        #expect(error.kind == .keyValueSyntax)
        #expect(error.rejectedByBuildKit)
        #expect(error.message == "\(line.hasPrefix("ENV") ? "ENV" : "LABEL") must have two arguments")
        #expect(file.instructions.count == 3)
    }

    @Test func everyPairNeedsAnEquals() throws {
        let file = parsed(lines: "ENV A=1 B C=3", "LABEL x=1 \"y z\"")
        #expect(file.errors.map(\.message) == [
            "Syntax error - can't find = in \"B\". Must be of the form: name=value",
            "Syntax error - can't find = in \"\\\"y z\\\"\". Must be of the form: name=value",
        ])
        #expect(file.errors.allSatisfy { $0.kind == .keyValueSyntax && $0.rejectedByBuildKit })
        #expect(file.errors.map(\.range.start.line) == [1, 2])
    }

    @Test func argWordsKeepQuotes() {
        let file = parsed(lines: "ARG VERSION", "ARG A=1 B=\"two words\" C", "ARG \"D=4 5\" E=", "ARG", "ARG F=a\\ b")
        #expect(file.instructions.map(\.argumentValues) == [
            ["VERSION"], ["A=1", "B=\"two words\"", "C"], ["\"D=4 5\"", "E="], [], ["F=a\\ b"],
        ])
        #expect(file.diagnostics.isEmpty)
    }

    @Test func healthcheckForms() {
        let file = parsed(lines:
            "HEALTHCHECK NONE",
            "HEALTHCHECK",
            "HEALTHCHECK CMD",
            "HEALTHCHECK  CMD   curl -f x  ",
            "healthcheck cmd true",
            "HEALTHCHECK CONNECT tcp 80")
        #expect(file.instructions.map(\.argumentValues) == [
            ["NONE"], [], ["CMD"], ["CMD", "curl -f x"], ["cmd", "true"], ["CONNECT", "tcp 80"],
        ])
        #expect(file.instructions[0].arguments == .healthcheck(type: file.instructions[0].words[0], command: []))
    }

    @Test(arguments: [
        ("from", InstructionKind.from), ("Run", .run), ("cOpY", .copy), ("HEALTHCHECK", .healthcheck),
        ("Maintainer", .maintainer), ("stopSignal", .stopsignal), ("onBuild", .onbuild), ("entrypoint", .entrypoint),
        ("RUNX", .unknown), ("unknown", .unknown), ("UNKNOWN", .unknown), ("FRÖM", .unknown),
        // Go's strings.ToLower maps U+0130 to `i` and the Kelvin sign to `k`.
        ("WORKD\u{130}R", .workdir), ("MA\u{130}NTA\u{130}NER", .maintainer), ("WOR\u{212A}DIR", .workdir), ("ＲＵＮ", .unknown),
    ])
    func keywordsAreCaseInsensitive(_ keyword: String, _ kind: InstructionKind) throws {
        let instruction = try #require(parsed(lines: "\(keyword) arg").instructions.first)
        #expect(instruction.kind == kind)
        #expect(instruction.keyword == keyword)
    }

    @Test func dottedCapitalIKeywordIsDispatchedLikeBuildKit() throws {
        let file = parsed(lines: "FROM alpine", "ENTRYPO\u{130}NT [\"sh\"]", "ONBU\u{130}LD RUN <<EOF", "make", "EOF")
        #expect(file.instructions.map(\.kind) == [.from, .entrypoint, .onbuild])
        #expect(file.instructions[1].argumentValues == ["sh"])
        #expect(file.instructions[2].heredocs.map(\.content) == ["make\n"])
        #expect(BuildKitDump.dump(file.instructions[1]) == "(entrypoint \"sh\")")
    }

    @Test func unknownInstructionIsIgnoredButKept() throws {
        let file = parsed(lines: "FROM alpine", "RUNN apk add x", "FOO", "RUN ok")
        #expect(file.instructions.map(\.keyword) == ["FROM", "RUNN", "FOO", "RUN"])
        #expect(file.instructions[1].arguments == .ignored)
        #expect(file.instructions[2].arguments == .ignored)
        #expect(file.instructions[1].original == "RUNN apk add x")
        #expect(BuildKitDump.dump(file.instructions[1]) == "(runn \"\")")
        #expect(file.diagnostics.isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let file = parsed(bytes: [0xEF, 0xBB, 0xBF] + Array("FROM alpine\nRUN x\n".utf8))
        #expect(file.instructions.map(\.keyword) == ["FROM", "RUN"])
        #expect(file.instructions[0].keywordRange.start.offset == 3)
        #expect(file.instructions[0].keywordRange.start.column == 1)  // editors do not show the byte order mark
        // Only at the very start: a BOM later is text.
        let later = parsed(bytes: Array("FROM alpine\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("RUN x\n".utf8))
        #expect(later.instructions[1].keyword == "\u{FEFF}RUN")
        #expect(later.instructions[1].kind == .unknown)
    }

    @Test func crlfFileGivesTheSameTreeAsLF() {
        let lines = [
            "# syntax=docker/dockerfile:1", "FROM alpine AS base", "# a comment", "RUN apk add \\", "    curl \\", "",
            "    jq", "ENV A=1 B=\"2 3\"", "COPY <<EOF /etc/x", "body", "EOF", "CMD [\"sh\"]",
        ]
        let lf = DockerfileParser.parse(text: lines.joined(separator: "\n") + "\n")
        let crlf = DockerfileParser.parse(text: lines.joined(separator: "\r\n") + "\r\n")
        #expect(BuildKitDump.dump(crlf) == BuildKitDump.dump(lf))
        #expect(crlf.instructions.map(\.original) == lf.instructions.map(\.original))
        #expect(crlf.instructions.map(\.startLine) == lf.instructions.map(\.startLine))
        #expect(crlf.instructions.map(\.endLine) == lf.instructions.map(\.endLine))
        #expect(crlf.instructions.map(\.precedingComments) == lf.instructions.map(\.precedingComments))
        #expect(crlf.directives.map(\.value) == lf.directives.map(\.value))
        #expect(crlf.diagnostics.map(\.kind) == lf.diagnostics.map(\.kind))
        // Except heredoc bodies, which keep their line endings.
        #expect(crlf.instructions[3].heredocs.first?.content == "body\r\n")
        #expect(lf.instructions[3].heredocs.first?.content == "body\n")
    }

    @Test func finalLineWithoutNewline() {
        let file = parsed("FROM alpine\nCMD [\"sh\"]")
        #expect(file.instructions.map(\.original) == ["FROM alpine", "CMD [\"sh\"]"])
        #expect(file.instructions[1].isJSONForm)
        #expect(file.instructions[1].endLine == 2)
    }

    @Test func loneCarriageReturnIsNotALineBreak() {
        let file = parsed("FROM alpine\rRUN echo hi\r")
        #expect(file.instructions.count == 1)
        #expect(file.instructions[0].startLine == 1)
        // `\r` is a blank inside the line, so FROM gets three words.
        #expect(file.instructions[0].argumentValues == ["alpine", "RUN", "echo", "hi"])
        #expect(file.instructions[0].original == "FROM alpine\rRUN echo hi")
    }

    @Test func precedingComments() {
        let file = parsed(lines: "# first", "", "# second", "FROM alpine AS base", "#", "# after reset", "ARG A", "RUN a # not a comment", "   # indented", "RUN b")
        #expect(file.instructions.map(\.precedingComments) == [["first", "second"], ["after reset"], [], ["# indented"]])
        #expect(file.comments.map(\.text) == ["first", "second", "", "after reset", "indented"])
    }

    @Test func leadingWhitespaceBeforeTheKeyword() {
        let file = parsed(lines: "   FROM alpine", "\t RUN a")
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN a"])
        #expect(file.instructions[1].keywordRange.start.column == 3)
    }

    @Test func instructionsWithNoArguments() {
        let keywords = ["RUN", "CMD", "ENTRYPOINT", "SHELL", "USER", "WORKDIR", "STOPSIGNAL", "EXPOSE", "VOLUME", "ARG", "LABEL", "ENV", "ADD", "COPY", "FROM", "MAINTAINER"]
        let file = DockerfileParser.parse(text: keywords.joined(separator: "\n"))
        #expect(file.instructions.map(\.keyword) == keywords)
        #expect(file.instructions.allSatisfy { $0.arguments == .none })
        #expect(file.diagnostics.isEmpty)
    }

    @Test func fromAndExposeSplitOnBlanksIgnoringQuotes() {
        let file = parsed(lines: "FROM \"my image\" AS x", "EXPOSE 80/tcp  443 \"8080\"")
        #expect(file.instructions[0].argumentValues == ["\"my", "image\"", "AS", "x"])
        #expect(file.instructions[1].argumentValues == ["80/tcp", "443", "\"8080\""])
    }
}
