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
    /// For long non-ASCII lines: (byte offset, column) at scalar boundaries every
    /// `checkpointSpacing` bytes or so, so a column is found without rescanning the line.
    private let checkpoints: [Int: [(offset: Int, column: Int)]]
    private static let checkpointSpacing = 256
    /// Whether the file starts with a UTF-8 byte order mark (not shown by editors).
    private let hasByteOrderMark: Bool

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
        var checkpoints: [Int: [(offset: Int, column: Int)]] = [:]
        for line in ascii.indices where !ascii[line] {
            let start = starts[line]
            let end = line + 1 < starts.count ? starts[line + 1] : bytes.count
            guard end - start > Self.checkpointSpacing else { continue }
            var marks: [(offset: Int, column: Int)] = []
            var index = start
            var column = 1
            var nextMark = start + Self.checkpointSpacing
            while index < end {
                if index >= nextMark {
                    marks.append((index, column))
                    nextMark = index + Self.checkpointSpacing
                }
                index += UTF8Text.decodeScalar(bytes, at: index).width
                column += 1
            }
            checkpoints[line] = marks
        }
        self.lineStarts = starts
        self.asciiLines = ascii
        self.checkpoints = checkpoints
        self.hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
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

    private func position(at clamped: Int, line foundLine: Int) -> SourcePosition {
        var line = foundLine
        // The end of a file that ends with a newline belongs to its last line.
        if clamped == bytes.count, line > lineCount { line = lineCount }
        let lineStart = lineStarts[line - 1]
        // Editors do not show a byte order mark: columns on line 1 start after it.
        let bomWidth = line == 1 && hasByteOrderMark && clamped >= 3 ? 3 : 0
        if asciiLines[line - 1] {
            return SourcePosition(line: line, column: clamped - lineStart + 1 - bomWidth, offset: clamped)
        }
        // Count scalars the way Go decodes them (each invalid byte is one character),
        // starting from the nearest checkpoint.
        var index = lineStart + bomWidth
        var column = 1
        if let marks = checkpoints[line - 1], let first = marks.first, first.offset <= clamped {
            // Binary search for the last checkpoint at or before the offset.
            var low = 0
            var high = marks.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if marks[mid].offset <= clamped { low = mid } else { high = mid - 1 }
            }
            index = marks[low].offset
            column = marks[low].column - (bomWidth > 0 ? 1 : 0)
        }
        while index < clamped {
            let width = UTF8Text.decodeScalar(bytes, at: index).width
            if index + width > clamped { break }
            index += width
            column += 1
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
