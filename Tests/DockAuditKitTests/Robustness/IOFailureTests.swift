import Foundation
import Testing
@testable import DockAuditKit

#if canImport(Glibc)
import Glibc
#endif

/// Deletes a file just before it is read, as another process would while the lint runs:
/// the walk saw it, the read does not find it.
struct VanishingFileSystem: FileSystem {
    var base: any FileSystem = LocalFileSystem()
    /// Paths deleted on their first read.
    let vanishing: Set<String>

    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind {
        try base.kind(of: path, followingLinks: followingLinks)
    }
    func identity(of path: String) throws(InputError) -> FileIdentity { try base.identity(of: path) }
    func names(inDirectory path: String) throws(InputError) -> [String] { try base.names(inDirectory: path) }
    func contents(of path: String) throws(InputError) -> [UInt8] {
        if vanishing.contains(path) { unlink(path) }
        return try base.contents(of: path)
    }
    func makeDirectory(_ path: String) throws(InputError) { try base.makeDirectory(path) }
    func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) { try base.writeAtomically(bytes, to: path) }
    func currentDirectory() -> String? { base.currentDirectory() }
}

/// Issue 8, truthful exit codes: every path that cannot be read is exit 2 with the path
/// named, the others are still linted, and the summary counts the unreadable ones.
@Suite("I/O failures and exit codes")
struct IOFailureTests {
    static let good = "FROM alpine:3.22\nUSER 10001\n"
    static let warned = "FROM alpine:3.22\nUSER 10001\nMAINTAINER x\n"

    @Test func aFileThatVanishesBeforeItIsReadIsNamedAndTheRestIsLinted() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        for name in ["a/Dockerfile", "b/Dockerfile", "c/Dockerfile"] { try tree.write(name, Self.warned) }
        let vanishing = tree.path("b/Dockerfile")
        let result = runCommand(
            ["lint", "--no-context", "--format", "compact", tree.root], rules: RuleRegistry.all,
            fileSystem: VanishingFileSystem(vanishing: [vanishing]))
        #expect(result.exitCode == 2)
        #expect(result.standardError == """
            dockaudit: \(vanishing): no such file or directory
            dockaudit: 1 of 3 paths could not be read

            """)
        #expect(result.standardOutput.contains(tree.path("a/Dockerfile") + ":3:1:"))
        #expect(result.standardOutput.contains(tree.path("c/Dockerfile") + ":3:1:"))
        #expect(!result.standardOutput.contains(vanishing))
    }

    /// One of each failure, with a good file: exit 2, each path named once, one summary.
    @Test func everyKindOfUnreadablePathIsCounted() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let good = try tree.write("good/Dockerfile", Self.good)
        let denied = try tree.write("denied/Dockerfile", Self.good)
        let vanished = try tree.write("vanished/Dockerfile", Self.good)
        let pipe = try tree.makeNamedPipe("Dockerfile.fifo")
        let socket = try tree.makeSocket("Dockerfile.sock")
        defer { close(socket.descriptor) }
        try tree.link("loop", to: "loop")
        let missing = tree.path("missing/Dockerfile")
        let binary = try tree.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0])
        let invalidUTF8 = try tree.write("latin1.Dockerfile", bytes: Array("FROM alpine:3.22\nUSER 10001\nLABEL a=\"caf".utf8) + [0xE9, 0x22, 0x0A])
        let fileSystem = FailingFileSystem(failures: [denied: .permissionDenied])
        let paths = [good, denied, vanished, pipe, socket.path, tree.path("loop"), missing, binary, invalidUTF8]
        let result = runCommand(
            ["lint", "--no-context"] + paths, rules: RuleRegistry.all,
            fileSystem: VanishingFileSystem(base: fileSystem, vanishing: [vanished]))
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty, "the good files have no findings")
        #expect(result.standardError == """
            dockaudit: \(denied): permission denied
            dockaudit: \(vanished): no such file or directory
            dockaudit: \(pipe): not a regular file (a named pipe); use - to read standard input
            dockaudit: \(socket.path): not a regular file (a socket)
            dockaudit: \(tree.path("loop")): too many levels of symbolic links
            dockaudit: \(missing): no such file or directory
            dockaudit: \(binary): binary file, not a Dockerfile
            dockaudit: 7 of 9 paths could not be read

            """)
    }

    @Test func oneUnreadableOfTwoIsCountedAndOneAloneIsNot() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let good = try tree.write("Dockerfile", Self.good)
        let missing = tree.path("nope")
        let two = runCommand(["lint", "--no-context", good, missing])
        #expect(two.exitCode == 2)
        #expect(two.standardError == "dockaudit: \(missing): no such file or directory\ndockaudit: 1 of 2 paths could not be read\n")
        // Alone, the one line says it all.
        let one = runCommand(["lint", "--no-context", missing])
        #expect(one.exitCode == 2)
        #expect(one.standardError == "dockaudit: \(missing): no such file or directory\n")
    }

    @Test func parseNamesADirectoryAndALoop() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.link("loop", to: "loop")
        let result = runCommand(["parse", tree.root, tree.path("loop")])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("dockaudit: \(tree.root): is a directory"))
        #expect(result.standardError.contains("dockaudit: \(tree.path("loop")): too many levels of symbolic links"))
    }

    /// A named pipe inside the build context (where `requirements.txt` should be) is
    /// looked at, never opened for a blocking read.
    @Test(.timeLimit(.minutes(1)))
    func aNamedPipeInTheContextDoesNotBlock() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("Dockerfile", "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\n")
        _ = try tree.makeNamedPipe("requirements.txt")
        _ = try tree.makeNamedPipe(".dockerignore")
        let result = runCommand(["lint", tree.path("Dockerfile")], rules: RuleRegistry.all)
        #expect(result.exitCode <= 1, "\(result.standardError)")
    }
}
