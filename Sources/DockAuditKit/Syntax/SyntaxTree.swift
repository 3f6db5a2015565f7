/// A parsed Dockerfile: what BuildKit's parser produces, plus exact source ranges and
/// everything a linter needs that BuildKit throws away (comments, directive positions,
/// the errors it would stop at, recovered from).
public struct Dockerfile: Sendable {
    public let source: SourceFile
    /// Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`).
    public var directives: [ParserDirective] = []
    /// The escape character in force: `\` (default) or `` ` ``.
    public var escapeToken: UInt8 = UInt8(ascii: "\\")
    public var instructions: [Instruction] = []
    /// Every comment line of the file (not heredoc bodies), in order, for pragmas.
    public var comments: [Comment] = []
    /// Problems found while parsing. Errors are recovered from: parsing goes on.
    public var diagnostics: [SyntaxDiagnostic] = []

    public init(source: SourceFile) {
        self.source = source
    }

    /// The first error that makes BuildKit's parser reject the file, if any.
    public var buildKitError: SyntaxDiagnostic? {
        diagnostics.first { $0.severity == .error && $0.rejectedByBuildKit }
    }
}

public struct ParserDirective: Sendable, Hashable {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    public var name: String
    public var value: String
    public var range: SourceRange
    public var valueRange: SourceRange
}

public struct Comment: Sendable, Hashable {
    /// The text after `#`, trimmed.
    public var text: String
    public var range: SourceRange
    /// Whether the comment sits inside a continued instruction.
    public var insideInstruction: Bool
}

public struct SyntaxDiagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable { case error, warning }
    public enum Kind: String, Sendable {
        case noInstructions, lineTooLong, duplicateDirective, invalidEscapeToken
        case unterminatedHeredoc, keyValueSyntax, jsonNotStringArray, heredocMarker
        case emptyContinuationLine
    }

    public var kind: Kind
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// True when BuildKit's parser fails on this (so `docker build` fails before any lint).
    public var rejectedByBuildKit: Bool
}

/// The instruction keywords BuildKit knows. Matching is case-insensitive.
public enum InstructionKind: String, Sendable, CaseIterable {
    case add, arg, cmd, copy, entrypoint, env, expose, from, healthcheck, label
    case maintainer, onbuild, run, shell, stopsignal, user, volume, workdir
    case unknown

    public init(keyword: String) {
        // Dispatch on the keyword runs for every instruction: an ASCII keyword is lowered
        // byte by byte (no Unicode case mapping needed) into a small string.
        if keyword.utf8.count <= 15, keyword.utf8.allSatisfy({ $0 < 0x80 }) {
            let lowered = String(decoding: keyword.utf8.map(\.asciiLowercased), as: UTF8.self)
            self = lowered == "unknown" ? .unknown : InstructionKind(rawValue: lowered) ?? .unknown
            return
        }
        // BuildKit lowers with Go's strings.ToLower, one scalar at a time: `İ` (U+0130)
        // becomes `i`, where Swift's full mapping gives `i` plus a combining dot.
        let lowered = String(String.UnicodeScalarView(keyword.unicodeScalars.map { $0 == "\u{130}" ? "i" : $0 }))
            .lowercased()
        let kind = InstructionKind(rawValue: lowered) ?? .unknown
        // "unknown" is our own case name, not a Dockerfile keyword.
        self = lowered == "unknown" ? .unknown : kind
    }

    /// Instructions whose arguments may hold heredoc markers.
    public var acceptsHeredocs: Bool { self == .run || self == .copy || self == .add }
}

/// One argument word as BuildKit's parser yields it, with the span it came from.
public struct Word: Sendable, Hashable {
    /// BuildKit's value: for shell-form text the raw text, for JSON the decoded string,
    /// for ENV/LABEL/ARG the word with its quotes and escapes still in it.
    public var value: String
    public var range: SourceRange

