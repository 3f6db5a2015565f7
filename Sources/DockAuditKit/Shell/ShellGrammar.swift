/// Keywords the shell recognizes at the start of a command.
enum ReservedWord: CaseIterable {
    case ifWord, thenWord, elifWord, elseWord, fiWord
    case doWord, doneWord, whileWord, untilWord, forWord, selectWord, inWord
    case caseWord, esacWord, functionWord
    case openBrace, closeBrace, bang, openTest

    var spelling: [UInt8] {
        switch self {
        case .ifWord: return Array("if".utf8)
        case .thenWord: return Array("then".utf8)
        case .elifWord: return Array("elif".utf8)
        case .elseWord: return Array("else".utf8)
        case .fiWord: return Array("fi".utf8)
        case .doWord: return Array("do".utf8)
        case .doneWord: return Array("done".utf8)
        case .whileWord: return Array("while".utf8)
        case .untilWord: return Array("until".utf8)
        case .forWord: return Array("for".utf8)
        case .selectWord: return Array("select".utf8)
        case .inWord: return Array("in".utf8)
        case .caseWord: return Array("case".utf8)
        case .esacWord: return Array("esac".utf8)
        case .functionWord: return Array("function".utf8)
        case .openBrace: return [Ascii.openBrace]
        case .closeBrace: return [Ascii.closeBrace]
        case .bang: return [Ascii.bang]
        case .openTest: return [Ascii.openBracket, Ascii.openBracket]
        }
    }

    /// Keywords that end a list inside a compound command.
    var isCloser: Bool {
        switch self {
        case .thenWord, .elifWord, .elseWord, .fiWord, .doWord, .doneWord, .esacWord, .closeBrace: return true
        default: return false
        }
    }

    static let table: [(spelling: [UInt8], word: ReservedWord)] = allCases.map { ($0.spelling, $0) }
}

/// A recursive-descent parser over the bytes of one text (a script, a `sh -c` string, a
/// backtick body). Nesting is bounded by `maximumDepth`: deeper constructs are skipped
/// with one error, so no input can exhaust the stack.
struct ShellCore {
    static let maximumDepth = 100

    let text: [UInt8]
    var pos: Int
    let end: Int
    let map: ShellOffsetMap
    let session: ShellParseSession
    /// The session's file, held here so that making a range does not copy it.
    let source: SourceFile
    var depth: Int
    let root: ParseContext
    /// Words are JSON strings (exec form), not shell words.
    var isJSON = false
    /// Bytes of the words being scanned (a word inside `$(…)` is appended after the
    /// unfinished outer word and removed when done).
    var scratch: [UInt8] = []
    /// When re-reading a word to parse it as a script: the text each byte appended to
    /// `scratch` was written as.
    var tracking = false
    var trackedSpans: [Range<Int>] = []
    var pending: [PendingHereDocument] = []
    /// Bodies BuildKit cut out of the Dockerfile, for the `<<` markers of the script.
    var external: [ExternalHereDocument] = []

    init(text: [UInt8], range: Range<Int>, map: ShellOffsetMap, session: ShellParseSession, depth: Int, context: ParseContext) {
        self.text = text
        self.pos = range.lowerBound
        self.end = range.upperBound
        self.map = map
        self.session = session
        self.source = session.source
        self.depth = depth
        self.root = context
    }

    mutating func parseScript() {
        parseList([], root)
        finishHereDocuments()
    }

    // MARK: Small helpers

    @inline(__always) func at(_ index: Int) -> UInt8 {
        index < end ? text[index] : 0
    }

    func error(_ message: String, _ span: Range<Int>) {
        let lower = min(span.lowerBound, end)
        session.error(message, fileRange: map.fileRange(lower..<max(lower, min(span.upperBound, end))))
    }

    func sourceRange(_ span: Range<Int>) -> SourceRange {
        source.range(map.fileRange(span))
    }

    mutating func enter() -> Bool {
        if depth >= Self.maximumDepth {
            if !session.gaveUp {
                error("nested more than \(Self.maximumDepth) levels deep; the rest is not analysed", pos..<(pos + 1))
                session.gaveUp = true
            }
            return false
        }
        depth += 1
        return true
    }

    mutating func leave() {
        depth -= 1
    }

