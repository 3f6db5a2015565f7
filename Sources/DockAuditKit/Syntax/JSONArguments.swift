/// The exec ("JSON") form of an instruction's arguments, read the way BuildKit reads it
/// with Go's `encoding/json`: the whole text must be valid JSON and an array; any syntax
/// error means "not JSON" (shell form), while a valid array with a non-string element is
/// a hard parse error.
enum JSONArguments {
    enum Outcome {
        case notJSON
        case notStringArray
        /// Decoded strings with the byte span of each string token (quotes included).
        case strings([(value: String, span: Range<Int>)])
    }

    /// Go's JSON decoder refuses to nest deeper than this.
    static let maximumDepth = 10_000

    static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> Outcome {
        let start = bytes.firstNonSpace(from: range.lowerBound, to: range.upperBound)
        guard start < range.upperBound, bytes[start] == UInt8(ascii: "[") else { return .notJSON }
        var reader = Reader(bytes: bytes, index: start, end: range.upperBound)
        var elements: [(value: String, span: Range<Int>)] = []
        var allStrings = true

        // Top-level array, read element by element so string spans are known; nested
        // values are only validated.
        reader.index += 1
        reader.skipWhitespace()
        if reader.peek() == UInt8(ascii: "]") {
            reader.index += 1
        } else {
            while true {
                reader.skipWhitespace()
                if reader.peek() == UInt8(ascii: "\"") {
                    let tokenStart = reader.index
                    guard let value = reader.readString() else { return .notJSON }
                    elements.append((value, tokenStart..<reader.index))
                } else {
                    guard reader.skipValue() else { return .notJSON }
                    allStrings = false
                }
                reader.skipWhitespace()
                guard let separator = reader.peek() else { return .notJSON }
                reader.index += 1
                if separator == UInt8(ascii: "]") { break }
                guard separator == UInt8(ascii: ",") else { return .notJSON }
            }
        }
        reader.skipWhitespace()
        guard reader.index == reader.end else { return .notJSON }
        return allStrings ? .strings(elements) : .notStringArray
    }

    struct Reader {
        let bytes: [UInt8]
        var index: Int
        let end: Int

        func peek() -> UInt8? { index < end ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < end {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                index += 1
            }
        }

        /// Validates one JSON value of any kind without recursion (depth is bounded by
        /// Go's limit, counted here explicitly).
        mutating func skipValue() -> Bool {
            // Each entry: true for an object, false for an array; plus whether the next
            // thing expected is a key (objects) after a comma or open.
            var containers: [Bool] = []
            var expectValue = true
            while true {
                skipWhitespace()
                if expectValue {
                    guard let byte = peek() else { return false }
                    switch byte {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        let isObject = byte == UInt8(ascii: "{")
                        containers.append(isObject)
                        // +1: the top-level array being read by `parse`.
                        if containers.count + 1 > JSONArguments.maximumDepth { return false }
                        index += 1
                        skipWhitespace()
                        if peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                            index += 1
                            containers.removeLast()
                            expectValue = false
                            if containers.isEmpty { return true }
                            continue
                        }
                        if isObject {
                            guard readString() != nil else { return false }
                            skipWhitespace()
                            guard peek() == UInt8(ascii: ":") else { return false }
                            index += 1
                        }
                        continue
                    case UInt8(ascii: "\""):
                        guard readString() != nil else { return false }
                    case UInt8(ascii: "t"):
                        guard readLiteral("true") else { return false }
                    case UInt8(ascii: "f"):
                        guard readLiteral("false") else { return false }
                    case UInt8(ascii: "n"):
                        guard readLiteral("null") else { return false }
                    default:
                        guard readNumber() else { return false }
                    }
                    expectValue = false
                    if containers.isEmpty { return true }
                    continue
                }
                // After a value inside a container: `,` or the closing bracket.
                guard let byte = peek(), let isObject = containers.last else { return false }
                index += 1
                if byte == UInt8(ascii: ",") {
                    if isObject {
                        skipWhitespace()
                        guard readString() != nil else { return false }
                        skipWhitespace()
                        guard peek() == UInt8(ascii: ":") else { return false }
                        index += 1
                    }
                    expectValue = true
                } else if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    containers.removeLast()
                    if containers.isEmpty { return true }
                } else {
                    return false
                }
            }
        }

        mutating func readLiteral(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= end else { return false }
            let matches = literal.withUTF8Buffer { expected in
                (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
            }
            if matches { index += count }
            return matches
        }

        mutating func readNumber() -> Bool {
            func digit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), digit(first) else { return false }
            index += 1
            if first != UInt8(ascii: "0") {
                while digit(peek()) { index += 1 }
            }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard digit(peek()) else { return false }
                while digit(peek()) { index += 1 }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard digit(peek()) else { return false }
                while digit(peek()) { index += 1 }
            }
            return true
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: return UInt32(byte - 0x30)
            case 0x41...0x46: return UInt32(byte - 0x41 + 10)
            case 0x61...0x66: return UInt32(byte - 0x61 + 10)
            default: return nil
            }
        }

        mutating func readHex4() -> UInt32? {
            guard index + 4 <= end else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = Self.hexValue(bytes[index + offset]) else { return nil }
                value = value << 4 | digit
            }
            index += 4
            return value
        }

        /// Reads a string token (at `"`), decoding it like Go: invalid UTF-8 bytes and
        /// unpaired surrogates become U+FFFD.
        mutating func readString() -> String? {
            guard peek() == UInt8(ascii: "\"") else { return nil }
            index += 1
            var scalars = String.UnicodeScalarView()
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(scalars)
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < end else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard let unit = readHex4() else { return nil }
                        if (0xD800...0xDFFF).contains(unit) {
                            // A high surrogate followed by `\u` + low surrogate is one scalar.
                            let save = index
                            if unit < 0xDC00, index + 1 < end, bytes[index] == UInt8(ascii: "\\"),
                                bytes[index + 1] == UInt8(ascii: "u")
                            {
                                index += 2
                                if let low = readHex4(), (0xDC00...0xDFFF).contains(low) {
                                    let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                                    scalars.append(Unicode.Scalar(combined)!)
                                    continue
                                }
                            }
                            index = save
                            scalars.append(UTF8Text.replacement)
                        } else {
                            scalars.append(Unicode.Scalar(unit)!)
                        }
                    default:
                        return nil
                    }
                    continue
                }
                let (scalar, width) = UTF8Text.decodeScalar(bytes, at: index)
                scalars.append(scalar)
                index += width
            }
            return nil
        }
    }
}
