/// One word of a shell command, as the shell would pass it once quotes are removed.
///
/// Expansions are not performed: `$VAR`, `${…}`, `$(…)`, backticks and `$((…))` stay in
/// `value` exactly as written (their quotes included), so `"$HOME/x"` has the value
/// `$HOME/x`. Globs and `~` are kept too.
public struct ShellWord: Sendable, Hashable {
    /// The word with quotes and escapes removed (expansions kept as written).
    public var value: String
    /// The word exactly as written in the script.
    public var raw: String
    /// No parameter expansion, command substitution or arithmetic is involved, so `value`
    /// is what the command receives (quoting alone does not make a word non-literal).
    public var isLiteral: Bool
    /// Some part of the word was quoted or escaped.
    public var isQuoted: Bool
    /// Where the word is in the Dockerfile.
    public var range: SourceRange

    public init(value: String, raw: String, isLiteral: Bool, isQuoted: Bool, range: SourceRange) {
        self.value = value
        self.raw = raw
        self.isLiteral = isLiteral
        self.isQuoted = isQuoted
        self.range = range
    }
}

/// `NAME=value` before a command (`DEBIAN_FRONTEND=noninteractive apt-get …`), given to
/// `env`, or an argument of `export`/`declare`/`local`/`readonly`/`typeset`.
public struct ShellAssignment: Sendable, Hashable {
    public var name: String
    /// The value part, after `=` (or `+=`).
    public var value: ShellWord
    /// `NAME+=value`.
    public var isAppend: Bool
    /// The whole `NAME=value` word.
    public var range: SourceRange
}

/// A here-document's body (`<<EOF … EOF`): data, not commands, unless a shell reads it.
public struct ShellHereDocument: Sendable, Hashable {
    /// The delimiter with quotes removed.
    public var delimiter: String
    /// Part of the delimiter was quoted or escaped: the body is not expanded.
    public var isQuoted: Bool
    /// `<<-`: leading tabs are stripped.
    public var stripsTabs: Bool
    /// The body lines, without the terminator line.
    public var content: String
    public var range: SourceRange
}

/// `> file`, `2>&1`, `&>/dev/null`, `<<EOF`, `<<< "text"` …
public struct ShellRedirection: Sendable, Hashable {
    /// The operator as written, without the file descriptor: `>`, `>>`, `<`, `<<`, `<<-`,
    /// `<<<`, `<>`, `>&`, `<&`, `>|`, `&>`, `&>>`.
    public var op: String
    /// The explicit file descriptor before the operator (`2` in `2>&1`).
    public var fileDescriptor: Int?
    /// The file, descriptor or here-document delimiter after the operator.
    public var target: ShellWord?
    /// The body, for `<<` and `<<-`, once it was found.
    public var hereDocument: ShellHereDocument?
    public var range: SourceRange
}

/// What joins two commands (or pipelines) in a script.
public enum ShellOperator: String, Sendable, Hashable {
    case and = "&&"
    case or = "||"
    case semicolon = ";"
    case pipe = "|"
    /// `|&`: standard error goes down the pipe too.
    case pipeAll = "|&"
    case background = "&"
    case newline = "\n"
}

/// A problem that makes the script invalid shell (or deeper than dockaudit analyses).
/// Parsing goes on after it: the commands before and after are still reported.
public struct ShellSyntaxError: Sendable, Hashable {
    public var message: String
    public var range: SourceRange

    public init(message: String, range: SourceRange) {
        self.message = message
        self.range = range
    }
}
