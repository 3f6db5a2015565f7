import Testing
@testable import DockAuditKit

@Suite("Heredocs")
struct HeredocTests {
    @Test func plainHeredoc() throws {
        let file = parsed(lines: "FROM alpine", "RUN <<EOF", "apk add curl", "rm -rf /tmp/*", "EOF", "USER nobody")
        let run = file.instructions[1]
        let heredoc = try #require(run.heredocs.first)
        #expect(run.heredocs.count == 1)
        #expect(heredoc.name == "EOF")
        #expect(heredoc.expand)
        #expect(!heredoc.chomp)
        #expect(heredoc.fileDescriptor == 0)
        #expect(heredoc.content == "apk add curl\nrm -rf /tmp/*\n")
        #expect(heredoc.effectiveContent == heredoc.content)
        #expect(run.argumentValues == ["<<EOF"])
        #expect(run.original == "RUN <<EOF")
        #expect(run.startLine == 2)
        #expect(run.endLine == 5)
        // The instruction right after the terminator is read normally.
        #expect(file.instructions.map(\.keyword) == ["FROM", "RUN", "USER"])
        #expect(file.instructions[2].startLine == 6)
        #expect(file.diagnostics.isEmpty)
    }

    @Test func chompKeepsTabsInContentAndStripsThemInEffectiveContent() throws {
        let file = parsed(lines: "RUN <<-SCRIPT", "\tif true; then", "\t\techo yes", "  \tfi", "\t\tSCRIPT", "RUN next")
        let heredoc = try #require(file.instructions[0].heredocs.first)
        #expect(heredoc.chomp)
        #expect(heredoc.content == "\tif true; then\n\t\techo yes\n  \tfi\n")
        // Only leading tabs go; a line starting with spaces keeps everything.
        #expect(heredoc.effectiveContent == "if true; then\necho yes\n  \tfi\n")
        #expect(file.instructions[0].endLine == 5)
        #expect(file.instructions.map(\.original) == ["RUN <<-SCRIPT", "RUN next"])
    }

    @Test func withoutChompAnIndentedTerminatorIsContent() throws {
        let file = parsed(lines: "RUN <<EOF", "x", "\tEOF", "  EOF", "EOF")
        let heredoc = try #require(file.instructions[0].heredocs.first)
        #expect(heredoc.content == "x\n\tEOF\n  EOF\n")
        #expect(file.instructions[0].endLine == 5)
        // With chomp, only tabs may indent the terminator.
        let chomped = parsed(lines: "RUN <<-EOF", "x", "  EOF", "\tEOF")
        #expect(chomped.instructions[0].heredocs.first?.content == "x\n  EOF\n")
    }

    @Test(arguments: [
        ("<<\"EOF\"", "EOF", false),
        ("<<'EOF'", "EOF", false),
        ("<<E\"O\"F", "EOF", false),
        ("<<'E'OF", "EOF", false),
        ("<<-'EOF'", "EOF", false),
        ("<<'two words'", "two words", false),
        ("<<EOF", "EOF", true),
        ("<<E\\OF", "EOF", true),
        ("<<$NAME", "$NAME", true),
        ("<< EOF", "EOF", true),
        ("<<   EOF   ", "EOF", true),
        ("<<end.txt", "end.txt", true),
    ])
    func delimiterForms(_ marker: String, _ name: String, _ expand: Bool) throws {
        let file = parsed(lines: "COPY \(marker) /dst", "body", name, "FROM next")
        let copy = file.instructions[0]
        let heredoc = try #require(copy.heredocs.first)
        #expect(heredoc.name == name)
        #expect(heredoc.expand == expand)
        #expect(heredoc.content == "body\n")
        #expect(file.instructions.map(\.keyword) == ["COPY", "FROM"])
    }

    @Test func chompWithBlankBeforeTheNameIsNotAHeredoc() {
        // BuildKit's lexer splits `<<-` from `EOF`, so no marker matches.
        let file = parsed(lines: "RUN <<- EOF", "\techo hi", "\tEOF")
        #expect(file.instructions[0].heredocs.isEmpty)
        #expect(file.instructions.map(\.keyword) == ["RUN", "echo", "EOF"])
    }

