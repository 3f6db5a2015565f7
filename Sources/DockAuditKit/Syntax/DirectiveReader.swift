/// Reads parser directives (`# syntax=`, `# escape=`, `# check=`) the way BuildKit's
/// `DirectiveParser` does: only in the leading run of lines that are all directives. The
/// first line that is anything else (an instruction, a blank line, another comment, an
/// unknown key) ends the run for good.
struct DirectiveReader {
    enum Outcome {
        /// Not a directive (and, from now on, nothing will be).
        case none
        case directive(name: String, value: Range<Int>)
        case duplicate(name: String)
    }

    private(set) var done = false
    private var seen: Set<String> = []

    static let knownNames: Set<String> = ["syntax", "escape", "check"]

    /// `range` is the line without its line ending and without leading white space.
    mutating func read(_ bytes: [UInt8], _ range: Range<Int>) -> Outcome {
        if done { return .none }
        guard !range.isEmpty, bytes[range.lowerBound] == UInt8(ascii: "#") else {
            done = true
            return .none
        }
        var index = bytes.firstNonSpace(from: range.lowerBound + 1, to: range.upperBound)
        let end = range.upperBound
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        // Go's `\s` in the directive pattern: [\t\n\f\r ].
        func isRegexSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
        }
        let nameStart = index
        guard index < end, isLetter(bytes[index]) else {
            done = true
            return .none
        }
        while index < end, isLetter(bytes[index]) || isDigit(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        while index < end, isRegexSpace(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "=") else {
            done = true
            return .none
        }
        index += 1
        let afterEquals = index
        while index < end, isRegexSpace(bytes[index]) { index += 1 }
        var valueEnd = end
        while valueEnd > index, isRegexSpace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        var valueStart = index
        if valueStart == valueEnd {
            // `(.+?)` needs one character: with only blanks after `=`, the regex gives
            // back the last blank as the value.
            guard end > afterEquals else {
                done = true
                return .none
            }
            valueStart = end - 1
            valueEnd = end
        }
        guard Self.knownNames.contains(name) else {
            done = true
            return .none
        }
        if seen.contains(name) { return .duplicate(name: name) }
        seen.insert(name)
        return .directive(name: name, value: valueStart..<valueEnd)
    }
}
