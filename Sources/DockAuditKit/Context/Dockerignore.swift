/// One line of a `.dockerignore` that Docker keeps as a pattern.
public struct DockerignorePattern: Sendable {
    /// 1-based line in the file (0 for patterns given without a file).
    public let line: Int
    /// The pattern as Docker keeps it after cleaning, with its `!` (`"!docs/README.md"`).
    public let text: String
    /// `!pattern`: re-includes what earlier patterns excluded.
    public let isException: Bool
    /// The syntax error Go's `filepath.Match` reports, if any. Docker refuses to build
    /// with such a file; the pattern never matches here.
    public let syntaxError: String?

    let compiled: DockerPattern

    /// The cleaned pattern without `!`.
    public var pattern: String { String(decoding: compiled.cleaned, as: UTF8.self) }
    /// Why the pattern can never match in Docker, for either reason.
    public var problem: String? { syntaxError ?? compiled.regexError.map { "invalid pattern: \($0)" } }
}

/// The outcome of matching one path.
public enum DockerignoreMatch: Sendable, Equatable {
    /// No pattern decided anything: the path is sent.
    case notMatched
    /// Excluded; `pattern` is the index (in `patterns`) of the pattern that decided.
    case excluded(pattern: Int)
    /// Excluded first, then re-included by the exception at index `pattern`.
    case reincluded(pattern: Int)
    /// Docker stops with `syntax error in pattern` when it evaluates this pattern.
    case invalidPattern(pattern: Int)

    public var isExcluded: Bool {
        if case .excluded = self { return true }
        return false
    }
}

/// A `.dockerignore` file read exactly as BuildKit reads it (moby/patternmatcher
/// `ignorefile.ReadAll` and `patternmatcher.New`), and matched as
/// `MatchesOrParentMatches` matches: patterns in order, the last one that applies wins,
/// a path is excluded when it or one of its parent directories matches, an exception
/// (`!`) re-includes.
///
/// Reading rules: a UTF-8 BOM is dropped; a line whose first byte is `#` is a comment
/// (`  # x` is a pattern, as in Docker); lines are trimmed of white space; `!` marks an
/// exception (space after it is trimmed); each pattern goes through `filepath.Clean`
/// and loses one leading `/`; empty lines are skipped.
public struct Dockerignore: Sendable {
    /// Where the file was read from, relative to the context when it is inside it.
    public let path: String?
    public let patterns: [DockerignorePattern]
    /// Problems that make Docker reject the file (with their line), in order.
    public let problems: [DockerignoreProblem]

    public struct DockerignoreProblem: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// Reads the bytes of a `.dockerignore` file.
    public init(bytes: [UInt8], path: String? = nil) {
        var lines: [(line: Int, text: [UInt8])] = []
        var problems: [DockerignoreProblem] = []
        var lineNumber = 0
        var start = 0
        let count = bytes.count
        // bufio.Scanner with ScanLines: split on \n, drop one \r before it; a last line
        // without \n counts when it is not empty.
        while start < count {
            var end = start
            while end < count, bytes[end] != 0x0A { end += 1 }
            var line = Array(bytes[start..<end])
            if line.last == 0x0D { line.removeLast() }
            lineNumber += 1
            if end - start >= 64 * 1024 {
                problems.append(DockerignoreProblem(line: lineNumber, message: "line is longer than 64 KiB: Docker stops reading the file (bufio.Scanner: token too long)"))
                break
            }
            if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
            lines.append((lineNumber, line))
            start = end + 1
        }
        var patterns: [(Int, [UInt8])] = []
        for (number, raw) in lines {
            if raw.first == UInt8(ascii: "#") { continue }
            var pattern = Array(raw[raw.trimmedSpaceBounds(0..<raw.count)])
            if pattern.isEmpty { continue }
            let invert = pattern[0] == UInt8(ascii: "!")
            if invert {
                let rest = Array(pattern[1...])
                pattern = Array(rest[rest.trimmedSpaceBounds(0..<rest.count)])
            }
            if !pattern.isEmpty {
                pattern = GoPath.clean(pattern)
                if pattern.count > 1, pattern[0] == UInt8(ascii: "/") { pattern.removeFirst() }
            }
            if invert { pattern.insert(UInt8(ascii: "!"), at: 0) }
            patterns.append((number, pattern))
        }
        self.init(numberedPatterns: patterns, path: path, problems: problems)
    }

