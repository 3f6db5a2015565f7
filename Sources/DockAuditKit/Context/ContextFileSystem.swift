#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin POSIX calls (no Foundation): `lstat`, `readlink`, directory listing, bounded reads.
enum POSIXFileSystem {
    /// What `lstat` says about one path (a symbolic link is not followed); nil when
    /// there is nothing there.
    static func kind(ofPath path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return LocalFileSystem.kind(info.st_mode)
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Entry names, sorted by bytes; nil when the folder cannot be read.
    static func list(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        // Each name is kept with its bytes and sorted by them with memcmp: comparing
        // String views element by element was most of listing a folder of thousands.
        var entries: [(bytes: [UInt8], name: String)] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))))
                }
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            entries.append((bytes, String(decoding: bytes, as: UTF8.self)))
        }
        entries.sort { bytesPrecede($0.bytes, $1.bytes) }
        return entries.map(\.name)
    }

    /// Byte order, as Go's `sort.Strings` orders names.
    static func bytesPrecede(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        let common = min(left.count, right.count)
        let order = common == 0 ? 0 : left.withUnsafeBytes { l in right.withUnsafeBytes { r in memcmp(l.baseAddress!, r.baseAddress!, common) } }
        return order != 0 ? order < 0 : left.count < right.count
    }

    enum ReadResult: Sendable, Equatable {
        case bytes([UInt8])
        case missing
        case notRegularFile
        case tooLarge(Int)
    }

    /// Reads at most `limit` bytes of a regular file. `noFollow` refuses a symlink as the
    /// last component (callers that resolved the path themselves pass true).
    static func readBounded(_ path: String, limit: Int, noFollow: Bool) -> ReadResult {
        // O_NONBLOCK: a named pipe put in the context after `resolve` looked at it opens
        // at once and fstat refuses it, instead of the lint waiting for a writer.
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        if noFollow { flags |= O_NOFOLLOW }
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { return errno == ELOOP ? .notRegularFile : .missing }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .missing }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notRegularFile }
        if Int(info.st_size) > limit { return .tooLarge(Int(info.st_size)) }
        // A file that grew after fstat still never has more than the limit held.
        switch FileRead.toEnd(descriptor, expectedSize: Int(info.st_size), limit: limit) {
        case .bytes(let bytes): return .bytes(bytes)
        case .failed: return .missing
        case .tooLarge(let size): return .tooLarge(size)
        }
    }

    /// `realpath`: absolute, symlinks resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A mutex for the context's caches.
final class ContextLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A cache that computes each key's value once, even when several threads ask at the
/// same time (each key has its own lock, so different keys compute in parallel).
final class OnceCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private final class Slot: @unchecked Sendable {
        let lock = ContextLock()
        var value: Value?
    }

    private let lock = ContextLock()
    private var slots: [Key: Slot] = [:]

    func value(for key: Key, compute: () -> Value) -> Value {
        let slot = lock.withLock {
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        return slot.lock.withLock {
            if let value = slot.value { return value }
            let value = compute()
            slot.value = value
            return value
        }
    }
}
