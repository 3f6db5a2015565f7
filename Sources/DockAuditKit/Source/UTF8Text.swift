/// UTF-8 helpers that behave like Go's `unicode/utf8` and `unicode`, because BuildKit's
/// parser is written in Go and dockaudit must read every byte the way it does.
public enum UTF8Text {
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Decodes one scalar at `index` like Go's `utf8.DecodeRune`: an invalid or truncated
    /// sequence yields U+FFFD with width 1.
    @inline(__always)
    public static func decodeScalar<C: RandomAccessCollection>(_ bytes: C, at index: C.Index)
        -> (scalar: Unicode.Scalar, width: Int) where C.Element == UInt8, C.Index == Int
    {
        let end = bytes.endIndex
        let b0 = bytes[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        func continuation(_ offset: Int) -> UInt32? {
            let position = index + offset
            guard position < end else { return nil }
            let byte = bytes[position]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch b0 {
        case 0xC2...0xDF:
            if let c1 = continuation(1) {
                return (Unicode.Scalar(UInt32(b0 & 0x1F) << 6 | c1)!, 2)
            }
        case 0xE0...0xEF:
            if let c1 = continuation(1), let c2 = continuation(2) {
                let value = UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2
                // Reject overlong forms and UTF-16 surrogates, as Go does.
                if value >= 0x800, !(0xD800...0xDFFF).contains(value), let scalar = Unicode.Scalar(value) {
                    return (scalar, 3)
                }
            }
        case 0xF0...0xF4:
            if let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
                let value = UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
                if value >= 0x10000, value <= 0x10FFFF, let scalar = Unicode.Scalar(value) {
                    return (scalar, 4)
                }
            }
        default:
            break
        }
        return (replacement, 1)
    }

    /// Decodes bytes into a String, replacing each invalid byte with U+FFFD (Go's rule,
    /// which differs from Swift's "maximal subpart" repair on truncated sequences).
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        let array = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < array.count {
            let (scalar, width) = decodeScalar(array, at: index)
            scalars.append(scalar)
            index += width
        }
        return String(scalars)
    }

    /// Go's `unicode.IsSpace`.
    @inline(__always)
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        case 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Go's `unicode.IsSpace(rune(b))` for a single byte, as BuildKit's byte-wise loops
    /// call it: 0x85 and 0xA0 count as space even as parts of a multi-byte character.
    @inline(__always)
    public static func isSpaceByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return false
        }
    }

    /// The `[\t\v\f\r ]` class BuildKit splits instruction words on.
    @inline(__always)
    public static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// Go's `unicode.IsLetter`.
    public static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    /// Go's `unicode.IsDigit` (decimal digits of any script).
    public static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x30 && scalar.value <= 0x39 }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// Appends the UTF-8 encoding of `scalar`.
    @inline(__always)
    public static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
    }
}

extension Array where Element == UInt8 {
    /// Go's `strings.TrimSpace` bounds: the range left after trimming Unicode white space
    /// from both ends.
    func trimmedSpaceBounds(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end {
            let (scalar, width) = UTF8Text.decodeScalar(self, at: start)
            if !UTF8Text.isSpace(scalar) { break }
            start += width
        }
        while end > start {
            // Step back to the start of the last scalar.
            var lead = end - 1
            while lead > start, self[lead] & 0xC0 == 0x80, end - lead < 4 { lead -= 1 }
            let (scalar, width) = UTF8Text.decodeScalar(self, at: lead)
            if lead + width != end {
                // The tail is not one well-formed scalar: its last byte decodes as U+FFFD.
                break
            }
            if !UTF8Text.isSpace(scalar) { break }
            end = lead
        }
        return start..<end
    }

    /// Go's `strings.TrimLeftFunc(s, unicode.IsSpace)`: where the first non-space starts.
    func firstNonSpace(from start: Int, to end: Int) -> Int {
        var index = start
        while index < end {
            let (scalar, width) = UTF8Text.decodeScalar(self, at: index)
            if !UTF8Text.isSpace(scalar) { break }
            index += width
        }
        return index
    }
}
