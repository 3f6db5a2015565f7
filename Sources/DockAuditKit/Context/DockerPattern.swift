/// One `.dockerignore` pattern compiled the way moby/patternmatcher compiles it.
///
/// Docker checks a pattern's syntax with Go's `filepath.Match` when the file is read,
/// then (lazily) turns it into one of four matchers: an exact string, a prefix
/// (`dir/**`), a suffix (`**/name`) or a regular expression. The translation to a
/// regular expression is kept as Docker writes it (see `regexSource`) and read by
/// `PatternRegex`, so that its quirks are the same:
/// - `*` is `[^/]*`, `?` is `[^/]`, `**` is `(.*/)?` (or `.*` at the end);
/// - `.+()|{}$` are literal; `^` is not escaped and acts as an anchor;
/// - `\x` keeps its regular-expression meaning (`\n` is a newline, `\.` a dot);
/// - a class is copied as written, so `[*]` turns into `[[^/]*]`;
/// - `[!a]` is a class of `!` and `a`: only `[^a]` negates (Go's rule, not the shell's).
struct DockerPattern: Sendable {
    enum Kind: Sendable, Equatable {
        case exact, prefix, suffix, regexp
    }

    /// The cleaned pattern without its leading `!`.
    let cleaned: [UInt8]
    let kind: Kind
    /// The regular expression Docker builds (also for the other kinds, for tests).
    let regexSource: String
    /// Compiled expression for `.regexp`; nil for the other kinds or when it is invalid.
    let regex: PatternRegex?
    /// Why Go's `regexp.Compile` would reject the expression (Docker then fails every
    /// match that reaches this pattern with `filepath.ErrBadPattern`).
    let regexError: String?

    init(cleaned: [UInt8]) {
        self.cleaned = cleaned
        let (kind, source) = DockerPattern.translate(cleaned)
        self.kind = kind
        self.regexSource = String(decoding: source, as: UTF8.self)
        if kind == .regexp {
            do {
                regex = try PatternRegex(parsing: source)
                regexError = nil
            } catch {
                regex = nil
                regexError = error.message
            }
        } else {
            regex = nil
            regexError = nil
        }
    }

    /// `Pattern.match`: nil when the pattern is bad (Docker returns ErrBadPattern).
    func match(_ path: [UInt8]) -> Bool? {
        switch kind {
        case .exact:
            return path == cleaned
        case .prefix:
            return path.starts(with: cleaned.dropLast(2))
        case .suffix:
            let suffix = cleaned.dropFirst(2)
            if path.count >= suffix.count, path[(path.count - suffix.count)...].elementsEqual(suffix) { return true }
            // `**/foo` also matches `foo` itself.
            return suffix.first == UInt8(ascii: "/") && path.elementsEqual(suffix.dropFirst())
        case .regexp:
            return regex?.matches(path)
        }
    }

    /// Port of `Pattern.compile` for `/` as separator: the match kind and the expression.
    static func translate(_ pattern: [UInt8]) -> (Kind, [UInt8]) {
        var source: [UInt8] = [UInt8(ascii: "^")]
        var kind = Kind.exact
        // Docker reads the pattern with Go's text/scanner: one Unicode scalar at a time
        // (an invalid byte is U+FFFD) and a byte-order mark at the very start is skipped.
        var scalars: [Unicode.Scalar] = []
        var index = 0
        while index < pattern.count {
            let (scalar, width) = UTF8Text.decodeScalar(pattern, at: index)
            scalars.append(scalar)
            index += width
        }
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        func append(_ text: String) { source.append(contentsOf: text.utf8) }
        func append(_ scalar: Unicode.Scalar) { UTF8Text.append(scalar, to: &source) }

        var cursor = 0
        var token = 0
        while cursor < scalars.count {
            defer { token += 1 }
            let ch = scalars[cursor]
            cursor += 1
            let peek: Unicode.Scalar? = cursor < scalars.count ? scalars[cursor] : nil
            switch ch {
            case "*":
                if peek == "*" {
                    cursor += 1
                    // `**/` is read as `**`.
                    if cursor < scalars.count, scalars[cursor] == "/" { cursor += 1 }
                    if cursor == scalars.count {
                        // `**` at the end accepts everything below, as .gitignore does.
                        if kind == .exact {
                            kind = .prefix
                        } else {
                            append(".*")
                            kind = .regexp
                        }
                    } else {
                        // Any number of directories, including none.
                        append("(.*/)?")
                        kind = .regexp
                    }
                    if token == 0 { kind = .suffix }
                } else {
                    append("[^/]*")
                    kind = .regexp
                }
            case "?":
                append("[^/]")
                kind = .regexp
            case ".", "+", "(", ")", "|", "{", "}", "$":
                append("\\")
                append(ch)
            case "\\":
                if let next = peek {
                    cursor += 1
                    append("\\")
                    append(next)
                    kind = .regexp
                } else {
                    append("\\")
                }
            case "[", "]":
                append(ch)
                kind = .regexp
            default:
                append(ch)
            }
        }
        append("$")
        return (kind, source)
    }
}

