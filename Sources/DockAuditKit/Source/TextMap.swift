/// Maps byte offsets in a derived text (a joined logical line, a heredoc body) back to byte
/// offsets in the file. The text is made of contiguous pieces of the file; each segment
/// says where one piece starts in the text and in the file.
public struct TextMap: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        public var textOffset: Int
        public var fileOffset: Int
    }

    public private(set) var segments: [Segment] = []
    /// Length of the text the map covers.
    public private(set) var length = 0

    public init() {}

    /// A text that is one contiguous piece of the file starting at `fileOffset`.
    public init(contiguousFrom fileOffset: Int, length: Int) {
        segments = [Segment(textOffset: 0, fileOffset: fileOffset)]
        self.length = length
    }

    mutating func append(fileRange: Range<Int>) {
        guard !fileRange.isEmpty else { return }
        segments.append(Segment(textOffset: length, fileOffset: fileRange.lowerBound))
        length += fileRange.count
    }

    /// File offset of the text byte at `offset` (an offset at the end maps just past the
    /// last byte).
    public func fileOffset(of offset: Int) -> Int {
        guard !segments.isEmpty else { return 0 }
        if offset >= length, offset > 0 { return fileOffset(of: offset - 1) + 1 }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].textOffset <= offset { low = mid } else { high = mid - 1 }
        }
        return segments[low].fileOffset + (offset - segments[low].textOffset)
    }

    /// Text offset of the file byte at `offset`; nil when the byte is not part of the text
    /// (a line break or escape between two pieces). The pieces come from the file in
    /// order, so their file offsets increase and a binary search finds the one to look
    /// in: a scan of every piece per word made a JSON array continued over 100k lines
    /// take seconds.
    public func textOffset(ofFile offset: Int) -> Int? {
        guard let first = segments.first, offset >= first.fileOffset else { return nil }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].fileOffset <= offset { low = mid } else { high = mid - 1 }
        }
        let segment = segments[low]
        let end = low + 1 < segments.count ? segments[low + 1].textOffset : length
        guard offset < segment.fileOffset + (end - segment.textOffset) else { return nil }
        return segment.textOffset + offset - segment.fileOffset
    }

    /// File range of a text range; the end maps to just after the last byte, so a range
    /// never swallows the line break between two pieces.
    public func fileRange(of range: Range<Int>) -> Range<Int> {
        let start = fileOffset(of: range.lowerBound)
        guard range.upperBound > range.lowerBound else { return start..<start }
        let end = fileOffset(of: range.upperBound - 1) + 1
        return start..<max(start, end)
    }

    /// The map of the sub-text that starts at `offset`.
    public func suffix(from offset: Int) -> TextMap {
        var map = TextMap()
        map.length = max(0, length - offset)
        guard offset < length else {
            map.segments = [Segment(textOffset: 0, fileOffset: fileOffset(of: offset))]
            return map
        }
        for (index, segment) in segments.enumerated() {
            let end = index + 1 < segments.count ? segments[index + 1].textOffset : length
            guard end > offset else { continue }
            let skip = max(0, offset - segment.textOffset)
            map.segments.append(Segment(textOffset: segment.textOffset + skip - offset, fileOffset: segment.fileOffset + skip))
        }
        return map
    }
}
