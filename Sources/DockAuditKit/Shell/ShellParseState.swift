/// Where each byte of a text being parsed came from in the file: a TextMap for an
/// instruction's joined line or a heredoc body, or, for text that was unquoted first
/// (`sh -c '…'`, backticks, JSON strings), the file bytes each byte was written as
/// (`\"` for `"`), so that ranges cover escapes exactly.
struct ShellOffsetMap {
    private enum Storage {
        /// One piece of the file (a one-line RUN, a heredoc body): a constant shift.
        case contiguous(shift: Int, length: Int)
        /// Several pieces (continuation lines): the TextMap's segments, our text starting
        /// `start` bytes into the TextMap's text.
        case pieces(segments: [TextMap.Segment], start: Int, length: Int)
        case spans([Range<Int>])
    }

    private let storage: Storage

    /// The text that starts `start` bytes into the text `map` describes.
    init(_ map: TextMap, from start: Int = 0) {
        let segments = map.segments
        let length = max(0, map.length - start)
        guard let last = segments.last else {
            storage = .contiguous(shift: 0, length: 0)
            return
        }
        if last.textOffset <= start {
            // Everything from `start` on is in the last piece.
            storage = .contiguous(shift: last.fileOffset + (start - last.textOffset), length: length)
        } else {
            storage = .pieces(segments: segments, start: start, length: length)
        }
    }

    init(spans: [Range<Int>]) { storage = .spans(spans) }

    func fileOffset(_ offset: Int) -> Int {
        var hint = 0
        return fileOffset(offset, hint: &hint)
    }

    /// `hint` is the piece the last offset was in (offsets mostly come in order).
    func fileOffset(_ offset: Int, hint: inout Int) -> Int {
        switch storage {
        case .contiguous(let shift, let length):
            // Like TextMap: an offset at or past the end maps just past the last byte.
            if offset >= length, length > 0 { return shift + length }
            return shift + max(0, offset)
        case .pieces(let segments, let start, let length):
            if offset >= length, length > 0 { return fileOffset(length - 1, hint: &hint) + 1 }
            let target = max(0, offset) + start
            var piece = hint < segments.count ? hint : 0
            if segments[piece].textOffset > target || (piece + 1 < segments.count && segments[piece + 1].textOffset <= target) {
                var low = 0
                var high = segments.count - 1
                while low < high {
                    let mid = (low + high + 1) / 2
                    if segments[mid].textOffset <= target { low = mid } else { high = mid - 1 }
                }
                piece = low
                hint = low
            }
            return segments[piece].fileOffset + (target - segments[piece].textOffset)
        case .spans(let spans):
            guard let last = spans.last else { return 0 }
            if offset < 0 { return spans[0].lowerBound }
            return offset < spans.count ? spans[offset].lowerBound : last.upperBound
        }
    }

    func fileRange(_ range: Range<Int>) -> Range<Int> {
        var hint = 0
        return fileRange(range, hint: &hint)
    }

    func fileRange(_ range: Range<Int>, hint: inout Int) -> Range<Int> {
        switch storage {
        case .contiguous, .pieces:
            let start = fileOffset(range.lowerBound, hint: &hint)
            guard range.upperBound > range.lowerBound else { return start..<start }
            // The end maps just after the last byte, so a range never swallows the line
            // break between two pieces.
            return start..<max(start, fileOffset(range.upperBound - 1, hint: &hint) + 1)
        case .spans(let spans):
            let start = fileOffset(range.lowerBound)
            guard range.upperBound > range.lowerBound, !spans.isEmpty else { return start..<start }
            return start..<max(start, spans[min(range.upperBound, spans.count) - 1].upperBound)
        }
    }
}

/// What one parse produces, handed to the nested parsers it starts (`$(…)` in backticks,
/// `sh -c` strings, heredoc bodies read by a shell). A struct moved from parser to parser
/// (not a shared class) so that its many small updates need no exclusivity checks.
struct ShellParseSession {
    static let maximumErrors = 100

