import Testing
@testable import DockAuditKit

/// The tables of moby/patternmatcher `patternmatcher_test.go` and
/// `ignorefile/ignorefile_test.go`, rewritten as Swift tables, plus cases of our own
/// for the corners of Docker's pattern-to-regexp translation.
struct DockerignoreTests {
    enum Expect: Sendable {
        /// Matches the path itself (MatchesExact and MatchesOrParentMatches agree).
        case exact
        /// Matches only through a parent directory.
        case inexact
        case fail
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var pattern: String
        var path: String
        var expect: Expect
        init(_ pattern: String, _ path: String, _ expect: Expect) {
            self.pattern = pattern
            self.path = path
            self.expect = expect
        }
        var testDescription: String { "\(pattern) ~ \(path)" }
    }

    /// `TestMatches` (Unix rows, including the two non-Windows additions).
    static let upstreamMatches: [Row] = [
        Row("**", "file", .exact),
        Row("**", "file/", .exact),
        Row("**/", "file", .exact),
        Row("**/", "file/", .exact),
        Row("**", "/", .exact),
        Row("**/", "/", .exact),
        Row("**", "dir/file", .exact),
        Row("**/", "dir/file", .exact),
        Row("**", "dir/file/", .exact),
        Row("**/", "dir/file/", .exact),
        Row("**/**", "dir/file", .exact),
        Row("**/**", "dir/file/", .exact),
        Row("dir/**", "dir/file", .exact),
        Row("dir/**", "dir/file/", .exact),
        Row("dir/**", "dir/dir2/file", .exact),
        Row("dir/**", "dir/dir2/file/", .exact),
        Row("**/dir", "dir", .exact),
        Row("**/dir", "dir/file", .inexact),
        Row("**/dir2/*", "dir/dir2/file", .exact),
        Row("**/dir2/*", "dir/dir2/file/", .inexact),
        Row("**/dir2/**", "dir/dir2/dir3/file", .exact),
        Row("**/dir2/**", "dir/dir2/dir3/file/", .exact),
        Row("**file", "file", .exact),
        Row("**file", "dir/file", .exact),
        Row("**/file", "dir/file", .exact),
        Row("**file", "dir/dir/file", .exact),
        Row("**/file", "dir/dir/file", .exact),
        Row("**/file*", "dir/dir/file", .exact),
        Row("**/file*", "dir/dir/file.txt", .exact),
        Row("**/file*txt", "dir/dir/file.txt", .exact),
        Row("**/file*.txt", "dir/dir/file.txt", .exact),
        Row("**/file*.txt*", "dir/dir/file.txt", .exact),
        Row("**/**/*.txt", "dir/dir/file.txt", .exact),
        Row("**/**/*.txt2", "dir/dir/file.txt", .fail),
        Row("**/*.txt", "file.txt", .exact),
        Row("**/**/*.txt", "file.txt", .exact),
        Row("a**/*.txt", "a/file.txt", .exact),
        Row("a**/*.txt", "a/dir/file.txt", .exact),
        Row("a**/*.txt", "a/dir/dir/file.txt", .exact),
        Row("a/*.txt", "a/dir/file.txt", .fail),
        Row("a/*.txt", "a/file.txt", .exact),
        Row("a/*.txt**", "a/file.txt", .exact),
        Row("a[b-d]e", "ae", .fail),
        Row("a[b-d]e", "ace", .exact),
        Row("a[b-d]e", "aae", .fail),
        Row("a[^b-d]e", "aze", .exact),
        Row(".*", ".foo", .exact),
        Row(".*", "foo", .fail),
        Row("abc.def", "abcdef", .fail),
        Row("abc.def", "abc.def", .exact),
        Row("abc.def", "abcZdef", .fail),
        Row("abc?def", "abcZdef", .exact),
        Row("abc?def", "abcdef", .fail),
        Row("**/foo/bar", "foo/bar", .exact),
        Row("**/foo/bar", "dir/foo/bar", .exact),
        Row("**/foo/bar", "dir/dir2/foo/bar", .exact),
        Row("abc/**", "abc", .fail),
        Row("abc/**", "abc/def", .exact),
        Row("abc/**", "abc/def/ghi", .exact),
        Row("**/.foo", ".foo", .exact),
        Row("**/.foo", "bar.foo", .fail),
        Row("a(b)c/def", "a(b)c/def", .exact),
        Row("a(b)c/def", "a(b)c/xyz", .fail),
        Row("a.|)$(}+{bc", "a.|)$(}+{bc", .exact),
        Row("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", .exact),
        Row("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", .exact),
        Row(#"a\\"#, #"a\"#, .exact),
        Row(#"a\*b"#, "a*b", .exact),
    ]

    /// Our own rows: the corners of the regexp translation and everyday Python patterns.
    static let ownMatches: [Row] = [
        // `[!…]` is not a negation in Go: it is a class holding `!`.
        Row("[!a]bc", "!bc", .exact),
        Row("[!a]bc", "xbc", .fail),
        Row("[^a]bc", "xbc", .exact),
        // `[*]` becomes `[[^/]*]`: a class of `[`, `^`, `/`, repeated, then `]`.
        Row("[*]", "*", .fail),
        Row("[*]", "]", .exact),
        Row("[*]", "[^]", .exact),
        // `[?]` becomes `[[^/]]`.
        Row("[?]", "[]", .exact),
        Row("[?]", "?", .fail),
        // An escaped letter keeps its regexp meaning: `\n` is a newline, `\d` a digit.
        Row(#"a\nb"#, "a\nb", .exact),
        Row(#"a\nb"#, "anb", .fail),
        Row(#"file\d"#, "file7", .exact),
        Row(#"a\.b"#, "a.b", .exact),
        Row(#"a\.b"#, "axb", .fail),
        // `^` is not escaped: inside a regexp it is an anchor, in an exact pattern a byte.
        Row("a^b", "a^b", .exact),
        Row("a^b*", "a^bc", .fail),
        // `.` in `**` does not cross a newline; `[^/]` (for `*`) does.
        Row("**/x", "a\nb/x", .exact),
        Row("a**/x", "a\nb/x", .fail),
        Row("a*", "a\nb", .exact),
        // `**foo` is a plain suffix test, so it also matches inside a name.
        Row("**foo", "barfoo", .exact),
        Row("**/foo", "barfoo", .fail),
        // POSIX class inside a class.
        Row("[[:digit:]]x", "7x", .exact),
        Row("[[:digit:]]x", "ax", .fail),
        // Multibyte: `?` is one character.
        Row("caf?", "café", .exact),
        Row("caf??", "café", .fail),
        // Everyday .dockerignore lines.
        Row(".git", ".git/HEAD", .inexact),
        Row(".venv", ".venv/bin/python", .inexact),
        Row("**/__pycache__", "app/pkg/__pycache__/mod.cpython-312.pyc", .inexact),
        Row("**/*.pyc", "app/mod.pyc", .exact),
        Row("*.pyc", "app/mod.pyc", .fail),
        Row("*/*.pyc", "app/mod.pyc", .exact),
        Row(".env*", ".env.local", .exact),
        Row("node_modules", "web/node_modules/x", .fail),
        Row("docs", "docs", .exact),
        Row("docs", "docsite", .fail),
    ]

    static let allRows = upstreamMatches + ownMatches

    @Test(arguments: allRows)
    func matchesOrParentMatches(_ row: Row) {
        let ignore = Dockerignore(patterns: [row.pattern])
        #expect(ignore.problems.isEmpty)
        #expect(ignore.match(row.path).isExcluded == (row.expect != .fail))
    }

    @Test(arguments: allRows)
    func matchesExact(_ row: Row) {
        // Upstream calls MatchesExact on the raw text (trailing `/` included).
        let ignore = Dockerignore(patterns: [row.pattern])
        #expect(ignore.matchesExact(row.path) == (row.expect == .exact))
    }

    struct MultiRow: Sendable, CustomTestStringConvertible {
        var patterns: [String]
        var path: String
        var excluded: Bool
        var testDescription: String { "\(patterns) ~ \(path)" }
    }

    /// `multiPatternTests` plus the single-function tests of the upstream file
    /// (TestWildcardMatches, TestPatternMatches, TestExclusionPattern…, TestPatternMatchesFolder…).
    static let multi: [MultiRow] = [
        MultiRow(patterns: ["**", "!util/docker/web"], path: "util/docker/web/foo", excluded: false),
        MultiRow(patterns: ["**", "!util/docker/web", "util/docker/web/foo"], path: "util/docker/web/foo", excluded: true),
        MultiRow(patterns: ["**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"],
                 path: "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", excluded: false),
        MultiRow(patterns: ["**", "!dist/*.whl"], path: "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", excluded: false),
        MultiRow(patterns: ["*"], path: "fileutils.go", excluded: true),
        MultiRow(patterns: ["*.go"], path: "fileutils.go", excluded: true),
        MultiRow(patterns: ["!fileutils.go", "*.go"], path: "fileutils.go", excluded: true),
        MultiRow(patterns: ["docs", "!docs/README.md"], path: "docs/README.md", excluded: false),
        MultiRow(patterns: ["docs/", "!docs/README.md"], path: "docs/README.md", excluded: false),
        MultiRow(patterns: ["docs/*", "!docs/README.md"], path: "docs/README.md", excluded: false),
        MultiRow(patterns: ["*.go", "!fileutils.go"], path: "fileutils.go", excluded: false),
        MultiRow(patterns: ["*.go"], path: ".", excluded: false),
        MultiRow(patterns: [], path: "/any/path/there", excluded: false),
        // Ours: last match wins, both ways, and exceptions reach into excluded folders.
        MultiRow(patterns: ["*.md", "!README.md", "README.md"], path: "README.md", excluded: true),
        MultiRow(patterns: ["**", "!app", "app/**/*.pyc"], path: "app/x/y.pyc", excluded: true),
        MultiRow(patterns: ["**", "!app", "app/**/*.pyc"], path: "app/x/y.py", excluded: false),
        MultiRow(patterns: ["**", "!requirements*.txt"], path: "requirements-dev.txt", excluded: false),
        MultiRow(patterns: [".venv", "!.venv/keep"], path: ".venv/keep/x", excluded: false),
        MultiRow(patterns: ["/.git", "./node_modules"], path: "node_modules/a", excluded: true),
    ]

    @Test(arguments: multi)
    func multiplePatterns(_ row: MultiRow) {
        #expect(Dockerignore(patterns: row.patterns).isExcluded(row.path) == row.excluded)
    }

    /// The deciding pattern is the last one that applied.
    @Test func reportsTheDecidingPattern() {
        let ignore = Dockerignore(bytes: Array("# comment\n*.md\n!README.md\n\nbuild\n".utf8), path: ".dockerignore")
        #expect(ignore.match("README.md") == .reincluded(pattern: 1))
        #expect(ignore.patterns[1].line == 3)
        #expect(ignore.match("CHANGES.md") == .excluded(pattern: 0))
        #expect(ignore.match("build/out/x") == .excluded(pattern: 2))
        #expect(ignore.patterns[2].line == 5)
        #expect(ignore.match("src/x.py") == .notMatched)
        #expect(ignore.hasExceptions)
    }

    struct GlobRow: Sendable, CustomTestStringConvertible {
        var pattern: String
        var path: String
        var match: Bool
        var badPattern: Bool
        init(_ pattern: String, _ path: String, _ match: Bool, bad: Bool = false) {
            self.pattern = pattern
            self.path = path
            self.match = match
            self.badPattern = bad
        }
        var testDescription: String { "\(pattern) ~ \(path)" }
    }

    /// `matchTests` (taken upstream from Go's filepath.Match tests).
    static let globRows: [GlobRow] = [
        GlobRow("abc", "abc", true),
        GlobRow("*", "abc", true),
        GlobRow("*c", "abc", true),
        GlobRow("a*", "a", true),
        GlobRow("a*", "abc", true),
        GlobRow("a*", "ab/c", true),
        GlobRow("a*/b", "abc/b", true),
        GlobRow("a*/b", "a/c/b", false),
        GlobRow("a*b*c*d*e*/f", "axbxcxdxe/f", true),
        GlobRow("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
        GlobRow("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
        GlobRow("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false),
        GlobRow("a*b?c*x", "abxbbxdbxebxczzx", true),
        GlobRow("a*b?c*x", "abxbbxdbxebxczzy", false),
        GlobRow("ab[c]", "abc", true),
        GlobRow("ab[b-d]", "abc", true),
        GlobRow("ab[e-g]", "abc", false),
        GlobRow("ab[^c]", "abc", false),
        GlobRow("ab[^b-d]", "abc", false),
        GlobRow("ab[^e-g]", "abc", true),
        GlobRow(#"a\*b"#, "a*b", true),
        GlobRow(#"a\*b"#, "ab", false),
        GlobRow("a?b", "a☺b", true),
        GlobRow("a[^a]b", "a☺b", true),
        GlobRow("a???b", "a☺b", false),
        GlobRow("a[^a][^a][^a]b", "a☺b", false),
        GlobRow("[a-ζ]*", "α", true),
        GlobRow("*[a-ζ]", "A", false),
        GlobRow("a?b", "a/b", false),
        GlobRow("a*b", "a/b", false),
        GlobRow(#"[\]a]"#, "]", true),
        GlobRow(#"[\-]"#, "-", true),
        GlobRow(#"[x\-]"#, "x", true),
        GlobRow(#"[x\-]"#, "-", true),
        GlobRow(#"[x\-]"#, "z", false),
        GlobRow(#"[\-x]"#, "x", true),
        GlobRow(#"[\-x]"#, "-", true),
        GlobRow(#"[\-x]"#, "a", false),
        GlobRow("[]a]", "]", false, bad: true),
        GlobRow("[-]", "-", false, bad: true),
        GlobRow("[x-]", "x", false, bad: true),
        GlobRow("[x-]", "-", false, bad: true),
        GlobRow("[x-]", "z", false, bad: true),
        GlobRow("[-x]", "x", false, bad: true),
        GlobRow("[-x]", "-", false, bad: true),
        GlobRow("[-x]", "a", false, bad: true),
        GlobRow(#"\"#, "a", false, bad: true),
        GlobRow("[a-b-c]", "a", false, bad: true),
        GlobRow("[", "a", false, bad: true),
        GlobRow("[^", "a", false, bad: true),
        GlobRow("[^bc", "a", false, bad: true),
        GlobRow("a[", "a", false, bad: true),
        GlobRow("a[", "ab", false, bad: true),
        GlobRow("*x", "xxx", true),
    ]

    @Test(arguments: globRows)
    func goFilepathMatchTable(_ row: GlobRow) {
        let ignore = Dockerignore(patterns: [row.pattern])
        #expect(ignore.problems.isEmpty == !row.badPattern)
        #expect(ignore.isExcluded(row.path) == row.match)
    }

    struct CompileRow: Sendable, CustomTestStringConvertible {
        var pattern: String
        var kind: DockerPattern.Kind
        var regex: String
        init(_ pattern: String, _ kind: DockerPattern.Kind, _ regex: String = "") {
            self.pattern = pattern
            self.kind = kind
            self.regex = regex
        }
        var testDescription: String { pattern }
    }

    /// `compileTests`: the match kind and, for regexps, the exact expression Docker builds.
    static let compileRows: [CompileRow] = [
        CompileRow("*", .regexp, "^[^/]*$"),
        CompileRow("file*", .regexp, "^file[^/]*$"),
        CompileRow("*file", .regexp, "^[^/]*file$"),
        CompileRow("a*/b", .regexp, "^a[^/]*/b$"),
        CompileRow("**", .suffix),
        CompileRow("**/**", .regexp, "^(.*/)?.*$"),
        CompileRow("dir/**", .prefix),
        CompileRow("**/dir", .suffix),
        CompileRow("**/dir2/*", .regexp, "^(.*/)?dir2/[^/]*$"),
        CompileRow("**/dir2/**", .regexp, "^(.*/)?dir2/.*$"),
        CompileRow("**file", .suffix),
        CompileRow("**/file*txt", .regexp, "^(.*/)?file[^/]*txt$"),
        CompileRow("**/**/*.txt", .regexp, #"^(.*/)?(.*/)?[^/]*\.txt$"#),
        CompileRow("a[b-d]e", .regexp, "^a[b-d]e$"),
        CompileRow(".*", .regexp, #"^\.[^/]*$"#),
        CompileRow("abc.def", .exact),
        CompileRow("abc?def", .regexp, "^abc[^/]def$"),
        CompileRow("**/foo/bar", .suffix),
        CompileRow("a(b)c/def", .exact),
        CompileRow("a.|)$(}+{bc", .exact),
        CompileRow("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", .exact),
        CompileRow("[*]", .regexp, "^[[^/]*]$"),
    ]

    @Test(arguments: compileRows)
    func compile(_ row: CompileRow) {
        let pattern = DockerPattern(cleaned: GoPath.clean(Array(row.pattern.utf8)))
        #expect(pattern.kind == row.kind)
        if row.kind == .regexp { #expect(pattern.regexSource == row.regex) }
    }

    /// TestCleanPatterns* and TestSingleExclamationError.
    @Test func cleanPatterns() {
        #expect(Dockerignore(patterns: ["docs", "config"]).patterns.count == 2)
        #expect(Dockerignore(patterns: ["docs", "config", ""]).patterns.count == 2)
        #expect(Dockerignore(patterns: ["docs", "!docs/README.md"]).hasExceptions)
        #expect(Dockerignore(patterns: ["docs", "  !docs/README.md"]).hasExceptions)
        #expect(Dockerignore(patterns: ["docs", "!docs/README.md  "]).hasExceptions)
        let bang = Dockerignore(patterns: ["!"])
        #expect(bang.patterns.isEmpty)
        #expect(bang.problems.map(\.message) == [#"illegal exclusion pattern: "!""#])
        #expect(!Dockerignore(patterns: ["[", "x"]).problems.isEmpty)
    }

    /// TestMatchesWithMalformedPatterns and the moby#52203 regression: `[Local-Only]/`
    /// passes Go's glob check but its range `l-O` is backwards, so the regexp fails and
    /// every match that reaches it fails, again and again.
    @Test func malformedPatterns() {
        let malformed = Dockerignore(patterns: ["["])
        #expect(!malformed.isExcluded("/any/path/there"))
        let local = Dockerignore(patterns: ["[Local-Only]/"])
        #expect(local.problems.isEmpty)
        #expect(local.match("x") == .invalidPattern(pattern: 0))
        #expect(local.match("x") == .invalidPattern(pattern: 0))
        #expect(local.patterns[0].problem != nil)
    }

    /// `TestReadAll` from ignorefile_test.go, with line numbers and our extra lines.
    @Test func readAll() {
        let content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! "
        let ignore = Dockerignore(bytes: Array(content.utf8))
        // "!" twice is kept by ReadAll and rejected by New; both lines are reported.
        #expect(ignore.patterns.map(\.text) == ["test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path"])
        #expect(ignore.patterns.map(\.line) == [1, 2, 3, 5, 7])
        #expect(ignore.problems.map(\.line) == [8, 9])
    }

    struct ReadRow: Sendable, CustomTestStringConvertible {
        var content: String
        var patterns: [String]
        var testDescription: String { content.debugDescription }
    }

    static let readRows: [ReadRow] = [
        ReadRow(content: "\u{FEFF}node_modules\r\n.git\r\n", patterns: ["node_modules", ".git"]),
        ReadRow(content: "  # not a comment\n#comment\n", patterns: ["# not a comment"]),
        ReadRow(content: "./src/../build/\n/\n//x//y/\n", patterns: ["build", "/", "x/y"]),
        ReadRow(content: "!./keep\n\t*.pyc \n", patterns: ["!keep", "*.pyc"]),
        ReadRow(content: "a/./b/../c\n../outside\n", patterns: ["a/c", "../outside"]),
    ]

    @Test(arguments: readRows)
    func readingRules(_ row: ReadRow) {
        #expect(Dockerignore(bytes: Array(row.content.utf8)).patterns.map(\.text) == row.patterns)
    }

    @Test(arguments: [
        ("", "."), ("a//b", "a/b"), ("a/./b/", "a/b"), ("a/../../b", "../b"), ("/../a", "/a"),
        ("./", "."), ("a/b/../..", "."), ("//", "/"), ("abc/def/../../..", ".."),
    ])
    func goClean(_ input: String, _ expected: String) {
        #expect(GoPath.clean(input) == expected)
    }

    /// A pattern built to make a backtracking matcher take exponential time.
    @Test func pathologicalPatternStaysFast() {
        let pattern = String(repeating: "**/", count: 12) + "*a*a*a*a*a*a*a*a*b"
        let path = Array(repeating: String(repeating: "a", count: 30), count: 12).joined(separator: "/")
        let ignore = Dockerignore(patterns: [pattern])
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(!ignore.isExcluded(path))
            #expect(ignore.isExcluded(path + "b"))
        }
        #expect(elapsed < .seconds(2))
    }
}
