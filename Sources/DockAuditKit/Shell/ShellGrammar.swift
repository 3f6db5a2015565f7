/// Keywords the shell recognizes at the start of a command.
enum ReservedWord {
    case ifWord, thenWord, elifWord, elseWord, fiWord
    case doWord, doneWord, whileWord, untilWord, forWord, selectWord, inWord
    case caseWord, esacWord, functionWord
    case openBrace, closeBrace, bang, openTest

    var spelling: StaticString {
        switch self {
        case .ifWord: return "if"
        case .thenWord: return "then"
        case .elifWord: return "elif"
        case .elseWord: return "else"
        case .fiWord: return "fi"
        case .doWord: return "do"
        case .doneWord: return "done"
        case .whileWord: return "while"
        case .untilWord: return "until"
        case .forWord: return "for"
        case .selectWord: return "select"
        case .inWord: return "in"
        case .caseWord: return "case"
        case .esacWord: return "esac"
        case .functionWord: return "function"
        case .openBrace: return "{"
        case .closeBrace: return "}"
        case .bang: return "!"
        case .openTest: return "[["
        }
    }

    var length: Int { spelling.utf8CodeUnitCount }

    /// Keywords that end a list inside a compound command.
    var isCloser: Bool {
        switch self {
        case .thenWord, .elifWord, .elseWord, .fiWord, .doWord, .doneWord, .esacWord, .closeBrace: return true
        default: return false
        }
    }
}

/// A recursive-descent parser over the bytes of one text (a script, a `sh -c` string, a
/// backtick body). Nesting is bounded by `maximumDepth` and by the stack left (see
/// `StackGuard`): deeper constructs are skipped with one error, so no input can exhaust
/// the stack.
struct ShellCore {
    static let maximumDepth = 100

    let text: [UInt8]
    var pos: Int
    let end: Int
    let map: ShellOffsetMap
    var session: ShellParseSession
    /// The session's file, held here so that making a range does not copy it.
    let source: SourceFile
    /// The line of the last range made (ranges are mostly made in file order).
    var lineHint = 0
    var pieceHint = 0
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

    /// Parses another text (a `sh -c` string, a backtick body, a heredoc a shell reads)
    /// one level deeper, adding to this parse's results.
    @inline(never)
    mutating func parseNested(text nestedText: [UInt8], range: Range<Int>, map nestedMap: ShellOffsetMap, context: ParseContext) {
        guard enter() else { return }
        defer { leave() }
        var inner = ShellCore(
            text: nestedText, range: range, map: nestedMap, session: ShellParseSession(source: source), depth: depth,
            context: context)
        swap(&inner.session, &session)
        inner.parseScript()
        swap(&inner.session, &session)
    }

    // MARK: Small helpers

    @inline(__always) func at(_ index: Int) -> UInt8 {
        index < end ? text[index] : 0
    }

    @inline(never)
    mutating func error(_ message: String, _ span: Range<Int>) {
        let lower = min(span.lowerBound, end)
        session.error(message, fileRange: map.fileRange(lower..<max(lower, min(span.upperBound, end))))
    }

    mutating func sourceRange(_ span: Range<Int>) -> SourceRange {
        source.range(map.fileRange(span, hint: &pieceHint), lineHint: &lineHint)
    }

    mutating func enter() -> Bool {
        if depth >= Self.maximumDepth || !session.stack.hasRoom() {
            tooDeep()
            return false
        }
        depth += 1
        return true
    }

    @inline(never)
    mutating func tooDeep() {
        guard !session.gaveUp else { return }
        error("nested too deeply (the limit is \(Self.maximumDepth) levels); the rest is not analysed", pos..<(pos + 1))
        session.gaveUp = true
    }