    /// Skips blanks and escaped newlines (a line continuation inside the script).
    mutating func skipBlanks() {
        while pos < end {
            switch text[pos] {
            case Ascii.space, Ascii.tab:
                pos += 1
            case Ascii.carriageReturn where at(pos + 1) == Ascii.newline:
                pos += 1
            case Ascii.backslash where at(pos + 1) == Ascii.newline:
                pos += 2
            case Ascii.backslash where at(pos + 1) == Ascii.carriageReturn && at(pos + 2) == Ascii.newline:
                pos += 3
            default:
                return
            }
        }
    }

    /// Skips blanks, comments and newlines (reading here-document bodies after each
    /// newline). Returns whether a newline was crossed.
    @discardableResult
    mutating func skipLinebreaks() -> Bool {
        var crossed = false
        while true {
            skipBlanks()
            guard pos < end else { return crossed }
            if text[pos] == Ascii.hash {
                skipComment()
                continue
            }
            guard text[pos] == Ascii.newline else { return crossed }
            pos += 1
            crossed = true
            if !pending.isEmpty { readHereDocuments() }
        }
    }

    mutating func skipComment() {
        while pos < end, text[pos] != Ascii.newline { pos += 1 }
    }

    func peekReserved() -> ReservedWord? {
        guard pos < end else { return nil }
        let first = text[pos]
        guard (first >= 0x61 && first <= 0x7A) || first == Ascii.openBrace || first == Ascii.closeBrace
            || first == Ascii.bang || first == Ascii.openBracket
        else { return nil }
        var index = pos + 1
        while index < end, index - pos < 9, (text[index] >= 0x61 && text[index] <= 0x7A) || text[index] == Ascii.openBracket {
            index += 1
        }
        guard index == end || Ascii.isDelimiter(text[index]) else { return nil }
        let length = index - pos
        for entry in ReservedWord.table where entry.spelling.count == length {
            if text[pos..<index].elementsEqual(entry.spelling) { return entry.word }
        }
        return nil
    }

    mutating func consume(_ word: ReservedWord) {
        pos += word.spelling.count
    }

    /// Whether the next token can start a command.
    func startsCommand() -> Bool {
        guard pos < end else { return false }
        switch text[pos] {
        case Ascii.closeParen, Ascii.semicolon, Ascii.pipe, Ascii.newline:
            return false
        case Ascii.ampersand:
            return at(pos + 1) == Ascii.greater
        default:
            if let word = peekReserved(), word.isCloser { return false }
            return true
        }
    }

    // MARK: Lists

    /// A sequence of and-or lists separated by `;`, `&` or newlines, up to one of `stops`,
    /// a closer of an enclosing construct, or the end of the text.
    mutating func parseList(_ stops: [ReservedWord], _ context: ParseContext) {
        var before: ShellOperator?
        var hadCommand = false
        while true {
            if skipLinebreaks(), hadCommand, before == nil { before = .newline }
            guard pos < end else { return }
            let byte = text[pos]
            switch byte {
            case Ascii.closeParen:
                if context.closesParen { return }
                error("unexpected ')'", pos..<(pos + 1))
                pos += 1
                continue
            case Ascii.semicolon:
                if at(pos + 1) == Ascii.semicolon || at(pos + 1) == Ascii.ampersand {
                    if context.closesCaseArm { return }
                    let length = at(pos + 1) == Ascii.semicolon && at(pos + 2) == Ascii.ampersand ? 3 : 2
                    error("unexpected '\(String(decoding: text[pos..<(pos + length)], as: UTF8.self))' outside 'case'", pos..<(pos + length))
                    pos += length
                } else {
                    error("unexpected ';' before any command", pos..<(pos + 1))
                    pos += 1
                }
                continue
            case Ascii.pipe, Ascii.ampersand:
                if byte == Ascii.ampersand, at(pos + 1) == Ascii.greater { break }
                let length = at(pos + 1) == byte ? 2 : 1
                error("unexpected '\(String(decoding: text[pos..<(pos + length)], as: UTF8.self))' before any command", pos..<(pos + length))
                pos += length
                continue
            default:
                break
            }
            if let word = peekReserved(), stops.contains(word) || (context.insideCompound && word.isCloser) {
                return
            }
            let start = pos
            let result = parseAndOr(context, before: hadCommand ? before : nil)
            hadCommand = true
            before = nil
            skipBlanks()
            var separator: ShellOperator?
            if pos < end {
                let next = at(pos + 1)
                switch text[pos] {
                case Ascii.semicolon where next != Ascii.semicolon && next != Ascii.ampersand:
                    separator = .semicolon
                    pos += 1
                case Ascii.ampersand where next != Ascii.ampersand && next != Ascii.greater:
                    separator = .background
                    pos += 1
                case Ascii.newline:
                    separator = .newline
                case Ascii.hash, Ascii.closeParen, Ascii.semicolon:
                    break
                default:
                    if let word = peekReserved(), word.isCloser || stops.contains(word) { break }
                    if pos > start {
                        error("expected ';' or a newline before '\(tokenText())'", pos..<(pos + 1))
                    }
                }
            }
            session.setOperatorAfter(result.last, separator)
            before = separator
            if pos == start {
                // Nothing could be read here: skip one byte so that parsing always ends.
                error("unexpected '\(tokenText())'", pos..<(pos + 1))
                pos += 1
            }
        }
    }

