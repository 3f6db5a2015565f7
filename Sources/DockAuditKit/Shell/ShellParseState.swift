/// Where each byte of a text being parsed came from in the file: a TextMap for an
/// instruction's joined line or a heredoc body, or, for text that was unquoted first
/// (`sh -c '…'`, backticks, JSON strings), the file bytes each byte was written as
/// (`\"` for `"`), so that ranges cover escapes exactly.
struct ShellOffsetMap {
    private enum Storage {
        case text(TextMap)
        case spans([Range<Int>])
    }

    private let storage: Storage

    init(_ map: TextMap) { storage = .text(map) }
    init(spans: [Range<Int>]) { storage = .spans(spans) }

    func fileOffset(_ offset: Int) -> Int {
        switch storage {
        case .text(let map):
            return map.fileOffset(of: offset)
        case .spans(let spans):
            guard let last = spans.last else { return 0 }
            if offset < 0 { return spans[0].lowerBound }
            return offset < spans.count ? spans[offset].lowerBound : last.upperBound
        }
    }

    func fileRange(_ range: Range<Int>) -> Range<Int> {
        switch storage {
        case .text(let map):
            return map.fileRange(of: range)
        case .spans(let spans):
            let start = fileOffset(range.lowerBound)
            guard range.upperBound > range.lowerBound, !spans.isEmpty else { return start..<start }
            return start..<max(start, spans[min(range.upperBound, spans.count) - 1].upperBound)
        }
    }
}

/// What one parse produces, shared by the nested parsers it starts (`$(…)` in backticks,
/// `sh -c` strings, heredoc bodies read by a shell).
final class ShellParseSession {
    static let maximumErrors = 100

    let source: SourceFile
    /// Commands in textual order. A slot is reserved when a simple command starts, so that
    /// commands found inside its words (`$(…)`) come after it; it stays nil for a bare
    /// assignment, a function definition or a command replaced by its `sh -c` script.
    var slots: [ShellCommand?] = []
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
    private var lastScope = 0
    private var lastPipeline = 0

    init(source: SourceFile) {
        self.source = source
    }

    func newScope() -> Int {
        lastScope += 1
        return lastScope
    }

    func newPipelineID() -> Int {
        lastPipeline += 1
        return lastPipeline
    }

    func error(_ message: String, fileRange: Range<Int>) {
        guard !gaveUp, errors.count < Self.maximumErrors else { return }
        errors.append(ShellSyntaxError(message: message, range: source.range(fileRange)))
    }

    /// The slots that stand for `slot`'s first and last command (a `sh -c` command is
    /// represented by its script).
    func resolved(_ slot: Int) -> (first: Int, last: Int)? {
        if slots[slot] != nil { return (slot, slot) }
        return forwarded[slot]
    }

    func setOperatorBefore(_ slot: Int?, _ op: ShellOperator?) {
        guard let slot, let op, let target = resolved(slot)?.first else { return }
        slots[target]?.context.operatorBefore = op
    }

    func setOperatorAfter(_ slot: Int?, _ op: ShellOperator?) {
        guard let slot, let op, let target = resolved(slot)?.last else { return }
        slots[target]?.context.operatorAfter = op
    }

    /// A checkpoint to roll back to after re-reading a word (which parses its `$(…)` again).
    struct Checkpoint {
        var slots: Int
        var errors: Int
        var forwarded: Int
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(slots: slots.count, errors: errors.count, forwarded: forwarded.count)
    }

    func rollBack(to checkpoint: Checkpoint, keepingErrors: Bool = false) {
        slots.removeLast(slots.count - checkpoint.slots)
        if !keepingErrors { errors.removeLast(errors.count - checkpoint.errors) }
        if forwarded.count != checkpoint.forwarded {
            forwarded = forwarded.filter { $0.key < checkpoint.slots }
        }
    }
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
