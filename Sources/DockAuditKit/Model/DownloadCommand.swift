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

    public init?(_ command: ShellCommand) {
        switch command.commandName {
        case "curl": tool = .curl
        case "wget": tool = .wget
        default: return nil
        }
        self.command = command
        writesToStandardOutput = tool == .curl
        insecureWord = nil
        let words = command.arguments
        var index = 0
        while index < words.count {
            let word = words[index]
            let value = word.value
            if value == "--" { break }
            guard value.hasPrefix("-"), value.count > 1 else {
                index += 1
                continue
            }
            if value.hasPrefix("--") {
                let body = value.dropFirst(2)
                let key = String(body.prefix { $0 != "=" })
                let attached = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                let takesNext = attached == nil && (tool == .curl ? Self.curlLongValued.contains(key) : key == "output-document" || key == "output-file")
                let optionValue = attached ?? (takesNext && index + 1 < words.count ? words[index + 1].value : nil)
                switch (tool, key) {
                case (.curl, "insecure"), (.curl, "proxy-insecure"), (.wget, "no-check-certificate"):
                    insecureWord = insecureWord ?? word
                case (.curl, "output"):
                    if optionValue != "-" { writesToStandardOutput = false }
                case (.curl, "remote-name"), (.curl, "remote-name-all"):
                    writesToStandardOutput = false
                case (.wget, "output-document"):
                    if optionValue == "-" || optionValue == "/dev/stdout" { writesToStandardOutput = true }
                default:
                    break
                }
                index += takesNext ? 2 : 1
                continue
            }
            var position = value.index(after: value.startIndex)
            var takesNext = false
            while position < value.endIndex {
                let letter = value[position]
                let rest = String(value[value.index(after: position)...])
                if tool == .wget, letter == "n" {
                    // `-nv`, `-nc`, `-nd`: `n` and the letter after it are one option.
                    position = value.index(after: position)
                    if position < value.endIndex { position = value.index(after: position) }
                    continue
                }
                let valued = tool == .curl ? Self.curlValued : Self.wgetValued
                if valued.contains(letter) {
                    takesNext = rest.isEmpty
                    let optionValue = rest.isEmpty ? (index + 1 < words.count ? words[index + 1].value : nil) : rest
                    if tool == .curl, letter == "o" { writesToStandardOutput = optionValue == "-" }
                    if tool == .wget, letter == "O" { writesToStandardOutput = optionValue == "-" || optionValue == "/dev/stdout" }
                    break
                }
                if tool == .curl, letter == "k" { insecureWord = insecureWord ?? word }
                if tool == .curl, letter == "O" { writesToStandardOutput = false }
                position = value.index(after: position)
            }
            index += takesNext ? 2 : 1
        }
    }
}
