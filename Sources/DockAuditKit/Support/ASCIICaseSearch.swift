extension StringProtocol {
    /// Whether `needle` (ASCII, lower case) occurs in the text, ignoring ASCII case.
    /// Scans the UTF-8 bytes without copying: the rules that look for an apt or dnf
    /// setting run it on every word of every RUN.
    func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        let bytes = Array(utf8)
        guard bytes.count >= pattern.count else { return false }
        func lowered(_ byte: UInt8) -> UInt8 { byte.asciiLowercased }
        var start = 0
        while start + pattern.count <= bytes.count {
            if lowered(bytes[start]) == first {
                var matched = 1
                while matched < pattern.count, lowered(bytes[start + matched]) == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            start += 1
        }
        return false
    }
}

extension UInt8 {
    /// `A`–`Z` as `a`–`z`; every other byte as it is (UTF-8 continuation bytes included).
    var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self + 0x20 : self }
}