    let source: SourceFile
    /// One entry per slot. A slot is reserved when a simple command starts, so that the
    /// commands found inside its words (`$(…)`) come after it in the result; a slot stays
    /// empty for a function definition or a command replaced by its `sh -c` script. What
    /// the parse learns about a command later (operators, pipeline) is kept here too,
    /// apart from the (large) commands, and applied at the end.
    var links: [SlotLinks] = []
    /// The commands in the order they were completed (inner ones first).
    var commands: [ShellCommand] = []
    /// For a `sh -c` command replaced by its script: the script's first and last commands,
    /// which take the operators written around the outer command.
    var forwarded: [Int: (first: Int, last: Int)] = [:]
    var errors: [ShellSyntaxError] = []
    /// Set when nesting went too deep: the rest is skipped and no more errors are added.
    var gaveUp = false
    /// Above zero while reading text whose commands will be thrown away (a `sh -c` string
    /// read as a word before it is parsed as a script): commands are not built, so that
    /// nested `sh -c "$(sh -c …)"` costs linear, not exponential, time.
    var discarding = 0
    var stack = StackGuard()
    private var lastScope = 0
    private var lastPipeline = 0

    init(source: SourceFile) {
        self.source = source
        stack.start()
    }

    var slotCount: Int { links.count }

    mutating func newScope() -> Int {
        lastScope += 1
        return lastScope
    }

    mutating func newPipelineID() -> Int {
        lastPipeline += 1
        return lastPipeline
    }

    mutating func error(_ message: String, fileRange: Range<Int>) {
        guard !gaveUp, errors.count < Self.maximumErrors else { return }
        errors.append(ShellSyntaxError(message: message, range: source.range(fileRange)))
    }

    /// The slots that stand for `slot`'s first and last command (a `sh -c` command is
    /// represented by its script).
    func resolved(_ slot: Int) -> (first: Int, last: Int)? {
        if links[slot].command >= 0 { return (slot, slot) }
        return forwarded[slot]
    }

    mutating func reserveSlot(scope: Int) -> Int {
        links.append(SlotLinks(scope: scope))
        return links.count - 1
    }

    mutating func fill(_ slot: Int, with command: consuming ShellCommand) {
        links[slot].command = commands.count
        commands.append(command)
    }

    /// Drops the command of `slot` (it stays in `commands` until the end).
    mutating func clear(_ slot: Int) {
        links[slot].command = -1
    }

    mutating func setOperatorBefore(_ slot: Int?, _ op: ShellOperator?) {
        guard let slot, let op, let target = resolved(slot)?.first else { return }
        links[target].before = op
    }

    mutating func setOperatorAfter(_ slot: Int?, _ op: ShellOperator?) {
        guard let slot, let op, let target = resolved(slot)?.last else { return }
        links[target].after = op
    }

    /// The commands in slot order, with what was learnt about them applied. Commands are
    /// updated and reordered in place (swaps), never copied.
    mutating func takeCommands() -> [ShellCommand] {
        var result: [ShellCommand] = []
        swap(&result, &commands)
        // Where each completed command goes; dropped ones go after the kept ones.
        var target = [Int](repeating: -1, count: result.count)
        var kept = 0
        var inOrder = true
        for link in links where link.command >= 0 {
            let index = link.command
            result[index].context.operatorBefore = link.before
            result[index].context.operatorAfter = link.after
            result[index].context.pipelineIndex = link.pipelineIndex
            result[index].context.pipelineLength = link.pipelineLength
            result[index].context.pipelineID = link.pipelineID
            result[index].context.isNegated = link.isNegated
            target[index] = kept
            if index != kept { inOrder = false }
            kept += 1
        }
        if inOrder, kept == result.count { return result }
        var dropped = kept
        for index in target.indices where target[index] < 0 {
            target[index] = dropped
            dropped += 1
        }
        for index in result.indices {
            while target[index] != index {
                let destination = target[index]
                result.swapAt(index, destination)
                target.swapAt(index, destination)
            }
        }
        result.removeLast(result.count - kept)
        return result
    }

    /// A checkpoint to roll back to after re-reading a word (which parses its `$(…)` again).
    struct Checkpoint {
        var slots: Int
        var commands: Int
        var errors: Int
        var forwarded: Int
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(slots: links.count, commands: commands.count, errors: errors.count, forwarded: forwarded.count)
    }

    /// Forgets what was added since `checkpoint` (every command completed since then
    /// belongs to a slot reserved since then).
    mutating func rollBack(to checkpoint: Checkpoint, keepingErrors: Bool = false) {
        links.removeLast(links.count - checkpoint.slots)
        commands.removeLast(commands.count - checkpoint.commands)
        if !keepingErrors { errors.removeLast(errors.count - checkpoint.errors) }
        if forwarded.count != checkpoint.forwarded {
            forwarded = forwarded.filter { $0.key < checkpoint.slots }
        }
    }
}