    public init(value: String, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A `--name=value` flag before the arguments.
public struct Flag: Sendable, Hashable {
    /// BuildKit's flag word: `--name=value` with quotes and escapes removed.
    public var text: String
    public var range: SourceRange

    /// The name without dashes (`mount` for `--mount=type=cache`).
    public var name: String {
        let body = text.dropFirst(2)
        if let equals = body.firstIndex(of: "=") { return String(body[..<equals]) }
        return String(body)
    }

    /// The value after the first `=`, or nil for a bare flag (`--link`).
    public var value: String? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        return String(text[text.index(after: equals)...])
    }
}

/// One `key=value` (or legacy `key value`) pair of ENV or LABEL.
public struct KeyValuePair: Sendable, Hashable {
    public var key: Word
    public var value: Word
    /// False for the legacy whitespace-separated form (`ENV key value`).
    public var hasEquals: Bool
}

public struct Heredoc: Sendable, Hashable {
    public var name: String
    public var fileDescriptor: Int
    /// False when any part of the delimiter was quoted: the body is not expanded.
    public var expand: Bool
    /// `<<-`: leading tabs are stripped from body lines.
    public var chomp: Bool
    /// The body exactly as in the file (line endings kept, tabs not stripped).
    public var content: String
    /// The marker word on the instruction line (`<<EOF`).
    public var markerRange: SourceRange
    /// The body lines, without the terminator line.
    public var contentRange: SourceRange
    /// The terminator line, when the heredoc is terminated.
    public var terminatorRange: SourceRange?

    /// The body as the build sees it (`<<-` strips leading tabs of every line).
    public var effectiveContent: String {
        guard chomp else { return content }
        var result = ""
        var atLineStart = true
        for character in content.unicodeScalars {
            if atLineStart, character == "\t" { continue }
            atLineStart = character == "\n"
            result.unicodeScalars.append(character)
        }
        return result
    }
}

/// How an instruction's arguments were split, per BuildKit's per-keyword parsers.
public enum Arguments: Sendable, Hashable {
    /// No arguments at all.
    case none
    /// A list of words: FROM, EXPOSE, ARG, and ADD/COPY/VOLUME in shell form; RUN/CMD/
    /// ENTRYPOINT/SHELL/ADD/COPY/VOLUME in JSON form; MAINTAINER/USER/WORKDIR/STOPSIGNAL
    /// (one word, the whole rest); RUN/CMD/ENTRYPOINT/SHELL shell form (one word).
    case words([Word])
    /// ENV and LABEL.
    case keyValues([KeyValuePair])
    /// HEALTHCHECK: the type word (`CMD`, `NONE`) and the command after it.
    case healthcheck(type: Word, command: [Word])
    /// ONBUILD: the trigger instruction.
    indirect case onbuild(Instruction)
    /// An unknown instruction: BuildKit keeps no arguments.
    case ignored
}

public struct Instruction: Sendable, Hashable {
    /// The keyword as written (`run`, `Run`, `RUN`).
    public var keyword: String
    public var kind: InstructionKind
    public var keywordRange: SourceRange
    /// From the keyword to the end of the last continuation line or heredoc terminator.
    public var range: SourceRange
    /// The joined logical line: continuations removed, comment lines dropped, no heredoc
    /// bodies (BuildKit's `Node.Original`).
    public var original: String
    public var flags: [Flag]
    public var arguments: Arguments
    /// The span of everything after the keyword and flags.
    public var argumentsRange: SourceRange
    /// Maps byte offsets in `original` to file offsets (`original` joins several lines).
    public var textMap: TextMap
    /// Where the arguments (after keyword and flags) start and end in `original`; for a
    /// shell-form RUN/CMD/ENTRYPOINT the script is exactly this part of `original`.
    public var argumentsText: Range<Int>
    public var isJSONForm: Bool
    public var heredocs: [Heredoc]
    /// Comment lines directly above the instruction (BuildKit's `PrevComment`).
    public var precedingComments: [String]
    /// Physical lines inside the continuation that were empty or blank.
    public var emptyContinuationLines: [Int]
    /// True for an ONBUILD trigger (which BuildKit gives no line numbers).
    public var isTrigger: Bool

    /// BuildKit's line numbers: the keyword's line and the last physical line used
    /// (continuations, heredoc bodies and terminators). Both 0 for an ONBUILD trigger.
    public var startLine: Int
    public var endLine: Int

    /// The argument words, for instructions whose arguments are a word list.
    public var words: [Word] {
        switch arguments {
        case .words(let words): return words
        case .healthcheck(let type, let command): return [type] + command
        default: return []
        }
    }

    /// The instruction an ONBUILD wraps.
    public var trigger: Instruction? {
        if case .onbuild(let inner) = arguments { return inner }
        return nil
    }

    public func flag(named name: String) -> Flag? {
        flags.first { $0.name == name }
    }
}
