/// Splits one logical line into keyword, flags and arguments with BuildKit's per-keyword
/// rules (`split_command.go`, `line_parsers.go`), keeping the span of every piece.
struct InstructionBuilder {
    struct Failure {
        var kind: SyntaxDiagnostic.Kind
        var message: String
        var span: Range<Int>
    }

    let source: SourceFile
    let line: LogicalLine
    let escapeToken: UInt8
    private(set) var errors: [Failure] = []

    init(source: SourceFile, line: LogicalLine, escapeToken: UInt8) {
        self.source = source
        self.line = line
        self.escapeToken = escapeToken
    }

    var bytes: [UInt8] { line.bytes }

    func range(_ span: Range<Int>) -> SourceRange {
        source.range(line.fileRange(of: span))
    }

    func word(_ span: Range<Int>) -> Word {
        Word(value: line.text(span), range: range(span))
    }

    mutating func build(_ span: Range<Int>, isTrigger: Bool) -> Instruction {
        // splitCommand: trim, then the keyword runs to the first [\t\v\f\r ].
        let trimmed = bytes.trimmedSpaceBounds(span)
        var keywordEnd = trimmed.lowerBound
        while keywordEnd < trimmed.upperBound, !UTF8Text.isBlankByte(bytes[keywordEnd]) { keywordEnd += 1 }
        let keywordSpan = trimmed.lowerBound..<keywordEnd
        var flags: [Flag] = []
        var argumentSpan = trimmed.upperBound..<trimmed.upperBound
        if keywordEnd < trimmed.upperBound {
            var restStart = keywordEnd
            while restStart < trimmed.upperBound, UTF8Text.isBlankByte(bytes[restStart]) { restStart += 1 }
            let (argumentsStart, flagWords) = extractFlags(restStart..<trimmed.upperBound)
            flags = flagWords.map { Flag(text: $0.text, range: range($0.span)) }
            argumentSpan = bytes.trimmedSpaceBounds(argumentsStart..<trimmed.upperBound)
        }
        let keyword = line.text(keywordSpan)
        let kind = InstructionKind(keyword: keyword)
        var isJSON = false
        let arguments: Arguments
        switch kind {
        case .add, .copy, .volume:
            (arguments, isJSON) = maybeJSONList(argumentSpan)
        case .run, .cmd, .entrypoint, .shell:
            (arguments, isJSON) = maybeJSON(argumentSpan)
        case .from, .expose:
            arguments = whitespaceDelimited(argumentSpan)
        case .env, .label:
            arguments = nameValues(argumentSpan, keyword: kind == .env ? "ENV" : "LABEL")
        case .arg:
            let words = splitWords(argumentSpan)
            arguments = words.isEmpty ? .none : .words(words.map { Word(value: wordText($0), range: range($0.span)) })
        case .maintainer, .stopsignal, .user, .workdir:
            arguments = argumentSpan.isEmpty ? .none : .words([word(argumentSpan)])
        case .healthcheck:
            (arguments, isJSON) = healthcheck(argumentSpan)
        case .onbuild:
            arguments = argumentSpan.isEmpty ? .none : .onbuild(build(argumentSpan, isTrigger: true))
        case .unknown:
            arguments = .ignored
        }
        let wholeRange = range(trimmed)
        return Instruction(
            keyword: keyword, kind: kind, keywordRange: range(keywordSpan), range: wholeRange,
            original: line.text(span), flags: flags, arguments: arguments, argumentsRange: range(argumentSpan),
            textMap: span.lowerBound == 0 ? line.map : line.map.suffix(from: span.lowerBound),
            argumentsText: (argumentSpan.lowerBound - span.lowerBound)..<(argumentSpan.upperBound - span.lowerBound),
            isJSONForm: isJSON, heredocs: [], precedingComments: [], emptyContinuationLines: [],
            isTrigger: isTrigger, startLine: 0, endLine: 0)
    }

    // MARK: Flags

