extension ShellScript {
    /// The script of a RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD (also inside ONBUILD); nil
    /// for other instructions.
    ///
    /// - Shell form is run by `shell` (the stage's SHELL; by default
    ///   `ShellInvocation.default(for:)`): a non-POSIX shell gives `isShell == false`.
    /// - Exec form is one command; `["sh", "-c", "…"]` has its string parsed.
    /// - `RUN <<EOF` runs the body: parsed unless its `#!` line names another program.
    /// - `RUN cmd <<EOF`: the line is the script; a body is commands only when a shell
    ///   reads it (`RUN bash <<EOF`, `RUN <<EOF sh -e`).
    public static func parse(instruction: Instruction, in dockerfile: Dockerfile, shell: ShellInvocation? = nil) -> ShellScript? {
        if case .onbuild(let trigger) = instruction.arguments {
            // BuildKit hangs the heredocs of `ONBUILD RUN <<EOF` on the ONBUILD node.
            let heredocs = instruction.heredocs.isEmpty ? trigger.heredocs : instruction.heredocs
            return parse(target: trigger, heredocs: heredocs, in: dockerfile, shell: shell)
        }
        return parse(target: instruction, heredocs: instruction.heredocs, in: dockerfile, shell: shell)
    }

    static func parse(target: Instruction, heredocs: [Heredoc], in dockerfile: Dockerfile, shell: ShellInvocation?) -> ShellScript? {
        let source = dockerfile.source
        var scriptStart = target.argumentsText.lowerBound
        var execWords = target.words
        switch target.kind {
        case .run, .cmd, .entrypoint:
            break
        case .healthcheck:
            guard case .healthcheck(let type, let command) = target.arguments, type.value.uppercased() == "CMD",
                  let first = command.first else { return nil }
            execWords = command
            if !target.isJSONForm {
                guard let offset = target.textMap.textOffset(ofFile: first.range.start.offset) else { return nil }
                scriptStart = offset
            }
        default:
            return nil
        }
        let scriptRange = scriptStart..<max(scriptStart, target.argumentsText.upperBound)
        let bytes = logicalBytes(target.textMap, scriptRange, source)

        if target.isJSONForm {
            return parseExecForm(execWords, bytes: bytes, textStart: scriptRange.lowerBound, textMap: target.textMap, source: source)
        }
        let shell = shell ?? .default(for: dockerfile)
        guard shell.isPOSIX else {
            var script = ShellScript.notShell(.shellForm, interpreter: shell.name)
            // `( … )`, `$(…)` and `"…"` mean other things to PowerShell and cmd: count
            // top-level commands only.
            script.approximateCommandCount = ShellParser.parse(
                bytes: bytes, map: ShellOffsetMap(target.textMap, from: scriptRange.lowerBound), source: source, origin: .shellForm
            ).commands.filter { !$0.context.inCommandSubstitution && !$0.context.inSubshell && $0.wrappers.isEmpty }.count
            return script
        }

        if target.kind == .run, let body = heredocs.first, isOnlyMarker(bytes, body, source) {
            return parseHeredocScript(body, source: source, shell: shell)
        }
        let external = target.kind == .run ? heredocs.map {
            ExternalHereDocument(
                name: $0.name, bytes: Array(source.bytes[$0.contentRange.bytes]),
                map: ShellOffsetMap(TextMap(contiguousFrom: $0.contentRange.start.offset, length: $0.contentRange.bytes.count)),
                stripsTabs: $0.chomp)
        } : []
        return ShellParser.parse(
            bytes: bytes, map: ShellOffsetMap(target.textMap, from: scriptRange.lowerBound), source: source, origin: .shellForm,
            external: external, interpreter: shell.name)
    }

