import Testing
@testable import DockAuditKit

/// Where BuildKit stops at the first error, dockaudit records a diagnostic and reads on.
@Suite("Error recovery")
struct ErrorRecoveryTests {
    @Test func malformedInstructionsDoNotStopTheParse() {
        let file = parsed(lines:
            "# escape=\\",
            "# ESCAPE=`",
            "FROM alpine",
            "ENV ONLYKEY",
            "CMD [\"sh\", 1]",
            "LABEL a=1 b",
            "RUN echo still parsed",
            "COPY <<EOF /x",
            "never terminated")
        #expect(file.errorKinds == [.duplicateDirective, .keyValueSyntax, .jsonNotStringArray, .keyValueSyntax, .unterminatedHeredoc])
        #expect(file.errors.map(\.range.start.line) == [2, 4, 5, 6, 8])
        #expect(file.errors.allSatisfy { $0.rejectedByBuildKit })
        #expect(file.buildKitError?.kind == .duplicateDirective)
        #expect(file.instructions.map(\.keyword) == ["FROM", "ENV", "CMD", "LABEL", "RUN", "COPY"])
        #expect(file.instructions[4].argumentValues == ["echo still parsed"])
        #expect(file.instructions[5].heredocs.first?.content == "never terminated\n")
    }

    @Test func badEnvKeepsTheGoodPairs() throws {
        let file = parsed(lines: "ENV A=1 B C=3")
        #expect(file.errorKinds == [.keyValueSyntax])
        guard case .keyValues(let pairs) = try #require(file.instructions.first).arguments else {
            Issue.record("no pairs")
            return
        }
        #expect(pairs.map(\.key.value) == ["A", "C"])
    }

    @Test(arguments: ["", "\n", "\n\n\n", "   \t \n  ", "# only a comment\n", "# syntax=docker/dockerfile:1\n\n# notes\n", "\r\n\r\n"])
    func fileWithNoInstructions(_ text: String) throws {
        let file = parsed(text)
        #expect(file.instructions.isEmpty)
        let error = try #require(file.errors.first)
        #expect(file.errors.count == 1)
        #expect(error.kind == .noInstructions)
        #expect(error.rejectedByBuildKit)
    }

    /// BuildKit places "file with no instructions" on the last line it read.
    @Test(arguments: [("", 1), ("\n", 1), ("  \n\t\n", 2), ("# a\n# b\n# c\n", 3), ("# a\n\n# c", 3), ("\r\n\r\n", 2)])
    func noInstructionsIsReportedOnTheLastLine(_ text: String, _ line: Int) throws {
        let error = try #require(parsed(text).errors.first)
        #expect(error.kind == .noInstructions)
        #expect(error.range.start.line == line)
        #expect(error.range.start.offset <= text.utf8.count)
    }

    @Test func lineLongerThanBuildKitsLimit() throws {
        let long = String(repeating: "a", count: 70_000)
        let file = parsed(lines: "FROM alpine", "RUN echo \(long)", "USER nobody")
        let error = try #require(file.errors.first)
        #expect(file.errors.count == 1)
        #expect(error.kind == .lineTooLong)
        #expect(error.rejectedByBuildKit)
        #expect(error.range.start.line == 2)
        #expect(file.instructions.map(\.keyword) == ["FROM", "RUN", "USER"])
        #expect(file.instructions[1].argumentValues == ["echo \(long)"])
    }

    @Test func lineLengthLimitBoundary() {
        // bufio.Scanner's 64 KiB token holds the line and its newline.
        let fits = "RUN " + String(repeating: "b", count: 65_535 - 4)
        #expect(parsed(lines: fits).errors.isEmpty)
        let tooLong = fits + "b"
        #expect(parsed(lines: tooLong).errorKinds == [.lineTooLong])
    }

    @Test func longLineInsideAHeredocBodyOrContinuation() {
        let long = String(repeating: "x", count: 66_000)
        #expect(parsed(lines: "RUN <<EOF", long, "EOF").errorKinds == [.lineTooLong])
        #expect(parsed(lines: "RUN a \\", long).errorKinds == [.lineTooLong])
        // Reported once per file.
        #expect(parsed(lines: "RUN \(long)", "RUN \(long)").errorKinds == [.lineTooLong])
    }

    @Test func unterminatedHeredocThenNothingElse() {
        let file = parsed(lines: "FROM alpine", "RUN <<EOF", "RUN echo this is body text")
        #expect(file.errorKinds == [.unterminatedHeredoc])
        #expect(file.instructions.count == 2)
        #expect(file.instructions[1].endLine == 3)
    }

    @Test func warningsAreNotBuildKitErrors() {
        let file = parsed(lines: "RUN a \\", "", "  b")
        #expect(file.buildKitError == nil)
        #expect(file.warnings.map(\.kind) == [.emptyContinuationLine])
    }
}

struct UnterminatedHeredocReportTests {
    @Test func oneErrorForTwoUnterminatedHeredocs() {
        let file = DockerfileParser.parse(text: "FROM a\nCOPY <<A <<B /dst/\nbody\n")
        #expect(file.diagnostics.filter { $0.kind == .unterminatedHeredoc }.count == 1)
        #expect(file.instructions[1].heredocs.count == 2)
    }
}
