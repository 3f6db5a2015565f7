/// Variables visible to an expansion. `nil` means unset (not the same as empty).
public protocol VariableLookup {
    func value(of name: String) -> String?
    /// True for a name known to be unset (an ARG declared without a value): with
    /// `skipUnsetEnv`, such a name still expands as unset instead of staying as written.
    func isKnownUnset(_ name: String) -> Bool
}

extension VariableLookup {
    public func isKnownUnset(_ name: String) -> Bool { false }
}

/// A plain name → value table.
public struct VariableTable: VariableLookup, Sendable {
    public var values: [String: String]
    public init(_ values: [String: String] = [:]) { self.values = values }
    public func value(of name: String) -> String? { values[name] }
}

public struct ExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// One variable reference an expansion looked up: `$NAME` or `${NAME…}`.
public struct VariableReference: Sendable, Hashable {
    public var name: String
    /// Byte offsets into the UTF-8 input, from the `$` to the end of the reference
    /// (the closing `}` included).
    public var span: Range<Int>
    /// Whether the lookup found the variable set.
    public var isSet: Bool
}

/// The outcome of expanding one word.
public struct Expansion: Sendable, Hashable {
    public var value: String
    /// Variable names looked up and found / not found (also those inside `${x:-…}`).
    public var matched: Set<String>
    public var unmatched: Set<String>
    /// Every lookup with the span it was written at, in input order (a name used twice
    /// is listed twice).
    public var references: [VariableReference] = []
}

/// A word produced by `processWords`, with the span of the input it was read from
/// (byte offsets into the UTF-8 input).
public struct LexedWord: Sendable, Hashable {
    public var value: String
    public var span: Range<Int>
}

/// Word splitting and variable expansion with BuildKit's semantics
/// (`frontend/dockerfile/shell/lex.go`): quotes, the escape token, `$V`, `${V}` and the
/// `${V:-x}` family of modifiers. There is no command substitution or arithmetic.
public struct ShellLexer: Sendable {
    public var escapeToken: Unicode.Scalar
    /// Keep quote characters in the output.
    public var rawQuotes = false
    /// Keep escape characters in the output.
    public var rawEscapes = false
    /// Treat quotes as ordinary characters.
    public var skipProcessQuotes = false
    /// Leave references to unset variables as written instead of expanding them to "".
    public var skipUnsetEnv = false

    /// The most text the references in one word may expand to. BuildKit has no limit,
    /// but no line of a Dockerfile is longer than 64 KiB (BuildKit's own limit), and
    /// without one `ENV A=$A$A` forty times over doubles a value into terabytes: the
    /// expansion fails instead, as a bad `${…}` does.
    public static let maximumExpansionBytes = 64 * 1024

    public init(escapeToken: Unicode.Scalar = "\\") {
        self.escapeToken = escapeToken
    }

    /// Expands `word` into one string (quotes removed, no splitting).
    public func processWord(_ word: String, environment: some VariableLookup) throws(ExpansionError) -> Expansion {
        if isPlain(word, asciiOnly: false) { return Expansion(value: word, matched: [], unmatched: [], references: []) }
        let state = LexerState(lexer: self, input: word, environment: environment, capture: true)
        let (result, _) = try state.run()
        let references = state.references.sorted { $0.span.lowerBound < $1.span.lowerBound }
        return Expansion(value: result, matched: state.matched, unmatched: state.unmatched, references: references)
    }

    /// Expands `word` and splits the result on unquoted white space.
    public func processWords(_ word: String, environment: some VariableLookup) throws(ExpansionError) -> [String] {
        try processWordsWithSpans(word, environment: environment).map(\.value)
    }

    public func processWordsWithSpans(_ word: String, environment: some VariableLookup) throws(ExpansionError) -> [LexedWord] {
        if isPlain(word, asciiOnly: true) { return Self.splitOnSpace(word) }
        let state = LexerState(lexer: self, input: word, environment: environment, capture: false)
        let (_, words) = try state.run()
        return words
    }
}

