#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names.
enum FileKind: Sendable, Hashable {
    case regular, directory, symbolicLink, namedPipe, socket, characterDevice, blockDevice, other

    /// How an error message names a file that is not a regular file.
    var article: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .symbolicLink: return "a symbolic link"
        case .namedPipe: return "a named pipe"
        case .socket: return "a socket"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .other: return "a special file"
        }
    }
}

/// Which file a path leads to, links followed: two paths name the same folder exactly
/// when their identities are equal, whatever links lie between.
struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
}

/// A path that could not be read, and why, in words for the user.
struct InputError: Error, Sendable, Hashable {
    enum Problem: Sendable, Hashable {
        case notFound
        case permissionDenied
        case isDirectory
        case notRegularFile(FileKind)
        case binary
        case buildContext(String)
        /// A linked folder that leads back to a folder the walk is already inside.
        case linkCycle
        /// Any other operating-system error, as `strerror` words it.
        case system(String)
    }

    /// The path as the user gave it (`-` for standard input).
    var path: String
    var problem: Problem

    var reason: String {
        switch problem {
        case .notFound: return "no such file or directory"
        case .permissionDenied: return "permission denied"
        case .isDirectory: return "is a directory"
        case .notRegularFile(.namedPipe):
            // `dockaudit lint <(cat Dockerfile)` and `/dev/stdin` land here.
            return "not a regular file (a named pipe); use - to read standard input"
        case .notRegularFile(let kind): return "not a regular file (\(kind.article))"
        case .binary: return "binary file, not a Dockerfile"
        case .buildContext(let reason): return "build context: \(reason)"
        case .linkCycle: return "symbolic link back to a folder above it (a cycle)"
        case .system(let reason): return reason
        }
    }

    /// The stderr line: `dockaudit: PATH: what went wrong`.
    var message: String { "dockaudit: \(path): \(reason)" }
}

/// The file-system calls the commands make, so tests can put failures where the real
/// file system would not produce them (root reads a `chmod 000` file).
protocol FileSystem: Sendable {
    /// What `path` is; with `followingLinks: false` a symbolic link is reported as one.
    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind
    /// The device and inode `path` leads to, following links (cycle detection when a walk
    /// follows linked folders).
    func identity(of path: String) throws(InputError) -> FileIdentity
    /// The names in a directory (without `.` and `..`), in no particular order.
    func names(inDirectory path: String) throws(InputError) -> [String]
    /// The bytes of a regular file. Anything else is refused without being opened for
    /// reading, so a named pipe never blocks the run.
    func contents(of path: String) throws(InputError) -> [UInt8]
    /// Creates a folder (and its parents) when missing.
    func makeDirectory(_ path: String) throws(InputError)
    /// Replaces `path` with `bytes` in one step: written to a temporary file in the same
    /// folder, then renamed over it, so a reader sees the old file or the new one.
    func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError)
    /// The absolute path of the working directory; nil when it cannot be read.
    func currentDirectory() -> String?
}

extension FileSystem {
    /// Whether `path` is a regular file (following links); false when it cannot be read.
    func isRegularFile(_ path: String) -> Bool {
        (try? kind(of: path, followingLinks: true)) == .regular
    }
}