/// See `ShellParseSession.links`.
struct SlotLinks {
    var scope: Int
    /// Index of the slot's command in `commands`, or -1.
    var command = -1
    var before: ShellOperator?
    var after: ShellOperator?
    var pipelineIndex = 0
    var pipelineLength = 1
    var pipelineID: Int?
    var isNegated = false
}

/// What a command inherits from where it is: the flags of its context, its wrappers,
/// and which closers end the lists around it.
struct ParseContext {
    var template = ShellCommandContext()
    /// Commands of one scope can form a pipeline together; `$(…)` and `sh -c` open a new one.
    var scope = 0
    var wrappers: [String] = []
    var wrapperCalls: [ShellWrapperCall] = []
    /// Inside `( … )` or `$( … )`: a list ends at `)`.
    var closesParen = false
    /// Inside a `case` arm: a list ends at `;;`.
    var closesCaseArm = false
    /// Inside a compound command: a list ends at any closing keyword.
    var insideCompound = false

    /// The context of a `$(…)`, backticks or `<(…)`: a fresh scope and no closers.
    func substitution(scope: Int) -> ParseContext {
        var context = ParseContext(scope: scope, wrappers: wrappers, wrapperCalls: wrapperCalls)
        context.template.inSubshell = template.inSubshell
        context.template.inLoop = template.inLoop
        context.template.inCondition = template.inCondition
        context.template.inFunction = template.inFunction
        context.template.branches = template.branches
        context.template.inCommandSubstitution = true
        context.closesParen = true
        return context
    }

    /// The context of a script run by a wrapper shell (`sh -c '…'`, `bash <<EOF`).
    func script(scope: Int, wrappers extra: [ShellWrapperCall]) -> ParseContext {
        var context = ParseContext(
            scope: scope, wrappers: wrappers + extra.map(\.name), wrapperCalls: wrapperCalls + extra)
        context.template.inSubshell = template.inSubshell
        context.template.inLoop = template.inLoop
        context.template.inCondition = template.inCondition
        context.template.inFunction = template.inFunction
        context.template.branches = template.branches
        context.template.inCommandSubstitution = template.inCommandSubstitution
        return context
    }
}

/// A word as the scanner read it: offsets into the parsed text, and the unquoted value.
struct ScannedWord {
    var start: Int
    var end: Int
    var value: String
    var isLiteral: Bool
    var isQuoted: Bool
    /// Slots of the commands found inside the word (`$(…)`), so that a `sh -c` script
    /// parsed again as a script does not report them twice.
    var emitted: Range<Int>
    /// The word was read without recording its commands, as the likely script of a
    /// `sh -c`; if it is not one, it is read again.
    var commandsSkipped = false
}

/// A redirection read with its command, turned into a `ShellRedirection` when the
/// command is complete.
struct PendingRedirection {
    var op: String
    var fileDescriptor: Int?
    var target: ScannedWord?
    var span: Range<Int>
}

/// A `<<WORD` whose body starts after the next newline.
struct PendingHereDocument {
    var delimiter: [UInt8]
    var isQuoted: Bool
    var stripsTabs: Bool
    var slot: Int
    var redirection: Int
    var marker: Range<Int>
    /// Set when the command reads its standard input as a script (`bash <<EOF`).
    var scriptContext: ParseContext?
}

/// A heredoc body BuildKit has already cut out of the Dockerfile (`RUN cat <<EOF`).
struct ExternalHereDocument {
    var name: String
    var bytes: [UInt8]
    var map: ShellOffsetMap
    var stripsTabs: Bool
}

enum Ascii {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let doubleQuote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let dollar: UInt8 = 0x24
    static let ampersand: UInt8 = 0x26
    static let singleQuote: UInt8 = 0x27
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let semicolon: UInt8 = 0x3B
    static let less: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greater: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let backtick: UInt8 = 0x60
    static let openBrace: UInt8 = 0x7B
    static let pipe: UInt8 = 0x7C
    static let closeBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    @inline(__always) static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == underscore
    }

    @inline(__always) static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }

    /// Bytes that end an unquoted word.
    @inline(__always) static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case space, tab, newline, carriageReturn, semicolon, ampersand, pipe, openParen, closeParen, less, greater:
            return true
        default:
            return false
        }
    }
}
