/// FNV-1a, 64-bit: a small, fast, well-known non-cryptographic hash. Used for finding
/// fingerprints, which only need to be stable and spread well, not to resist attack.
public struct FNV1a64: Sendable, Hashable {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public private(set) var value: UInt64 = FNV1a64.offsetBasis

    public init() {}

    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= Self.prime
        }
    }

    public mutating func combine(_ string: String) {
        combine(string.utf8)
    }

    /// The value as 16 lower-case hex digits.
    public var hexDigest: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func hexDigest(of string: String) -> String {
        var hasher = FNV1a64()
        hasher.combine(string)
        return hasher.hexDigest
    }
}