extension ShellLexer {
    /// Whether `word` has nothing the lexer acts on (no `$`, escape, quote, `<`, or
    /// leading byte order mark): then it expands to itself, and its words are its
    /// white-space separated runs. Most words are like that, and the full lexer builds
    /// arrays of scalars and offsets for each call. `asciiOnly` also asks for ASCII text,
    /// so that splitting may look at bytes (the lexer's spaces include non-ASCII ones).
    func isPlain(_ word: String, asciiOnly: Bool) -> Bool {
        let escape = escapeToken.isASCII ? UInt8(escapeToken.value) : nil
        if !escapeToken.isASCII, word.unicodeScalars.contains(escapeToken) { return false }
        if word.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return false }
        for byte in word.utf8 {
            switch byte {
            case UInt8(ascii: "$"), UInt8(ascii: "<"), escape: return false
            case UInt8(ascii: "'"), UInt8(ascii: "\""): if !skipProcessQuotes { return false }
            case 0x80...: if asciiOnly { return false }
            default: break
            }
        }
        return true
    }

    /// The words of plain ASCII text with their byte spans, split as `addChar` splits.
    static func splitOnSpace(_ word: String) -> [LexedWord] {
        var words: [LexedWord] = []
        let bytes = Array(word.utf8)
        var start: Int?
        for (offset, byte) in bytes.enumerated() {
            if UTF8Text.isSpaceByte(byte) {
                if let wordStart = start {
                    words.append(LexedWord(value: String(decoding: bytes[wordStart..<offset], as: UTF8.self), span: wordStart..<offset))
                    start = nil
                }
            } else if start == nil {
                start = offset
            }
        }
        if let wordStart = start {
            words.append(LexedWord(value: String(decoding: bytes[wordStart...], as: UTF8.self), span: wordStart..<bytes.count))
        }
        return words
    }
}

/// The mutable state of one expansion. A class because BuildKit's lexer shares one
/// words buffer between nested `${…}` scans (and its output depends on that).
private final class LexerState {
    let lexer: ShellLexer
    let scalars: [Unicode.Scalar]
    /// Byte offset in the input of each scalar, plus the input length at the end.
    let offsets: [Int]
    var position = 0
    /// How many `${…}` the scan is inside. Each level is a recursive call (as in
    /// BuildKit), so a limit keeps hostile input from exhausting the stack of a lint
    /// thread; each level also re-copies the text of those inside it when the variable
    /// is kept unset, which made 10k levels take seconds.
    var nesting = 0
    static let maximumNesting = 100
    /// The levels also stop where the stack used since `run` passes `StackGuard.budget`:
    /// a debug build's frames are several times a release build's, and a lint thread may
    /// have 512 KiB in all.
    var stack = StackGuard()
    /// Bytes the references expanded so far produced (see `maximumExpansionBytes`).
    var produced = 0
    let environment: any VariableLookup
    let capture: Bool
    /// Whether the words are wanted (`processWords`); `processWord` wants only the
    /// expanded text, which does not depend on them, so it skips building them.
    var collectsWords: Bool { !capture }
    var rawEscapes: Bool
    var matched: Set<String> = []
    var unmatched: Set<String> = []
    var references: [VariableReference] = []
    /// Shared by every nested scan, as in BuildKit.
    var wordsBuffer = String.UnicodeScalarView()
    var wordStart: Int?

    init(lexer: ShellLexer, input: String, environment: some VariableLookup, capture: Bool) {
        self.lexer = lexer
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in input.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        // Go's text/scanner skips a byte order mark at the very start.
        if scalars.first == "\u{FEFF}" { position = 1 }
        self.scalars = scalars
        self.offsets = offsets
        self.environment = environment
        self.capture = capture
        self.rawEscapes = lexer.rawEscapes
    }