    @inline(never)
    mutating func missingClose(_ closer: String, for opener: String, at start: Int) {
        error("missing '\(closer)' for '\(opener)'", start..<(start + opener.utf8.count))
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
        switch text[pos] {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "i"),
             UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "u"), UInt8(ascii: "w"),
             Ascii.openBrace, Ascii.closeBrace, Ascii.bang, Ascii.openBracket:
            break
        default:
            return nil
        }
        var index = pos + 1
        while index < end, index - pos < 9, (text[index] >= 0x61 && text[index] <= 0x7A) || text[index] == Ascii.openBracket {
            index += 1
        }
        guard index == end || Ascii.isDelimiter(text[index]) else { return nil }
        switch index - pos {
        case 1:
            switch text[pos] {
            case Ascii.openBrace: return .openBrace
            case Ascii.closeBrace: return .closeBrace
            case Ascii.bang: return .bang
            default: return nil
            }
        case 2:
            if spells("if") { return .ifWord }
            if spells("fi") { return .fiWord }
            if spells("do") { return .doWord }
            if spells("in") { return .inWord }
            if spells("[[") { return .openTest }
        case 3:
            if spells("for") { return .forWord }
        case 4:
            if spells("then") { return .thenWord }
            if spells("else") { return .elseWord }
            if spells("elif") { return .elifWord }
            if spells("done") { return .doneWord }
            if spells("case") { return .caseWord }
            if spells("esac") { return .esacWord }
        case 5:
            if spells("while") { return .whileWord }
            if spells("until") { return .untilWord }
        case 6:
            if spells("select") { return .selectWord }
        case 8:
            if spells("function") { return .functionWord }
        default:
            break
        }
        return nil
    }

    /// Whether the text at `pos` starts with `word` (whose length the caller checked).
    @inline(__always) func spells(_ word: StaticString) -> Bool {
        word.withUTF8Buffer { spelling in
            for index in 0..<spelling.count where text[pos + index] != spelling[index] { return false }
            return true
        }
    }

    mutating func consume(_ word: ReservedWord) {
        pos += word.length
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
                    unexpected(length, " outside 'case'")
                    pos += length
                } else {
                    error("unexpected ';' before any command", pos..<(pos + 1))
                    pos += 1
                }
                continue
            case Ascii.pipe, Ascii.ampersand:
                if byte == Ascii.ampersand, at(pos + 1) == Ascii.greater { break }
                let length = at(pos + 1) == byte ? 2 : 1
                unexpected(length, " before any command")
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
                    if pos > start { missingSeparator() }
                }
            }
            session.setOperatorAfter(result.last, separator)
            before = separator
            if pos == start {
                // Nothing could be read here: skip one byte so that parsing always ends.
                unexpected(0, "")
                pos += 1
            }
        }
    }

    /// Reports the token at `pos` (`length` bytes, or the word there when 0).
    @inline(never)
    mutating func unexpected(_ length: Int, _ suffix: String) {
        let token = length > 0 ? String(decoding: text[pos..<min(end, pos + length)], as: UTF8.self) : tokenText()
        error("unexpected '\(token)'\(suffix)", pos..<(pos + max(1, length)))
    }

    @inline(never)
    mutating func missingCommand(after op: ShellOperator, _ span: Range<Int>) {
        error("expected a command after '\(op.rawValue)'", span)
    }

    @inline(never)
    mutating func missingSeparator() {
        error("expected ';' or a newline before '\(tokenText())'", pos..<(pos + 1))
    }

    /// The word at `pos`, for messages.
    @inline(never)
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
                missingCommand(after: op, opStart..<(opStart + 2))
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
        let firstStart = session.slotCount
        let first = parseCommand(context)
        var last = first
        skipBlanks()
        if atPipe() {
            var elements: [(slot: Int?, slots: Range<Int>)] = [(first, firstStart..<session.slotCount)]
            while atPipe() {
                let opStart = pos
                let op: ShellOperator = at(pos + 1) == Ascii.ampersand ? .pipeAll : .pipe
                pos += op == .pipeAll ? 2 : 1
                session.setOperatorAfter(last, op)
                skipLinebreaks()
                guard startsCommand() else {
                    missingCommand(after: op, opStart..<pos)
                    break
                }
                let start = session.slotCount
                let slot = parseCommand(context)
                session.setOperatorBefore(slot, op)
                elements.append((slot, start..<session.slotCount))
                last = slot
                skipBlanks()
            }
            if elements.count > 1 { markPipeline(elements, context) }
        }
        if negated {
            for slot in firstStart..<session.slotCount where session.links[slot].scope == context.scope {
                session.links[slot].isNegated = true
            }
        }
        return (first, last)
    }

    /// Gives the commands of each element their place in the pipeline: the element's own
    /// simple command, or the commands of a compound element that are not in a pipeline
    /// of their own (not those of a `$(…)` inside it).
    @inline(never)
    mutating func markPipeline(_ elements: [(slot: Int?, slots: Range<Int>)], _ context: ParseContext) {
        let id = session.newPipelineID()
        for (index, element) in elements.enumerated() {
            // A `sh -c '…'` element stands for the top-level commands of its script.
            var scope = context.scope
            if let slot = element.slot, session.links[slot].command < 0, let script = session.forwarded[slot] {
                scope = session.links[script.first].scope
            }
            for slot in element.slots {
                let link = session.links[slot]
                guard link.command >= 0, link.scope == scope, link.pipelineLength == 1 else { continue }
                session.links[slot].pipelineIndex = index
                session.links[slot].pipelineLength = elements.count
                session.links[slot].pipelineID = id
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
                unexpected(word.length, "")
                consume(word)
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
    @inline(never)
    mutating func parseTrailingRedirections(_ context: ParseContext) {
        while true {
            skipBlanks()
            guard pos < end, text[pos] == Ascii.less || text[pos] == Ascii.greater || Ascii.isDigit(text[pos])
                || (text[pos] == Ascii.ampersand && at(pos + 1) == Ascii.greater)
            else { return }
            guard parseRedirection(context, slot: -1, index: 0) != nil else { return }
        }
    }

    func literalWord(_ span: Range<Int>) -> ScannedWord {
        let count = session.slotCount
        return ScannedWord(
            start: span.lowerBound, end: span.upperBound, value: String(decoding: text[span], as: UTF8.self),
            isLiteral: true, isQuoted: false, emitted: count..<count)
    }

    mutating func parseSimpleCommand(_ context: ParseContext) -> Int? {
        let slot = session.reserveSlot(scope: context.scope)
        let start = pos
        var last = pos
        var words: [ScannedWord] = []
        var assignments: [ScannedWord] = []
        var redirections: [PendingRedirection] = []
        words.reserveCapacity(8)
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
                unexpected(0, "")
                pos += 1
                continue
            }
            if words.isEmpty, assignmentPrefix(word) != nil {
                assignments.append(word)
            } else {
                if words.isEmpty { firstMayWrap = mayWrap(word) }
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
        return last.hasPrefix("-") && !last.hasPrefix("--") && last.containsBytes("c")
    }

    /// Reads a word without recording the commands inside it (they are found when it
    /// is parsed as a script); errors are kept.
    @inline(never)
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
}
