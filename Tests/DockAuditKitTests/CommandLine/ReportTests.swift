import Foundation
import Testing
@testable import DockAuditKit

@Suite("Reports")
struct ReportTests {
    static let sample = """
        FROM alpine
        MAINTAINER someone
        LABEL a=b
        RUN echo "quoted \\ text"
          EXPOSE 80

        """

    static func finding(_ file: String, _ line: Int, _ column: Int, _ severity: Severity, code: String = "DA900") -> Finding {
        let position = SourcePosition(line: line, column: column, offset: 0)
        return Finding(
            file: file, code: code, name: "test-\(code)", severity: severity, message: "message \(code)",
            range: SourceRange(start: position, end: position))
    }

    @Test func textLinesAndSummary() {
        let result = runCommand(["lint", "-"], standardInput: StandardInputSpy(Self.sample))
        #expect(result.standardOutput == """
            -:2:1: error: MAINTAINER seen [DA901 test-maintainer]
              2 | MAINTAINER someone
                | ^^^^^^^^^^
            -:3:1: style: LABEL seen [DA904 test-label]
              3 | LABEL a=b
                | ^^^^^
            -:4:1: warning: RUN seen [DA902 test-run]
              4 | RUN echo "quoted \\ text"
                | ^^^
            -:5:3: info: EXPOSE seen [DA903 test-expose]
              5 |   EXPOSE 80
                |   ^^^^^^
            4 findings (1 error, 1 warning, 1 info, 1 style) in 1 file

            """)
        #expect(result.standardError.isEmpty)
        #expect(result.exitCode == 1)
    }

    @Test func excerptsMarkTheRangeAndStayShort() {
        let bytes = Array("\u{FEFF}FROM alpine\r\nRUN écho \(String(repeating: "x", count: 300)) end\n".utf8)
        func finding(_ line: Int, _ column: Int, _ offset: Int, to endOffset: Int) -> Finding {
            Finding(
                file: "f", code: "DA900", name: "x", severity: .warning, message: "m",
                range: SourceRange(start: .init(line: line, column: column, offset: offset), end: .init(line: line, column: column, offset: endOffset)))
        }
        let from = TextReport.excerpt(finding(1, 1, 3, to: 7), in: bytes, style: .plain)
        #expect(from == "  1 | FROM alpine\n    | ^^^^\n", "the BOM and the CR are not shown")
        let echoStart = Array("\u{FEFF}FROM alpine\r\nRUN ".utf8).count
        let echo = TextReport.excerpt(finding(2, 5, echoStart, to: echoStart + "écho".utf8.count), in: bytes, style: .plain)
        #expect(echo.hasPrefix("  2 | RUN écho xxx"))
        #expect(echo.contains("\n    |     ^^^^\n"), "one caret per character, not per byte")
        #expect(echo.split(separator: "\n").first!.count <= TextReport.excerptWidth + 8, "a long line is cut")
        let empty = TextReport.excerpt(finding(1, 12, 14, to: 14), in: bytes, style: .plain)
        #expect(empty.hasSuffix("|            ^\n"), "an empty range gets one caret")
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() {
        #expect(DockAuditCommand.colors(.auto, terminal: true, environment: [:]))
        #expect(!DockAuditCommand.colors(.auto, terminal: false, environment: [:]))
        #expect(!DockAuditCommand.colors(.auto, terminal: true, environment: ["NO_COLOR": "1"]))
        #expect(DockAuditCommand.colors(.auto, terminal: true, environment: ["NO_COLOR": ""]))
        #expect(!DockAuditCommand.colors(.auto, terminal: true, environment: ["TERM": "dumb"]))
        #expect(DockAuditCommand.colors(.always, terminal: false, environment: ["NO_COLOR": "1"]))
        #expect(!DockAuditCommand.colors(.never, terminal: true, environment: [:]))
        let colored = runCommand(["lint", "--color", "always", "-"], standardInput: StandardInputSpy("FROM alpine\nRUN true\n"))
        #expect(colored.standardOutput.contains("\u{1B}[1;33mwarning:\u{1B}[0m"))
        let plain = runCommand(["lint", "-"], standardInput: StandardInputSpy("FROM alpine\nRUN true\n"))
        #expect(!plain.standardOutput.contains("\u{1B}"))
    }

    @Test func textIsSortedByFileLineAndColumn() {
        let findings = [
            Self.finding("b", 1, 1, .error, code: "DA002"), Self.finding("a", 2, 5, .warning),
            Self.finding("a", 2, 1, .warning), Self.finding("a", 10, 1, .info), Self.finding("b", 1, 1, .error, code: "DA001"),
        ]
        let lines = TextReport.render(findings).split(separator: "\n").map(String.init)
        #expect(lines == [
            "a:2:1: warning: message DA900 [DA900 test-DA900]",
            "a:2:5: warning: message DA900 [DA900 test-DA900]",
            "a:10:1: info: message DA900 [DA900 test-DA900]",
            "b:1:1: error: message DA001 [DA001 test-DA001]",
            "b:1:1: error: message DA002 [DA002 test-DA002]",
            "5 findings (2 errors, 2 warnings, 1 info) in 2 files",
        ])
    }

    @Test(arguments: [
        ([Severity.error], "1 finding (1 error) in 1 file"),
        ([.warning, .warning], "2 findings (2 warnings) in 1 file"),
        ([.info, .info, .style, .style], "4 findings (2 info, 2 style) in 1 file"),
        ([.style, .error, .warning, .error], "4 findings (2 errors, 1 warning, 1 style) in 1 file"),
    ])
    func summaryWording(severities: [Severity], expected: String) {
        let findings = severities.enumerated().map { Self.finding("f", $0.offset + 1, 1, $0.element) }
        #expect(TextReport.summary(findings) == expected)
    }

    @Test func nothingIsPrintedWhenClean() {
        let result = runCommand(["lint", "-"], standardInput: StandardInputSpy("FROM alpine\nCMD [\"sh\"]\n"))
        #expect(result == CommandResult(exitCode: 0))
    }

    @Test func jsonHasHadolintKeysAndMore() throws {
        let result = runCommand(["lint", "--format", "json", "-"], standardInput: StandardInputSpy(Self.sample))
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.hasSuffix("]\n"))
        let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        let objects = try #require(parsed as? [[String: Any]])
        #expect(objects.count == 4)
        let keys: Set<String> = ["file", "line", "column", "endLine", "endColumn", "code", "name", "level", "message", "aliases"]
        for object in objects {
            #expect(Set(object.keys) == keys)
        }
        let run = try #require(objects.first { $0["code"] as? String == "DA902" })
        #expect(run["file"] as? String == "-")
        #expect(run["line"] as? Int == 4)
        #expect(run["column"] as? Int == 1)
        #expect(run["endLine"] as? Int == 4)
        #expect(run["endColumn"] as? Int == 4)
        #expect(run["name"] as? String == "test-run")
        #expect(run["level"] as? String == "warning")
        #expect(run["message"] as? String == "RUN seen")
        #expect(run["aliases"] as? [String] == ["DL9902"], "a finding carries its rule's aliases")
        #expect(objects.map { $0["line"] as? Int } == [2, 3, 4, 5], "in report order")
    }

    @Test func jsonEscapesAndIsAnEmptyArrayWhenClean() throws {
        let clean = runCommand(["lint", "--format=json", "-"], standardInput: StandardInputSpy("FROM alpine\n"))
        #expect(clean == CommandResult(standardOutput: "[]\n", exitCode: 0))
        let finding = Finding(
            file: "dir/\"odd\" name\\Dockerfile", code: "DA900", name: "x", severity: .info, message: "tab\there \u{1}",
            range: SourceRange(start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 2, offset: 1)))
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONReport.render([finding]).utf8))
        let objects = try #require(parsed as? [[String: Any]])
        #expect(objects.first?["file"] as? String == finding.file)
        #expect(objects.first?["message"] as? String == finding.message)
    }
}