    /// The word at `pos`, for messages.
    func tokenText() -> String {
        var index = pos
        while index < end, index - pos < 20, !Ascii.isDelimiter(text[index]) || index == pos { index += 1 }
        return String(decoding: text[pos..<index], as: UTF8.self)
    }

    /// Pipelines joined by `&&` and `||`. Returns the slots of the first and last simple
    /// command, which take the operators around the list.
    mutating func parseAndOr(_ context: ParseContext, before: ShellOperator?) -> (first: Int?, last: Int?) {
        var result = parsePipeline(context)
        session.setOperatorBefore(result.first, before)
        while true {
            skipBlanks()
            guard pos + 1 < end else { break }
            let op: ShellOperator
            if text[pos] == Ascii.ampersand, text[pos + 1] == Ascii.ampersand {
                op = .and
            } else if text[pos] == Ascii.pipe, text[pos + 1] == Ascii.pipe {
                op = .or
            } else {
                break
            }
            let opStart = pos
            pos += 2
            session.setOperatorAfter(result.last, op)
            skipLinebreaks()
            guard startsCommand() else {
                error("expected a command after '\(op.rawValue)'", opStart..<(opStart + 2))
                break
            }
            let next = parsePipeline(context)
            session.setOperatorBefore(next.first, op)
            if result.first == nil { result.first = next.first }
            result.last = next.last
        }
        return result
    }

    @inline(__always) func atPipe() -> Bool {
        pos < end && text[pos] == Ascii.pipe && at(pos + 1) != Ascii.pipe
    }

    mutating func parsePipeline(_ context: ParseContext) -> (first: Int?, last: Int?) {
        skipBlanks()
        var negated = false
        while peekReserved() == .bang {
            negated.toggle()
            pos += 1
            skipBlanks()
        }
        let firstStart = session.slots.count
        let first = parseCommand(context)
        var last = first
        skipBlanks()
        if atPipe() {
            var elements: [(slot: Int?, slots: Range<Int>)] = [(first, firstStart..<session.slots.count)]
            while atPipe() {
                let opStart = pos
                let op: ShellOperator = at(pos + 1) == Ascii.ampersand ? .pipeAll : .pipe
                pos += op == .pipeAll ? 2 : 1
                session.setOperatorAfter(last, op)
                skipLinebreaks()
                guard startsCommand() else {
                    error("expected a command after '\(op.rawValue)'", opStart..<pos)
                    break
                }
                let start = session.slots.count
                let slot = parseCommand(context)
                session.setOperatorBefore(slot, op)
                elements.append((slot, start..<session.slots.count))
                last = slot
                skipBlanks()
            }
            if elements.count > 1 { markPipeline(elements, context) }
        }
        if negated {
            for slot in firstStart..<session.slots.count where session.slots[slot]?.scope == context.scope {
                session.slots[slot]?.context.isNegated = true
            }
        }
        return (first, last)
    }

    /// Gives the commands of each element their place in the pipeline: the element's own
    /// simple command, or the commands of a compound element that are not in a pipeline
    /// of their own (not those of a `$(…)` inside it).
    mutating func markPipeline(_ elements: [(slot: Int?, slots: Range<Int>)], _ context: ParseContext) {
        let id = session.newPipelineID()
        for (index, element) in elements.enumerated() {
            for slot in element.slots {
                guard let command = session.slots[slot], command.scope == context.scope,
                      command.context.pipelineLength == 1 else { continue }
                session.slots[slot]!.context.pipelineIndex = index
                session.slots[slot]!.context.pipelineLength = elements.count
                session.slots[slot]!.context.pipelineID = id
            }
        }
    }

    // MARK: Commands