    /// BuildKit's `extractBuilderFlags`: leading words that start with `--`, byte by byte.
    /// Quotes are removed, the escape token protects the next byte, a bare `--` ends the
    /// flags. Bytes are widened one by one (Go's `WriteRune(rune(b))`), so non-ASCII text
    /// in a flag comes out as Latin-1 mojibake, exactly as BuildKit shows it.
    func extractFlags(_ span: Range<Int>) -> (argumentsStart: Int, flags: [(text: String, span: Range<Int>)]) {
        enum Phase { case spaces, word, quote }
        var flags: [(text: String, span: Range<Int>)] = []
        var phase = Phase.spaces
        var buffer = String.UnicodeScalarView()
        var quote: UInt8 = 0
        var blankOK = false
        var wordStart = span.lowerBound
        var position = span.lowerBound
        let end = span.upperBound
        func isDoubleDash(_ text: String.UnicodeScalarView) -> Bool {
            text.count == 2 && text.first == "-" && text.last == "-"
        }
        while position <= end {
            if phase == .spaces {
                if position == end { break }
                let byte = bytes[position]
                if UTF8Text.isSpaceByte(byte) { position += 1; continue }
                if byte != UInt8(ascii: "-") || position + 1 == end || bytes[position + 1] != UInt8(ascii: "-") {
                    return (position, flags)
                }
                phase = .word
                wordStart = position
            }
            if position == end {
                if !isDoubleDash(buffer), blankOK || !buffer.isEmpty {
                    flags.append((String(buffer), wordStart..<end))
                }
                break
            }
            var byte = bytes[position]
            if phase == .word {
                if UTF8Text.isSpaceByte(byte) {
                    phase = .spaces
                    if isDoubleDash(buffer) { return (position, flags) }
                    if blankOK || !buffer.isEmpty { flags.append((String(buffer), wordStart..<position)) }
                    buffer.removeAll()
                    blankOK = false
                    position += 1
                    continue
                }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                    blankOK = true
                    phase = .quote
                    position += 1
                    continue
                }
                if byte == escapeToken {
                    if position + 1 == end { position += 1; continue }
                    position += 1
                    byte = bytes[position]
                }
                buffer.append(Unicode.Scalar(byte))
                position += 1
                continue
            }
            // Inside quotes.
            if byte == quote {
                phase = .word
                position += 1
                continue
            }
            if byte == escapeToken {
                if position + 1 == end { phase = .word; position += 1; continue }
                position += 1
                byte = bytes[position]
            }
            buffer.append(Unicode.Scalar(byte))
            position += 1
        }
        return (end, flags)
    }

    // MARK: Argument forms

    mutating func maybeJSON(_ span: Range<Int>) -> (Arguments, Bool) {
        if span.isEmpty { return (.none, false) }
        if let json = json(span) { return json }
        return (.words([word(span)]), false)
    }

    mutating func maybeJSONList(_ span: Range<Int>) -> (Arguments, Bool) {
        if let json = json(span) { return json }
        return (whitespaceDelimited(span), false)
    }

    /// nil when the text is not a JSON array (shell form). A JSON array holding a
    /// non-string is BuildKit's hard error; dockaudit records it and reads the text as
    /// shell form so linting can go on.
    mutating func json(_ span: Range<Int>) -> (Arguments, Bool)? {
        switch JSONArguments.parse(bytes, span) {
        case .notJSON:
            return nil
        case .notStringArray:
            errors.append(Failure(
                kind: .jsonNotStringArray,
                message: "when using JSON array syntax, arrays must be comprised of strings only", span: span))
            return nil
        case .strings(let elements):
            let words = elements.map { Word(value: $0.value, range: range($0.span)) }
            return (words.isEmpty ? .none : .words(words), true)
        }
    }

    func whitespaceDelimited(_ span: Range<Int>) -> Arguments {
        if span.isEmpty { return .none }
        var words: [Word] = []
        var position = span.lowerBound
        while position < span.upperBound {
            let start = position
            while position < span.upperBound, !UTF8Text.isBlankByte(bytes[position]) { position += 1 }
            words.append(word(start..<position))
            while position < span.upperBound, UTF8Text.isBlankByte(bytes[position]) { position += 1 }
        }
        return .words(words)
    }

    /// HEALTHCHECK: the first word (up to a byte Go's `unicode.IsSpace` accepts), then the
    /// rest read like RUN.
    mutating func healthcheck(_ span: Range<Int>) -> (Arguments, Bool) {
        var separator = span.lowerBound
        while separator < span.upperBound, !UTF8Text.isSpaceByte(bytes[separator]) { separator += 1 }
        var commandStart = separator
        while commandStart < span.upperBound, UTF8Text.isSpaceByte(bytes[commandStart]) { commandStart += 1 }
        if separator == span.lowerBound { return (.none, false) }
        let (command, isJSON) = maybeJSON(commandStart..<span.upperBound)
        let commandWords: [Word]
        switch command {
        case .words(let words): commandWords = words
        default: commandWords = []
        }
        return (.healthcheck(type: word(span.lowerBound..<separator), command: commandWords), isJSON)
    }

    /// BuildKit's `parseWords` for ENV, LABEL and ARG: split on white space outside quotes;
    /// quotes and escapes stay in the words.
    struct WordSpan {
        var span: Range<Int>
        /// BuildKit drops an unescaped escape character at the very end of the input.
        var dropsTrailingEscape = false
    }

    func splitWords(_ span: Range<Int>) -> [WordSpan] {
        enum Phase { case spaces, word, quote }
        var words: [WordSpan] = []
        var droppedEscape = false
        var phase = Phase.spaces
        var quote: Unicode.Scalar = "\0"
        var blankOK = false
        var hasText = false
        var wordStart = span.lowerBound
        var position = span.lowerBound
        let end = span.upperBound
        let escape = Unicode.Scalar(escapeToken)
        while position <= end {
            var scalar: Unicode.Scalar = " "
            var width = 1
            if position != end { (scalar, width) = UTF8Text.decodeScalar(bytes, at: position) }
            if phase == .spaces {
                if position == end { break }
                if UTF8Text.isSpace(scalar) { position += width; continue }
                phase = .word
                wordStart = position
            }
            if position == end {
                if blankOK || hasText { words.append(WordSpan(span: wordStart..<end, dropsTrailingEscape: droppedEscape)) }
                break
            }
            if phase == .word {
                if UTF8Text.isSpace(scalar) {
                    phase = .spaces
                    if blankOK || hasText { words.append(WordSpan(span: wordStart..<position)) }
                    hasText = false
                    blankOK = false
                    position += width
                    continue
                }
                if scalar == "'" || scalar == "\"" {
                    quote = scalar
                    blankOK = true
                    phase = .quote
                }
                if scalar == escape {
                    if position + width == end { droppedEscape = true; position += width; continue }
                    hasText = true
                    position += width
                    (scalar, width) = UTF8Text.decodeScalar(bytes, at: position)
                }
                hasText = true
                position += width
                continue
            }
            if scalar == quote { phase = .word }
            if scalar == escape, quote != "'" {
                if position + width == end { droppedEscape = true; phase = .word; position += width; continue }
                hasText = true
                position += width
                (scalar, width) = UTF8Text.decodeScalar(bytes, at: position)
            }
            hasText = true
            position += width
        }
        return words
    }

    /// The text of a `parseWords` word: its bytes, less a dropped final escape.
    func wordText(_ word: WordSpan) -> String {
        let end = word.dropsTrailingEscape ? word.span.upperBound - 1 : word.span.upperBound
        return line.text(word.span.lowerBound..<end)
    }

    mutating func nameValues(_ span: Range<Int>, keyword: String) -> Arguments {
        let words = splitWords(span)
        guard let first = words.first else { return .none }
        let firstText = wordText(first)
        // Scalars, not Characters: `=` followed by a combining mark is one Character.
        if !firstText.unicodeScalars.contains("=") {
            // Legacy `KEY value`: split the raw text once on the first blank run.
            var keyEnd = span.lowerBound
            while keyEnd < span.upperBound, !UTF8Text.isBlankByte(bytes[keyEnd]) { keyEnd += 1 }
            var valueStart = keyEnd
            while valueStart < span.upperBound, UTF8Text.isBlankByte(bytes[valueStart]) { valueStart += 1 }
            guard keyEnd < span.upperBound else {
                errors.append(Failure(kind: .keyValueSyntax, message: "\(keyword) must have two arguments", span: span))
                return .keyValues([KeyValuePair(
                    key: word(span), value: word(span.upperBound..<span.upperBound), hasEquals: false)])
            }
            return .keyValues([KeyValuePair(
                key: word(span.lowerBound..<keyEnd), value: word(valueStart..<span.upperBound), hasEquals: false)])
        }
        var pairs: [KeyValuePair] = []
        for splitWord in words {
            let wordSpan = splitWord.span
            let text = wordText(splitWord)
            let scalars = text.unicodeScalars
            guard let equals = bytes[wordSpan].firstIndex(of: UInt8(ascii: "=")),
                let equalsScalar = scalars.firstIndex(of: "=")
            else {
                errors.append(Failure(
                    kind: .keyValueSyntax,
                    message: "Syntax error - can't find = in \(GoQuote.quote(text)). Must be of the form: name=value",
                    span: wordSpan))
                continue
            }
            let keyText = String(scalars[..<equalsScalar])
            let valueText = String(scalars[scalars.index(after: equalsScalar)...])
            pairs.append(KeyValuePair(
                key: Word(value: keyText, range: range(wordSpan.lowerBound..<equals)),
                value: Word(value: valueText, range: range((equals + 1)..<wordSpan.upperBound)),
                hasEquals: true))
        }
        return .keyValues(pairs)
    }
}