    /// Builds a matcher from patterns as `patternmatcher.New` receives them (each is
    /// trimmed and cleaned; empty ones are dropped). Lines are numbered from 1.
    public init(patterns: [String]) {
        self.init(numberedPatterns: patterns.enumerated().map { ($0.offset + 1, Array($0.element.utf8)) }, path: nil, problems: [])
    }

    private init(numberedPatterns: [(Int, [UInt8])], path: String?, problems: [DockerignoreProblem]) {
        var problems = problems
        var kept: [DockerignorePattern] = []
        for (line, raw) in numberedPatterns {
            var pattern = Array(raw[raw.trimmedSpaceBounds(0..<raw.count)])
            if pattern.isEmpty { continue }
            pattern = GoPath.clean(pattern)
            var isException = false
            if pattern[0] == UInt8(ascii: "!") {
                if pattern.count == 1 {
                    problems.append(DockerignoreProblem(line: line, message: "illegal exclusion pattern: \"!\""))
                    continue
                }
                isException = true
                pattern.removeFirst()
            }
            var syntaxError: String?
            if !GoGlobSyntax.isValid(pattern) {
                syntaxError = "syntax error in pattern"
                problems.append(DockerignoreProblem(line: line, message: "syntax error in pattern"))
            }
            let text = (isException ? "!" : "") + String(decoding: pattern, as: UTF8.self)
            kept.append(DockerignorePattern(line: line, text: text, isException: isException, syntaxError: syntaxError,
                                            compiled: DockerPattern(cleaned: pattern)))
        }
        self.path = path
        self.patterns = kept
        self.problems = problems
    }

    /// Whether any pattern is an exception (`!…`). BuildKit's CopyIgnoredFile check stays
    /// silent for such files, since a directory may be excluded and a file in it not.
    public var hasExceptions: Bool { patterns.contains { $0.isException } }

    /// Whether Docker leaves `path` (relative to the context) out of the build context.
    public func isExcluded(_ path: String) -> Bool {
        match(path).isExcluded
    }

    /// `MatchesOrParentMatches`. The path is cleaned first and a leading `/` dropped
    /// (context paths are relative); the context root itself is never excluded.
    public func match(_ path: String) -> DockerignoreMatch {
        var file = GoPath.clean(Array(path.utf8))
        while file.count > 1, file[0] == UInt8(ascii: "/") { file.removeFirst() }
        if file == [UInt8(ascii: ".")] { return .notMatched }
        let parent = GoPath.dir(file)
        let parentDirs: [ArraySlice<UInt8>] = parent == [UInt8(ascii: ".")]
            ? [] : parent.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)

        var matched = false
        var decidedBy: Int?
        for (index, pattern) in patterns.enumerated() {
            // An exclusion is only worth testing while nothing matched, an exception only after.
            if pattern.isException != matched { continue }
            if pattern.syntaxError != nil { continue }
            guard var hit = pattern.compiled.match(file) else { return .invalidPattern(pattern: index) }
            if !hit, !parentDirs.isEmpty {
                var prefix: [UInt8] = []
                for (depth, component) in parentDirs.enumerated() {
                    if depth > 0 { prefix.append(UInt8(ascii: "/")) }
                    prefix.append(contentsOf: component)
                    if pattern.compiled.match(prefix) == true {
                        hit = true
                        break
                    }
                }
            }
            if hit {
                matched = !pattern.isException
                decidedBy = index
            }
        }
        guard let decidedBy else { return .notMatched }
        return matched ? .excluded(pattern: decidedBy) : .reincluded(pattern: decidedBy)
    }

    /// `MatchesExact`: the same, without looking at parent directories.
    public func matchesExact(_ path: String) -> Bool {
        let file = Array(path.utf8)
        var matched = false
        for pattern in patterns where pattern.isException == matched && pattern.syntaxError == nil {
            if pattern.compiled.match(file) == true { matched = !pattern.isException }
        }
        return matched
    }
}