    /// One command: compound (`if`, loops, `case`, `( … )`, `{ …; }`, `((…))`, `[[ … ]]`),
    /// a function definition, or a simple command. Returns the simple command's slot.
    mutating func parseCommand(_ context: ParseContext) -> Int? {
        skipBlanks()
        while peekReserved() == .bang {
            // `a | ! b`: a negation where bash expects none; read on.
            pos += 1
            skipBlanks()
        }
        guard pos < end else { return nil }
        if let word = peekReserved() {
            switch word {
            case .ifWord:
                parseIf(context)
            case .whileWord, .untilWord:
                parseWhile(word, context)
            case .forWord, .selectWord:
                parseFor(word, context)
            case .caseWord:
                parseCase(context)
            case .openBrace:
                parseGroup(context)
            case .functionWord:
                parseFunction(context)
                return nil
            case .openTest:
                return parseTest(context)
            case .inWord, .bang:
                return parseSimpleCommand(context)
            default:
                let start = pos
                consume(word)
                error("unexpected '\(String(decoding: word.spelling, as: UTF8.self))'", start..<pos)
                return nil
            }
            parseTrailingRedirections(context)
            return nil
        }
        if text[pos] == Ascii.openParen {
            if at(pos + 1) == Ascii.openParen {
                let start = pos
                if !skipBalanced(open: Ascii.openParen, close: Ascii.closeParen) {
                    error("missing '))' for '(('", start..<(start + 2))
                }
            } else {
                parseSubshell(context)
            }
            parseTrailingRedirections(context)
            return nil
        }
        return parseSimpleCommand(context)
    }

    /// Redirections after a compound command (`done < list`, `} > log 2>&1`).
    mutating func parseTrailingRedirections(_ context: ParseContext) {
        while true {
            skipBlanks()
            guard pos < end, text[pos] == Ascii.less || text[pos] == Ascii.greater || Ascii.isDigit(text[pos])
                || (text[pos] == Ascii.ampersand && at(pos + 1) == Ascii.greater)
            else { return }
            guard parseRedirection(context, slot: -1, index: 0) != nil else { return }
        }
    }

    mutating func compoundContext(_ context: ParseContext) -> ParseContext {
        var inner = context
        inner.insideCompound = true
        return inner
    }

    /// Expects `word` after a compound's list; reports it missing otherwise.
    mutating func expect(_ word: ReservedWord, for opener: String, at start: Int) -> Bool {
        if peekReserved() == word {
            consume(word)
            return true
        }
        error("expected '\(String(decoding: word.spelling, as: UTF8.self))' for '\(opener)'", start..<(start + opener.utf8.count))
        return false
    }

    /// Gives up on a construct nested too deeply: the rest of this text is skipped.
    mutating func abandon() {
        pos = end
    }

    mutating func parseIf(_ context: ParseContext) {
        let start = pos
        consume(.ifWord)
        guard enter() else { return abandon() }
        defer { leave() }
        let body = compoundContext(context)
        var condition = body
        condition.template.inCondition = true
        parseList([.thenWord], condition)
        guard expect(.thenWord, for: "if", at: start) else { return }
        parseList([.elifWord, .elseWord, .fiWord], body)
        while true {
            switch peekReserved() {
            case .elifWord:
                consume(.elifWord)
                parseList([.thenWord], condition)
                guard expect(.thenWord, for: "elif", at: start) else { return }
                parseList([.elifWord, .elseWord, .fiWord], body)
            case .elseWord:
                consume(.elseWord)
                parseList([.fiWord], body)
                _ = expect(.fiWord, for: "if", at: start)
                return
            default:
                _ = expect(.fiWord, for: "if", at: start)
                return
            }
        }
    }

    mutating func parseWhile(_ word: ReservedWord, _ context: ParseContext) {
        let start = pos
        let opener = word == .whileWord ? "while" : "until"
        consume(word)
        guard enter() else { return abandon() }
        defer { leave() }
        var body = compoundContext(context)
        body.template.inLoop = true
        var condition = body
        condition.template.inCondition = true
        parseList([.doWord], condition)
        guard expect(.doWord, for: opener, at: start) else { return }
        parseList([.doneWord], body)
        _ = expect(.doneWord, for: opener, at: start)
    }

