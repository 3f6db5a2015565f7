/// Reading words: quotes, escapes, `$…` expansions and substitutions. Each construct
/// appends the bytes of the word's unquoted value to `scratch`; expansions are appended as
/// written.
extension ShellCore {
    /// Appends one value byte that was written as the text in `source` (`\"` for `"`).
    @inline(__always) mutating func append(_ byte: UInt8, source: Range<Int>) {
        scratch.append(byte)
        if tracking { trackedSpans.append(source) }
    }

    @inline(__always) mutating func appendText(_ span: Range<Int>) {
        scratch.append(contentsOf: text[span])
        if tracking {
            for offset in span { trackedSpans.append(offset..<(offset + 1)) }
        }
    }

    mutating func truncateScratch(to mark: Int) {
        let extra = scratch.count - mark
        guard extra > 0 else { return }
        if mark == 0, !tracking {
            scratch.removeAll(keepingCapacity: true)
            return
        }
        if tracking { trackedSpans.removeLast(min(extra, trackedSpans.count)) }
        scratch.removeLast(extra)
    }

    /// Bytes with no meaning inside an unquoted word.
    @inline(__always) static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case Ascii.space, Ascii.tab, Ascii.newline, Ascii.carriageReturn, Ascii.semicolon, Ascii.ampersand, Ascii.pipe,
             Ascii.openParen, Ascii.closeParen, Ascii.less, Ascii.greater, Ascii.singleQuote, Ascii.doubleQuote,
             Ascii.backslash, Ascii.dollar, Ascii.backtick:
            return false
        default:
            return true
        }
    }

    mutating func scanWord(_ context: ParseContext) -> ScannedWord {
        let start = pos
        let mark = scratch.count
        let firstSlot = session.slotCount
        let (literal, quoted) = scanWordBody(context)
        let value = String(decoding: scratch[mark...], as: UTF8.self)
        truncateScratch(to: mark)
        return ScannedWord(
            start: start, end: pos, value: value, isLiteral: literal, isQuoted: quoted,
            emitted: firstSlot..<session.slotCount)
    }

    /// Reads one word from `pos`, appending its value to `scratch`.
    mutating func scanWordBody(_ context: ParseContext) -> (literal: Bool, quoted: Bool) {
        let start = pos
        var literal = true
        var quoted = false
        scan: while pos < end {
            let byte = text[pos]
            switch byte {
            case Ascii.space, Ascii.tab, Ascii.newline, Ascii.semicolon, Ascii.ampersand, Ascii.pipe, Ascii.closeParen:
                break scan
            case Ascii.carriageReturn:
                if at(pos + 1) == Ascii.newline { break scan }
                append(byte, source: pos..<(pos + 1))
                pos += 1
            case Ascii.less, Ascii.greater:
                guard at(pos + 1) == Ascii.openParen else { break scan }
                let substitution = pos
                pos += 2
                parseSubstitution(context, start: substitution, opener: byte == Ascii.less ? "<(" : ">(")
                appendText(substitution..<pos)
                literal = false
            case Ascii.openParen:
                guard pos > start, opensWordParen(start) else { break scan }
                let open = pos
                if !skipBalanced(open: Ascii.openParen, close: Ascii.closeParen) {
                    error("missing ')' for '('", open..<(open + 1))
                }
                appendText(open..<pos)
            case Ascii.singleQuote:
                quoted = true
                scanSingleQuoted()
            case Ascii.doubleQuote:
                quoted = true
                scanDoubleQuoted(context, literal: &literal)
            case Ascii.backslash:
                if pos + 1 >= end {
                    append(byte, source: pos..<(pos + 1))
                    pos += 1
                } else if text[pos + 1] == Ascii.newline {
                    pos += 2
                } else if text[pos + 1] == Ascii.carriageReturn, at(pos + 2) == Ascii.newline {
                    pos += 3
                } else {
                    quoted = true
                    append(text[pos + 1], source: pos..<(pos + 2))
                    pos += 2
                }
            case Ascii.dollar:
                scanDollar(context, inDoubleQuotes: false, literal: &literal, quoted: &quoted)
            case Ascii.backtick:
                scanBacktick(context, inDoubleQuotes: false)
                literal = false
            default:
                var stop = pos + 1
                while stop < end, Self.isPlain(text[stop]) { stop += 1 }
                appendText(pos..<stop)
                pos = stop
            }
        }
        return (literal, quoted)
    }

    /// A `(` inside a word that belongs to it: an array assignment (`a=(1 2)`) or an
    /// extended glob (`@(x|y)`, `!(keep)`).
    func opensWordParen(_ start: Int) -> Bool {
        let previous = text[pos - 1]
        switch previous {
        case Ascii.at, Ascii.bang, Ascii.plus, Ascii.star, Ascii.question:
            return true
        case Ascii.equals:
            guard Ascii.isNameStart(text[start]) else { return false }
            var index = start + 1
            while index < pos - 1, Ascii.isNameByte(text[index]) { index += 1 }
            if index < pos - 1, text[index] == Ascii.plus { index += 1 }
            return index == pos - 1
        default:
            return false
        }
    }

    mutating func scanSingleQuoted() {
        let open = pos
        pos += 1
        var stop = pos
        while stop < end, text[stop] != Ascii.singleQuote { stop += 1 }
        appendText(pos..<stop)
        if stop < end {
            pos = stop + 1
        } else {
            pos = end
            error("unterminated single quote", open..<(open + 1))
        }
    }

    mutating func scanDoubleQuoted(_ context: ParseContext, literal: inout Bool) {
        let open = pos
        pos += 1
        var quoted = true
        while pos < end {
            let byte = text[pos]
            switch byte {
            case Ascii.doubleQuote:
                pos += 1
                return
            case Ascii.backslash:
                guard pos + 1 < end else {
                    append(byte, source: pos..<(pos + 1))
                    pos += 1
                    continue
                }
                let next = text[pos + 1]
                switch next {
                case Ascii.dollar, Ascii.backtick, Ascii.doubleQuote, Ascii.backslash:
                    append(next, source: pos..<(pos + 2))
                    pos += 2
                case Ascii.newline:
                    pos += 2
                default:
                    append(byte, source: pos..<(pos + 1))
                    pos += 1
                }
            case Ascii.dollar:
                scanDollar(context, inDoubleQuotes: true, literal: &literal, quoted: &quoted)
            case Ascii.backtick:
                scanBacktick(context, inDoubleQuotes: true)
                literal = false
            default:
                var stop = pos + 1
                while stop < end {
                    let next = text[stop]
                    if next == Ascii.doubleQuote || next == Ascii.backslash || next == Ascii.dollar || next == Ascii.backtick { break }
                    stop += 1
                }
                appendText(pos..<stop)
                pos = stop
            }
        }
        error("unterminated double quote", open..<(open + 1))
    }

    /// At `$`: a parameter, `${…}`, `$(…)`, `$((…))`, `$'…'`, `$"…"`, or a plain `$`.
    mutating func scanDollar(_ context: ParseContext, inDoubleQuotes: Bool, literal: inout Bool, quoted: inout Bool) {
        let start = pos
        guard pos + 1 < end else {
            append(Ascii.dollar, source: pos..<(pos + 1))
            pos += 1
            return
        }
        let next = text[pos + 1]
        switch next {
        case Ascii.openParen:
            literal = false
            if at(pos + 2) == Ascii.openParen {
                pos += 1
                if !skipBalanced(open: Ascii.openParen, close: Ascii.closeParen) {
                    error("missing '))' for '$(('", start..<(start + 3))
                }
            } else {
                pos += 2
                parseSubstitution(context, start: start, opener: "$(")
            }
            appendText(start..<pos)
        case Ascii.openBrace:
            literal = false
            pos += 2
            scanParameter(context, start: start, inDoubleQuotes: inDoubleQuotes)
            appendText(start..<pos)
        case Ascii.openBracket:
            // `$[…]`: bash's old arithmetic syntax.
            literal = false
            pos += 1
            if !skipBalanced(open: Ascii.openBracket, close: Ascii.closeBracket) {
                missingClose("]", for: "$[", at: start)
            }
            appendText(start..<pos)
        case Ascii.singleQuote where !inDoubleQuotes:
            quoted = true
            scanANSIQuoted()
        case Ascii.doubleQuote where !inDoubleQuotes:
            quoted = true
            pos += 1
            scanDoubleQuoted(context, literal: &literal)
        case Ascii.at, Ascii.star, Ascii.hash, Ascii.question, Ascii.dollar, Ascii.bang, Ascii.minus, Ascii.zero...Ascii.nine:
            literal = false
            appendText(start..<(start + 2))
            pos += 2
        default:
            guard Ascii.isNameStart(next) else {
                append(Ascii.dollar, source: pos..<(pos + 1))
                pos += 1
                return
            }
            literal = false
            var stop = pos + 2
            while stop < end, Ascii.isNameByte(text[stop]) { stop += 1 }
            appendText(start..<stop)
            pos = stop
        }
    }

    /// After `$(` or `<(`: the commands, up to `)`.
    mutating func parseSubstitution(_ context: ParseContext, start: Int, opener: String) {
        guard enter() else {
            pos = start + 1
            _ = skipBalanced(open: Ascii.openParen, close: Ascii.closeParen)
            return
        }
        defer { leave() }
        parseList([], context.substitution(scope: session.newScope()))
        if pos < end, text[pos] == Ascii.closeParen {
            pos += 1
        } else {
            missingClose(")", for: opener, at: start)
        }
    }

    /// After `${`: up to the `}` that closes it. Like bash, a bare `{` inside does not
    /// nest (`${x:-{}}` is `${x:-{}` then `}`); quotes and nested expansions do (the
    /// commands of a `$(…)` inside are parsed too).
    @inline(never)
    mutating func scanParameter(_ context: ParseContext, start: Int, inDoubleQuotes: Bool) {
        guard enter() else {
            // Too deep: skip to the `}` that balances the `${`s, without recursion.
            var level = 1
            while pos < end {
                if text[pos] == Ascii.dollar, at(pos + 1) == Ascii.openBrace {
                    level += 1
                    pos += 1
                } else if text[pos] == Ascii.closeBrace {
                    level -= 1
                    if level == 0 {
                        pos += 1
                        return
                    }
                }
                pos += 1
            }
            return
        }
        defer { leave() }
        let mark = scratch.count
        defer { truncateScratch(to: mark) }
        var literal = true
        var quoted = false
        while pos < end {
            switch text[pos] {
            case Ascii.closeBrace:
                pos += 1
                return
            case Ascii.backslash:
                pos = min(pos + 2, end)
            case Ascii.singleQuote where !inDoubleQuotes:
                scanSingleQuoted()
            case Ascii.doubleQuote:
                scanDoubleQuoted(context, literal: &literal)
            case Ascii.dollar:
                scanDollar(context, inDoubleQuotes: inDoubleQuotes, literal: &literal, quoted: &quoted)
            case Ascii.backtick:
                scanBacktick(context, inDoubleQuotes: inDoubleQuotes)
            default:
                pos += 1
            }
        }
        missingClose("}", for: "${", at: start)
    }

    /// `$'…'` (bash): common escapes decoded; others kept as written.
    @inline(never)
    mutating func scanANSIQuoted() {
        let open = pos
        pos += 2
        while pos < end {
            let byte = text[pos]
            if byte == Ascii.singleQuote {
                pos += 1
                return
            }
            guard byte == Ascii.backslash, pos + 1 < end else {
                append(byte, source: pos..<(pos + 1))
                pos += 1
                continue
            }
            let decoded: UInt8?
            switch text[pos + 1] {
            case UInt8(ascii: "n"): decoded = Ascii.newline
            case UInt8(ascii: "t"): decoded = Ascii.tab
            case UInt8(ascii: "r"): decoded = Ascii.carriageReturn
            case UInt8(ascii: "a"): decoded = 0x07
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "e"), UInt8(ascii: "E"): decoded = 0x1B
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "v"): decoded = 0x0B
            case Ascii.backslash, Ascii.singleQuote, Ascii.doubleQuote, Ascii.question: decoded = text[pos + 1]
            default: decoded = nil
            }
            if let decoded {
                append(decoded, source: pos..<(pos + 2))
            } else {
                appendText(pos..<(pos + 2))
            }
            pos += 2
        }
        error("unterminated $' quote", open..<(open + 2))
    }

    /// At a backtick: the body (with `\``, `\\`, `\$` unescaped) is parsed as a script.
    @inline(never)
    mutating func scanBacktick(_ context: ParseContext, inDoubleQuotes: Bool) {
        let start = pos
        pos += 1
        var inner: [UInt8] = []
        var spans: [Range<Int>] = []
        var closed = false
        while pos < end {
            let byte = text[pos]
            if byte == Ascii.backtick {
                closed = true
                pos += 1
                break
            }
            if byte == Ascii.backslash, pos + 1 < end {
                let next = text[pos + 1]
                if next == Ascii.backtick || next == Ascii.backslash || next == Ascii.dollar || (inDoubleQuotes && next == Ascii.doubleQuote) {
                    inner.append(next)
                    spans.append(pos..<(pos + 2))
                    pos += 2
                    continue
                }
            }
            inner.append(byte)
            spans.append(pos..<(pos + 1))
            pos += 1
        }
        if !closed { error("unterminated backquote", start..<(start + 1)) }
        appendText(start..<pos)
        guard !inner.isEmpty else { return }
        var nestedContext = context.substitution(scope: session.newScope())
        nestedContext.closesParen = false
        parseNested(text: inner, range: 0..<inner.count, map: ShellOffsetMap(spans: spans.map { map.fileRange($0) }), context: nestedContext)
    }

    /// At `open`: skips to just after the matching `close`, stepping over quotes and
    /// escapes, without recursion. Returns false when the text ends first.
    @inline(never)
    mutating func skipBalanced(open: UInt8, close: UInt8) -> Bool {
        var level = 0
        while pos < end {
            let byte = text[pos]
            if byte == open {
                level += 1
            } else if byte == close {
                level -= 1
                if level == 0 {
                    pos += 1
                    return true
                }
            } else if byte == Ascii.backslash {
                pos += 1
            } else if byte == Ascii.singleQuote {
                pos += 1
                while pos < end, text[pos] != Ascii.singleQuote { pos += 1 }
            } else if byte == Ascii.doubleQuote {
                pos += 1
                while pos < end, text[pos] != Ascii.doubleQuote {
                    if text[pos] == Ascii.backslash { pos += 1 }
                    pos += 1
                }
            }
            pos += 1
        }
        pos = end
        return false
    }

    // MARK: Words as scripts

    /// The value of `word` with the text each of its bytes was written as, to parse it as
    /// a script (`sh -c '…'`). Reading the word again parses its `$(…)` again; what that
    /// adds to the session is rolled back.
    @inline(never)
    mutating func unquotedWithSources(_ word: ScannedWord, _ context: ParseContext) -> (bytes: [UInt8], spans: [Range<Int>]) {
        if isJSON { return decodeJSONString(word.start..<word.end) }
        let checkpoint = session.checkpoint()
        let gaveUp = session.gaveUp
        session.discarding += 1
        defer { session.discarding -= 1 }
        let saved = (pos: pos, pending: pending.count, tracking: tracking, spans: trackedSpans)
        let mark = scratch.count
        pos = word.start
        tracking = true
        trackedSpans = []
        _ = scanWordBody(context)
        let bytes = Array(scratch[mark...])
        let spans = trackedSpans
        scratch.removeLast(scratch.count - mark)
        (pos, tracking, trackedSpans) = (saved.pos, saved.tracking, saved.spans)
        pending.removeLast(pending.count - saved.pending)
        session.rollBack(to: checkpoint)
        session.gaveUp = gaveUp
        return (bytes, spans)
    }

    /// Decodes a JSON string token (quotes included) with the text each byte was written
    /// as (the bytes of an escape all come from the whole escape).
    @inline(never)
    func decodeJSONString(_ span: Range<Int>) -> (bytes: [UInt8], spans: [Range<Int>]) {
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        var index = span.lowerBound + 1
        let stop = max(index, span.upperBound - 1)
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= stop else { return nil }
            var value: UInt32 = 0
            for byte in text[at..<(at + 4)] {
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < stop {
            let byte = text[index]
            guard byte == Ascii.backslash, index + 1 < stop else {
                bytes.append(byte)
                spans.append(index..<(index + 1))
                index += 1
                continue
            }
            var decoded: [UInt8]
            var length = 2
            switch text[index + 1] {
            case UInt8(ascii: "n"): decoded = [Ascii.newline]
            case UInt8(ascii: "t"): decoded = [Ascii.tab]
            case UInt8(ascii: "r"): decoded = [Ascii.carriageReturn]
            case UInt8(ascii: "b"): decoded = [0x08]
            case UInt8(ascii: "f"): decoded = [0x0C]
            case UInt8(ascii: "u"):
                var scalar = hex(index + 2) ?? 0xFFFD
                length = 6
                if (0xD800...0xDBFF).contains(scalar), index + 12 <= stop, text[index + 6] == Ascii.backslash,
                   text[index + 7] == UInt8(ascii: "u"), let low = hex(index + 8), (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                }
                decoded = Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
            default: decoded = [text[index + 1]]
            }
            for byte in decoded {
                bytes.append(byte)
                spans.append(index..<(index + length))
            }
            index += length
        }
        return (bytes, spans)
    }
}
