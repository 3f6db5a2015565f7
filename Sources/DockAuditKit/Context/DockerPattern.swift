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