    mutating func parseFor(_ word: ReservedWord, _ context: ParseContext) {
        let start = pos
        let opener = word == .forWord ? "for" : "select"
        consume(word)
        guard enter() else { return abandon() }
        defer { leave() }
        var body = compoundContext(context)
        body.template.inLoop = true
        skipBlanks()
        if at(pos) == Ascii.openParen, at(pos + 1) == Ascii.openParen {
            let arithmetic = pos
            if !skipBalanced(open: Ascii.openParen, close: Ascii.closeParen) {
                error("missing '))' for '(('", arithmetic..<(arithmetic + 2))
            }
        } else {
            if pos < end, !Ascii.isDelimiter(text[pos]) { _ = scanWord(context) } else {
                error("expected a variable name after '\(opener)'", start..<pos)
            }
            skipLinebreaks()
            if peekReserved() == .inWord {
                consume(.inWord)
                while true {
                    skipBlanks()
                    guard pos < end, text[pos] != Ascii.newline, text[pos] != Ascii.semicolon else { break }
                    if text[pos] == Ascii.hash { skipComment(); break }
                    let before = pos
                    _ = scanWord(context)
                    if pos == before {
                        error("unexpected '\(tokenText())' in the word list of '\(opener)'", pos..<(pos + 1))
                        pos += 1
                    }
                }
            }
        }
        skipBlanks()
        if at(pos) == Ascii.semicolon { pos += 1 }
        skipLinebreaks()
        switch peekReserved() {
        case .doWord:
            consume(.doWord)
            parseList([.doneWord], body)
            _ = expect(.doneWord, for: opener, at: start)
        case .openBrace:
            parseGroup(body)
        default:
            error("expected 'do' for '\(opener)'", start..<(start + opener.utf8.count))
        }
    }

    mutating func parseCase(_ context: ParseContext) {
        let start = pos
        consume(.caseWord)
        guard enter() else { return abandon() }
        defer { leave() }
        var arm = compoundContext(context)
        arm.closesCaseArm = true
        skipBlanks()
        if pos < end, !Ascii.isDelimiter(text[pos]) { _ = scanWord(context) }
        skipLinebreaks()
        guard peekReserved() == .inWord else {
            error("expected 'in' for 'case'", start..<(start + 4))
            return
        }
        consume(.inWord)
        while true {
            skipLinebreaks()
            guard pos < end else {
                error("expected 'esac' for 'case'", start..<(start + 4))
                return
            }
            if peekReserved() == .esacWord {
                consume(.esacWord)
                return
            }
            if text[pos] == Ascii.openParen { pos += 1 }
            // Patterns: words separated by `|`, up to `)`.
            var closed = false
            while pos < end {
                skipBlanks()
                guard pos < end else { break }
                let byte = text[pos]
                if byte == Ascii.closeParen {
                    pos += 1
                    closed = true
                    break
                }
                if byte == Ascii.pipe {
                    pos += 1
                    continue
                }
                if byte == Ascii.newline || byte == Ascii.semicolon { break }
                let before = pos
                _ = scanWord(context)
                if pos == before { pos += 1 }
            }
            guard closed else {
                error("expected ')' after a 'case' pattern", start..<(start + 4))
                if pos < end, text[pos] == Ascii.semicolon { pos += 1 }
                continue
            }
            parseList([.esacWord], arm)
            skipBlanks()
            if at(pos) == Ascii.semicolon {
                pos += at(pos + 1) == Ascii.semicolon && at(pos + 2) == Ascii.ampersand ? 3
                    : at(pos + 1) == Ascii.semicolon || at(pos + 1) == Ascii.ampersand ? 2 : 1
            } else if peekReserved() != .esacWord {
                if pos >= end {
                    error("expected 'esac' for 'case'", start..<(start + 4))
                    return
                }
                // A closer of an outer construct: this `case` is unterminated.
                if let word = peekReserved(), word.isCloser {
                    error("expected 'esac' for 'case'", start..<(start + 4))
                    return
                }
                if text[pos] == Ascii.closeParen, context.closesParen {
                    error("expected 'esac' for 'case'", start..<(start + 4))
                    return
                }
            }
        }
    }

    mutating func parseGroup(_ context: ParseContext) {
        let start = pos
        consume(.openBrace)
        guard enter() else { return abandon() }
        defer { leave() }
        var inner = compoundContext(context)
        inner.closesCaseArm = false
        parseList([.closeBrace], inner)
        _ = expect(.closeBrace, for: "{", at: start)
    }

    mutating func parseSubshell(_ context: ParseContext) {
        let start = pos
        guard enter() else {
            _ = skipBalanced(open: Ascii.openParen, close: Ascii.closeParen)
            return
        }
        defer { leave() }
        pos += 1
        var inner = context
        inner.template.inSubshell = true
        inner.closesParen = true
        inner.closesCaseArm = false
        inner.insideCompound = false
        parseList([], inner)
        if at(pos) == Ascii.closeParen {
            pos += 1
        } else {
            error("missing ')' for '('", start..<(start + 1))
        }
    }