/// The real file system, through POSIX calls: they give exact reasons (`errno`) and let
/// a named pipe be refused before anything waits on it.
struct LocalFileSystem: FileSystem {
    func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func makeDirectory(_ path: String) throws(InputError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0, errno != EEXIST { throw Self.error(errno, path) }
        }
    }

    func writeAtomically(_ bytes: [UInt8], to givenPath: String) throws(InputError) {
        // A symbolic link is written through, not replaced by a file: `--fix` on a linked
        // Dockerfile fixes the file it points to.
        var path = givenPath
        var linkStatus = stat()
        if lstat(givenPath, &linkStatus) == 0, Self.kind(linkStatus.st_mode) == .symbolicLink,
            let resolved = realpath(givenPath, nil)
        {
            path = String(cString: resolved)
            free(resolved)
        }
        let (temporary, descriptor) = try Self.createTemporary(besides: path, reportedAs: givenPath)
        // The new file keeps the old one's permissions (an executable bit, a private
        // file's 0600); a new file gets 0644 less the umask.
        var existing = stat()
        if stat(path, &existing) == 0, fchmod(descriptor, existing.st_mode & 0o7777) != 0 {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw Self.error(code, givenPath)
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw Self.error(code, givenPath)
            }
            written += count
        }
        // No fsync: the rename already gives a reader, or a run killed at any point, the
        // old file or the new one, never a mix. fsync only adds durability across a power
        // loss, which is the file system's business (ext4 and others flush a file renamed
        // over another first); ruff, black and prettier do not call it either, and here it
        // made `--fix` over 1,800 files wait 4–15 s on the disk.
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.error(code, givenPath)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.error(code, givenPath)
        }
    }

    /// Creates a new file next to `path` for `writeAtomically`: hidden (`.Dockerfile.…`),
    /// so a directory walk never lints one left by a killed run, and made with O_EXCL |
    /// O_NOFOLLOW, so a link planted under the name cannot redirect the write elsewhere.
    static func createTemporary(besides path: String, reportedAs givenPath: String) throws(InputError) -> (String, Int32) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        for _ in 0..<100 {
            let temporary = folder + "." + name + ".dockaudit-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (temporary, descriptor) }
            if errno != EEXIST { throw error(errno, givenPath) }
        }
        throw error(EEXIST, givenPath)
    }

    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind {
        var status = stat()
        let result = followingLinks ? stat(path, &status) : lstat(path, &status)
        guard result == 0 else { throw Self.error(errno, path) }
        return Self.kind(status.st_mode)
    }

    func identity(of path: String) throws(InputError) -> FileIdentity {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Self.error(errno, path) }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    func names(inDirectory path: String) throws(InputError) -> [String] {
        guard let directory = opendir(path) else { throw Self.error(errno, path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    func contents(of path: String) throws(InputError) -> [UInt8] {
        let kind = try kind(of: path, followingLinks: true)
        try Self.requireRegular(kind, path)
        // O_NONBLOCK: if the path was swapped for a named pipe since the check, open
        // still returns at once and fstat below refuses it.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error(errno, path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.error(errno, path) }
        try Self.requireRegular(Self.kind(status.st_mode), path)

        switch FileRead.toEnd(descriptor, expectedSize: Int(status.st_size)) {
        case .bytes(let bytes): return bytes
        case .failed(let code): throw Self.error(code, path)
        case .tooLarge: preconditionFailure("no limit was given")
        }
    }

    static func requireRegular(_ kind: FileKind, _ path: String) throws(InputError) {
        switch kind {
        case .regular: return
        case .directory: throw InputError(path: path, problem: .isDirectory)
        default: throw InputError(path: path, problem: .notRegularFile(kind))
        }
    }

    static func kind(_ mode: mode_t) -> FileKind {
        switch Int(mode) & Int(S_IFMT) {
        case Int(S_IFREG): return .regular
        case Int(S_IFDIR): return .directory
        case Int(S_IFLNK): return .symbolicLink
        case Int(S_IFIFO): return .namedPipe
        case Int(S_IFSOCK): return .socket
        case Int(S_IFCHR): return .characterDevice
        case Int(S_IFBLK): return .blockDevice
        default: return .other
        }
    }

    static func error(_ code: Int32, _ path: String) -> InputError {
        InputError(path: path, problem: problem(errno: code))
    }

    static func problem(errno code: Int32) -> InputError.Problem {
        switch code {
        case ENOENT: return .notFound
        case EACCES, EPERM: return .permissionDenied
        case EISDIR: return .isDirectory
        default: return .system(systemMessage(code))
        }
    }

    /// `strerror` text with a lower-case first letter, to sit after `PATH: `.
    static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let message = String(cString: text)
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}

/// Reads all of standard input, for the executable to hand to `DockAuditCommand.run`.
public enum StandardInput {
    public static func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw LocalFileSystem.error(errno, "-")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
