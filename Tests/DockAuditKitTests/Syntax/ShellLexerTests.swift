import Testing
@testable import DockAuditKit

/// BuildKit's shell lexer (`frontend/dockerfile/shell/lex.go`): quotes, escapes and
/// `$` expansion, with no command substitution or arithmetic.
@Suite("Shell lexer")
struct ShellLexerTests {
    static let environment = VariableTable([
        "NAME": "world",
        "EMPTY": "",
        "HOME_DIR": "/home/app",
        "FILE": "archive.tar.gz",
        "BINPATH": "/usr/local/bin:/usr/bin",
        "SPACED": "a  b c",
        "PADDED": "  x y  ",
        "GREEK": "αβγ",
        "STARS": "a**b*",
        "SUFFIX": ".gz",
    ])

    /// `nil` = the expansion must fail.
    static let wordCases: [(String, String?)] = [
        // Quotes and escapes.
        ("plain", "plain"),
        ("mi\"x\"'ed'", "mixed"),
        ("'single $NAME'", "single $NAME"),
        ("\"double $NAME\"", "double world"),
        ("\"it's\"", "it's"),
        ("'say \"hi\"'", "say \"hi\""),
        ("it's", nil),
        ("\"open", nil),
        ("'open", nil),
        ("\"esc\\\"aped\"", "esc\"aped"),
        ("a\\ b", "a b"),
        ("C:\\dir\\file", "C:dirfile"),
        ("\"C:\\dir\"", "C:\\dir"),
        ("\"a\\\\b\"", "a\\b"),
        ("'a\\b'", "a\\b"),
        ("'a\\'b'", nil),
        ("trail\\", "trail"),
        ("double\\\\", "double\\"),
        ("\\'quote", "'quote"),
        ("\\$NAME", "$NAME"),
        ("\"\\$NAME\"", "$NAME"),
        ("\"\\\\$NAME\"", "\\world"),
        ("`date`", "`date`"),
        ("\"\"", ""),
        // Plain references.
        ("$NAME", "world"),
        ("${NAME}", "world"),
        ("$NAME!", "world!"),
        ("${NAME}s", "worlds"),
        ("$NAMEs", ""),
        ("pre-$UNSET-post", "pre--post"),
        ("$HOME_DIR/bin", "/home/app/bin"),
        ("$GREEK!", "αβγ!"),
        ("$", "$"),
        ("a$", "a$"),
        ("$.x", "$.x"),
        ("$/", "$/"),
        ("$((1+2))", "$((1+2))"),
        ("${NAME}}", "world}"),
        // Digits and special parameters are never set.
        ("$1x", "x"),
        ("$12x", "x"),
        ("${10}y", "y"),
        ("${007:-def}", "def"),
        ("$@a", "a"),
        ("$*$#$?$-$$$!$0z", "z"),
        ("${#}", ""),
        ("${?:-q}", "q"),
        // Defaults and alternatives.
        ("${UNSET:-fallback}", "fallback"),
        ("${EMPTY:-fallback}", "fallback"),
        ("${NAME:-fallback}", "world"),
        ("${UNSET-fallback}", "fallback"),
        ("${EMPTY-fallback}", ""),
        ("${NAME:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${UNSET:+alt}", ""),
        ("${NAME+alt}", "alt"),
        ("${EMPTY+alt}", "alt"),
        ("${UNSET+alt}", ""),
        ("${UNSET:-$NAME}", "world"),
        ("${UNSET:-${ALSO_UNSET:-deep}}", "deep"),
        ("${UNSET:-\"two words\"}", "two words"),
        ("${UNSET:-'$NAME'}", "$NAME"),
        ("${UNSET:-a b}", "a b"),
        ("${UNSET:-\\}}", "}"),
        // Required values.
        ("${NAME:?must be set}", "world"),
        ("${NAME?must be set}", "world"),
        ("${EMPTY?must be set}", ""),
        ("${EMPTY:?}", nil),
        ("${UNSET?}", nil),
        ("${UNSET:?message}", nil),
        // Patterns.
        ("${FILE#*.}", "tar.gz"),
        ("${FILE##*.}", "gz"),
        ("${FILE%.*}", "archive.tar"),
        ("${FILE%%.*}", "archive"),
        ("${FILE#*}", "archive.tar.gz"),
        ("${FILE##*}", ""),
        ("${FILE%?}", "archive.tar.g"),
        ("${FILE#arch}", "ive.tar.gz"),
        ("${FILE#nope}", "archive.tar.gz"),
        ("${FILE%$SUFFIX}", "archive.tar"),
        ("${FILE#}", "archive.tar.gz"),
        ("${STARS#*\\*}", "*b*"),
        ("${STARS%%\\**}", "a"),
        ("${STARS%\\*}", "a**b"),
        ("${GREEK#α}", "βγ"),
        ("${GREEK%?}", "αβ"),
        ("${UNSET#x}", ""),
        ("${FILE#\\a}", nil),
        // Replacement.
        ("${BINPATH/bin/sbin}", "/usr/local/sbin:/usr/bin"),
        ("${BINPATH//bin/sbin}", "/usr/local/sbin:/usr/sbin"),
        ("${BINPATH//\\//|}", "|usr|local|bin:|usr|bin"),
        ("${BINPATH/\\/usr/}", "/local/bin:/usr/bin"),
        ("${NAME/o*/0}", "w0"),
        ("${NAME//?/.}", "....."),
        ("${NAME/#w/W}", "world"),
        ("${NAME/x/y}", "world"),
        ("${NAME//o/\\$0\\$0}", "w\\o\\orld"),
        ("${NAME/o/\\$0}", "w\\$0rld"),
        ("${UNSET/a/b}", ""),
        ("${NAME//}", nil),
        ("${NAME/o", nil),
        // Not supported.
        ("${NAME:0:2}", nil),
        ("${NAME,,}", nil),
        ("${NAME^^}", nil),
        ("${NAME:=x}", nil),
        ("${NAME=x}", nil),
        ("${NAME:#x}", nil),
        ("${NAME:%x}", nil),
        ("${#NAME}", nil),
        ("${!NAME}", nil),
        ("${}", nil),
        ("${:-x}", nil),
        ("${{NAME}", nil),
        ("${NAME", nil),
        ("${NAME:-x", nil),
        ("${.}", nil),
    ]