    /// `function name [()] body` (bash).
    mutating func parseFunction(_ context: ParseContext) {
        consume(.functionWord)
        skipBlanks()
        if pos < end, !Ascii.isDelimiter(text[pos]) { _ = scanWord(context) }
        skipBlanks()
        if at(pos) == Ascii.openParen {
            pos += 1
            skipBlanks()
            if at(pos) == Ascii.closeParen { pos += 1 }
        }
        parseFunctionBody(context)
    }

    mutating func parseFunctionBody(_ context: ParseContext) {
        skipLinebreaks()
        guard enter() else { return abandon() }
        defer { leave() }
        var body = context
        body.template.inFunction = true
        guard startsCommand() else {
            error("expected a function body", pos..<(pos + 1))
            return
        }
        _ = parseCommand(body)
    }

    /// `[[ … ]]`: one command whose operators (`&&`, `<`, `(` …) are plain words.
    mutating func parseTest(_ context: ParseContext) -> Int? {
        let slot = session.slots.count
        session.slots.append(nil)
        let start = pos
        var words: [ScannedWord] = [literalWord(pos..<(pos + 2))]
        pos += 2
        var closed = false
        while true {
            skipBlanks()
            while pos < end, text[pos] == Ascii.newline {
                pos += 1
                skipBlanks()
            }
            guard pos < end else { break }
            if text[pos] == Ascii.closeBracket, at(pos + 1) == Ascii.closeBracket,
               pos + 2 >= end || Ascii.isDelimiter(text[pos + 2]) {
                words.append(literalWord(pos..<(pos + 2)))
                pos += 2
                closed = true
                break
            }
            let byte = text[pos]
            switch byte {
            case Ascii.ampersand, Ascii.pipe, Ascii.less, Ascii.greater, Ascii.openParen, Ascii.closeParen, Ascii.semicolon:
                if byte == Ascii.closeParen, context.closesParen, !words.contains(where: { $0.value == "(" }) {
                    // Probably the end of an enclosing `$(`: the test is unterminated.
                    break
                }
                let length = (byte == Ascii.ampersand || byte == Ascii.pipe) && at(pos + 1) == byte ? 2 : 1
                words.append(literalWord(pos..<(pos + length)))
                pos += length
                continue
            default:
                let before = pos
                words.append(scanWord(context))
                if pos == before { pos += 1 }
                continue
            }
            break
        }
        if !closed { error("missing ']]' for '[['", start..<(start + 2)) }
        buildCommand(slot: slot, words: words, assignments: [], redirections: [], context: context, span: start..<pos)
        return slot
    }

    func literalWord(_ span: Range<Int>) -> ScannedWord {
        let count = session.slots.count
        return ScannedWord(
            start: span.lowerBound, end: span.upperBound, value: String(decoding: text[span], as: UTF8.self),
            isLiteral: true, isQuoted: false, emitted: count..<count)
    }

    mutating func parseSimpleCommand(_ context: ParseContext) -> Int? {
        let slot = session.slots.count
        session.slots.append(nil)
        let start = pos
        var last = pos
        var words: [ScannedWord] = []
        var assignments: [ScannedWord] = []
        var redirections: [PendingRedirection] = []
        var firstMayWrap = false
        scan: while true {
            skipBlanks()
            guard pos < end else { break }
            let byte = text[pos]
            switch byte {
            case Ascii.newline, Ascii.semicolon, Ascii.pipe, Ascii.closeParen:
                break scan
            case Ascii.ampersand:
                guard at(pos + 1) == Ascii.greater else { break scan }
                if let redirection = parseRedirection(context, slot: slot, index: redirections.count) {
                    redirections.append(redirection)
                }
                last = pos
                continue
            case Ascii.less, Ascii.greater, Ascii.zero...Ascii.nine:
                if at(pos + 1) != Ascii.openParen || Ascii.isDigit(byte),
                   let redirection = parseRedirection(context, slot: slot, index: redirections.count) {
                    redirections.append(redirection)
                    last = pos
                    continue
                }
            case Ascii.openParen:
                if words.count == 1, assignments.isEmpty, redirections.isEmpty, isEmptyParens() {
                    // `name() body`: a function definition, not a command.
                    while pos < end, text[pos] != Ascii.closeParen { pos += 1 }
                    pos += 1
                    parseFunctionBody(context)
                    return nil
                }
                error("unexpected '('", pos..<(pos + 1))
                pos += 1
                continue
            case Ascii.hash:
                skipComment()
                break scan
            default:
                break
            }
            let before = pos
            let word = firstMayWrap && mayBeScriptArgument(words) ? scanWordSkippingCommands(context) : scanWord(context)
            if pos == before {
                error("unexpected '\(tokenText())'", pos..<(pos + 1))
                pos += 1
                continue
            }
            if words.isEmpty, assignmentPrefix(word) != nil {
                assignments.append(word)
            } else {
                if words.isEmpty { firstMayWrap = word.isLiteral && WrapperPlan.mayWrap(word.value) }
                words.append(word)
            }
            last = pos
        }
        if words.isEmpty, assignments.isEmpty, redirections.isEmpty { return nil }
        buildCommand(slot: slot, words: words, assignments: assignments, redirections: redirections, context: context, span: start..<last)
        return slot
    }

