/// A unified diff of two versions of a file (`dockaudit lint --diff`), as `diff -u` and
/// git print it. Lines are compared as bytes with their line ends, so a `\r\n` file shows
/// its `\r\n` and a changed line end is a changed line; a last line without a newline gets
/// `\ No newline at end of file`.
public struct UnifiedDiff: Sendable {
    /// Unchanged lines shown around each change.
    public var context = 3

    public init(context: Int = 3) {
        self.context = context
    }

    /// One step of the edit script: a line kept, removed from the old text or added.
    enum Step: Equatable {
        case keep(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    /// The diff with `--- a/PATH` and `+++ b/PATH` headers; empty when nothing changed.
    public func render(old: [UInt8], new: [UInt8], path: String) -> String {
        guard old != new else { return "" }
        let oldLines = Self.lines(old)
        let newLines = Self.lines(new)
        let steps = Self.editScript(oldLines, newLines)
        let label = path.hasPrefix("/") ? path : "/" + path
        var output: [UInt8] = Array("--- a\(label)\n+++ b\(label)\n".utf8)
        for hunk in hunks(steps) {
            output += Array(header(hunk, in: steps).utf8)
            for step in hunk {
                switch step {
                case .keep(let old, _): append(" ", oldLines[old], to: &output)
                case .delete(let old): append("-", oldLines[old], to: &output)
                case .insert(let new): append("+", newLines[new], to: &output)
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    func append(_ marker: String, _ line: ArraySlice<UInt8>, to output: inout [UInt8]) {
        output += Array(marker.utf8)
        output += line
        if line.last != UInt8(ascii: "\n") {
            output += Array("\n\\ No newline at end of file\n".utf8)
        }
    }

    /// `@@ -start,count +start,count @@`: one-based starts, `,1` left out, and an empty
    /// side numbered by the line before it, as GNU diff does.
    func header(_ hunk: ArraySlice<Step>, in steps: [Step]) -> String {
        func counts(_ part: ArraySlice<Step>) -> (old: Int, new: Int) {
            part.reduce(into: (0, 0)) { total, step in
                switch step {
                case .keep: total = (total.0 + 1, total.1 + 1)
                case .delete: total.0 += 1
                case .insert: total.1 += 1
                }
            }
        }
        let before = counts(steps[..<hunk.startIndex])
        let inside = counts(hunk)
        func range(_ before: Int, _ count: Int) -> String {
            switch count {
            case 0: return "\(before),0"
            case 1: return "\(before + 1)"
            default: return "\(before + 1),\(count)"
            }
        }
        return "@@ -\(range(before.old, inside.old)) +\(range(before.new, inside.new)) @@\n"
    }

    /// The steps grouped into hunks: each change with `context` kept lines around it,
    /// changes closer than twice that sharing a hunk.
    func hunks(_ steps: [Step]) -> [ArraySlice<Step>] {
        let changes = steps.indices.filter { if case .keep = steps[$0] { return false } else { return true } }
        guard let first = changes.first else { return [] }
        var result: [ArraySlice<Step>] = []
        var start = max(0, first - context)
        var end = first
        for change in changes.dropFirst() {
            if change - end > 2 * context {
                result.append(steps[start...min(steps.count - 1, end + context)])
                start = change - context
            }
            end = change
        }
        result.append(steps[start...min(steps.count - 1, end + context)])
        return result
    }

    /// The lines of a text, each with its line end (`\n` or `\r\n`); the last one may
    /// have none.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The shortest edit script (Myers' O(ND) algorithm), with the common start and end
    /// kept out of the search, as a fix changes a few lines of a long file.
    static func editScript(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Step] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        // Lines become numbers so the search compares integers.
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        func number(_ line: ArraySlice<UInt8>) -> Int {
            if let known = numbers[line] { return known }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
        let a = old[prefix..<(old.count - suffix)].map(number)
        let b = new[prefix..<(new.count - suffix)].map(number)
        var steps = (0..<prefix).map { Step.keep(old: $0, new: $0) }
        steps += middle(a, b).map { step in
            switch step {
            case .keep(let old, let new): return .keep(old: old + prefix, new: new + prefix)
            case .delete(let old): return .delete(old: old + prefix)
            case .insert(let new): return .insert(new: new + prefix)
            }
        }
        steps += (0..<suffix).map { Step.keep(old: old.count - suffix + $0, new: new.count - suffix + $0) }
        return steps
    }

    static func middle(_ a: [Int], _ b: [Int]) -> [Step] {
        let n = a.count
        let m = b.count
        if n == 0 { return (0..<m).map { .insert(new: $0) } }
        if m == 0 { return (0..<n).map { .delete(old: $0) } }
        let offset = n + m
        var frontier = [Int](repeating: 0, count: 2 * offset + 2)
        var trace: [[Int]] = []
        search: for distance in 0...(n + m) {
            trace.append(frontier)
            for diagonal in stride(from: -distance, through: distance, by: 2) {
                var x: Int
                if diagonal == -distance || (diagonal != distance && frontier[offset + diagonal - 1] < frontier[offset + diagonal + 1]) {
                    x = frontier[offset + diagonal + 1]
                } else {
                    x = frontier[offset + diagonal - 1] + 1
                }
                var y = x - diagonal
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + diagonal] = x
                if x >= n, y >= m { break search }
            }
        }
        // Walk back from the end through the saved frontiers.
        var steps: [Step] = []
        var x = n
        var y = m
        for distance in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[distance]
            let diagonal = x - y
            let previous: Int
            if diagonal == -distance || (diagonal != distance && saved[offset + diagonal - 1] < saved[offset + diagonal + 1]) {
                previous = diagonal + 1
            } else {
                previous = diagonal - 1
            }
            let previousX = distance == 0 ? 0 : saved[offset + previous]
            let previousY = distance == 0 ? 0 : previousX - previous
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                steps.append(.keep(old: x, new: y))
            }
            if distance > 0 {
                if x == previousX {
                    steps.append(.insert(new: previousY))
                } else {
                    steps.append(.delete(old: previousX))
                }
            }
            x = previousX
            y = previousY
        }
        return steps.reversed()
    }
}
