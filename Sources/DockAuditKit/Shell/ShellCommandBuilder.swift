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

    /// Whether a word names a wrapper (`sudo`, `/bin/sh` …); checked for every command,
    /// so an unquoted word is compared as bytes, without making a string.
    func mayWrap(_ word: ScannedWord) -> Bool {
        guard word.isLiteral else { return false }
        guard !word.isQuoted, word.end - word.start == word.value.utf8.count else { return WrapperPlan.mayWrap(word.value) }
        var baseStart = word.end
        while baseStart > word.start, text[baseStart - 1] != UInt8(ascii: "/") { baseStart -= 1 }
        return WrapperPlan.isWrapperName(text[baseStart..<word.end])
    }

    mutating func shellWord(_ word: ScannedWord) -> ShellWord {
        let rawBytes = text[word.start..<word.end]
        // Without quotes, escapes or line continuations a word's value is its raw text
        // (expansions are kept as written): share the string instead of decoding it again.
        let raw = !word.isQuoted && rawBytes.count == word.value.utf8.count
            ? word.value : String(decoding: rawBytes, as: UTF8.self)
        return ShellWord(
            value: word.value, raw: raw, isLiteral: word.isLiteral, isQuoted: word.isQuoted,
            range: sourceRange(word.start..<word.end))
    }

    mutating func assignment(_ word: ScannedWord) -> ShellAssignment? {
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

    @inline(never)
    mutating func buildCommand(
        slot: Int, words: [ScannedWord], assignments: [ScannedWord], redirections: [PendingRedirection],
        context: ParseContext, span: Range<Int>
    ) {
        // Reading a word whose commands are thrown away: nothing to build.
        guard session.discarding == 0 else { return }
        var plan = WrapperPlan()
        if let first = words.first, mayWrap(first) {
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

        var wrappers = context.wrappers
        var wrapperCalls = context.wrapperCalls
        for call in calls {
            wrappers.append(call.name)
            wrapperCalls.append(call)
        }
        var name: ShellWord?
        var arguments: [ShellWord] = []
        if plan.commandStart < words.count {
            name = shellWord(words[plan.commandStart])
            arguments.reserveCapacity(words.count - plan.commandStart - 1)
            for index in (plan.commandStart + 1)..<words.count { arguments.append(shellWord(words[index])) }
        }
        var assigned: [ShellAssignment] = []
        for word in assignments {
            if let assignment = assignment(word) { assigned.append(assignment) }
        }
        for index in plan.environment {
            if let assignment = assignment(words[index]) { assigned.append(assignment) }
        }
        if let name, name.isLiteral, Self.isDeclarationCommand(name.value) {
            for index in (plan.commandStart + 1)..<words.count {
                if let declared = assignment(words[index]) { assigned.append(declared) }
            }
        }
        var redirected: [ShellRedirection] = []
        for redirection in redirections {
            redirected.append(ShellRedirection(
                op: redirection.op, fileDescriptor: redirection.fileDescriptor,
                target: redirection.target.map { shellWord($0) }, hereDocument: nil, range: sourceRange(redirection.span)))
        }
        let range = sourceRange(span)
        // Built in place in the session's array (a local command would be copied there).
        session.links[slot].command = session.commands.count
        session.commands.append(ShellCommand(
            name: name, arguments: arguments, assignments: assigned, redirections: redirected, wrappers: wrappers,
            wrapperCalls: wrapperCalls, context: context.template, range: range))

        // `bash <<EOF`: the here-document is the script the shell runs.
        if !pending.isEmpty, pending.contains(where: { $0.slot == slot }), let name, name.isLiteral,
           WrapperPlan.shells.contains(ShellCommand.baseName(name.value)),
           WrapperPlan.readsScriptFromInput(arguments.map(\.value)) {
            let call = ShellWrapperCall(name: ShellCommand.baseName(name.value), words: [name] + arguments)
            var scriptContext = context.script(scope: session.newScope(), wrappers: calls + [call])
            scriptContext.template.inCommandSubstitution = context.template.inCommandSubstitution
            for index in pending.indices where pending[index].slot == slot {
                let op = redirections[pending[index].redirection].op
                if op == "<<" || op == "<<-" { pending[index].scriptContext = scriptContext }
            }
        }
    }

    /// `sh -c SCRIPT` (and `su -c`): SCRIPT's commands replace the wrapper command.
    @inline(never)
    mutating func parseWrappedScript(slot: Int, word: ScannedWord, calls: [ShellWrapperCall], context: ParseContext) {
        // The commands of a `$(…)` inside the string were found by this parse; they are
        // found again (with their wrappers) in the script.
        for emitted in word.emitted { session.clear(emitted) }
        let (bytes, spans) = unquotedWithSources(word, context)
        let first = session.slotCount
        let scriptContext = context.script(scope: session.newScope(), wrappers: calls)
        parseNested(text: bytes, range: 0..<bytes.count, map: ShellOffsetMap(spans: spans.map { map.fileRange($0) }), context: scriptContext)
        var firstCommand: Int?
        var lastCommand: Int?
        // The script's own commands (not those of a `$(…)` inside it).
        for index in first..<session.slotCount where session.links[index].command >= 0 && session.links[index].scope == scriptContext.scope {
            if firstCommand == nil { firstCommand = index }
            lastCommand = index
        }
        if let firstCommand, let lastCommand { session.forwarded[slot] = (firstCommand, lastCommand) }
    }
}