    /// Whether the next word may be the script of `sh -c`, `sudo bash -ec`, `su -c` …
    func mayBeScriptArgument(_ words: [ScannedWord]) -> Bool {
        guard words.count >= 2 else { return false }
        let last = words[words.count - 1].value
        if last == "--command" || last == "--session-command" { return true }
        return last.hasPrefix("-") && !last.hasPrefix("--") && last.contains("c")
    }

    /// Reads a word without recording the commands inside it (they are found when it
    /// is parsed as a script); errors are kept.
    mutating func scanWordSkippingCommands(_ context: ParseContext) -> ScannedWord {
        let checkpoint = session.checkpoint()
        session.discarding += 1
        var word = scanWord(context)
        session.discarding -= 1
        session.rollBack(to: checkpoint, keepingErrors: true)
        // Bodies still to come must be read (and skipped), but belong to no command.
        for index in pending.indices where pending[index].slot >= checkpoint.slots { pending[index].slot = -1 }
        word.emitted = checkpoint.slots..<checkpoint.slots
        word.commandsSkipped = true
        return word
    }

    /// At `(`: whether `()` follows (blanks allowed inside).
    func isEmptyParens() -> Bool {
        var index = pos + 1
        while index < end, text[index] == Ascii.space || text[index] == Ascii.tab { index += 1 }
        return index < end && text[index] == Ascii.closeParen
    }

    /// `NAME=`, `NAME+=` or `NAME[…]=` at the start of a word: the length of that prefix
    /// and whether it appends.
    func assignmentPrefix(_ word: ScannedWord) -> (nameEnd: Int, valueStart: Int, isAppend: Bool)? {
        guard !isJSON, word.start < word.end, Ascii.isNameStart(text[word.start]) else { return nil }
        var index = word.start + 1
        while index < word.end, Ascii.isNameByte(text[index]) { index += 1 }
        let nameEnd = index
        if index < word.end, text[index] == Ascii.openBracket {
            while index < word.end, text[index] != Ascii.closeBracket { index += 1 }
            guard index < word.end else { return nil }
            index += 1
        }
        if index < word.end, text[index] == Ascii.plus, index + 1 < word.end, text[index + 1] == Ascii.equals {
            return (nameEnd, index + 2, true)
        }
        guard index < word.end, text[index] == Ascii.equals else { return nil }
        return (nameEnd, index + 1, false)
    }

    // MARK: Redirections and here-documents

