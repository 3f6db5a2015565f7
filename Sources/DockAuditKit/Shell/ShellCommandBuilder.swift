/// Turning the words of a simple command into a `ShellCommand`: source ranges, wrappers
/// seen through, `sh -c` scripts parsed in place.
extension ShellCore {
    /// `export`, `declare`, `typeset`, `local`, `readonly`: their `NAME=value`
    /// arguments are assignments.
    static func isDeclarationCommand(_ name: String) -> Bool {
        switch name {
        case "export", "declare", "typeset", "local", "readonly": return true
        default: return false
        }
    }

    func shellWord(_ word: ScannedWord) -> ShellWord {
        let rawBytes = text[word.start..<word.end]
        // A plain word is its own raw text: share the string instead of decoding it again.
        let raw = !word.isQuoted && word.isLiteral && rawBytes.count == word.value.utf8.count
            ? word.value : String(decoding: rawBytes, as: UTF8.self)
        return ShellWord(
            value: word.value, raw: raw, isLiteral: word.isLiteral, isQuoted: word.isQuoted,
            range: sourceRange(word.start..<word.end))
    }

    func assignment(_ word: ScannedWord) -> ShellAssignment? {
        guard let prefix = assignmentPrefix(word) else {
            // Exec form: the word is a JSON string; split its value at `=`.
            guard isJSON, let equals = word.value.firstIndex(of: "=") else { return nil }
            let whole = shellWord(word)
            var value = whole
            value.value = String(word.value[word.value.index(after: equals)...])
            return ShellAssignment(name: String(word.value[..<equals]), value: value, isAppend: false, range: whole.range)
        }
        let prefixLength = prefix.valueStart - word.start
        let valueSpan = prefix.valueStart..<word.end
        let value = ShellWord(
            value: String(decoding: word.value.utf8.dropFirst(prefixLength), as: UTF8.self),
            raw: String(decoding: text[valueSpan], as: UTF8.self), isLiteral: word.isLiteral, isQuoted: word.isQuoted,
            range: sourceRange(valueSpan))
        return ShellAssignment(
            name: String(decoding: text[word.start..<prefix.nameEnd], as: UTF8.self), value: value,
            isAppend: prefix.isAppend, range: sourceRange(word.start..<word.end))
    }

    mutating func buildCommand(
        slot: Int, words: [ScannedWord], assignments: [ScannedWord], redirections: [PendingRedirection],
        context: ParseContext, span: Range<Int>
    ) {
        // Reading a word whose commands are thrown away: nothing to build.
        guard session.discarding == 0 else { return }
        var plan = WrapperPlan()
        if let first = words.first, first.isLiteral, WrapperPlan.mayWrap(first.value) {
            var values: [String] = []
            var literal: [Bool] = []
            for word in words {
                values.append(word.value)
                literal.append(word.isLiteral)
            }
            plan = WrapperPlan(values, literal: literal)
            // A word read as a likely `sh -c` script that is not one: find its commands now.
            for index in words.indices where words[index].commandsSkipped && index != plan.script {
                let saved = pos
                pos = words[index].start
                _ = scanWord(context)
                pos = saved
            }
        }
        var calls: [ShellWrapperCall] = []
        for layer in plan.layers {
            var wrapperWords: [ShellWord] = []
            for index in layer.words { wrapperWords.append(shellWord(words[index])) }
            calls.append(ShellWrapperCall(name: layer.name, words: wrapperWords))
        }
        if let scriptIndex = plan.script {
            parseWrappedScript(slot: slot, word: words[scriptIndex], calls: calls, context: context)
            return
        }

        var command = ShellCommand(name: nil, arguments: [], range: sourceRange(span))
        command.scope = context.scope
        command.context = context.template
        command.wrappers = context.wrappers
        command.wrapperCalls = context.wrapperCalls
        for call in calls {
            command.wrappers.append(call.name)
            command.wrapperCalls.append(call)
        }
        if plan.commandStart < words.count {
            command.name = shellWord(words[plan.commandStart])
            command.arguments.reserveCapacity(words.count - plan.commandStart - 1)
            for index in (plan.commandStart + 1)..<words.count { command.arguments.append(shellWord(words[index])) }
        }
        for word in assignments {
            if let assigned = assignment(word) { command.assignments.append(assigned) }
        }
        for index in plan.environment {
            if let assigned = assignment(words[index]) { command.assignments.append(assigned) }
        }
        if let name = command.name, name.isLiteral, Self.isDeclarationCommand(name.value) {
            for index in (plan.commandStart + 1)..<words.count {
                if let declared = assignment(words[index]) { command.assignments.append(declared) }
            }
        }
        for redirection in redirections {
            command.redirections.append(ShellRedirection(
                op: redirection.op, fileDescriptor: redirection.fileDescriptor,
                target: redirection.target.map { shellWord($0) }, hereDocument: nil, range: sourceRange(redirection.span)))
        }
        session.slots[slot] = command

        // `bash <<EOF`: the here-document is the script the shell runs.
        if pending.contains(where: { $0.slot == slot }), let name = command.name, name.isLiteral,
           WrapperPlan.shells.contains(command.commandName),
           WrapperPlan.readsScriptFromInput(command.arguments.map(\.value)) {
            let call = ShellWrapperCall(name: command.commandName, words: [name] + command.arguments)
            var scriptContext = context.script(scope: session.newScope(), wrappers: calls + [call])
            scriptContext.template.inCommandSubstitution = context.template.inCommandSubstitution
            for index in pending.indices where pending[index].slot == slot {
                let op = redirections[pending[index].redirection].op
                if op == "<<" || op == "<<-" { pending[index].scriptContext = scriptContext }
            }
        }
    }

    /// `sh -c SCRIPT` (and `su -c`): SCRIPT's commands replace the wrapper command.
    mutating func parseWrappedScript(slot: Int, word: ScannedWord, calls: [ShellWrapperCall], context: ParseContext) {
        // The commands of a `$(…)` inside the string were found by this parse; they are
        // found again (with their wrappers) in the script.
        for emitted in word.emitted { session.slots[emitted] = nil }
        let (bytes, spans) = unquotedWithSources(word, context)
        guard depth < Self.maximumDepth else {
            _ = enter()
            return
        }
        let first = session.slots.count
        var inner = ShellCore(
            text: bytes, range: 0..<bytes.count, map: ShellOffsetMap(spans: spans.map { map.fileRange($0) }),
            session: session, depth: depth + 1, context: context.script(scope: session.newScope(), wrappers: calls))
        inner.parseScript()
        var firstCommand: Int?
        var lastCommand: Int?
        for index in first..<session.slots.count where session.slots[index] != nil {
            if firstCommand == nil { firstCommand = index }
            lastCommand = index
        }
        if let firstCommand, let lastCommand { session.forwarded[slot] = (firstCommand, lastCommand) }
    }
}
