/// A point in a source file.
///
/// `offset` is the UTF-8 byte offset from the start of the file (the BOM, when present,
/// counts); `line` and `column` are 1-based, and the column counts Unicode scalars from
/// the start of the line, the way editors show it.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }
}

/// A half-open span of a source file: `start` is the first byte, `end` the position just
/// after the last byte (so an empty range has `start == end`).
public struct SourceRange: Sendable, Hashable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The byte offsets the range covers.
    public var bytes: Range<Int> { start.offset..<end.offset }

    public func contains(_ other: SourceRange) -> Bool {
        start.offset <= other.start.offset && other.end.offset <= end.offset
    }
}
