import Testing
@testable import DockAuditKit

/// Parser directives (`# syntax=`, `# escape=`, `# check=`): only in the leading run of
/// directive lines, as BuildKit's `DirectiveParser` reads them.
@Suite("Parser directives")
struct DirectiveTests {
    @Test func allThreeDirectivesAtTheTop() {
        let file = parsed(lines: "# syntax=docker/dockerfile:1.7", "# check=skip=JSONArgsRecommended", "# escape=`", "FROM alpine")
        #expect(file.directives.map(\.name) == ["syntax", "check", "escape"])
        #expect(file.directives.map(\.value) == ["docker/dockerfile:1.7", "skip=JSONArgsRecommended", "`"])
        #expect(file.escapeToken == UInt8(ascii: "`"))
        #expect(file.diagnostics.isEmpty)
        // Directive lines are not comments for the first instruction.
        #expect(file.instructions[0].precedingComments == [])
    }

    /// With `` escape=` `` in force, `` RUN a ` `` + ` b` is one instruction; when the
    /// directive was not recognised, `` ` `` is an ordinary character and ` b` becomes an
    /// unknown instruction of its own.
    @Test(arguments: [
        ("instruction first", "FROM alpine\n# escape=`\nRUN a `\n b\n"),
        ("blank line first", "\n# escape=`\nRUN a `\n b\n"),
        ("ordinary comment first", "# build the thing\n# escape=`\nRUN a `\n b\n"),
        ("bare hash first", "#\n# escape=`\nRUN a `\n b\n"),
        ("unknown directive first", "# tool=dockaudit\n# escape=`\nRUN a `\n b\n"),
        ("key with digit first", "# escape9=`\n# escape=`\nRUN a `\n b\n"),
        ("shebang first", "#!/usr/local/bin/dockerfile-runner\n# escape=`\nRUN a `\n b\n"),
        ("directive without value first", "# syntax=\n# escape=`\nRUN a `\n b\n"),
    ])
    func somethingElseEndsTheDirectiveBlock(_ name: String, _ text: String) {
        let file = parsed(text)
        #expect(file.directives.isEmpty, "\(name)")
        #expect(file.escapeToken == UInt8(ascii: "\\"), "\(name)")
        let runs = file.instructions.filter { $0.kind == .run }
        #expect(runs.map(\.original) == ["RUN a `"], "\(name)")
        #expect(file.instructions.last?.keyword == "b", "\(name)")
        #expect(file.instructions.last?.kind == .unknown, "\(name)")
    }

    @Test(arguments: [
        ("#ESCAPE=`", "escape", "`"),
        ("# Escape = `", "escape", "`"),
        ("#\t escape =  `  ", "escape", "`"),
        ("   # escape=`", "escape", "`"),
        ("#escape\t=\t`\t", "escape", "`"),
        ("# SYNTAX = Docker/Dockerfile:Labs ", "syntax", "Docker/Dockerfile:Labs"),
        ("#Check=error=true;skip=all", "check", "error=true;skip=all"),
        ("# syntax = docker/dockerfile:1 // with a comment", "syntax", "docker/dockerfile:1 // with a comment"),
    ])
    func keysAreCaseInsensitiveAndBlanksAreAllowed(_ line: String, _ name: String, _ value: String) {
        let file = parsed(lines: line, "FROM alpine")
        #expect(file.directives.map(\.name) == [name])
        #expect(file.directives.map(\.value) == [value])
        #expect(file.diagnostics.isEmpty)
    }

