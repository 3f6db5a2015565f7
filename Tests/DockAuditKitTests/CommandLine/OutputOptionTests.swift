import Foundation
import Testing
@testable import DockAuditKit

@Suite("--output, --statistics, --quiet")
struct OutputOptionTests {
    static func settings(_ arguments: [String]) throws -> LintSettings {
        guard case .lint(let settings, _, _) = try ArgumentParser.parse(["lint"] + arguments + ["x"]) else {
            Issue.record("not a lint invocation")
            return LintSettings()
        }
        return settings
    }

    @Test(arguments: [
        // (arguments, files written, standard output format, standard output written)
        (["-f", "sarif", "-o", "a.sarif"], [FileOutput(format: .sarif, path: "a.sarif")], nil as OutputFormat?, false),
        (["-f", "sarif", "-o", "a.sarif", "-f", "text"], [FileOutput(format: .sarif, path: "a.sarif")], .text, true),
        (["-o", "out.txt"], [FileOutput(format: nil, path: "out.txt")], nil, false),
        (["-f", "json", "-f", "text"], [], .text, true),
        (["-f", "gitlab", "--output=gl.json", "-f", "junit", "-o", "j.xml", "--format", "github"],
         [FileOutput(format: .gitlab, path: "gl.json"), FileOutput(format: .junit, path: "j.xml")], .github, true),
    ])
    func formatsPairWithTheOutputAfterThem(arguments: [String], files: [FileOutput], format: OutputFormat?, standardOutput: Bool) throws {
        let settings = try Self.settings(arguments)
        #expect(settings.fileOutputs == files)
        #expect(settings.format == format)
        #expect((settings.writesStandardOutput ?? true) == standardOutput)
    }

    @Test func reportsAreWrittenToFilesAndStandardOutputKeepsItsOwn() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let dockerfile = try tree.write("Dockerfile", "FROM alpine:3.20\nMAINTAINER me\nRUN true\n")
        let json = tree.path("out/report.json")
        try tree.makeDirectory("out")
        let result = runCommand(["lint", "--format", "json", "--output", json, "--format", "compact", dockerfile])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput == "\(dockerfile):2:1: error: MAINTAINER seen [DA901]\n\(dockerfile):3:1: warning: RUN seen [DA902]\n")
        let written = try String(contentsOfFile: json, encoding: .utf8)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["code"] as? String } == ["DA901", "DA902"])
        let onlyFile = runCommand(["lint", "-o", json, dockerfile])
        #expect(onlyFile.standardOutput.isEmpty, "-o alone sends the report to the file instead")
        #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("\(dockerfile):2:1: error: MAINTAINER seen"))
    }

    @Test func anOutputThatCannotBeWrittenIsAnError() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let dockerfile = try tree.write("Dockerfile", "FROM alpine:3.20\n")
        let result = runCommand(["lint", "-o", tree.path("missing/folder/out.txt"), dockerfile])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("(--output)"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func statisticsCountFindingsPerRule() {
        let text = "FROM alpine\nRUN a\nRUN b\nMAINTAINER me\nLABEL a=b\n"
        let result = runCommand(["lint", "--statistics", "-"], standardInput: StandardInputSpy(text))
        #expect(result.standardOutput == """
            2  DA902 test-run
            1  DA901 test-maintainer
            1  DA904 test-label
            4 findings (1 error, 2 warnings, 1 style) in 1 file

            """)
        #expect(result.exitCode == 1)
    }

    @Test func quietPrintsNothingButKeepsTheExitCode() {
        let result = runCommand(["lint", "--quiet", "-"], standardInput: StandardInputSpy("FROM alpine\nRUN a\n"))
        #expect(result == CommandResult(exitCode: 1))
    }
}
