/// One instruction's text as BuildKit joins it: the first physical line (left-trimmed)
/// followed by each continuation line as is, escape characters at line ends removed,
/// comment and blank lines left out. Keeps, for every byte, where it came from in the
/// file, so ranges found in the joined text map back to exact file positions.
struct LogicalLine {
    private(set) var bytes: [UInt8] = []
    /// Each piece of the joined text: where it starts in `bytes` and in the file.
    private var segments: [(lineOffset: Int, fileOffset: Int)] = []

    mutating func append(_ source: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        segments.append((bytes.count, range.lowerBound))
        bytes.append(contentsOf: source[range])
    }

    /// File offset of the byte at `offset` in the joined text.
    func fileOffset(of offset: Int) -> Int {
        guard !segments.isEmpty else { return 0 }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].lineOffset <= offset { low = mid } else { high = mid - 1 }
        }
        return segments[low].fileOffset + (offset - segments[low].lineOffset)
    }

    /// File byte range for a range of the joined text. The end maps to just after the
    /// last byte, so a range never swallows the line break of a continuation.
    func fileRange(of range: Range<Int>) -> Range<Int> {
        let start = fileOffset(of: range.lowerBound)
        guard range.upperBound > range.lowerBound else { return start..<start }
        let end = fileOffset(of: range.upperBound - 1) + 1
        return start..<max(start, end)
    }

    func text(_ range: Range<Int>) -> String {
        UTF8Text.decode(bytes[range])
    }
}
