import Foundation
import Testing
@testable import DockAuditKit

#if canImport(Glibc)
import Glibc
#endif

// MARK: Rules for the command-line tests

/// Tiny rules with one severity each, so output, sorting and exit codes can be tested
/// before the real rules exist. Each reports the keyword of every instruction it visits.
protocol KeywordTestRule: Rule {
    static var code: String { get }
    static var severity: Severity { get }
    static var kind: InstructionKind { get }
    static var isOptIn: Bool { get }
}

extension KeywordTestRule {
    static var isOptIn: Bool { false }
    static var description: RuleDescription {
        RuleDescription(
            code: code, name: "test-\(kind.rawValue)", severity: severity, category: .syntax,
            aliases: ["DL9\(code.suffix(3))"],
            summary: "Reports every \(kind.rawValue.uppercased()).", rationale: "Test rule.", howToFix: "Nothing.",
            badExamples: [], goodExamples: [], isOptIn: isOptIn)
    }
    static var keywords: Set<InstructionKind> { [kind] }

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        findings.report(instruction.keywordRange, "\(instruction.keyword) seen")
    }
}

struct ErrorOnMaintainer: KeywordTestRule {
    static let code = "DA901", severity = Severity.error, kind = InstructionKind.maintainer
}

struct WarningOnRun: KeywordTestRule {
    static let code = "DA902", severity = Severity.warning, kind = InstructionKind.run
}

struct InfoOnExpose: KeywordTestRule {
    static let code = "DA903", severity = Severity.info, kind = InstructionKind.expose
}

struct StyleOnLabel: KeywordTestRule {
    static let code = "DA904", severity = Severity.style, kind = InstructionKind.label
}

/// Off unless selected, like hadolint's DL3057.
struct OptInOnUser: KeywordTestRule {
    static let code = "DA905", severity = Severity.info, kind = InstructionKind.user
    static let isOptIn = true
}

let testRules: [any Rule.Type] = [
    ErrorOnMaintainer.self, WarningOnRun.self, InfoOnExpose.self, StyleOnLabel.self, OptInOnUser.self,
]

// MARK: Running the command in-process

/// Runs the command line with the test rules; `standardInput` is counted so tests can
/// check it is read at most once and only when asked for.
final class StandardInputSpy: @unchecked Sendable {
    private let bytes: [UInt8]
    private let failure: (any Error)?
    private(set) var reads = 0

    init(_ text: String = "", failure: (any Error)? = nil) {
        self.bytes = Array(text.utf8)
        self.failure = failure
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.failure = nil
    }

    func read() throws -> [UInt8] {
        reads += 1
        if let failure { throw failure }
        return bytes
    }
}

func runCommand(
    _ arguments: [String], standardInput: StandardInputSpy = StandardInputSpy(),
    rules: [any Rule.Type] = testRules, fileSystem: any FileSystem = LocalFileSystem()
) -> CommandResult {
    DockAuditCommand.run(
        arguments: arguments, standardInput: standardInput.read, environment: [:], rules: rules,
        fileSystem: fileSystem)
}

// MARK: Temporary trees

/// A fresh directory under the system's temporary folder, removed by `remove()`.
struct TemporaryTree {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = base + "/dockaudit-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = path(relative)
        let parent = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
    }

    func makeNamedPipe(_ relative: String) throws -> String {
        let full = path(relative)
        guard mkfifo(full, 0o644) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return full
    }

    /// A Unix-domain socket bound at `relative` (the socket stays open until `remove`).
    func makeSocket(_ relative: String) throws -> (path: String, descriptor: Int32) {
        let full = path(relative)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(full.utf8)
        guard descriptor >= 0, pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw POSIXError(.ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return (full, descriptor)
    }

    func remove() {
        // Restore permissions first, or a `chmod 000` folder could not be removed.
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            for case let relative as String in enumerator {
                chmod(path(relative), 0o755)
            }
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}

// MARK: A file system with failures put in

/// The real file system, except for the paths given: those fail with the problem named,
/// the way a `chmod 000` file fails for a user who is not root.
struct FailingFileSystem: FileSystem {
    func makeDirectory(_ path: String) throws(InputError) {
        throw InputError(path: path, problem: .system("test: writing is not supported"))
    }

    func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) {
        throw InputError(path: path, problem: .system("test: writing is not supported"))
    }

    var failures: [String: InputError.Problem]
    let base = LocalFileSystem()

    func currentDirectory() -> String? { base.currentDirectory() }

    func fail(_ path: String) throws(InputError) {
        if let problem = failures[path] { throw InputError(path: path, problem: problem) }
    }

    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind {
        try base.kind(of: path, followingLinks: followingLinks)
    }

    func identity(of path: String) throws(InputError) -> FileIdentity {
        try base.identity(of: path)
    }

    func names(inDirectory path: String) throws(InputError) -> [String] {
        try fail(path)
        return try base.names(inDirectory: path)
    }

    func contents(of path: String) throws(InputError) -> [UInt8] {
        try fail(path)
        return try base.contents(of: path)
    }
}

// MARK: The built executable

/// `dockaudit` as built next to the test bundle (`.build/<triple>/debug/`).
func executablePath() -> String? {
    var candidates: [String] = []
    if let testBinary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        candidates.append((testBinary as NSString).deletingLastPathComponent + "/dockaudit")
    }
    if let bundle = Bundle.main.executablePath {
        candidates.append((bundle as NSString).deletingLastPathComponent + "/dockaudit")
    }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    candidates.append(packageRoot + "/.build/debug/dockaudit")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

struct ProcessOutput {
    var standardOutput: String
    var standardError: String
    var exitCode: Int32
    /// True when the watchdog had to kill the process.
    var timedOut: Bool
}

/// Runs a program to the end, reading both pipes before waiting (a full pipe would
/// otherwise block the child), and kills it after `timeout` seconds.
func runProcess(
    _ executable: String, _ arguments: [String], standardInput: String? = nil, in directory: String? = nil,
    timeout: Double = 20
) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let standardInput { input.fileHandleForWriting.write(Data(standardInput.utf8)) }
    try input.fileHandleForWriting.close()

    let killed = LockedFlag()
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
        if process.isRunning {
            killed.set()
            process.terminate()
        }
    }
    let errorData = LockedData()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
        errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutput(
        standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData.get(), as: UTF8.self),
        exitCode: process.terminationStatus, timedOut: killed.get())
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    func get() -> Bool { lock.withLock { value } }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Data()
    func set(_ data: Data) { lock.withLock { value = data } }
    func get() -> Data { lock.withLock { value } }
}

/// The text report without its source excerpts (the indented lines under each finding),
/// for tests about which findings are reported rather than how they are shown.
func withoutExcerpts(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  ") }.joined(separator: "\n")
}
