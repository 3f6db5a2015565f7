import Foundation
import Testing
@testable import DockAuditKit

#if canImport(Glibc)
import Glibc
#endif

@Suite("lint command")
struct LintCommandTests {
    // MARK: Exit codes

    /// One Dockerfile line per severity: MAINTAINER error, RUN warning, EXPOSE info, LABEL style.
    static let lineFor: [Severity: String] = [
        .error: "MAINTAINER me", .warning: "RUN true", .info: "EXPOSE 80", .style: "LABEL a=b",
    ]

    @Test(arguments: [
        // (severities present, threshold, expected exit code)
        ([Severity](), "info", Int32(0)),
        ([.style], "info", 0), ([.info], "info", 1), ([.warning], "info", 1), ([.error], "info", 1),
        ([.style], "style", 1),
        ([.warning, .info], "error", 0), ([.error], "error", 1),
        ([.info], "warning", 0), ([.warning], "warning", 1),
        ([.error, .warning, .info, .style], "none", 0),
    ])
    func exitCodeFollowsTheThreshold(severities: [Severity], threshold: String, exitCode: Int32) {
        let text = (["FROM alpine"] + severities.compactMap { Self.lineFor[$0] }).joined(separator: "\n") + "\n"
        let result = runCommand(["lint", "--failure-threshold", threshold, "-"], standardInput: StandardInputSpy(text))
        #expect(result.exitCode == exitCode)
        #expect(result.standardError.isEmpty)
        // The threshold decides the exit code only; every finding is still shown.
        #expect(withoutExcerpts(result.standardOutput).split(separator: "\n").count == (severities.isEmpty ? 0 : severities.count + 1))
    }

    // MARK: Opt-in rules

    @Test func optInRulesRunOnlyWhenSelected() {
        let text = "FROM alpine\nUSER app\n"
        #expect(runCommand(["lint", "-"], standardInput: StandardInputSpy(text)) == CommandResult(exitCode: 0))
        for name in ["DA905", "test-user", "dl9905", "DA901,DA905"] {
            let selected = runCommand(["lint", "--select", name, "-"], standardInput: StandardInputSpy(text))
            #expect(selected.exitCode == 1, "--select \(name)")
            #expect(withoutExcerpts(selected.standardOutput).hasPrefix("-:2:1: info: USER seen [DA905 test-user]\n"))
        }
    }

    @Test func selectingAnUnknownRuleIsAUsageError() {
        let spy = StandardInputSpy("FROM alpine\n")
        let result = runCommand(["lint", "--select", "DA905,DA999", "-"], standardInput: spy)
        #expect(result.exitCode == 2)
        #expect(result.standardError.hasPrefix("dockaudit: no rule is called 'DA999'"))
        #expect(spy.reads == 0, "nothing is linted")
    }

    // MARK: Standard input

    @Test func standardInputIsReadOnceAndOnlyWhenAskedFor() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let file = try tree.write("Dockerfile", "FROM alpine\nRUN true\n")
        let spy = StandardInputSpy("FROM alpine\nRUN a\nRUN b\n")
        let result = runCommand(["lint", "-", file, "-"], standardInput: spy)
        #expect(spy.reads == 1)
        #expect(withoutExcerpts(result.standardOutput) == """
            -:2:1: warning: RUN seen [DA902 test-run]
            -:3:1: warning: RUN seen [DA902 test-run]
            \(file):2:1: warning: RUN seen [DA902 test-run]
            3 findings (3 warnings) in 2 files