    @Test func severalHeredocsOnOneLineAreReadInOrder() throws {
        let file = parsed(lines: "COPY <<FIRST <<SECOND /etc/", "one", "SECOND", "FIRST", "two", "SECOND", "CMD x")
        let copy = file.instructions[0]
        #expect(copy.heredocs.map(\.name) == ["FIRST", "SECOND"])
        // A line naming the second delimiter inside the first body is content.
        #expect(copy.heredocs.map(\.content) == ["one\nSECOND\n", "two\n"])
        #expect(copy.argumentValues == ["<<FIRST", "<<SECOND", "/etc/"])
        #expect(copy.endLine == 6)
        #expect(file.instructions[1].startLine == 7)
    }

    @Test func heredocWithCommandAroundIt() {
        let interpreter = parsed(lines: "RUN <<PY python3", "print(1)", "PY")
        #expect(interpreter.instructions[0].argumentValues == ["<<PY python3"])
        #expect(interpreter.instructions[0].heredocs.map(\.name) == ["PY"])
        let redirect = parsed(lines: "RUN cat > /etc/motd <<MOTD", "hello", "MOTD")
        #expect(redirect.instructions[0].heredocs.map(\.content) == ["hello\n"])
        let flags = parsed(lines: "RUN --mount=type=cache,target=/root/.cache <<EOF", "pip install x", "EOF")
        #expect(flags.instructions[0].flagTexts == ["--mount=type=cache,target=/root/.cache"])
        #expect(flags.instructions[0].heredocs.map(\.content) == ["pip install x\n"])
    }

    @Test(arguments: [("RUN 3<<EOF", 3, "EOF"), ("RUN cat 9<<DATA", 9, "DATA"), ("RUN 1<<2", 1, "2"), ("RUN 0<<IN", 0, "IN")])
    func fileDescriptorPrefix(_ line: String, _ descriptor: Int, _ name: String) throws {
        let file = parsed(lines: line, "content", name)
        let heredoc = try #require(file.instructions[0].heredocs.first)
        #expect(heredoc.fileDescriptor == descriptor)
        #expect(heredoc.name == name)
        #expect(heredoc.content == "content\n")
    }

    @Test func heredocBodiesOfOnbuildHangOnTheOnbuildNode() throws {
        let file = parsed(lines: "FROM alpine", "ONBUILD RUN <<EOF", "make", "EOF", "ONBUILD COPY <<A /a", "x", "A")
        let onbuild = file.instructions[1]
        #expect(onbuild.kind == .onbuild)
        #expect(onbuild.heredocs.map(\.content) == ["make\n"])
        let trigger = try #require(onbuild.trigger)
        #expect(trigger.heredocs.isEmpty)
        #expect(trigger.argumentValues == ["<<EOF"])
        #expect(onbuild.endLine == 4)
        #expect(file.instructions[2].heredocs.map(\.name) == ["A"])
        #expect(file.instructions.count == 3)
    }

    @Test func onbuildOnbuildIsNotSearchedForHeredocs() {
        let file = parsed(lines: "ONBUILD ONBUILD RUN <<EOF", "body", "EOF")
        #expect(file.instructions[0].heredocs.isEmpty)
        #expect(file.instructions.map(\.keyword) == ["ONBUILD", "body", "EOF"])
    }

    @Test(arguments: ["CMD <<EOF", "ENTRYPOINT <<EOF", "LABEL a=<<EOF", "USER <<EOF"])
    func onlyRunCopyAndAddTakeHeredocs(_ line: String) {
        let file = parsed(lines: line, "body", "EOF")
        #expect(file.instructions[0].heredocs.isEmpty)
        #expect(file.instructions.map(\.keyword) == [String(line.prefix { $0 != " " }), "body", "EOF"])
        #expect(file.instructions[1].kind == .unknown)
    }

