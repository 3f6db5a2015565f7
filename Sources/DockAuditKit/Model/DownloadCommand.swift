/// A `curl` or `wget` command line (busybox's too): where the download goes, and whether
/// the server's TLS certificate is checked.
public struct DownloadCommand: Sendable {
    public enum Tool: String, Sendable { case curl, wget }

    public var tool: Tool
    public var command: ShellCommand
    /// The download is written to standard output (curl's default unless `-o FILE`/`-O`;
    /// wget only with `-O -` / `-O /dev/stdout`).
    public private(set) var writesToStandardOutput: Bool
    /// The word that switches certificate checking off (`-k`, `-fsSLk`, `--insecure`,
    /// `--no-check-certificate`).
    public private(set) var insecureWord: ShellWord?

    /// curl's one-letter options that take a value (curl's `tool_getparam.c` table).
    static let curlValued: Set<Character> = [
        "A", "b", "c", "C", "d", "D", "e", "E", "F", "H", "K", "m", "o", "P", "Q", "r", "t", "T", "u", "U", "w", "x", "X", "y", "Y", "z",
    ]
    /// curl's long options that take a value and matter here, and a few common ones whose
    /// value could look like an option.
    static let curlLongValued: Set<String> = [
        "output", "header", "user", "data", "data-raw", "data-binary", "url", "user-agent", "referer", "cert", "cacert",
        "proxy", "request", "write-out", "config", "form", "retry", "max-time", "connect-timeout", "output-dir",
    ]
    /// wget's one-letter options that take a value.
    static let wgetValued: Set<Character> = ["O", "o", "a", "i", "B", "t", "T", "w", "Q", "P", "U", "e", "l", "A", "R", "D", "X", "I"]
    /// wget's long options whose value may be the next word, as far as the rules need.
    static let wgetLongValued: Set<String> = [
        "output-document", "output-file", "append-output", "execute", "directory-prefix", "user-agent", "header", "tries",
        "timeout",
    ]

    static let curlGrammar = CommandOptions.Grammar(longWithValue: curlLongValued, shortWithValue: curlValued)
    /// wget's `-n` starts a two-letter option (`-nv`, `-nc`, `-nd`).
    static let wgetGrammar = CommandOptions.Grammar(longWithValue: wgetLongValued, shortWithValue: wgetValued, twoLetterPrefix: "n")

    public init?(_ command: ShellCommand) {
        switch command.commandName {
        case "curl": tool = .curl
        case "wget": tool = .wget
        default: return nil
        }
        self.command = command
        writesToStandardOutput = tool == .curl
        insecureWord = nil
        let grammar = tool == .curl ? Self.curlGrammar : Self.wgetGrammar
        for option in CommandOptions(command.arguments, grammar: grammar).options {
            switch (tool, option.isLong, option.name) {
            case (.curl, true, "insecure"), (.curl, true, "proxy-insecure"), (.wget, true, "no-check-certificate"),
                (.curl, false, "k"):
                insecureWord = insecureWord ?? option.word
            case (.curl, true, "output"), (.curl, false, "o"):
                // `-o -` is standard output; curl writes there unless told a file.
                if option.isLong { if option.value != "-" { writesToStandardOutput = false } } else {
                    writesToStandardOutput = option.value == "-"
                }
            case (.curl, true, "remote-name"), (.curl, true, "remote-name-all"), (.curl, false, "O"):
                writesToStandardOutput = false
            case (.wget, true, "output-document"):
                if option.value == "-" || option.value == "/dev/stdout" { writesToStandardOutput = true }
            case (.wget, false, "O"):
                writesToStandardOutput = option.value == "-" || option.value == "/dev/stdout"
            default:
                break
            }
        }
    }
}