            """)
        let unused = StandardInputSpy("RUN x\n")
        _ = runCommand(["lint", file], standardInput: unused)
        #expect(unused.reads == 0)
    }

    @Test func standardInputThatCannotBeReadExitsTwo() {
        let failing = StandardInputSpy(failure: InputError(path: "-", problem: .isDirectory))
        let result = runCommand(["lint", "-"], standardInput: failing)
        #expect(result == CommandResult(standardError: "dockaudit: -: is a directory\n", exitCode: 2))
        struct Odd: Error {}
        let odd = runCommand(["parse", "-"], standardInput: StandardInputSpy(failure: Odd()))
        #expect(odd.exitCode == 2)
        #expect(odd.standardError.hasPrefix("dockaudit: -: "))
    }

    @Test func binaryStandardInputIsRefused() {
        let result = runCommand(["lint", "-"], standardInput: StandardInputSpy(bytes: [0x46, 0x00, 0x52]))
        #expect(result == CommandResult(standardError: "dockaudit: -: binary file, not a Dockerfile\n", exitCode: 2))
    }

    // MARK: Bad inputs, in-process

    @Test func missingFileNamesThePath() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let missing = tree.path("nope/Dockerfile")
        let result = runCommand(["lint", missing])
        #expect(result == CommandResult(standardError: "dockaudit: \(missing): no such file or directory\n", exitCode: 2))
    }

    @Test(.timeLimit(.minutes(1)))
    func specialFilesAreRefusedWithoutBlocking() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        // Nobody ever writes to this pipe: opening it for reading the usual way would wait forever.
        let pipe = try tree.makeNamedPipe("Dockerfile.pipe")
        let socket = try tree.makeSocket("Dockerfile.sock")
        defer { close(socket.descriptor) }
        let result = runCommand(["lint", pipe, socket.path, "/dev/null"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            dockaudit: \(pipe): not a regular file (a named pipe); use - to read standard input
            dockaudit: \(socket.path): not a regular file (a socket)
            dockaudit: /dev/null: not a regular file (a character device)
            dockaudit: 3 of 3 paths could not be read

            """)
    }

    @Test func explicitBinaryFileIsRefused() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let image = try tree.write("logo.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])
        let result = runCommand(["lint", image])
        #expect(result == CommandResult(standardError: "dockaudit: \(image): binary file, not a Dockerfile\n", exitCode: 2))
        // UTF-16 has NUL bytes too: it is not a Dockerfile BuildKit can read either.
        let utf16 = try tree.write("Dockerfile.utf16", bytes: [0xFF, 0xFE] + Array("FROM a".utf8).flatMap { [$0, 0] })
        #expect(runCommand(["lint", utf16]).exitCode == 2)
    }

    @Test func unreadableFileFromAnInjectedFailure() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let secret = try tree.write("secret/Dockerfile", "FROM alpine\nRUN true\n")
        let fileSystem = FailingFileSystem(failures: [secret: .permissionDenied])
        let result = runCommand(["lint", secret], fileSystem: fileSystem)
        #expect(result == CommandResult(standardError: "dockaudit: \(secret): permission denied\n", exitCode: 2))
    }

    @Test func aDirectoryGivenToParseIsRefused() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("Dockerfile", "FROM alpine\n")
        let result = runCommand(["parse", tree.root])
        #expect(result == CommandResult(standardError: "dockaudit: \(tree.root): is a directory\n", exitCode: 2))
    }

    @Test func goodFilesAreStillReportedWhenOthersFail() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let good = try tree.write("good/Dockerfile", "FROM alpine\nRUN true\n")
        let locked = try tree.write("locked/Dockerfile", "FROM alpine\nRUN true\n")
        let binary = try tree.write("bin/Dockerfile", bytes: [0, 1, 2])
        let missing = tree.path("missing")
        let fileSystem = FailingFileSystem(failures: [locked: .permissionDenied])
        let result = runCommand(["lint", missing, tree.path("good"), locked, binary], fileSystem: fileSystem)
        #expect(result.exitCode == 2, "an input that could not be read outranks findings")
        #expect(withoutExcerpts(result.standardOutput) == """
            \(good):2:1: warning: RUN seen [DA902 test-run]
            1 finding (1 warning) in 1 file

            """)
        #expect(result.standardError == """
            dockaudit: \(missing): no such file or directory
            dockaudit: \(locked): permission denied
            dockaudit: \(binary): binary file, not a Dockerfile
            dockaudit: 3 of 4 paths could not be read

            """)
    }

    @Test func contextMustBeAFolder() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let file = try tree.write("Dockerfile", "FROM alpine\nRUN true\n")
        let missing = runCommand(["lint", "--context", tree.path("nope"), file])
        #expect(missing == CommandResult(
            standardError: "dockaudit: \(tree.path("nope")): build context: no such file or directory\n", exitCode: 2))
        let notFolder = runCommand(["lint", "--context", file, file])
        #expect(notFolder == CommandResult(
            standardError: "dockaudit: \(file): build context: not a directory\n", exitCode: 2))
        #expect(runCommand(["lint", "--context", tree.root, "--target", "final", file]).exitCode == 1)
    }

    @Test func emptyFolderGetsANoteNotAFailure() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let result = runCommand(["lint", tree.root])
        #expect(result == CommandResult(standardError: "dockaudit: \(tree.root): no Dockerfiles found\n", exitCode: 0))
    }

    // MARK: Awkward but valid files

    @Test(arguments: [
        ("empty", [UInt8](), [String]()),
        ("CRLF", Array("FROM alpine\r\nRUN a \\\r\n  b\r\nRUN c\r\n".utf8), ["2:1", "4:1"]),
        ("BOM", [0xEF, 0xBB, 0xBF] + Array("FROM alpine\nRUN a\n".utf8), ["2:1"]),
        ("invalid UTF-8", Array("FROM alpine\nLABEL x=".utf8) + [0xC3, 0x28, 0xFF] + Array("\nRUN a\n".utf8), ["2:1", "3:1"]),
        ("non-ASCII before the keyword", Array("FROM alpine\n\u{A0}RUN a\n".utf8), ["2:2"]),
        ("no final newline", Array("FROM alpine\nRUN a".utf8), ["2:1"]),
    ])
    func awkwardFilesAreLinted(name: String, bytes: [UInt8], positions: [String]) throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let file = try tree.write("Dockerfile", bytes: bytes)
        let result = runCommand(["lint", "--failure-threshold", "none", file])
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)
        let found = withoutExcerpts(result.standardOutput).split(separator: "\n").dropLast(positions.isEmpty ? 0 : 1).map { line in
            line.dropFirst(file.count + 1).prefix { $0 != " " }.dropLast()
        }
        #expect(found.map(String.init) == positions)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFiveMegabyteFileIsLinted() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let line = "RUN echo 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\n"
        let count = 5_000_000 / line.utf8.count + 1
        let file = try tree.write("Dockerfile", "FROM alpine\n" + String(repeating: line, count: count))
        let result = runCommand(["lint", "--format", "json", file])
        #expect(result.exitCode == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        #expect((parsed as? [Any])?.count == count)
    }

    // MARK: Many files, in parallel

    @Test func outputIsTheSameOnEveryRun() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        for index in 0..<60 {
            try tree.write("s\(index % 7)/Dockerfile.\(index)", "FROM alpine\n" + String(repeating: "RUN x\n", count: index % 4))
        }
        let first = runCommand(["lint", tree.root])
        #expect(first.exitCode == 1)
        #expect(withoutExcerpts(first.standardOutput).split(separator: "\n").count == (0..<60).map { $0 % 4 }.reduce(0, +) + 1)
        for _ in 0..<5 {
            #expect(runCommand(["lint", tree.root]) == first)
        }
        let paths = withoutExcerpts(first.standardOutput).split(separator: "\n").dropLast().map { $0.prefix { $0 != ":" } }
        #expect(paths == paths.sorted())
    }

    @Test func concurrentMapKeepsOrder() {
        let numbers = Array(0..<1000)
        #expect(numbers.concurrentMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect([Int]().concurrentMap { $0 }.isEmpty)
        #expect([7].concurrentMap { $0 + 1 } == [8])
    }

    // MARK: parse and debug-lex-tables

    @Test func parsePrintsOneRecordPerFileInArgumentOrder() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let second = try tree.write("z/Dockerfile", "FROM b\n")
        let first = try tree.write("a/Dockerfile", "FROM a\n")
        let result = runCommand(["parse", "--format", "buildkit-json", second, "-", first], standardInput: StandardInputSpy("FROM c\n"))
        #expect(result.exitCode == 0)
        let lines = withoutExcerpts(result.standardOutput).split(separator: "\n").map(String.init)
        let expected = [(second, "FROM b\n"), ("-", "FROM c\n"), (first, "FROM a\n")].map { path, text in
            BuildKitRecord.record(for: DockerfileParser.parse(text: text, path: path), file: path).serialized()
        }
        #expect(lines == expected)
    }

    @Test func parseReportsFailuresAndKeepsTheRest() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let good = try tree.write("Dockerfile", "FROM a\n")
        let result = runCommand(["parse", tree.path("missing"), good])
        #expect(result.exitCode == 2)
        #expect(withoutExcerpts(result.standardOutput).split(separator: "\n").count == 1)
        #expect(result.standardError == """
            dockaudit: \(tree.path("missing")): no such file or directory
            dockaudit: 1 of 2 files could not be read

            """)
    }

    @Test func debugLexTablesCallsTheConformanceCheck() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let env = try tree.write("envVarTest", "A=b | b\n")
        let words = try tree.write("wordsTest", "hello | [hello]\n")
        let result = runCommand(["debug-lex-tables", env, words])
        let expected = ShellLexerConformance.check(envVarTable: "A=b | b\n", wordsTable: "hello | [hello]\n")
        #expect(result.exitCode == (expected.failures == 0 ? 0 : 1))
        #expect(withoutExcerpts(result.standardOutput).hasPrefix(expected.report))
        let missing = runCommand(["debug-lex-tables", env, tree.path("nope")])
        #expect(missing == CommandResult(standardError: "dockaudit: \(tree.path("nope")): no such file or directory\n", exitCode: 2))
    }
}
