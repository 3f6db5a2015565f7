/// Checks made inside the fuzz targets. A broken invariant aborts the process with a
/// message, which libFuzzer records as a crash and saves the input for.
enum FuzzCheck {
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant broken: " + message()) }
    }

    /// The input as libFuzzer hands it over.
    static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// Line and column of a byte offset, worked out from scratch the way `SourceFile`
/// documents them, without its line index or checkpoints: lines are 1-based and end
/// only at `\n`; columns are 1-based and count the characters (Go's decoding: each
/// invalid byte is one) from the start of the line to the offset; on line 1 a UTF-8 byte
/// order mark is not counted once the offset is past it; the end of a file that ends
/// with a newline belongs to its last line.
struct PositionOracle {
    let bytes: [UInt8]
    /// Offset of the first byte of each line.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    func expected(at offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var line = low + 1
        if offset == bytes.count, offset > 0, bytes[offset - 1] == UInt8(ascii: "\n") { line -= 1 }
        var index = lineStarts[line - 1]
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if line == 1, hasByteOrderMark, offset >= 3 { index = 3 }
        var column = 1
        while index < offset {
            let width = UTF8Text.decodeScalar(bytes, at: index).width
            // An offset inside a character counts only the characters before it.
            if index + width > offset { break }
            index += width
            column += 1
        }
        return (line, column)
    }

    /// Aborts unless `position` lies in the file and its line and column fit its offset.
    func check(_ position: SourcePosition, _ what: @autoclosure () -> String) {
        FuzzCheck.require(
            position.offset >= 0 && position.offset <= bytes.count,
            "\(what()): offset \(position.offset) outside the file (\(bytes.count) bytes)")
        let (line, column) = expected(at: position.offset)
        FuzzCheck.require(
            position.line == line && position.column == column,
            "\(what()): offset \(position.offset) is at \(line):\(column), the position says \(position.line):\(position.column)")
    }

    func check(_ range: SourceRange, _ what: @autoclosure () -> String) {
        let description = what()
        check(range.start, description + " start")
        check(range.end, description + " end")
        FuzzCheck.require(
            range.start.offset <= range.end.offset,
            "\(description): starts at \(range.start.offset), after its end \(range.end.offset)")
    }
}
