/// One instruction's text as BuildKit joins it: the first physical line (left-trimmed)
/// followed by each continuation line as is, escape characters at line ends removed,
/// comment and blank lines left out. Its `map` says where every byte came from in the
/// file, so ranges found in the joined text map back to exact file positions.
struct LogicalLine {
    private(set) var bytes: [UInt8] = []
    private(set) var map = TextMap()

    mutating func append(_ source: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        map.append(fileRange: range)
        bytes.append(contentsOf: source[range])
    }

    func fileRange(of range: Range<Int>) -> Range<Int> {
        map.fileRange(of: range)
    }

    func text(_ range: Range<Int>) -> String {
        UTF8Text.decode(bytes[range])
    }
}