    @Test(arguments: wordCases)
    func processWord(_ input: String, _ expected: String?) {
        let lexer = ShellLexer()
        do {
            let result = try lexer.processWord(input, environment: Self.environment)
            if let expected {
                #expect(result.value == expected)
            } else {
                Issue.record("expected an error, got \(result.value.debugDescription)")
            }
        } catch {
            #expect(expected == nil, "unexpected error: \(error.message)")
        }
    }

    @Test(arguments: [
        ("${UNSET:?must be set}", "UNSET: must be set"),
        ("${UNSET?}", "UNSET: is not allowed to be unset"),
        ("${EMPTY:?}", "EMPTY: is not allowed to be empty"),
        ("${NAME:0:2}", "unsupported modifier (:0) in substitution"),
        ("${NAME:#x}", "unsupported modifier (:#) in substitution"),
        ("${}", "syntax error: bad substitution"),
        ("${NAME:-x", "syntax error: missing '}'"),
        ("${", "syntax error: missing '}'"),
        // Input ending right after the name: the missing modifier reads as EOF (U+FFFD).
        ("${NAME", "unsupported modifier (\u{FFFD}) in substitution"),
        ("it's", "unexpected end of statement while looking for matching single-quote"),
        ("\"open", "unexpected end of statement while looking for matching double-quote"),
    ])
    func errorMessages(_ input: String, _ message: String) {
        #expect(throws: ExpansionError(message: message)) {
            try ShellLexer().processWord(input, environment: Self.environment)
        }
    }

    @Test(arguments: [
        ("$NAME ${UNSET:-x} ${EMPTY}", ["NAME", "EMPTY"], ["UNSET"]),
        ("'$NAME' \\$FILE \"\\$GREEK\"", [], []),
        ("${FILE%$NOPE}", ["FILE"], ["NOPE"]),
        ("${UNSET+${NAME}}", ["NAME"], ["UNSET"]),
        ("${NAME:+${ALSO}}", ["NAME"], ["ALSO"]),
        ("${BINPATH/$FROM/$TO}", ["BINPATH"], ["FROM", "TO"]),
        ("$1 $@", [], ["1", "@"]),
        ("plain", [], []),
    ])
    func matchedAndUnmatchedNames(_ input: String, _ matched: [String], _ unmatched: [String]) throws {
        let result = try ShellLexer().processWord(input, environment: Self.environment)
        #expect(result.matched == Set(matched))
        #expect(result.unmatched == Set(unmatched))
    }

    /// Each lookup with the text it was written as, in input order.
    @Test(arguments: [
        ("$NAME/${UNSET:-x}", ["$NAME", "${UNSET:-x}"]),
        ("${UNSET+${NAME}}", ["${UNSET+${NAME}}", "${NAME}"]),
        ("${BINPATH/$FROM/$TO}x", ["${BINPATH/$FROM/$TO}", "$FROM", "$TO"]),
        ("é$NAME ''$NAME", ["$NAME", "$NAME"]),
        ("'$NAME' \\$NAME", []),
    ])
    func referencesCarryTheirSpans(_ input: String, _ written: [String]) throws {
        let result = try ShellLexer().processWord(input, environment: Self.environment)
        let bytes = Array(input.utf8)
        let texts = result.references.map { String(decoding: bytes[$0.span], as: UTF8.self) }
        #expect(texts == written)
        #expect(result.references.filter { !$0.isSet }.allSatisfy { result.unmatched.contains($0.name) })
    }

    @Test(arguments: [
        ("a b   c", ["a", "b", "c"]),
        ("  leading and trailing  ", ["leading", "and", "trailing"]),
        ("$SPACED", ["a", "b", "c"]),
        ("\"$SPACED\"", ["a  b c"]),
        ("x${SPACED}y", ["xa", "b", "cy"]),
        ("x\"$SPACED\"y", ["xa  b cy"]),
        ("$PADDED|", ["x", "y", "|"]),
        ("'one two' three", ["one two", "three"]),
        ("a\\ b c", ["a b", "c"]),
        ("a \"\" b", ["a", "b"]),
        ("$EMPTY $UNSET", []),
        ("${UNSET:-two words}", ["two", "words"]),
        // BuildKit's nested `${…:-…}` scan resets the shared word buffer, dropping the
        // text before it from the word list (not from processWord's result).
        ("x${UNSET:-a}y", ["ay"]),
        ("tab\tnewline\nend", ["tab", "newline", "end"]),
        ("", []),
    ])
    func processWordsSplitsAfterExpansion(_ input: String, _ words: [String]) throws {
        #expect(try ShellLexer().processWords(input, environment: Self.environment) == words)
    }

    @Test func processWordsErrors() {
        #expect(throws: ExpansionError.self) { try ShellLexer().processWords("a \"b", environment: Self.environment) }
        #expect(throws: ExpansionError.self) { try ShellLexer().processWords("${NAME:?}x ${UNSET:?}", environment: Self.environment) }
    }

    @Test(arguments: [
        ("a`$NAME", "a$NAME"),
        ("C:\\dir\\file", "C:\\dir\\file"),
        ("a` b", "a b"),
        ("\"x``y\"", "x`y"),
        ("\"x`\"y\"", "x\"y"),
        ("\"C:\\Program Files\"", "C:\\Program Files"),
        ("'a`b'", "a`b"),
        ("end`", "end"),
        ("${NAME}`$", "world$"),
    ])
    func backtickEscape(_ input: String, _ expected: String) throws {
        let lexer = ShellLexer(escapeToken: "`")
        #expect(try lexer.processWord(input, environment: Self.environment).value == expected)
    }

    @Test func backtickEscapeSplitsWords() throws {
        let lexer = ShellLexer(escapeToken: "`")
        #expect(try lexer.processWords("C:\\a` b c", environment: Self.environment) == ["C:\\a b", "c"])
    }

    @Test func skipUnsetEnvKeepsReferencesAsWritten() throws {
        var lexer = ShellLexer()
        lexer.skipUnsetEnv = true
        let cases: [(String, String)] = [
            ("$UNSET", "$UNSET"),
            ("${UNSET}", "${UNSET}"),
            ("${UNSET:-x}", "${UNSET:-x}"),
            ("${UNSET+y}", "${UNSET+y}"),
            ("${UNSET/a/b}", "${UNSET/a/b}"),
            ("$NAME-$UNSET", "world-$UNSET"),
            ("${EMPTY:-z}", "z"),
        ]
        for (input, expected) in cases {
            #expect(try lexer.processWord(input, environment: Self.environment).value == expected, "\(input)")
        }
    }

    @Test func rawQuotesAndRawEscapes() throws {
        var lexer = ShellLexer()
        lexer.rawQuotes = true
        #expect(try lexer.processWord("\"a $NAME\" 'b'", environment: Self.environment).value == "\"a world\" 'b'")
        #expect(try lexer.processWords("\"a b\" 'c d'", environment: Self.environment) == ["\"a b\"", "'c d'"])
        lexer.rawQuotes = false
        lexer.rawEscapes = true
        #expect(try lexer.processWord("a\\ b\\$NAME", environment: Self.environment).value == "a\\ b\\$NAME")
        #expect(try lexer.processWords("a\\ b c", environment: Self.environment) == ["a\\ b", "c"])
    }

    @Test func skipProcessQuotesTreatsQuotesAsText() throws {
        var lexer = ShellLexer()
        lexer.skipProcessQuotes = true
        #expect(try lexer.processWord("\"$NAME\" '$NAME'", environment: Self.environment).value == "\"world\" 'world'")
        #expect(try lexer.processWord("it's", environment: Self.environment).value == "it's")
    }

    @Test func heredocOperatorKeepsFollowingBlanks() throws {
        var lexer = ShellLexer()
        lexer.rawQuotes = true
        lexer.rawEscapes = true
        lexer.skipUnsetEnv = true
        #expect(try lexer.processWords("cat << EOF <<-  X a<<b", environment: VariableTable()) == ["cat", "<< EOF", "<<-", "X", "a<<b"])
    }

    @Test func wordSpansPointIntoTheInput() throws {
        let words = try ShellLexer().processWordsWithSpans("é  \"b c\" d", environment: Self.environment)
        #expect(words.map(\.value) == ["é", "b c", "d"])
        #expect(words.map(\.span) == [0..<2, 4..<9, 10..<11])
    }
}