    @Test func escapeDirectiveChangesContinuationAndWordSplitting() {
        let file = parsed(lines:
            "# escape=`",
            "FROM mcr.microsoft.com/windows/servercore",
            "RUN dir C:\\Windows `",
            "    && echo done",
            "ENV DIR=C:\\Program` Files TOOL=x",
            "COPY app\\ C:\\app\\")
        #expect(file.escapeToken == UInt8(ascii: "`"))
        #expect(file.instructions.map(\.original) == [
            "FROM mcr.microsoft.com/windows/servercore",
            "RUN dir C:\\Windows     && echo done",
            "ENV DIR=C:\\Program` Files TOOL=x",
            "COPY app\\ C:\\app\\",
        ])
        // The backtick protects the space inside the ENV value; backslashes are ordinary.
        #expect(file.instructions[2].argumentValues == ["DIR", "C:\\Program` Files", "=", "TOOL", "x", "="])
        #expect(file.instructions[3].argumentValues == ["app\\", "C:\\app\\"])
    }

    @Test func backslashIsOrdinaryUnderBacktickEscape() {
        let file = parsed(lines: "# escape=`", "FROM alpine", "RUN echo a \\", "RUN echo b", "ENV A=b\\ c")
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN echo a \\", "RUN echo b", "ENV A=b\\ c"])
        // `A=b\` and `c`: the second word has no `=`.
        #expect(file.errorKinds == [.keyValueSyntax])
    }

    @Test func backtickIsOrdinaryUnderDefaultEscape() {
        let file = parsed(lines: "FROM alpine", "RUN echo `date` `", "ENV A=b` c=d")
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN echo `date` `", "ENV A=b` c=d"])
        #expect(file.instructions[2].argumentValues == ["A", "b`", "=", "c", "d", "="])
    }

    @Test func duplicateDirectiveIsAnError() throws {
        for text in ["# escape=`\n# escape=\\\nFROM alpine\n", "# syntax=a\n# SYNTAX=b\nFROM alpine\n", "# check=skip=all\n#check=error=true\nFROM alpine\n"] {
            let file = parsed(text)
            let error = try #require(file.errors.first)
            #expect(error.kind == .duplicateDirective)
            #expect(error.rejectedByBuildKit)
            #expect(error.range.start.line == 2)
            #expect(error.message.hasPrefix("only one ") && error.message.hasSuffix(" parser directive can be used"))
            #expect(file.buildKitError?.kind == .duplicateDirective)
            // The first one counts; parsing goes on.
            #expect(file.directives.count == 1)
            #expect(file.instructions.map(\.keyword) == ["FROM"])
        }
    }

    @Test(arguments: ["# escape=x", "# escape=` foo", "# escape=\\\\", "# escape=''", "# escape= "])
    func invalidEscapeIsAnError(_ line: String) throws {
        let file = parsed(lines: line, "FROM alpine", "RUN a \\", "  b")
        let error = try #require(file.errors.first)
        #expect(error.kind == .invalidEscapeToken)
        #expect(error.rejectedByBuildKit)
        #expect(error.message.hasPrefix("invalid escape token '"))
        #expect(error.message.hasSuffix("' does not match ` or \\"))
        // The default escape stays in force and the rest is parsed.
        #expect(file.escapeToken == UInt8(ascii: "\\"))
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN a   b"])
    }

    /// U+1FEF (GREEK VARIA) is canonically equivalent to `` ` `` but is not the byte
    /// BuildKit compares with; U+FF3C is a fullwidth backslash.
    @Test(arguments: ["# escape=\u{1FEF}", "# escape=\u{FF3C}", "# escape=`\u{301}"])
    func escapeLookalikesAreInvalid(_ line: String) throws {
        let file = parsed(lines: line, "FROM alpine", "RUN a \\", "  b")
        #expect(file.errorKinds == [.invalidEscapeToken])
        #expect(file.escapeToken == UInt8(ascii: "\\"))
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN a   b"])
    }

    @Test func invalidEscapeMessageQuotesTheValue() {
        let file = parsed(lines: "# escape=` foo", "FROM alpine")
        #expect(file.errors.map(\.message) == ["invalid escape token '` foo' does not match ` or \\"])
    }

    @Test func byteOrderMarkThenDirective() {
        let file = parsed(bytes: [0xEF, 0xBB, 0xBF] + Array("# escape=`\nFROM alpine\nRUN a `\n b\n".utf8))
        #expect(file.directives.map(\.name) == ["escape"])
        #expect(file.escapeToken == UInt8(ascii: "`"))
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN a  b"])
        // The BOM is counted in offsets but it is not part of the directive.
        #expect(file.directives[0].range.start.offset == 3)
        #expect(file.directives[0].range.start.column == 1)
    }

    @Test func directiveRangesPointAtTheLineAndValue() {
        let file = parsed(lines: "# syntax = docker/dockerfile:1  ", "#escape=`", "FROM alpine")
        #expect(file.directives[0].range.compact == "1:1-1:33")
        #expect(file.directives[0].valueRange.compact == "1:12-1:31")
        #expect(file.directives[0].valueRange.start.offset == 11)
        #expect(file.directives[1].range.compact == "2:1-2:10")
        #expect(file.directives[1].valueRange.compact == "2:9-2:10")
        #expect(file.directives[1].valueRange.start.offset == 41)
    }

    @Test func directiveLooksLikeCommentAfterTheBlock() {
        // Once the block has ended, a directive-shaped line is an ordinary comment that
        // stays attached to the next instruction.
        let file = parsed(lines: "# syntax=docker/dockerfile:1", "", "# check=skip=all", "FROM alpine")
        #expect(file.directives.map(\.name) == ["syntax"])
        #expect(file.instructions[0].precedingComments == ["check=skip=all"])
        #expect(file.comments.map(\.text) == ["syntax=docker/dockerfile:1", "check=skip=all"])
    }

    @Test func onlyDirectivesIsAFileWithNoInstructions() {
        let file = parsed(lines: "# syntax=docker/dockerfile:1", "# escape=`")
        #expect(file.directives.count == 2)
        #expect(file.instructions.isEmpty)
        #expect(file.errorKinds == [.noInstructions])
        #expect(file.buildKitError?.rejectedByBuildKit == true)
    }
}
