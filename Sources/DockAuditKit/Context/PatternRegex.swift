/// The part of Go's `regexp` (RE2 syntax, `syntax.Perl` flags) that Docker's pattern
/// compiler can produce, run as a Thompson NFA.
///
/// moby/patternmatcher turns a `.dockerignore` pattern into a regular expression and
/// lets Go's `regexp` match it. Reading that regular expression the way Go does keeps
/// the odd corners exact: `[*]` becomes `[[^/]*]` (a class of `[`, `^`, `/`, repeated,
/// then a literal `]`), `\n` in a pattern is a newline, `.` never matches a newline.
/// The NFA keeps a set of states per input position, so the time is O(path × pattern)
/// whatever the pattern (no backtracking; `**/**/**/*a*a*a*b` stays cheap).
///
/// Not supported, reported as an invalid pattern instead: Unicode classes (`\pL`,
/// `\p{Greek}`), flag groups (`(?i)`), `{n,m}` counted repetition. Docker's translation
/// escapes `(`, `{` and `|`, so only `\p` could reach here from a real pattern.
struct PatternRegex: Sendable {
    struct ParseError: Error, Equatable {
        var message: String
    }

    /// A set of Unicode scalar values: sorted, non-overlapping, non-adjacent ranges.
    struct ScalarSet: Sendable, Equatable {
        var ranges: [ClosedRange<UInt32>]

        static let maxScalar: UInt32 = 0x10FFFF

        init(_ ranges: [ClosedRange<UInt32>]) {
            self.ranges = ScalarSet.normalize(ranges)
        }

        static func normalize(_ input: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
            let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
            var out: [ClosedRange<UInt32>] = []
            for range in sorted {
                if let last = out.last, range.lowerBound <= last.upperBound &+ 1 {
                    out[out.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
                } else {
                    out.append(range)
                }
            }
            return out
        }

        var complement: ScalarSet {
            var out: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for range in ranges {
                if range.lowerBound > next { out.append(next...(range.lowerBound - 1)) }
                next = range.upperBound &+ 1
            }
            if next <= ScalarSet.maxScalar, !(ranges.last?.upperBound == ScalarSet.maxScalar) {
                out.append(next...ScalarSet.maxScalar)
            }
            return ScalarSet(out)
        }

        func contains(_ value: UInt32) -> Bool {
            var low = 0, high = ranges.count - 1
            while low <= high {
                let middle = (low + high) / 2
                let range = ranges[middle]
                if value < range.lowerBound {
                    high = middle - 1
                } else if value > range.upperBound {
                    low = middle + 1
                } else {
                    return true
                }
            }
            return false
        }
    }

    enum Assertion: Sendable, Equatable {
        case beginText, endText, wordBoundary, notWordBoundary
    }

    indirect enum Node: Sendable, Equatable {
        case empty
        case scalars(ScalarSet)
        /// `.`: any scalar but a newline (Go's default, no `s` flag).
        case anyButNewline
        case assertion(Assertion)
        case concat([Node])
        case alternate([Node])
        case star(Node)
        case plus(Node)
        case optional(Node)
    }

    enum Instruction: Sendable {
        case scalars(ScalarSet, next: Int)
        case anyButNewline(next: Int)
        case assertion(Assertion, next: Int)
        case split(Int, Int)
        case jump(Int)
        case match
    }

    let program: [Instruction]
    let start: Int

    /// Parses Go regular-expression text (UTF-8) and compiles it.
    init(parsing source: [UInt8]) throws(ParseError) {
        var parser = Parser(bytes: source)
        let node = try parser.parseAll()
        var builder = Builder()
        let matchIndex = builder.emit(.match)
        start = builder.compile(node, next: matchIndex)
        program = builder.instructions
    }

    // MARK: Matching

    /// Go's `Regexp.MatchString`: does the expression match anywhere in `input`? Docker's
    /// expressions are anchored with `^…$`, so this is a whole-path match in practice.
    func matches(_ input: [UInt8]) -> Bool {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let (scalar, width) = UTF8Text.decodeScalar(input, at: index)
            scalars.append(scalar.value)
            index += width
        }
        let count = program.count
        var current: [Int] = []
        var next: [Int] = []
        var mark = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        current.reserveCapacity(count)
        next.reserveCapacity(count)

        func isWord(_ position: Int) -> Bool {
            guard position >= 0, position < scalars.count else { return false }
            let v = scalars[position]
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }

        // Adds `pc` and everything reachable from it without consuming input. Returns
        // true when `match` is reachable (Go's unanchored match may stop there).
        func addClosure(_ pc: Int, at position: Int, generation: Int, into list: inout [Int]) -> Bool {
            var found = false
            stack.append(pc)
            while let top = stack.popLast() {
                if mark[top] == generation { continue }
                mark[top] = generation
                switch program[top] {
                case .jump(let target):
                    stack.append(target)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .assertion(let assertion, let target):
                    let holds: Bool
                    switch assertion {
                    case .beginText: holds = position == 0
                    case .endText: holds = position == scalars.count
                    case .wordBoundary: holds = isWord(position - 1) != isWord(position)
                    case .notWordBoundary: holds = isWord(position - 1) == isWord(position)
                    }
                    if holds { stack.append(target) }
                case .match:
                    found = true
                case .scalars, .anyButNewline:
                    list.append(top)
                }
            }
            return found
        }

        var generation = 0
        if addClosure(start, at: 0, generation: generation, into: &current) { return true }
        var position = 0
        while position < scalars.count {
            let value = scalars[position]
            generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current {
                switch program[pc] {
                case .scalars(let set, let target):
                    if set.contains(value), addClosure(target, at: position + 1, generation: generation, into: &next) {
                        return true
                    }
                case .anyButNewline(let target):
                    if value != 0x0A, addClosure(target, at: position + 1, generation: generation, into: &next) {
                        return true
                    }
                default:
                    break
                }
            }
            // Unanchored search: a match may also start at the next position.
            if addClosure(start, at: position + 1, generation: generation, into: &next) { return true }
            swap(&current, &next)
            position += 1
        }
        return false
    }

    // MARK: Compiling

    private struct Builder {
        var instructions: [Instruction] = []

        mutating func emit(_ instruction: Instruction) -> Int {
            instructions.append(instruction)
            return instructions.count - 1
        }

        /// Compiles `node` so that it continues at `next`; returns its entry point.
        mutating func compile(_ node: Node, next: Int) -> Int {
            switch node {
            case .empty:
                return next
            case .scalars(let set):
                return emit(.scalars(set, next: next))
            case .anyButNewline:
                return emit(.anyButNewline(next: next))
            case .assertion(let assertion):
                return emit(.assertion(assertion, next: next))
            case .concat(let nodes):
                var entry = next
                for node in nodes.reversed() { entry = compile(node, next: entry) }
                return entry
            case .alternate(let nodes):
                guard var entry = nodes.last.map({ compile($0, next: next) }) else { return next }
                for node in nodes.dropLast().reversed() {
                    let branch = compile(node, next: next)
                    entry = emit(.split(branch, entry))
                }
                return entry
            case .star(let body):
                let loop = emit(.jump(next))  // patched below
                let bodyEntry = compile(body, next: loop)
                instructions[loop] = .split(bodyEntry, next)
                return loop
            case .plus(let body):
                let loop = emit(.jump(next))
                let bodyEntry = compile(body, next: loop)
                instructions[loop] = .split(bodyEntry, next)
                return bodyEntry
            case .optional(let body):
                let bodyEntry = compile(body, next: next)
                return emit(.split(bodyEntry, next))
            }
        }
    }