    @Test func jsonFormHasNoHeredoc() {
        let file = parsed(lines: "RUN [\"sh\", \"-c\", \"cat <<EOF\"]", "EOF")
        #expect(file.instructions[0].isJSONForm)
        #expect(file.instructions[0].heredocs.isEmpty)
        #expect(file.instructions.map(\.keyword) == ["RUN", "EOF"])
    }

    @Test(arguments: [
        "RUN echo $((1<<2))", "RUN a<<EOF", "RUN echo \"<<EOF\"", "RUN echo '<<EOF'", "RUN cat <<<EOF", "RUN <<'EOF",
    ])
    func notHeredocMarkers(_ line: String) {
        let file = parsed(lines: line, "EOF")
        #expect(file.instructions[0].heredocs.isEmpty)
        #expect(file.instructions.count == 2)
    }

    @Test func crlfBodyKeepsLineEndings() throws {
        let file = parsed("FROM alpine\r\nRUN <<EOF\r\nline one\r\nline two\r\nEOF\r\nRUN after\r\n")
        let heredoc = try #require(file.instructions[1].heredocs.first)
        #expect(heredoc.content == "line one\r\nline two\r\n")
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN <<EOF", "RUN after"])
    }

    @Test func bodyIsRawText() throws {
        // No comment, continuation or directive handling inside a body.
        let file = parsed(lines: "RUN <<EOF", "# not a comment", "echo a \\", "", "   ", "EOF")
        let heredoc = try #require(file.instructions[0].heredocs.first)
        #expect(heredoc.content == "# not a comment\necho a \\\n\n   \n")
        #expect(file.comments.isEmpty)
        #expect(file.warnings.isEmpty)
    }

    @Test func emptyBody() throws {
        let file = parsed(lines: "COPY <<EOF /empty", "EOF")
        let heredoc = try #require(file.instructions[0].heredocs.first)
        #expect(heredoc.content == "")
        #expect(heredoc.contentRange.start == heredoc.contentRange.end)
        #expect(heredoc.terminatorRange?.start.line == 2)
    }

    @Test func markerAfterAContinuationReadsTheBodyAfterTheJoinedLines() throws {
        let file = parsed(lines: "RUN <<EOF \\", "  bash -e", "set -x", "EOF")
        #expect(file.instructions[0].original == "RUN <<EOF   bash -e")
        #expect(file.instructions[0].heredocs.map(\.content) == ["set -x\n"])
        #expect(file.instructions[0].endLine == 4)
    }

    @Test func markersAreFoundWithBackslashEvenUnderBacktickEscape() throws {
        let file = parsed(lines: "# escape=`", "FROM x", "RUN <<EOF `", "  sh", "hi", "EOF")
        #expect(file.instructions[1].original == "RUN <<EOF   sh")
        #expect(file.instructions[1].heredocs.map(\.content) == ["hi\n"])
    }

    @Test func unterminatedHeredocRunsToEndOfFile() throws {
        let file = parsed(lines: "FROM alpine", "RUN <<EOF", "echo one", "EOF2", "RUN echo two")
        let error = try #require(file.errors.first)
        #expect(error.kind == .unterminatedHeredoc)
        #expect(error.rejectedByBuildKit)
        #expect(error.range.start.line == 2)
        let run = file.instructions[1]
        #expect(run.heredocs.first?.content == "echo one\nEOF2\nRUN echo two\n")
        #expect(run.heredocs.first?.terminatorRange == nil)
        #expect(run.endLine == 5)
        #expect(file.instructions.count == 2)
    }

    @Test func unterminatedSecondHeredoc() {
        let file = parsed(lines: "COPY <<A <<B /d", "a", "A", "b")
        #expect(file.errorKinds == [.unterminatedHeredoc])
        #expect(file.instructions[0].heredocs.map(\.content) == ["a\n", "b\n"])
        #expect(file.instructions[0].heredocs.map { $0.terminatorRange != nil } == [true, false])
    }

    @Test func terminatorAtEndOfFileWithoutNewline() throws {
        let file = parsed("RUN <<EOF\nbody\nEOF")
        #expect(file.errors.isEmpty)
        #expect(file.instructions[0].heredocs.first?.content == "body\n")
    }
}
