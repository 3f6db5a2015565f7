import Testing
@testable import DockAuditKit

/// Line continuation: the escape character at the end of a line joins the next line on,
/// exactly as BuildKit joins it (nothing inserted, the next line's indentation kept).
@Suite("Line continuations")
struct ContinuationTests {
    @Test(arguments: [
        // (lines, expected Original of the single instruction)
        (["RUN apk add \\", "    curl"], "RUN apk add     curl"),
        (["RUN make\\", "install"], "RUN makeinstall"),
        (["RUN a \\", "\\", " b"], "RUN a  b"),
        (["RUN one \\", "  two \\", "\tthree"], "RUN one   two \tthree"),
        (["RUN a \\ \t ", "b"], "RUN a b"),
        (["RUN a \\\t", "  b"], "RUN a   b"),
        (["  \t RUN indented \\", "    next"], "RUN indented     next"),
        (["RUN tail\\   "], "RUN tail"),
    ])
    func joinedTextIsExactlyBuildKits(_ lines: [String], _ original: String) throws {
        let file = DockerfileParser.parse(text: lines.joined(separator: "\n") + "\n")
        let instruction = try #require(file.instructions.first)
        #expect(file.instructions.count == 1)
        #expect(instruction.original == original)
        #expect(instruction.startLine == 1)
        #expect(instruction.endLine == lines.count)
        #expect(file.diagnostics.isEmpty)
    }

    @Test func doubledEscapeIsNotAContinuation() {
        let file = parsed(lines: "RUN echo a\\\\", "RUN echo b\\\\\\", "RUN echo c")
        // `a\\` ends the line; `b\\\` is not a continuation either (BuildKit's regex
        // only looks at the character before the last escape).
        #expect(file.instructions.map(\.original) == ["RUN echo a\\\\", "RUN echo b\\\\\\", "RUN echo c"])
        #expect(file.instructions.map(\.startLine) == [1, 2, 3])
    }

    @Test func escapeInTheMiddleIsKept() {
        let file = parsed(lines: "RUN a \\ b", "RUN c")
        #expect(file.instructions.map(\.original) == ["RUN a \\ b", "RUN c"])
    }

    @Test func backtickContinuationUnderEscapeDirective() {
        let file = parsed(lines: "# escape=`", "FROM alpine", "RUN a `  ", "  b `", "c", "RUN d``", "RUN e")
        #expect(file.instructions.map(\.original) == ["FROM alpine", "RUN a   b c", "RUN d``", "RUN e"])
        #expect(file.instructions[1].startLine == 3)
        #expect(file.instructions[1].endLine == 5)
    }

    @Test func commentLinesInsideAreRemovedWithoutWarning() throws {
        let file = parsed(lines: "RUN apt-get update \\", "# a comment \\", "    # an indented one", "  && apt-get install -y curl", "FROM x")
        let run = try #require(file.instructions.first)
        #expect(run.original == "RUN apt-get update   && apt-get install -y curl")
        #expect(run.startLine == 1)
        #expect(run.endLine == 4)
        #expect(file.warnings.isEmpty)
        #expect(file.comments.map(\.insideInstruction) == [true, true])
        #expect(file.comments.map(\.text) == ["a comment \\", "an indented one"])
        #expect(file.instructions[1].original == "FROM x")
    }

    @Test func emptyLinesInsideKeepItGoingWithOneWarningAtTheLastLine() throws {
        let file = parsed(lines: "FROM x", "RUN a \\", "", "  \t", "  b \\", "", "  c", "RUN d")
        let run = file.instructions[1]
        #expect(run.original == "RUN a   b   c")
        #expect(run.startLine == 2)
        #expect(run.endLine == 7)
        #expect(run.emptyContinuationLines == [3, 4, 6])
        let warning = try #require(file.warnings.first)
        #expect(file.warnings.count == 1)
        #expect(warning.kind == .emptyContinuationLine)
        #expect(!warning.rejectedByBuildKit)
        #expect(warning.range.start.line == 7)
        #expect(file.instructions[2].original == "RUN d")
        #expect(file.buildKitError == nil)
    }

    @Test func commentAndEmptyLinesMixed() {
        let file = parsed(lines: "RUN a \\", "# note", "", "b")
        #expect(file.instructions.map(\.original) == ["RUN a b"])
        #expect(file.instructions[0].emptyContinuationLines == [3])
        #expect(file.warnings.map(\.range.start.line) == [4])
    }

    @Test func continuationAtEndOfFile() {
        for text in ["FROM x\nRUN something \\", "FROM x\nRUN something \\\n", "FROM x\nRUN something \\\n\n"] {
            let file = parsed(text)
            #expect(file.instructions.map(\.original) == ["FROM x", "RUN something "])
            #expect(file.instructions[1].startLine == 2)
            #expect(file.errors.isEmpty)
        }
        // Trailing blank lines after the escape count as empty continuation lines.
        #expect(parsed("FROM x\nRUN something \\\n\n").warnings.count == 1)
        #expect(parsed("FROM x\nRUN something \\\n").warnings.isEmpty)
    }

    @Test func nextLineStartingWithAKeywordIsAppended() {
        let file = parsed(lines: "FROM x", "RUN echo a \\", "RUN echo b", "COPY . /")
        #expect(file.instructions.map(\.original) == ["FROM x", "RUN echo a RUN echo b", "COPY . /"])
        #expect(file.instructions[1].words.map(\.value) == ["echo a RUN echo b"])
    }

    @Test func lineOfOnlyAnEscapeStartsAContinuation() {
        let file = parsed(lines: "FROM x", "\\", "RUN a")
        #expect(file.instructions.map(\.original) == ["FROM x", "RUN a"])
        #expect(file.instructions[1].startLine == 2)
        #expect(file.instructions[1].endLine == 3)
    }

    @Test func commentLineEndingInEscapeIsNotContinued() {
        let file = parsed(lines: "FROM x", "# comment \\", "RUN a")
        #expect(file.instructions.map(\.original) == ["FROM x", "RUN a"])
        #expect(file.instructions[1].precedingComments == ["comment \\"])
    }

    @Test func crlfContinuation() {
        let file = parsed("FROM x\r\nRUN a \\\r\n  b\r\n")
        #expect(file.instructions.map(\.original) == ["FROM x", "RUN a   b"])
        #expect(file.instructions[1].endLine == 3)
    }

    @Test func continuedWordsKeepTheirSplit() {
        let file = parsed(lines: "COPY src/a \\", "     src/b \\", "     /dst/")
        #expect(file.instructions[0].argumentValues == ["src/a", "src/b", "/dst/"])
        let glued = parsed(lines: "COPY src/a\\", "src/b /dst/")
        #expect(glued.instructions[0].argumentValues == ["src/asrc/b", "/dst/"])
    }
}