    // MARK: Parsing (Go's regexp/syntax, Perl flags)

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position >= bytes.count }

        mutating func nextScalar() -> UInt32 {
            let (scalar, width) = UTF8Text.decodeScalar(bytes, at: position)
            position += width
            return scalar.value
        }

        /// One level of alternation: concatenations separated by `|`, until `)` or the end.
        mutating func parseAll() throws(ParseError) -> Node {
            let node = try parseAlternation(depth: 0)
            if !atEnd { throw ParseError(message: "unexpected )") }
            return node
        }

        mutating func parseAlternation(depth: Int) throws(ParseError) -> Node {
            var branches: [Node] = [try parseConcatenation(depth: depth)]
            while !atEnd, bytes[position] == UInt8(ascii: "|") {
                position += 1
                branches.append(try parseConcatenation(depth: depth))
            }
            return branches.count == 1 ? branches[0] : .alternate(branches)
        }

        mutating func parseConcatenation(depth: Int) throws(ParseError) -> Node {
            var items: [Node] = []
            // Whether the last item is a repetition (Go rejects `a**`).
            var lastWasRepeat = false
            while !atEnd {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "|"):
                    return items.count == 1 ? items[0] : .concat(items)
                case UInt8(ascii: ")"):
                    if depth == 0 { throw ParseError(message: "unexpected )") }
                    return items.count == 1 ? items[0] : .concat(items)
                case UInt8(ascii: "("):
                    position += 1
                    if !atEnd, bytes[position] == UInt8(ascii: "?") {
                        throw ParseError(message: "flag groups are not supported")
                    }
                    let inner = try parseAlternation(depth: depth + 1)
                    if atEnd { throw ParseError(message: "missing closing )") }
                    position += 1
                    items.append(inner)
                    lastWasRepeat = false
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                    position += 1
                    guard let operand = items.popLast() else {
                        throw ParseError(message: "missing argument to repetition operator")
                    }
                    if lastWasRepeat { throw ParseError(message: "invalid nested repetition operator") }
                    switch byte {
                    case UInt8(ascii: "*"): items.append(.star(operand))
                    case UInt8(ascii: "+"): items.append(.plus(operand))
                    default: items.append(.optional(operand))
                    }
                    // A following `?` makes it non-greedy, which does not change whether it matches.
                    if !atEnd, bytes[position] == UInt8(ascii: "?") { position += 1 }
                    lastWasRepeat = true
                    continue
                case UInt8(ascii: "^"):
                    position += 1
                    items.append(.assertion(.beginText))
                case UInt8(ascii: "$"):
                    position += 1
                    items.append(.assertion(.endText))
                case UInt8(ascii: "."):
                    position += 1
                    items.append(.anyButNewline)
                case UInt8(ascii: "["):
                    position += 1
                    items.append(.scalars(try parseClass()))
                case UInt8(ascii: "\\"):
                    items.append(try parseTopLevelEscape())
                default:
                    let value = nextScalar()
                    items.append(.scalars(ScalarSet([value...value])))
                }
                lastWasRepeat = false
            }
            return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
        }

        mutating func parseTopLevelEscape() throws(ParseError) -> Node {
            // bytes[position] is the backslash.
            guard position + 1 < bytes.count else { throw ParseError(message: "trailing backslash at end of expression") }
            let letter = bytes[position + 1]
            switch letter {
            case UInt8(ascii: "A"):
                position += 2
                return .assertion(.beginText)
            case UInt8(ascii: "z"):
                position += 2
                return .assertion(.endText)
            case UInt8(ascii: "b"):
                position += 2
                return .assertion(.wordBoundary)
            case UInt8(ascii: "B"):
                position += 2
                return .assertion(.notWordBoundary)
            case UInt8(ascii: "Q"):
                // Literal text up to `\E` or the end.
                position += 2
                var items: [Node] = []
                while !atEnd {
                    if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "E") {
                        position += 2
                        break
                    }
                    let value = nextScalar()
                    items.append(.scalars(ScalarSet([value...value])))
                }
                return items.count == 1 ? items[0] : .concat(items)
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                throw ParseError(message: "Unicode classes (\\p) are not supported")
            default:
                if let perl = perlClass(letter) {
                    position += 2
                    return .scalars(perl)
                }
                let value = try parseEscape()
                return .scalars(ScalarSet([value...value]))
            }
        }

        /// `\d \D \s \S \w \W` (ASCII, as in Go).
        func perlClass(_ letter: UInt8) -> ScalarSet? {
            let digit: [ClosedRange<UInt32>] = [0x30...0x39]
            let space: [ClosedRange<UInt32>] = [0x09...0x0A, 0x0C...0x0D, 0x20...0x20]
            let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
            switch letter {
            case UInt8(ascii: "d"): return ScalarSet(digit)
            case UInt8(ascii: "D"): return ScalarSet(digit).complement
            case UInt8(ascii: "s"): return ScalarSet(space)
            case UInt8(ascii: "S"): return ScalarSet(space).complement
            case UInt8(ascii: "w"): return ScalarSet(word)
            case UInt8(ascii: "W"): return ScalarSet(word).complement
            default: return nil
            }
        }

        /// Go's `parseEscape`, positioned on the backslash: one escaped character.
        mutating func parseEscape() throws(ParseError) -> UInt32 {
            position += 1
            guard !atEnd else { throw ParseError(message: "trailing backslash at end of expression") }
            let c = nextScalar()
            func isOctal(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x37 }
            switch c {
            case 0x31...0x37:
                // A single non-zero digit would be a backreference, which Go rejects.
                guard !atEnd, isOctal(bytes[position]) else { throw ParseError(message: "invalid escape sequence") }
                fallthrough
            case 0x30:
                var value = c - 0x30
                for _ in 1..<3 {
                    guard !atEnd, isOctal(bytes[position]) else { break }
                    value = value * 8 + UInt32(bytes[position] - 0x30)
                    position += 1
                }
                return value
            case UInt32(UInt8(ascii: "x")):
                return try parseHexEscape()
            case UInt32(UInt8(ascii: "a")): return 0x07
            case UInt32(UInt8(ascii: "f")): return 0x0C
            case UInt32(UInt8(ascii: "n")): return 0x0A
            case UInt32(UInt8(ascii: "r")): return 0x0D
            case UInt32(UInt8(ascii: "t")): return 0x09
            case UInt32(UInt8(ascii: "v")): return 0x0B
            default:
                let isAlphanumeric = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                if c < 0x80, !isAlphanumeric { return c }
                throw ParseError(message: "invalid escape sequence")
            }
        }

        mutating func parseHexEscape() throws(ParseError) -> UInt32 {
            func hexValue(_ b: UInt8) -> UInt32? {
                switch b {
                case 0x30...0x39: return UInt32(b - 0x30)
                case 0x41...0x46: return UInt32(b - 0x41 + 10)
                case 0x61...0x66: return UInt32(b - 0x61 + 10)
                default: return nil
                }
            }
            guard !atEnd else { throw ParseError(message: "invalid escape sequence") }
            if bytes[position] == UInt8(ascii: "{") {
                position += 1
                var value: UInt32 = 0
                var digits = 0
                while !atEnd, let digit = hexValue(bytes[position]) {
                    value = value * 16 + digit
                    digits += 1
                    position += 1
                    if value > ScalarSet.maxScalar { throw ParseError(message: "invalid escape sequence") }
                }
                guard digits > 0, !atEnd, bytes[position] == UInt8(ascii: "}") else {
                    throw ParseError(message: "invalid escape sequence")
                }
                position += 1
                return value
            }
            guard position + 1 < bytes.count, let high = hexValue(bytes[position]), let low = hexValue(bytes[position + 1]) else {
                throw ParseError(message: "invalid escape sequence")
            }
            position += 2
            return high * 16 + low
        }

        /// Go's `parseClass`, positioned just after `[`.
        mutating func parseClass() throws(ParseError) -> ScalarSet {
            var negated = false
            if !atEnd, bytes[position] == UInt8(ascii: "^") {
                negated = true
                position += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard !atEnd else { throw ParseError(message: "missing closing ]") }
                if bytes[position] == UInt8(ascii: "]"), !first { break }
                first = false
                // POSIX classes such as [:alpha:] (only when the closing `:]` exists).
                if bytes[position] == UInt8(ascii: "["), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ":"),
                   let named = try parseNamedClass()
                {
                    ranges.append(contentsOf: named.ranges)
                    continue
                }
                if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
                    let letter = bytes[position + 1]
                    if letter == UInt8(ascii: "p") || letter == UInt8(ascii: "P") {
                        throw ParseError(message: "Unicode classes (\\p) are not supported")
                    }
                    if let perl = perlClass(letter) {
                        position += 2
                        ranges.append(contentsOf: perl.ranges)
                        continue
                    }
                }
                let low = try parseClassChar()
                var high = low
                if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"), bytes[position + 1] != UInt8(ascii: "]") {
                    position += 1
                    high = try parseClassChar()
                    if high < low { throw ParseError(message: "invalid character class range") }
                }
                ranges.append(low...high)
            }
            position += 1  // the closing ]
            let set = ScalarSet(ranges)
            return negated ? set.complement : set
        }

        mutating func parseClassChar() throws(ParseError) -> UInt32 {
            guard !atEnd else { throw ParseError(message: "missing closing ]") }
            if bytes[position] == UInt8(ascii: "\\") { return try parseEscape() }
            return nextScalar()
        }

        /// `[:name:]` or `[:^name:]`; nil when there is no closing `:]` (then `[` is literal).
        mutating func parseNamedClass() throws(ParseError) -> ScalarSet? {
            var end = position + 2
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: ":") && bytes[end + 1] == UInt8(ascii: "]")) { end += 1 }
            guard end + 1 < bytes.count else { return nil }
            var name = String(decoding: bytes[(position + 2)..<end], as: UTF8.self)
            var negated = false
            if name.hasPrefix("^") {
                negated = true
                name.removeFirst()
            }
            let table: [String: [ClosedRange<UInt32>]] = [
                "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A],
                "alpha": [0x41...0x5A, 0x61...0x7A],
                "ascii": [0x00...0x7F],
                "blank": [0x09...0x09, 0x20...0x20],
                "cntrl": [0x00...0x1F, 0x7F...0x7F],
                "digit": [0x30...0x39],
                "graph": [0x21...0x7E],
                "lower": [0x61...0x7A],
                "print": [0x20...0x7E],
                "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
                "space": [0x09...0x0D, 0x20...0x20],
                "upper": [0x41...0x5A],
                "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
                "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
            ]
            guard let ranges = table[name] else { throw ParseError(message: "invalid character class range") }
            position = end + 2
            let set = ScalarSet(ranges)
            return negated ? set.complement : set
        }
    }
}
