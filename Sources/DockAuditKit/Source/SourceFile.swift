/// The bytes of one input file and an index of where its lines start.
///
/// Only `\n` ends a line, as in BuildKit: a lone `\r` is an ordinary byte, and the `\r`
/// of a CRLF pair belongs to the line it ends.
public struct SourceFile: Sendable {
    /// The name shown in findings: a path as the user gave it, or `-` for standard input.
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// For each line, whether it holds only ASCII bytes (then column = byte column).
    private let asciiLines: [Bool]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        var ascii: [Bool] = []
        var lineIsASCII = true
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\n") {
                    ascii.append(lineIsASCII)
                    lineIsASCII = true
                    starts.append(index + 1)
                } else if byte >= 0x80 {
                    lineIsASCII = false
                }
            }
        }
        ascii.append(lineIsASCII)
        self.lineStarts = starts
        self.asciiLines = ascii
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Number of lines; a final line without a newline counts, an empty tail after a final
    /// newline does not.
    public var lineCount: Int {
        if let last = lineStarts.last, last == bytes.count, lineStarts.count > 1 {
            return lineStarts.count - 1
        }
        return lineStarts.count
    }

    /// The 1-based line holding `offset` (an offset equal to the file size belongs to the
    /// last line).
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    public func position(at offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        return position(at: clamped, line: line(containing: clamped))
    }

    /// `position(at:)` for callers that make many positions in file order (a shell
    /// script's words): the 0-based line index `lineHint` is tried before searching.
    func position(at offset: Int, lineHint: inout Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        // The hinted line, or the one after it.
        for hint in lineHint...(lineHint + 1) where hint >= 0 && hint < lineStarts.count && lineStarts[hint] <= clamped {
            if hint + 1 == lineStarts.count || clamped < lineStarts[hint + 1] {
                lineHint = hint
                return position(at: clamped, line: hint + 1)
            }
        }
        let line = line(containing: clamped)
        lineHint = line - 1
        return position(at: clamped, line: line)
    }

    func range(_ bytes: Range<Int>, lineHint: inout Int) -> SourceRange {
        SourceRange(start: position(at: bytes.lowerBound, lineHint: &lineHint), end: position(at: bytes.upperBound, lineHint: &lineHint))
    }

    private func position(at clamped: Int, line: Int) -> SourcePosition {
        let lineStart = lineStarts[line - 1]
        if asciiLines[line - 1] {
            return SourcePosition(line: line, column: clamped - lineStart + 1, offset: clamped)
        }
        var column = 1
        var index = lineStart
        while index < clamped {
            // Count scalar starts: every byte that is not a UTF-8 continuation byte.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourcePosition(line: line, column: column, offset: clamped)
    }

    public func range(_ bytes: Range<Int>) -> SourceRange {
        SourceRange(start: position(at: bytes.lowerBound), end: position(at: bytes.upperBound))
    }

    /// The byte range of a whole line, without its line ending (`\n`, or `\r\n`).
    public func lineBytes(_ line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// The text of `range`, decoded the way Go decodes it (each invalid byte becomes U+FFFD).
    public func text(_ range: Range<Int>) -> String {
        UTF8Text.decode(bytes[range])
    }
}