/// The syntax check Go's `filepath.Match(pattern, ".")` performs (Go ≥ 1.16 checks the
/// whole pattern): an unterminated class, a class that starts with `-` or `]`, a range
/// without its end, a trailing backslash or invalid UTF-8 inside a class is an error.
/// Docker rejects the whole `.dockerignore` when one pattern fails it.
enum GoGlobSyntax {
    static func isValid(_ pattern: [UInt8]) -> Bool {
        let backslash = UInt8(ascii: "\\")
        var i = 0
        let n = pattern.count
        while i < n {
            let byte = pattern[i]
            if byte == backslash {
                guard i + 1 < n else { return false }
                i += 2
            } else if byte == UInt8(ascii: "[") {
                i += 1
                if i < n, pattern[i] == UInt8(ascii: "^") { i += 1 }
                var ranges = 0
                while true {
                    if i < n, pattern[i] == UInt8(ascii: "]"), ranges > 0 {
                        i += 1
                        break
                    }
                    guard let afterLow = escapedChar(pattern, at: i) else { return false }
                    i = afterLow
                    if pattern[i] == UInt8(ascii: "-") {
                        guard let afterHigh = escapedChar(pattern, at: i + 1) else { return false }
                        i = afterHigh
                    }
                    ranges += 1
                }
            } else {
                i += 1
            }
        }
        return true
    }

    /// Go's `getEsc`: one class character; nil on error. The class must go on after it.
    private static func escapedChar(_ pattern: [UInt8], at start: Int) -> Int? {
        var i = start
        let n = pattern.count
        guard i < n, pattern[i] != UInt8(ascii: "-"), pattern[i] != UInt8(ascii: "]") else { return nil }
        if pattern[i] == UInt8(ascii: "\\") {
            i += 1
            guard i < n else { return nil }
        }
        let (scalar, width) = UTF8Text.decodeScalar(pattern, at: i)
        if scalar == UTF8Text.replacement, width == 1 {
            // Go flags only a *decoding* error: a literal U+FFFD is three bytes.
            return nil
        }
        i += width
        return i < n ? i : nil
    }
}

/// Go's `filepath.Match` on Unix: `*` (not across `/`), `?`, `[…]` with ranges and `^`,
/// `\` escapes. BuildKit expands COPY/ADD wildcards with it. Nil means a bad pattern.
enum GoGlob {
    static func match(_ pattern: String, _ name: String) -> Bool? {
        var pattern = Array(pattern.utf8)[...]
        var name = Array(name.utf8)[...]
        let slash = UInt8(ascii: "/")
        patternLoop: while !pattern.isEmpty {
            let (star, chunk, rest) = scanChunk(pattern)
            pattern = rest
            if star, chunk.isEmpty {
                return !name.contains(slash)
            }
            let (remainder, ok, bad) = matchChunk(chunk, name)
            if ok, remainder.isEmpty || !pattern.isEmpty {
                name = remainder
                continue
            }
            if bad { return nil }
            if star {
                var i = name.startIndex
                while i < name.endIndex, name[i] != slash {
                    let (remainder, ok, bad) = matchChunk(chunk, name[(i + 1)...])
                    if ok {
                        if pattern.isEmpty, !remainder.isEmpty {
                            i += 1
                            continue
                        }
                        name = remainder
                        continue patternLoop
                    }
                    if bad { return nil }
                    i += 1
                }
            }
            // Before failing, Go checks that the rest of the pattern is well formed.
            while !pattern.isEmpty {
                let (_, chunk, rest) = scanChunk(pattern)
                pattern = rest
                if matchChunk(chunk, [][...]).2 { return nil }
            }
            return false
        }
        return name.isEmpty
    }

