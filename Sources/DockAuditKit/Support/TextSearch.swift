#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    ///
    /// The rules look for ASCII words (`--trusted-host`, `$`, `install.python-poetry.org`)
    /// in every word of every RUN. The standard `contains` compares Characters and sets up
    /// a search table on each call, which made it the single largest cost of a corpus
    /// run; a byte search gives the same answer for these needles. (It differs
    /// only when the match is followed by a combining mark, which no shell word relies on.)
    func containsBytes(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        let found = utf8.withContiguousStorageIfAvailable { text -> Bool in
            guard text.count >= count, let base = text.baseAddress else { return false }
            return TextSearch.find(needle, in: UnsafeBufferPointer(start: base, count: text.count))
        }
        if let found { return found }
        return Array(utf8).containsBytes(needle)
    }
}

extension Array where Element == UInt8 {
    func containsBytes(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        return withUnsafeBufferPointer { text in
            guard text.count >= count, let base = text.baseAddress else { return false }
            return TextSearch.find(needle, in: UnsafeBufferPointer(start: base, count: text.count))
        }
    }
}

enum TextSearch {
    /// `memchr` for the needle's first byte, then `memcmp` for the rest: both vectorised by
    /// the C library (Glibc does not export `memmem` to Swift).
    static func find(_ needle: StaticString, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard let base = text.baseAddress, text.count >= count else { return false }
        let first = Int32(needle.utf8Start.pointee)
        var start = 0
        let lastStart = text.count - count
        while start <= lastStart {
            guard let hit = memchr(base + start, first, lastStart - start + 1) else { return false }
            let position = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + position, needle.utf8Start, count) == 0 { return true }
            start = position + 1
        }
        return false
    }
}
