#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading an open file to its end, shared by the lint inputs and the build context.
enum FileRead {
    enum Outcome {
        case bytes([UInt8])
        /// `read` failed with this `errno`.
        case failed(Int32)
        /// More than the limit was there (the file grew after it was measured).
        case tooLarge(Int)
    }

    /// Reads `descriptor` to its end, straight into the result's storage: the file's size
    /// (from `fstat`) sizes the first read, so a file that does not change is read in one
    /// call with no scratch buffer to clear and copy, which mattered over 3,600 files.
    static func toEnd(_ descriptor: Int32, expectedSize: Int, limit: Int = .max) -> Outcome {
        var bytes: [UInt8] = []
        // One byte more than expected, so the end is seen without a second, larger read.
        var chunkSize = max(expectedSize + 1, 4096)
        while true {
            var failure: Int32?
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                initialized = 0
                while true {
                    let count = read(descriptor, buffer.baseAddress, buffer.count)
                    if count >= 0 {
                        initialized = count
                        return
                    }
                    if errno != EINTR {
                        failure = errno
                        return
                    }
                }
            }
            if let failure { return .failed(failure) }
            if chunk.isEmpty { return .bytes(bytes) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if bytes.count > limit { return .tooLarge(bytes.count) }
            chunkSize = max(chunkSize, 64 * 1024)
        }
    }

    /// Whether the bytes hold a NUL, found by `memchr` (vectorised by the C library).
    static func containsNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
    }
}
