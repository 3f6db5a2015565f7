/// One replacement in a file: the bytes in `range` (UTF-8 offsets into the file as read,
/// BOM included, as `SourcePosition.offset`) become `replacement`. An empty range inserts.
public struct TextEdit: Sendable, Hashable {
    public var range: Range<Int>
    public var replacement: String

    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }

    public static func insert(_ text: String, at offset: Int) -> TextEdit {
        TextEdit(range: offset..<offset, replacement: text)
    }
}

/// How a finding can be repaired: edits on the original text, applied together or not at
/// all. Everything not inside an edit stays byte for byte as it was (line endings, the
/// escape character, comments).
public struct Fix: Sendable, Hashable {
    public enum Safety: String, Sendable, Hashable {
        /// Cannot change what the build does beyond the intended change: `--fix` applies it.
        case safe
        /// Might change the build (a relative WORKDIR made absolute): only with `--unsafe-fixes`.
        case unsafe
    }

    /// What the fix does, in a few words (`add --no-cache-dir`).
    public var title: String
    public var edits: [TextEdit]
    public var safety: Safety

    public init(_ title: String, edits: [TextEdit], safety: Safety = .safe) {
        self.title = title
        self.edits = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        self.safety = safety
    }
}

/// Applies fixes to a file's bytes.
public enum FixApplier {
    /// The bytes with as many of `fixes` applied as can go together: fixes are taken in
    /// order of their first edit, and one whose edits overlap (or touch the same insertion
    /// point as) an edit already taken waits for the next round. Unsafe fixes only with
    /// `includingUnsafe`. Returns the new bytes and how many fixes were applied.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8], includingUnsafe: Bool) -> (bytes: [UInt8], applied: Int) {
        let chosen = chosenFixes(fixes, byteCount: bytes.count, includingUnsafe: includingUnsafe)
        guard !chosen.isEmpty else { return (bytes, 0) }
        let taken = chosen.flatMap { fixes[$0].edits }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var position = 0
        for edit in taken.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            result += bytes[position..<edit.range.lowerBound]
            result += Array(edit.replacement.utf8)
            position = edit.range.upperBound
        }
        result += bytes[position...]
        return (result, chosen.count)
    }

    /// The positions in `fixes` of those `apply` takes this round, so a caller can tell
    /// which rules' fixes went in.
    public static func chosenFixes(_ fixes: [Fix], byteCount: Int, includingUnsafe: Bool) -> [Int] {
        let candidates = fixes.indices.filter { index in
            let fix = fixes[index]
            return (includingUnsafe || fix.safety == .safe) && !fix.edits.isEmpty
                && fix.edits.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= byteCount }
        }.sorted { (fixes[$0].edits[0].range.lowerBound, $0) < (fixes[$1].edits[0].range.lowerBound, $1) }
        var taken: [TextEdit] = []
        var chosen: [Int] = []
        for index in candidates {
            let fix = fixes[index]
            let clashes = fix.edits.contains { edit in
                taken.contains { other in overlaps(edit.range, other.range) }
            } || zip(fix.edits, fix.edits.dropFirst()).contains { overlaps($0.range, $1.range) }
            guard !clashes else { continue }
            taken += fix.edits
            chosen.append(index)
        }
        return chosen
    }

    /// Two edits clash when they share a byte, or insert at the same point (their order
    /// would be a guess).
    static func overlaps(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
        if lhs.isEmpty || rhs.isEmpty {
            if lhs.isEmpty, rhs.isEmpty { return lhs.lowerBound == rhs.lowerBound }
            let point = lhs.isEmpty ? lhs.lowerBound : rhs.lowerBound
            let span = lhs.isEmpty ? rhs : lhs
            return point > span.lowerBound && point < span.upperBound
        }
        return lhs.overlaps(rhs)
    }
}