    /// At optional digits followed by a redirection operator; nil (nothing consumed) when
    /// this is not a redirection. `slot` is -1 for a compound command's redirections.
    mutating func parseRedirection(_ context: ParseContext, slot: Int, index: Int) -> PendingRedirection? {
        let start = pos
        var cursor = pos
        while cursor < end, Ascii.isDigit(text[cursor]) { cursor += 1 }
        var fileDescriptor: Int?
        if cursor > pos {
            guard cursor < end, text[cursor] == Ascii.less || text[cursor] == Ascii.greater, cursor - pos <= 9 else { return nil }
            fileDescriptor = text[pos..<cursor].reduce(0) { $0 * 10 + Int($1 - Ascii.zero) }
        }
        guard cursor < end else { return nil }
        let next = at(cursor + 1)
        let afterNext = at(cursor + 2)
        let op: String
        switch text[cursor] {
        case Ascii.less:
            if next == Ascii.less {
                op = afterNext == Ascii.less ? "<<<" : afterNext == Ascii.minus ? "<<-" : "<<"
            } else if next == Ascii.greater {
                op = "<>"
            } else if next == Ascii.ampersand {
                op = "<&"
            } else if next == Ascii.openParen {
                return nil
            } else {
                op = "<"
            }
        case Ascii.greater:
            if next == Ascii.greater {
                op = ">>"
            } else if next == Ascii.ampersand {
                op = ">&"
            } else if next == Ascii.pipe {
                op = ">|"
            } else if next == Ascii.openParen {
                return nil
            } else {
                op = ">"
            }
        case Ascii.ampersand:
            guard fileDescriptor == nil, next == Ascii.greater else { return nil }
            op = afterNext == Ascii.greater ? "&>>" : "&>"
        default:
            return nil
        }
        pos = cursor + op.utf8.count
        skipBlanks()
        guard pos < end, !isOperatorStart(text[pos]) || (text[pos] == Ascii.less && at(pos + 1) == Ascii.openParen) else {
            error("expected a word after '\(op)'", start..<pos)
            return PendingRedirection(op: op, fileDescriptor: fileDescriptor, target: nil, span: start..<pos)
        }
        let target = scanWord(context)
        if op == "<<" || op == "<<-" {
            pending.append(PendingHereDocument(
                delimiter: Array(target.value.utf8), isQuoted: target.isQuoted, stripsTabs: op == "<<-",
                slot: slot, redirection: index, marker: start..<pos, scriptContext: nil))
        }
        return PendingRedirection(op: op, fileDescriptor: fileDescriptor, target: target, span: start..<pos)
    }

    @inline(__always) func isOperatorStart(_ byte: UInt8) -> Bool {
        switch byte {
        case Ascii.newline, Ascii.semicolon, Ascii.ampersand, Ascii.pipe, Ascii.openParen, Ascii.closeParen, Ascii.less, Ascii.greater:
            return true
        default:
            return false
        }
    }

    /// Reads the bodies of the pending here-documents, which start at `pos` (just after a
    /// newline), in the order their markers appeared.
    mutating func readHereDocuments() {
        let documents = pending
        pending = []
        for document in documents {
            let bodyStart = pos
            var lineStart = pos
            var bodyEnd = end
            var found = false
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, text[lineEnd] != Ascii.newline { lineEnd += 1 }
                var first = lineStart
                if document.stripsTabs {
                    while first < lineEnd, text[first] == Ascii.tab { first += 1 }
                }
                var last = lineEnd
                if last > first, text[last - 1] == Ascii.carriageReturn { last -= 1 }
                if text[first..<last].elementsEqual(document.delimiter) {
                    bodyEnd = lineStart
                    pos = min(lineEnd + 1, end)
                    found = true
                    break
                }
                lineStart = lineEnd + 1
            }
            if !found {
                pos = end
                error("here-document '\(String(decoding: document.delimiter, as: UTF8.self))' has no terminator line", document.marker)
            }
            attach(document, body: text, span: bodyStart..<bodyEnd, map: map)
        }
    }

    /// At the end of the text: here-documents still waiting for a body take BuildKit's
    /// bodies (by name, else in order), or are reported.
    mutating func finishHereDocuments() {
        guard !pending.isEmpty else { return }
        let documents = pending
        pending = []
        for document in documents {
            let name = String(decoding: document.delimiter, as: UTF8.self)
            if let index = external.firstIndex(where: { $0.name == name }) ?? (external.isEmpty ? nil : 0) {
                let body = external.remove(at: index)
                attach(document, body: body.bytes, span: 0..<body.bytes.count, map: body.map)
            } else {
                error("here-document '\(name)' has no body", document.marker)
            }
        }
    }

    /// Records a body on its redirection and, when a shell reads it, parses it as a script.
    mutating func attach(_ document: PendingHereDocument, body: [UInt8], span: Range<Int>, map bodyMap: ShellOffsetMap) {
        if document.slot >= 0, session.slots[document.slot] != nil,
           document.redirection < session.slots[document.slot]!.redirections.count {
            session.slots[document.slot]!.redirections[document.redirection].hereDocument = ShellHereDocument(
                delimiter: String(decoding: document.delimiter, as: UTF8.self), isQuoted: document.isQuoted,
                stripsTabs: document.stripsTabs, content: String(decoding: body[span], as: UTF8.self),
                range: source.range(bodyMap.fileRange(span)))
        }
        guard let context = document.scriptContext else { return }
        guard depth < Self.maximumDepth else {
            _ = enter()
            return
        }
        var inner = ShellCore(text: body, range: span, map: bodyMap, session: session, depth: depth + 1, context: context)
        inner.parseScript()
    }
}
