/// Compound commands: `if`, loops, `case`, groups, subshells, functions, `[[ … ]]`.
extension ShellCore {
    mutating func compoundContext(_ context: ParseContext) -> ParseContext {
        var inner = context
        inner.insideCompound = true
        return inner
    }

    /// Expects `word` after a compound's list; reports it missing otherwise.
    @inline(never)
    mutating func expect(_ word: ReservedWord, for opener: String, at start: Int) -> Bool {
        if peekReserved() == word {
            consume(word)
            return true
        }
        error("expected '\(word.spelling)' for '\(opener)'", start..<(start + opener.utf8.count))
        return false
    }

    /// Gives up on a construct nested too deeply: the rest of this text is skipped.
    @inline(never)
    mutating func abandon() {
        pos = end
    }

    @inline(never)
    mutating func parseIf(_ context: ParseContext) {
        let start = pos
        consume(.ifWord)
        guard enter() else { return abandon() }
        defer { leave() }
        let body = compoundContext(context)
        var condition = body
        condition.template.inCondition = true
        // Each body is an arm: one run takes at most one of them.
        let compound = session.newScope()
        var arm = 0
        func armBody() -> ParseContext {
            var inner = body
            inner.template.branches.append(ShellBranch(compound: compound, arm: arm))
            arm += 1
            return inner
        }
        parseList([.thenWord], condition)
        guard expect(.thenWord, for: "if", at: start) else { return }
        parseList([.elifWord, .elseWord, .fiWord], armBody())
        while true {
            switch peekReserved() {
            case .elifWord:
                consume(.elifWord)
                parseList([.thenWord], condition)
                guard expect(.thenWord, for: "elif", at: start) else { return }
                parseList([.elifWord, .elseWord, .fiWord], armBody())
            case .elseWord:
                consume(.elseWord)
                parseList([.fiWord], armBody())
                _ = expect(.fiWord, for: "if", at: start)
                return
            default:
                _ = expect(.fiWord, for: "if", at: start)
                return
            }
        }
    }

    @inline(never)
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

    @inline(never)
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

    @inline(never)
    mutating func parseCase(_ context: ParseContext) {
        let start = pos
        consume(.caseWord)
        guard enter() else { return abandon() }
        defer { leave() }
        var arm = compoundContext(context)
        arm.closesCaseArm = true
        // Each pattern's list is an arm (`;&` fall-through is rare enough to ignore).
        let compound = session.newScope()
        var armNumber = 0
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
            var armContext = arm
            armContext.template.branches.append(ShellBranch(compound: compound, arm: armNumber))
            armNumber += 1
            parseList([.esacWord], armContext)
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

    @inline(never)
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

    @inline(never)
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
    @inline(never)
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

    @inline(never)
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
    @inline(never)
    mutating func parseTest(_ context: ParseContext) -> Int? {
        let slot = session.reserveSlot(scope: context.scope)
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
}
