import Foundation
import Testing
@testable import DockAuditKit

#if canImport(Glibc)
import Glibc
#endif

/// The built `dockaudit` run as a subprocess: what users and CI actually see.
@Suite("dockaudit executable", .timeLimit(.minutes(2)))
struct ExecutableTests {
    let executable: String

    init() throws {
        executable = try #require(executablePath(), "build the dockaudit executable first (swift build)")
    }

    @Test func versionAndUsageError() throws {
        let version = try runProcess(executable, ["--version"])
        #expect(version.standardOutput == "dockaudit 0.1.0\n")
        #expect(version.exitCode == 0)
        let usage = try runProcess(executable, ["lint"])
        #expect(usage.exitCode == 2)
        #expect(usage.standardOutput.isEmpty)
        #expect(usage.standardError.hasPrefix("dockaudit: no PATH given"))
    }

    @Test func standardInputAndCleanFiles() throws {
        let result = try runProcess(executable, ["lint", "--format", "json", "-"], standardInput: "FROM alpine:3.22\r\nRUN true\r\nUSER 10001\r\n")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == "[]\n")
        let parse = try runProcess(executable, ["parse", "-"], standardInput: "\u{FEFF}FROM alpine\n")
        #expect(parse.exitCode == 0)
        #expect(parse.standardOutput.hasPrefix("{\"file\": \"-\", \"ok\": true"))
    }

    @Test func badInputsExitTwoAndNameThePath() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let good = try tree.write("good/Dockerfile", "FROM alpine:3.22\nUSER 10001\n")
        let binary = try tree.write("archive.tar", bytes: Array("ustar".utf8) + [0, 0, 0])
        let pipe = try tree.makeNamedPipe("Dockerfile.fifo")
        let missing = tree.path("missing/Dockerfile")
        let result = try runProcess(executable, ["lint", good, binary, pipe, missing, tree.root], timeout: 30)
        #expect(!result.timedOut, "a named pipe must be refused, not waited on")
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            dockaudit: \(binary): binary file, not a Dockerfile
            dockaudit: \(pipe): not a regular file (a named pipe); use - to read standard input
            dockaudit: \(missing): no such file or directory
            dockaudit: 3 of 4 paths could not be read

            """)
    }

    @Test func parseRefusesADirectory() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let result = try runProcess(executable, ["parse", tree.root])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "dockaudit: \(tree.root): is a directory\n")
    }

    @Test func largeAndOddFilesParse() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let line = "RUN echo 0123456789abcdefghijklmnopqrstuvwxyz\r\n"
        let big = try tree.write("Dockerfile.big", "FROM alpine\r\n" + String(repeating: line, count: 5_000_000 / line.utf8.count))
        let invalid = try tree.write("Dockerfile.bad", bytes: Array("FROM a\nRUN \u{FF}".utf8) + [0xFF, 0xFE, 0x80, 0x0A])
        let empty = try tree.write("Dockerfile.empty", "")
        let result = try runProcess(executable, ["parse", big, invalid, empty])
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)
        let records = try result.standardOutput.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.map { $0["file"] as? String } == [big, invalid, empty])
        #expect((records[0]["children"] as? [Any])?.count == 5_000_000 / line.utf8.count + 1)
    }

    /// Root reads a `chmod 000` file, and tests run as root in CI; so when root, the
    /// binary runs as `nobody`. A control run on a readable file proves that `nobody`
    /// can run the binary at all, so the refusal is the file's doing.
    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "needs a non-root user, or setpriv to become one"))
    func permissionDenied() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        chmod(tree.root, 0o755)
        let readable = try tree.write("open/Dockerfile", "FROM alpine:3.22\nUSER 10001\n")
        let locked = try tree.write("locked/Dockerfile", "FROM alpine:3.22\nUSER 10001\n")
        try tree.write("folder/sub/Dockerfile", "FROM alpine:3.22\nUSER 10001\n")
        chmod(locked, 0o000)
        chmod(tree.path("folder/sub"), 0o000)

        func runAsUser(_ arguments: [String]) throws -> ProcessOutput {
            if getuid() != 0 { return try runProcess(executable, arguments) }
            return try runProcess(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", executable] + arguments)
        }
        let control = try runAsUser(["lint", readable])
        #expect(control.exitCode == 0, "nobody cannot run the binary: \(control.standardError)")
        #expect(control.standardError.isEmpty)

        let result = try runAsUser(["lint", readable, locked])
        #expect(result.exitCode == 2)
        #expect(result.standardError == """
            dockaudit: \(locked): permission denied
            dockaudit: 1 of 2 paths could not be read

            """)
        // A folder met in a walk that cannot be listed is skipped with a note; named on
        // the command line, it is a failure.
        let walk = try runAsUser(["lint", tree.path("folder")])
        #expect(walk.exitCode == 0)
        #expect(walk.standardError == "dockaudit: \(tree.path("folder/sub")): skipped: permission denied\n")
        let named = try runAsUser(["lint", tree.path("folder/sub")])
        #expect(named.exitCode == 2)
        #expect(named.standardError == "dockaudit: \(tree.path("folder/sub")): permission denied\n")
    }
}
