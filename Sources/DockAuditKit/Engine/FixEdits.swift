/// The edits fixes are made of, built from the model's exact ranges so that every byte the
/// fix does not mean to change stays as it was. Each returns nil when the edit cannot be
/// made without a risk of changing what the shell or BuildKit reads: then there is no fix.
enum FixEdits {
    /// Puts `options` (plain words such as `-y`, `--no-cache-dir`) right after `word`, a
    /// word of `command`: `pip install x` → `pip install --no-cache-dir x`.
    ///
    /// In exec form the word is a JSON string, so the options become strings of their own
    /// (`"install", "--no-cache-dir"`). Inside a `sh -c` script the options go into the
    /// script text, which is only done when every script string around the word is one
    /// plain quoted string (`sh -c 'pip install x'`): in `sh -c pip\ install\ x` a space
    /// would split the script.
    static func insertOptions(_ options: [String], after word: ShellWord, of command: ShellCommand, in script: ShellScript, source: SourceFile) -> TextEdit? {
        guard !options.isEmpty, isWrittenAsIs(word, in: source) else { return nil }
        let enclosing = command.wrapperCalls.flatMap(\.words).filter { $0.range.bytes != word.range.bytes && contains($0.range.bytes, word.range.bytes) }
        guard enclosing.allSatisfy(isOnePlainQuotedString) else { return nil }
        if script.origin == .execForm, enclosing.isEmpty {
            guard word.raw.hasPrefix("\""), word.raw.hasSuffix("\""), word.raw.count >= 2 else { return nil }
            return .insert(options.map { ", \"\($0)\"" }.joined(), at: word.range.end.offset)
        }
        return .insert(options.map { " " + $0 }.joined(), at: word.range.end.offset)
    }

    /// Appends `&& <text>` after the last command of a shell-form RUN, in the layout the RUN
    /// already uses: on the same line for a one-line RUN, otherwise on a new continuation
    /// line, with a leading `&&` when the RUN's lines start with one. Only when the last
    /// command ends the script (nothing but white space after it: no `&`, `;`, comment,
    /// closing quote, `fi` or `)`), so that `&&` joins it at the top level; never for exec
    /// form or heredocs.
    static func appendCommand(_ text: String, to instruction: Instruction, script: ShellScript, dockerfile: Dockerfile) -> TextEdit? {
        let source = dockerfile.source
        let bytes = source.bytes
        guard instruction.kind == .run, !instruction.isJSONForm, instruction.heredocs.isEmpty, script.origin == .shellForm, script.errors.isEmpty,
            let last = script.commands.max(by: { $0.range.end.offset < $1.range.end.offset }),
            last.context.operatorAfter == nil || last.context.operatorAfter == .newline,
            !last.context.inCommandSubstitution, !last.context.inSubshell, last.wrappers.allSatisfy({ !WrapperPlan.shells.contains($0) })
        else { return nil }
        let end = last.range.end.offset
        guard end <= instruction.range.end.offset, end <= bytes.count,
            bytes[end..<instruction.range.end.offset].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") })
        else { return nil }

        let firstLine = source.line(containing: instruction.keywordRange.start.offset)
        let commandLine = source.line(containing: last.range.start.offset)
        guard commandLine > firstLine else { return .insert(" && " + text, at: end) }
        // A continuation line: copy its indentation, its escape character and line ending.
        let lineStart = source.lineBytes(commandLine).lowerBound
        var indentEnd = lineStart
        while indentEnd < bytes.count, bytes[indentEnd] == UInt8(ascii: " ") || bytes[indentEnd] == UInt8(ascii: "\t") { indentEnd += 1 }
        let indentation = String(decoding: bytes[lineStart..<indentEnd], as: UTF8.self)
        let lineEnding = lineStart >= 2 && bytes[lineStart - 2] == UInt8(ascii: "\r") ? "\r\n" : "\n"
        let escape = String(decoding: [dockerfile.escapeToken], as: UTF8.self)
        let leadingOperator = bytes[indentEnd...].starts(with: "&&".utf8)
        if leadingOperator {
            return .insert(" " + escape + lineEnding + indentation + "&& " + text, at: end)
        }
        return .insert(" && " + escape + lineEnding + indentation + text, at: end)
    }

    /// A new instruction line (`ENV PYTHONUNBUFFERED=1`) right after a stage's FROM (and its
    /// continuation lines), with the file's line ending. `keyword` is given upper-case and
    /// written in the case of the FROM keyword.
    static func insertLine(keyword: String, arguments: String, afterFromOf stage: Stage, dockerfile: Dockerfile) -> TextEdit? {
        let instructions = dockerfile.instructions
        guard stage.fromIndex < instructions.count else { return nil }
        let from = instructions[stage.fromIndex]
        guard from.kind == .from, !from.isTrigger else { return nil }
        let bytes = dockerfile.source.bytes
        let written: String
        if from.keyword == from.keyword.lowercased() {
            written = keyword.lowercased()
        } else if from.keyword == from.keyword.uppercased() {
            written = keyword
        } else {
            written = keyword.prefix(1) + keyword.dropFirst().lowercased()
        }
        let line = written + " " + arguments
        var newline = from.range.end.offset
        while newline < bytes.count, bytes[newline] != UInt8(ascii: "\n") { newline += 1 }
        if newline < bytes.count {
            let lineEnding = newline > 0 && bytes[newline - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
            return .insert(line + lineEnding, at: newline + 1)
        }
        // The FROM is the last line and has no line ending: use the file's.
        let lineEnding = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n" } ?? "\n"
        return .insert(lineEnding + line, at: bytes.count)
    }

    /// The word's bytes in the file are exactly its `raw` text: it is not split by a line
    /// continuation or rebuilt from an escaped string.
    static func isWrittenAsIs(_ word: ShellWord, in source: SourceFile) -> Bool {
        !word.range.bytes.isEmpty && FixText.isWritten(word.raw, at: word.range.bytes, in: source)
    }

    /// `'…'` or `"…"` with no other quote of that kind inside (so no `\"` either).
    static func isOnePlainQuotedString(_ word: ShellWord) -> Bool {
        let raw = Array(word.raw.utf8)
        guard raw.count >= 2, let quote = raw.first, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""), raw.last == quote else { return false }
        return !raw[1..<(raw.count - 1)].contains(quote)
    }

    static func contains(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
        outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
    }
}