    var atEnd: Bool { position >= scalars.count }
    func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
    @discardableResult
    func next() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        defer { position += 1 }
        return scalars[position]
    }

    func run() throws(ExpansionError) -> (String, [LexedWord]) {
        stack.start()
        return try processStopOn(nil, rawEscapes: rawEscapes)
    }

    struct Words {
        var words: [LexedWord] = []
        var inWord = false
    }

    func isSpace(_ scalar: Unicode.Scalar) -> Bool { UTF8Text.isSpace(scalar) }

    func flushWord(_ words: inout Words, end: Int) {
        guard collectsWords else { return }
        let start = wordStart ?? end
        words.words.append(LexedWord(value: String(wordsBuffer), span: offsets[start]..<offsets[end]))
        wordsBuffer.removeAll(keepingCapacity: true)
        wordStart = nil
    }

    func addChar(_ scalar: Unicode.Scalar, _ words: inout Words, at index: Int) {
        guard collectsWords else { return }
        if isSpace(scalar) {
            if words.inWord, !wordsBuffer.isEmpty {
                flushWord(&words, end: index)
                words.inWord = false
            }
        } else {
            addRawChar(scalar, &words, at: index)
        }
    }

    func addRawChar(_ scalar: Unicode.Scalar, _ words: inout Words, at index: Int) {
        guard collectsWords else { return }
        if wordsBuffer.isEmpty, wordStart == nil { wordStart = index }
        wordsBuffer.append(scalar)
        words.inWord = true
    }

    func addString(_ text: String, _ words: inout Words, from start: Int) {
        guard collectsWords else { return }
        for scalar in text.unicodeScalars { addChar(scalar, &words, at: start) }
    }

    func addRawString(_ text: String, _ words: inout Words, from start: Int) {
        guard collectsWords else { return }
        if wordsBuffer.isEmpty, wordStart == nil, !text.isEmpty { wordStart = start }
        wordsBuffer.append(contentsOf: text.unicodeScalars)
        words.inWord = true
    }

    func finishWords(_ words: inout Words) -> [LexedWord] {
        guard collectsWords else { return [] }
        if !wordsBuffer.isEmpty {
            flushWord(&words, end: position)
            words.inWord = false
        }
        return words.words
    }

    /// Reads until `stopChar` (consumed) or the end of input.
    func processStopOn(_ stopChar: Unicode.Scalar?, rawEscapes scanRawEscapes: Bool) throws(ExpansionError) -> (String, [LexedWord]) {
        var result = String.UnicodeScalarView()
        wordsBuffer.removeAll(keepingCapacity: true)
        wordStart = nil
        var words = Words()
        let savedRawEscapes = rawEscapes
        rawEscapes = scanRawEscapes
        defer { rawEscapes = savedRawEscapes }

        while let scalar = peek() {
            if let stopChar, scalar == stopChar {
                next()
                return (String(result), finishWords(&words))
            }
            let tokenStart = position
            switch scalar {
            case "$":
                let text = try processDollar()
                result.append(contentsOf: text.unicodeScalars)
                addString(text, &words, from: tokenStart)
                continue
            case "<":
                let text = processPossibleHeredoc()
                result.append(contentsOf: text.unicodeScalars)
                addRawString(text, &words, from: tokenStart)
                continue
            case "'" where !lexer.skipProcessQuotes:
                let text = try processSingleQuote()
                result.append(contentsOf: text.unicodeScalars)
                addRawString(text, &words, from: tokenStart)
                continue
            case "\"" where !lexer.skipProcessQuotes:
                let text = try processDoubleQuote()
                result.append(contentsOf: text.unicodeScalars)
                addRawString(text, &words, from: tokenStart)
                continue
            default:
                break
            }
            var character = next()!
            if character == lexer.escapeToken {
                if rawEscapes {
                    addRawChar(character, &words, at: tokenStart)
                    result.append(character)
                }
                // The escape protects the next character, except at the end of input.
                guard let escaped = next() else { break }
                character = escaped
                addRawChar(character, &words, at: tokenStart)
            } else {
                addChar(character, &words, at: tokenStart)
            }
            result.append(character)
        }
        if let stopChar {
            throw ExpansionError(message: "unexpected end of statement while looking for matching \(stopChar)")
        }
        return (String(result), finishWords(&words))
    }

    func processSingleQuote() throws(ExpansionError) -> String {
        var result = String.UnicodeScalarView()
        let open = next()!
        if lexer.rawQuotes { result.append(open) }
        while true {
            guard let scalar = next() else {
                throw ExpansionError(message: "unexpected end of statement while looking for matching single-quote")
            }
            if scalar == "'" {
                if lexer.rawQuotes { result.append(scalar) }
                return String(result)
            }
            result.append(scalar)
        }
    }

    func processDoubleQuote() throws(ExpansionError) -> String {
        var result = String.UnicodeScalarView()
        let open = next()!
        if lexer.rawQuotes { result.append(open) }
        while true {
            guard let scalar = peek() else {
                throw ExpansionError(message: "unexpected end of statement while looking for matching double-quote")
            }
            if scalar == "\"" {
                next()
                if lexer.rawQuotes { result.append(scalar) }
                return String(result)
            }
            if scalar == "$" {
                result.append(contentsOf: try processDollar().unicodeScalars)
                continue
            }
            var character = next()!
            if character == lexer.escapeToken {
                if rawEscapes { result.append(character) }
                guard let following = peek() else { continue }
                // Only `"`, `$` and the escape itself can be escaped inside double quotes.
                if following == "\"" || following == "$" || following == lexer.escapeToken {
                    character = next()!
                }
            }
            result.append(character)
        }
    }

    /// With `skipUnsetEnv`, an unset name is left as written unless it is known to be unset.
    func keepsUnset(_ name: String) -> Bool {
        lexer.skipUnsetEnv && !environment.isKnownUnset(name)
    }

    /// Looks `name` up for the reference whose `$` is at scalar index `dollar`; the
    /// reference's end is filled in when its `processDollar` returns (`recorded`).
    func lookup(_ name: String, dollar: Int, recorded: inout Int?) -> String? {
        let value = environment.value(of: name)
        if capture {
            if value != nil { matched.insert(name) } else { unmatched.insert(name) }
            recorded = references.count
            references.append(VariableReference(name: name, span: offsets[dollar]..<offsets[dollar], isSet: value != nil))
        }
        return value
    }

    /// One `$…` reference expanded, counted against `ShellLexer.maximumExpansionBytes`.
    func processDollar() throws(ExpansionError) -> String {
        let text = try expandDollar()
        produced += text.utf8.count
        if produced > ShellLexer.maximumExpansionBytes {
            throw ExpansionError(message: "expansion is longer than \(ShellLexer.maximumExpansionBytes) bytes")
        }
        return text
    }

    func expandDollar() throws(ExpansionError) -> String {
        let dollar = position
        var recorded: Int?
        defer {
            if let recorded { references[recorded].span = offsets[dollar]..<offsets[position] }
        }
        next()  // the $
        if peek() != "{" {
            let name = processName()
            if name.isEmpty { return "$" }
            let value = lookup(name, dollar: dollar, recorded: &recorded)
            if value == nil, keepsUnset(name) { return "$" + name }
            return value ?? ""
        }
        next()  // the {
        guard nesting < Self.maximumNesting, stack.hasRoom() else {
            throw ExpansionError(message: "syntax error: ${…} nested too deeply (the limit is \(Self.maximumNesting) levels)")
        }
        nesting += 1
        defer { nesting -= 1 }
        switch peek() {
        case nil:
            throw ExpansionError(message: "syntax error: missing '}'")
        case "{", "}", ":":
            throw ExpansionError(message: "syntax error: bad substitution")
        default:
            break
        }
        let name = processName()
        var modifier = next()
        var modifierText = modifier.map { String($0) } ?? "\u{FFFD}"
        var nullIsUnset = false

        if modifier == "}" {
            let value = lookup(name, dollar: dollar, recorded: &recorded)
            if value == nil, keepsUnset(name) { return "${\(name)}" }
            return value ?? ""
        }
        if modifier == "/" {
            return try processReplacement(name: name, dollar: dollar, recorded: &recorded)
        }
        if modifier == ":" {
            nullIsUnset = true
            modifier = next()
            modifierText += modifier.map { String($0) } ?? "\u{FFFD}"
        } else if !(modifier == "+" || modifier == "-" || modifier == "?" || modifier == "#" || modifier == "%") {
            throw ExpansionError(message: "unsupported modifier (\(modifierText)) in substitution")
        }

        let patternModifier = modifier == "#" || modifier == "%"
        if nullIsUnset, patternModifier {
            throw ExpansionError(message: "unsupported modifier (\(modifierText)) in substitution")
        }
        let word: String
        do {
            word = try processStopOn("}", rawEscapes: patternModifier).0
        } catch {
            if atEnd { throw ExpansionError(message: "syntax error: missing '}'") }
            throw error
        }
        let value = lookup(name, dollar: dollar, recorded: &recorded)
        if value == nil, keepsUnset(name) {
            return "${\(name)\(modifierText)\(word)}"
        }
        let isUnset = value == nil || (nullIsUnset && value == "")
        switch modifier {
        case "-":
            return isUnset ? word : value!
        case "+":
            return isUnset ? "" : word
        case "?":
            if value == nil {
                throw ExpansionError(message: "\(name): \(word.isEmpty ? "is not allowed to be unset" : word)")
            }
            if nullIsUnset, value == "" {
                throw ExpansionError(message: "\(name): \(word.isEmpty ? "is not allowed to be empty" : word)")
            }
            return value!
        case "#", "%":
            var pattern = Array(word.unicodeScalars)
            let longest = pattern.first == modifier
            if longest { pattern.removeFirst() }
            let subject = Array((value ?? "").unicodeScalars)
            if modifier == "#" {
                return try ShellPattern.trimPrefix(pattern, from: subject, longest: longest)
            }
            return try ShellPattern.trimSuffix(pattern, from: subject, longest: longest)
        default:
            throw ExpansionError(message: "unsupported modifier (\(modifierText)) in substitution")
        }
    }

    /// `${name/pattern/replacement}` and `${name//pattern/replacement}`.
    func processReplacement(name: String, dollar: Int, recorded: inout Int?) throws(ExpansionError) -> String {
        let replaceAll = peek() == "/"
        if replaceAll { next() }
        let pattern: String
        do {
            pattern = try processStopOn("/", rawEscapes: true).0
        } catch {
            if atEnd { throw ExpansionError(message: "syntax error: missing '/' in ${}") }
            throw error
        }
        let replacement: String
        do {
            replacement = try processStopOn("}", rawEscapes: true).0
        } catch {
            if atEnd { throw ExpansionError(message: "syntax error: missing '}'") }
            throw error
        }
        let value = lookup(name, dollar: dollar, recorded: &recorded)
        if value == nil, keepsUnset(name) {
            return "${\(name)/\(pattern)/\(replacement)}"
        }
        return try ShellPattern.replace(
            Array(pattern.unicodeScalars), in: Array((value ?? "").unicodeScalars),
            with: replacement, all: replaceAll, limit: ShellLexer.maximumExpansionBytes)
    }

    func processName() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek() {
            if name.isEmpty, UTF8Text.isDigit(scalar) {
                // A name starting with a digit is all the digits that follow ($12x → $12).
                while let digit = peek(), UTF8Text.isDigit(digit) {
                    name.append(digit)
                    next()
                }
                return String(name)
            }
            if name.isEmpty, Self.isSpecialParameter(scalar) {
                next()
                return String(scalar)
            }
            if !UTF8Text.isLetter(scalar), !UTF8Text.isDigit(scalar), scalar != "_" { break }
            name.append(scalar)
            next()
        }
        return String(name)
    }

    static func isSpecialParameter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "@", "*", "#", "?", "-", "$", "!", "0": return true
        default: return false
        }
    }

    /// `<<` keeps the blanks that follow it, so `<< EOF` stays one word.
    func processPossibleHeredoc() -> String {
        next()
        guard peek() == "<" else { return "<" }
        next()
        var text = "<<"
        while let scalar = peek(), scalar == "\t" || scalar == "\r" || scalar == " " {
            text.unicodeScalars.append(scalar)
            next()
        }
        return text
    }
}

extension UTF8 {
    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0..<0x80: return 1
        case 0x80..<0x800: return 2
        case 0x800..<0x10000: return 3
        default: return 4
        }
    }
}
