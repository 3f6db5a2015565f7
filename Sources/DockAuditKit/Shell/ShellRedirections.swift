/// Redirections and here-documents (`<<EOF` bodies follow the line that opened them).
extension ShellCore {
    /// At optional digits followed by a redirection operator; nil (nothing consumed) when
    /// this is not a redirection. `slot` is -1 for a compound command's redirections.
    @inline(never)
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
        // A `#` here starts a comment, not the target (`> #file` has none).
        guard pos < end, text[pos] != Ascii.hash,
              !isOperatorStart(text[pos]) || (text[pos] == Ascii.less && at(pos + 1) == Ascii.openParen) else {
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
    @inline(never)
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
    @inline(never)
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
    @inline(never)
    mutating func attach(_ document: PendingHereDocument, body: [UInt8], span: Range<Int>, map bodyMap: ShellOffsetMap) {
        let command = document.slot >= 0 ? session.links[document.slot].command : -1
        if command >= 0, document.redirection < session.commands[command].redirections.count {
            session.commands[command].redirections[document.redirection].hereDocument = ShellHereDocument(
                delimiter: String(decoding: document.delimiter, as: UTF8.self), isQuoted: document.isQuoted,
                stripsTabs: document.stripsTabs, content: String(decoding: body[span], as: UTF8.self),
                range: source.range(bodyMap.fileRange(span)))
        }
        guard let context = document.scriptContext else { return }
        parseNested(text: body, range: span, map: bodyMap, context: context)
    }
}