    private static func scanChunk(_ pattern: ArraySlice<UInt8>) -> (Bool, ArraySlice<UInt8>, ArraySlice<UInt8>) {
        var pattern = pattern
        var star = false
        while pattern.first == UInt8(ascii: "*") {
            pattern = pattern.dropFirst()
            star = true
        }
        var inRange = false
        var i = pattern.startIndex
        scan: while i < pattern.endIndex {
            switch pattern[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < pattern.endIndex { i += 1 }
            case UInt8(ascii: "["):
                inRange = true
            case UInt8(ascii: "]"):
                inRange = false
            case UInt8(ascii: "*"):
                if !inRange { break scan }
            default:
                break
            }
            i += 1
        }
        return (star, pattern[..<i], pattern[i...])
    }

    /// (rest of name, matched, bad pattern)
    private static func matchChunk(_ chunk: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, Bool, Bool) {
        var chunk = chunk
        var s = name
        var failed = false
        while !chunk.isEmpty {
            if !failed, s.isEmpty { failed = true }
            switch chunk.first! {
            case UInt8(ascii: "["):
                var r: UInt32 = 0
                if !failed {
                    let (scalar, width) = UTF8Text.decodeScalar(Array(s), at: 0)
                    r = scalar.value
                    s = s.dropFirst(width)
                }
                chunk = chunk.dropFirst()
                var negated = false
                if chunk.first == UInt8(ascii: "^") {
                    negated = true
                    chunk = chunk.dropFirst()
                }
                var matched = false
                var ranges = 0
                while true {
                    if chunk.first == UInt8(ascii: "]"), ranges > 0 {
                        chunk = chunk.dropFirst()
                        break
                    }
                    guard let (low, afterLow) = escaped(chunk) else { return ([], false, true) }
                    chunk = afterLow
                    var high = low
                    if chunk.first == UInt8(ascii: "-") {
                        guard let (value, afterHigh) = escaped(chunk.dropFirst()) else { return ([], false, true) }
                        high = value
                        chunk = afterHigh
                    }
                    if low <= r, r <= high { matched = true }
                    ranges += 1
                }
                if matched == negated { failed = true }
            case UInt8(ascii: "?"):
                if !failed {
                    if s.first == UInt8(ascii: "/") { failed = true }
                    let (_, width) = UTF8Text.decodeScalar(Array(s), at: 0)
                    s = s.dropFirst(width)
                }
                chunk = chunk.dropFirst()
            case UInt8(ascii: "\\"):
                chunk = chunk.dropFirst()
                if chunk.isEmpty { return ([], false, true) }
                fallthrough
            default:
                if !failed {
                    if chunk.first != s.first { failed = true }
                    s = s.dropFirst()
                }
                chunk = chunk.dropFirst()
            }
        }
        return failed ? ([], false, false) : (s, true, false)
    }

    /// Go's `getEsc`.
    private static func escaped(_ chunk: ArraySlice<UInt8>) -> (UInt32, ArraySlice<UInt8>)? {
        var chunk = chunk
        guard let first = chunk.first, first != UInt8(ascii: "-"), first != UInt8(ascii: "]") else { return nil }
        if first == UInt8(ascii: "\\") {
            chunk = chunk.dropFirst()
            if chunk.isEmpty { return nil }
        }
        let (scalar, width) = UTF8Text.decodeScalar(Array(chunk), at: 0)
        if scalar == UTF8Text.replacement, width == 1 { return nil }
        chunk = chunk.dropFirst(width)
        if chunk.isEmpty { return nil }
        return (scalar.value, chunk)
    }

    /// Whether a path component holds a wildcard (BuildKit's `containsWildcards`).
    /// The bytes a name must start with to match `pattern`: those before its first
    /// `*`, `?`, `[` or `\\`. A cheap test that spares most names the full match when a
    /// folder holds thousands of them.
    static func literalPrefix(_ pattern: String) -> [UInt8] {
        Array(pattern.utf8.prefix { !"*?[\\".utf8.contains($0) })
    }

    /// The bytes a name must end with to match `pattern`: those after its last `*` or
    /// `?`; empty when the pattern has a class or an escape (no cheap answer then).
    static func literalSuffix(_ pattern: String) -> [UInt8] {
        let bytes = Array(pattern.utf8)
        guard !bytes.contains(where: { "[]\\".utf8.contains($0) }) else { return [] }
        guard let last = bytes.lastIndex(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }) else { return bytes }
        return Array(bytes[(last + 1)...])
    }

    static func hasWildcard(_ component: String) -> Bool {
        var bytes = Array(component.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\\") {
                _ = bytes.popFirst()
            } else if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") {
                return true
            }
        }
        return false
    }
}
