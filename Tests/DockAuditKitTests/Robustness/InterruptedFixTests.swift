import Foundation
import Testing
@testable import DockAuditKit

#if canImport(Glibc)
import Glibc
#endif

/// The real file system, counting the files written, so a stop request can come in after
/// a given number of them.
final class CountingFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    private let lock = NSLock()
    private var writes = 0

    var written: Int { lock.withLock { writes } }

    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind {
        try base.kind(of: path, followingLinks: followingLinks)
    }
    func identity(of path: String) throws(InputError) -> FileIdentity { try base.identity(of: path) }
    func names(inDirectory path: String) throws(InputError) -> [String] { try base.names(inDirectory: path) }
    func contents(of path: String) throws(InputError) -> [UInt8] { try base.contents(of: path) }
    func makeDirectory(_ path: String) throws(InputError) { try base.makeDirectory(path) }
    func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) {
        try base.writeAtomically(bytes, to: path)
        lock.withLock { writes += 1 }
    }
    func currentDirectory() -> String? { base.currentDirectory() }
}

/// Issue 8, nothing lost: `--fix` asked to stop finishes the file it is writing, writes
/// no other, and says how far it got. The signals themselves are sent to a real run by
/// `Scripts/interrupted-fix`; here the stop request is scripted, so the point it comes
/// at is exact.
@Suite("Interrupted --fix")
struct InterruptedFixTests {
    static let names = ["a", "b", "c", "d"].map { "\($0)/Dockerfile" }

    static func makeTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        for name in names { try tree.write(name, FixCommandTests.aptFile) }
        try tree.write("clean/Dockerfile", FixCommandTests.aptFixed)
        return tree
    }

    static func run(_ tree: TemporaryTree, fileSystem: any FileSystem, stops: StopRequests) -> CommandResult {
        DockAuditCommand.run(
            arguments: ["lint", "--no-context", "--fix", tree.root], standardInput: { [] }, environment: [:],
            rules: FixCommandTests.aptRules, fileSystem: fileSystem, stopRequests: stops)
    }

    /// Every entry under the tree: a temporary file left behind would show here.
    static func entries(_ tree: TemporaryTree) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: tree.root).sorted()
    }

    @Test(arguments: [(SIGINT, 130), (SIGTERM, 143)] as [(Int32, Int32)])
    func stopsBetweenTwoFiles(_ signal: Int32, _ exitCode: Int32) throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let fileSystem = CountingFileSystem()
        let stops = StopRequests(pending: { fileSystem.written >= 2 ? signal : nil })
        let result = Self.run(tree, fileSystem: fileSystem, stops: stops)
        #expect(result.exitCode == exitCode)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "dockaudit: interrupted; wrote 2 of 4 fixed files\n")
        let contents = try Self.names.map { try String(contentsOfFile: tree.path($0), encoding: .utf8) }
        #expect(contents == [FixCommandTests.aptFixed, FixCommandTests.aptFixed, FixCommandTests.aptFile, FixCommandTests.aptFile])
        #expect(try Self.entries(tree) == ["a", "a/Dockerfile", "b", "b/Dockerfile", "c", "c/Dockerfile", "clean", "clean/Dockerfile", "d", "d/Dockerfile"])
    }

    @Test func aStopBeforeAnyWriteLeavesEveryFileAlone() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let result = Self.run(tree, fileSystem: LocalFileSystem(), stops: StopRequests(pending: { SIGINT }))
        #expect(result.exitCode == 130)
        #expect(result.standardError == "dockaudit: interrupted; wrote 0 of 0 fixed files\n")
        for name in Self.names { #expect(try String(contentsOfFile: tree.path(name), encoding: .utf8) == FixCommandTests.aptFile) }
    }

    @Test func withoutAStopEveryFileIsFixed() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let fileSystem = CountingFileSystem()
        let result = Self.run(tree, fileSystem: fileSystem, stops: StopRequests(pending: { nil }))
        // Exit 1: the unsafe fix's finding is left.
        #expect(result.exitCode == 1, "\(result.standardError)")
        #expect(!result.standardError.contains("interrupted"))
        #expect(fileSystem.written == 4)
        for name in Self.names { #expect(try String(contentsOfFile: tree.path(name), encoding: .utf8) == FixCommandTests.aptFixed) }
    }

    /// Only `--fix` listens: a report run never starts listening.
    @Test func onlyFixListens() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let began = LockedFlag()
        let stops = StopRequests(begin: { began.set(); return [] }, pending: { SIGINT })
        for mode in [[], ["--diff"]] {
            let result = DockAuditCommand.run(
                arguments: ["lint", "--no-context"] + mode + [tree.root], standardInput: { [] }, environment: [:],
                rules: FixCommandTests.aptRules, fileSystem: LocalFileSystem(), stopRequests: stops)
            #expect(result.exitCode == 1)
        }
        #expect(!began.get())
    }

    /// The handler itself, with a real signal raised in this process: it records the
    /// signal and puts the default action back (a second signal ends the process). A signal
    /// the process ignores stays ignored. The tests that run `--fix` in-process pass their
    /// own stop requests, so nothing else here listens.
    @Test func theHandlerRecordsTheSignalAndKeepsIgnoredOnesIgnored() throws {
        let installed = SignalCatcher.install()
        try #require(installed.contains(SIGTERM))
        #expect(SignalCatcher.caught() == nil)
        // Raised on a thread of our own with SIGTERM unblocked: the handler runs on it
        // before `raise` returns (the runner's threads may block signals).
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            raise(SIGTERM)
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(SignalCatcher.caught() == SIGTERM)
        SignalCatcher.uninstall(installed)

        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        let again = SignalCatcher.install()
        defer { SignalCatcher.uninstall(again) }
        #expect(!again.contains(SIGINT))
        #expect(SignalCatcher.caught() == nil, "install starts afresh")
    }

    @Test func temporaryFilesAreHiddenAndRemovedOnFailure() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let file = try tree.write("Dockerfile", "FROM alpine\n")
        try LocalFileSystem().writeAtomically(Array("FROM alpine:3.22\n".utf8), to: file)
        #expect(try Self.entries(tree) == ["Dockerfile"])
        // The rename fails (a folder is in the way): the temporary file goes too.
        try tree.write("occupied/inside", "x")
        #expect(throws: InputError.self) {
            try LocalFileSystem().writeAtomically(Array("x".utf8), to: tree.path("occupied"))
        }
        #expect(try Self.entries(tree) == ["Dockerfile", "occupied", "occupied/inside"])
        // A link planted where a temporary file goes is never written through.
        let (name, descriptor) = try LocalFileSystem.createTemporary(besides: file, reportedAs: file)
        close(descriptor)
        #expect((name as NSString).lastPathComponent.hasPrefix(".Dockerfile.dockaudit-"))
        unlink(name)
    }
}