    /// `RUN <<EOF`: BuildKit runs the body itself, with the `#!` program or the shell.
    static func parseHeredocScript(_ heredoc: Heredoc, source: SourceFile, shell: ShellInvocation) -> ShellScript {
        let bytes = Array(source.bytes[heredoc.contentRange.bytes])
        var interpreter = shell.name
        if let program = shebangProgram(bytes) {
            interpreter = program
            guard WrapperPlan.shells.contains(program) || program == "busybox" else {
                var script = ShellScript.notShell(.heredoc, interpreter: program)
                script.shebang = program
                return script
            }
        }
        let map = TextMap(contiguousFrom: heredoc.contentRange.start.offset, length: bytes.count)
        var script = ShellParser.parse(bytes: bytes, map: ShellOffsetMap(map), source: source, origin: .heredoc, interpreter: interpreter)
        script.shebang = shebangProgram(bytes)
        return script
    }

    /// Exec form: the JSON strings are the words of one command.
    static func parseExecForm(
        _ words: [Word], bytes: [UInt8], textStart: Int, textMap: TextMap, source: SourceFile
    ) -> ShellScript? {
        var session = ShellParseSession(source: source)
        let scope = session.newScope()
        var core = ShellCore(
            text: bytes, range: 0..<bytes.count, map: ShellOffsetMap(textMap, from: textStart), session: session, depth: 0,
            context: ParseContext(scope: scope))
        core.isJSON = true
        var scanned: [ScannedWord] = []
        for word in words {
            guard let start = textMap.textOffset(ofFile: word.range.start.offset),
                  let last = textMap.textOffset(ofFile: word.range.end.offset - 1),
                  start >= textStart, last + 1 - textStart <= bytes.count
            else { continue }
            scanned.append(ScannedWord(
                start: start - textStart, end: last + 1 - textStart, value: word.value, isLiteral: true, isQuoted: true,
                emitted: 0..<0))
        }
        guard let first = scanned.first, let last = scanned.last else {
            return ShellScript(origin: .execForm, commands: [], errors: [], isShell: true, interpreter: nil)
        }
        let slot = core.session.reserveSlot(scope: core.root.scope)
        core.buildCommand(slot: slot, words: scanned, assignments: [], redirections: [], context: core.root, span: first.start..<last.end)
        return ShellParser.assemble(&core.session, origin: .execForm, interpreter: nil)
    }

    /// Whether the arguments are exactly the first heredoc's marker (`RUN <<EOF`).
    static func isOnlyMarker(_ bytes: [UInt8], _ heredoc: Heredoc, _ source: SourceFile) -> Bool {
        var start = 0
        var end = bytes.count
        while start < end, UTF8Text.isSpaceByte(bytes[start]) { start += 1 }
        while end > start, UTF8Text.isSpaceByte(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end].elementsEqual(source.bytes[heredoc.markerRange.bytes])
    }

    /// The program a `#!` line names (`#!/usr/bin/env python3` → `python3`).
    static func shebangProgram(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 2, bytes[0] == Ascii.hash, bytes[1] == Ascii.bang else { return nil }
        var lineEnd = 2
        while lineEnd < bytes.count, bytes[lineEnd] != Ascii.newline { lineEnd += 1 }
        let tokens = bytes[2..<lineEnd]
            .split { $0 == Ascii.space || $0 == Ascii.tab || $0 == Ascii.carriageReturn }
            .map { String(decoding: $0, as: UTF8.self) }
        guard let first = tokens.first else { return nil }
        let program = ShellCommand.baseName(first)
        guard program == "env" else { return program }
        for token in tokens.dropFirst() where !token.hasPrefix("-") && !WrapperPlan.isAssignment(token) {
            return ShellCommand.baseName(token)
        }
        return program
    }

    /// The bytes of `range` of an instruction's joined text, taken from the file (so that
    /// offsets match the TextMap even where the file is not valid UTF-8).
    static func logicalBytes(_ map: TextMap, _ range: Range<Int>, _ source: SourceFile) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        let segments = map.segments
        for (index, segment) in segments.enumerated() {
            let segmentEnd = index + 1 < segments.count ? segments[index + 1].textOffset : map.length
            let lower = max(segment.textOffset, range.lowerBound)
            let upper = min(segmentEnd, range.upperBound)
            guard lower < upper else { continue }
            let fileStart = segment.fileOffset + (lower - segment.textOffset)
            bytes.append(contentsOf: source.bytes[fileStart..<min(source.bytes.count, fileStart + upper - lower)])
        }
        return bytes
    }
}
