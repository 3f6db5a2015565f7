/// How a command line runs its real command through wrappers: `sudo -u app pip …`,
/// `env A=1 make`, `xargs -r rm`, `sh -c '…'`, `su app -c '…'`. Worked out on the word
/// values alone; only literal wrapper names count (`$SUDO apt-get` is not seen through).
struct WrapperPlan {
    struct Layer {
        var name: String
        /// The wrapper's own words (its name, options, and for `sh -c` the script).
        var words: Range<Int>
    }

    var layers: [Layer] = []
    /// Index of the real command's name; equal to the word count when there is none.
    var commandStart = 0
    /// `NAME=value` words given to `env`.
    var environment: [Int] = []
    /// The word holding a script to parse (`sh -c SCRIPT`, `su -c SCRIPT`).
    var script: Int?

    static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "yash", "posh"]
    static let wrappers: Set<String> = [
        "sudo", "env", "time", "nice", "nohup", "exec", "command", "xargs", "timeout", "gosu", "su-exec",
        "stdbuf", "tini", "dumb-init", "busybox", "su", "doas", "ionice", "chronic",
    ]

    /// Whether a command name is a wrapper; checked for every command, so it compares
    /// bytes instead of hashing a new string.
    static func mayWrap(_ name: String) -> Bool {
        let utf8 = name.utf8
        let baseStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        return isWrapperName(utf8[baseStart...])
    }

    /// Whether `base` (a name without directory) is in `wrappers` or `shells`; a switch
    /// on the first byte, as it runs for every command (a test keeps it in step with the
    /// sets).
    static func isWrapperName<Bytes: Collection>(_ base: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard let first = base.first else { return false }
        func spells(_ name: StaticString) -> Bool {
            name.withUTF8Buffer { $0.elementsEqual(base) }
        }
        switch first {
        case UInt8(ascii: "a"): return spells("ash")
        case UInt8(ascii: "b"): return spells("bash") || spells("busybox")
        case UInt8(ascii: "c"): return spells("command") || spells("chronic")
        case UInt8(ascii: "d"): return spells("dash") || spells("doas") || spells("dumb-init")
        case UInt8(ascii: "e"): return spells("env") || spells("exec")
        case UInt8(ascii: "g"): return spells("gosu")
        case UInt8(ascii: "i"): return spells("ionice")
        case UInt8(ascii: "k"): return spells("ksh")
        case UInt8(ascii: "m"): return spells("mksh")
        case UInt8(ascii: "n"): return spells("nice") || spells("nohup")
        case UInt8(ascii: "p"): return spells("posh")
        case UInt8(ascii: "s"): return spells("sh") || spells("su") || spells("sudo") || spells("su-exec") || spells("stdbuf")
        case UInt8(ascii: "t"): return spells("time") || spells("timeout") || spells("tini")
        case UInt8(ascii: "x"): return spells("xargs")
        case UInt8(ascii: "y"): return spells("yash")
        case UInt8(ascii: "z"): return spells("zsh")
        default: return false
        }
    }

    init() {}

    init(_ values: [String], literal: [Bool]) {
        let count = values.count
        var index = 0
        wrapping: while index < count, literal[index] {
            let name = ShellCommand.baseName(values[index])
            var next: Int
            switch name {
            case "sudo", "doas":
                next = Self.skipOptions(
                    values, from: index + 1, valued: "ugCDhprtTUR",
                    long: ["user", "group", "close-from", "chdir", "host", "prompt", "role", "type", "command-timeout", "other-user", "chroot"])
                if values[(index + 1)..<min(next, count)].contains(where: { ["-l", "-v", "-k", "-K", "-V", "-e", "--list", "--validate", "--edit"].contains($0) }) {
                    break wrapping
                }
            case "env":
                next = index + 1
                while true {
                    next = Self.skipOptions(values, from: next, valued: "uCS", long: ["unset", "chdir", "split-string"])
                    guard next < count, values[next] == "-" else { break }
                    next += 1
                }
                while next < count, Self.isAssignment(values[next]) {
                    environment.append(next)
                    next += 1
                }
            case "time":
                next = Self.skipOptions(values, from: index + 1, valued: "fo", long: ["format", "output"])
            case "nice":
                next = Self.skipOptions(values, from: index + 1, valued: "n", long: ["adjustment"])
            case "ionice":
                next = Self.skipOptions(values, from: index + 1, valued: "cnp", long: ["class", "classdata", "pid"])
            case "nohup", "chronic":
                next = Self.skipOptions(values, from: index + 1, valued: "", long: [])
            case "exec":
                next = Self.skipOptions(values, from: index + 1, valued: "a", long: [])
            case "command":
                next = Self.skipOptions(values, from: index + 1, valued: "", long: [])
                // `command -v x` looks x up; it does not run it.
                if values[(index + 1)..<min(next, count)].contains(where: { $0.hasPrefix("-") && ($0.containsBytes("v") || $0.containsBytes("V")) }) {
                    break wrapping
                }
            case "xargs":
                next = Self.skipOptions(
                    values, from: index + 1, valued: "adEILnPs",
                    long: ["arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"])
            case "timeout":
                next = Self.skipOptions(values, from: index + 1, valued: "sk", long: ["signal", "kill-after"])
                next += 1  // the duration
            case "gosu", "su-exec":
                next = index + 2  // the user
            case "stdbuf":
                next = Self.skipOptions(values, from: index + 1, valued: "ioe", long: ["input", "output", "error"])
            case "tini":
                next = Self.skipOptions(values, from: index + 1, valued: "pe", long: [])
            case "dumb-init":
                next = Self.skipOptions(values, from: index + 1, valued: "r", long: ["rewrite"])
            case "busybox":
                guard index + 1 < count, !values[index + 1].hasPrefix("-") else { break wrapping }
                next = index + 1
            case "su":
                guard let scriptIndex = Self.suScript(values, from: index + 1) else { break wrapping }
                layers.append(Layer(name: name, words: index..<(scriptIndex + 1)))
                script = scriptIndex
                commandStart = count
                return
            default:
                guard Self.shells.contains(name), let scriptIndex = Self.shellScript(values, from: index + 1) else { break wrapping }
                layers.append(Layer(name: name, words: index..<(scriptIndex + 1)))
                script = scriptIndex
                commandStart = count
                return
            }
            // A wrapper with nothing to run is the command itself (`sudo -i`, `env`).
            guard next < count else { break wrapping }
            layers.append(Layer(name: name, words: index..<next))
            index = next
        }
        commandStart = index
        // Assignments of an `env` that turned out to be the command are its arguments.
        environment.removeAll { $0 >= commandStart }
    }

    /// The index of the first word after the options (and after `--`). `valued` lists the
    /// short options that take a value, `long` the long ones.
    static func skipOptions(_ values: [String], from start: Int, valued: String, long: Set<String>) -> Int {
        var index = start
        while index < values.count {
            let value = values[index]
            if value == "--" { return index + 1 }
            guard value.hasPrefix("-"), value.utf8.count > 1 else { return index }
            if value.hasPrefix("--") {
                let key = String(value.dropFirst(2).prefix { $0 != "=" })
                index += !value.containsBytes("=") && long.contains(key) ? 2 : 1
                continue
            }
            var takesNext = false
            var position = value.index(after: value.startIndex)
            while position < value.endIndex {
                if valued.contains(value[position]) {
                    takesNext = value.index(after: position) == value.endIndex
                    break
                }
                position = value.index(after: position)
            }
            index += takesNext ? 2 : 1
        }
        return index
    }

    static func isAssignment(_ value: String) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, Ascii.isNameStart(first) else { return false }
        for byte in bytes.dropFirst() {
            if byte == Ascii.equals { return true }
            if !Ascii.isNameByte(byte) { return false }
        }
        return false
    }

    /// For `sh [options] -c SCRIPT …`: the index of SCRIPT, or nil without `-c`.
    static func shellScript(_ values: [String], from start: Int) -> Int? {
        var index = start
        var hasCommandOption = false
        while index < values.count {
            let value = values[index]
            if value == "--" || value == "-" {
                index += 1
                break
            }
            if value.hasPrefix("--") {
                index += value == "--rcfile" || value == "--init-file" ? 2 : 1
                continue
            }
            guard value.hasPrefix("-") || value.hasPrefix("+"), value.utf8.count > 1 else { break }
            var valued = 0
            for character in value.dropFirst() {
                if character == "c" { hasCommandOption = true }
                if character == "o" || character == "O" { valued += 1 }
            }
            index += 1 + valued
        }
        return hasCommandOption && index < values.count ? index : nil
    }

    /// For `su [options] [user] -c SCRIPT`: the index of SCRIPT.
    static func suScript(_ values: [String], from start: Int) -> Int? {
        var index = start
        while index < values.count {
            let value = values[index]
            if value == "-c" || value == "--command" || value == "--session-command" {
                return index + 1 < values.count ? index + 1 : nil
            }
            if value.hasPrefix("-"), !value.hasPrefix("--"), value.utf8.count > 2, value.hasSuffix("c") {
                return index + 1 < values.count ? index + 1 : nil
            }
            if ["-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"].contains(value) {
                index += 2
                continue
            }
            index += 1
        }
        return nil
    }

    /// Whether a shell invoked with these arguments reads its script from standard input
    /// (`bash`, `sh -s -- args`, `bash -e`), rather than from `-c` or a file.
    static func readsScriptFromInput(_ arguments: [String]) -> Bool {
        var fromInput = false
        var index = 0
        while index < arguments.count {
            let value = arguments[index]
            if value == "--" || value == "-" { return true }
            if value.hasPrefix("--") {
                index += value == "--rcfile" || value == "--init-file" ? 2 : 1
                continue
            }
            guard value.hasPrefix("-") || value.hasPrefix("+"), value.utf8.count > 1 else { return fromInput }
            var valued = 0
            for character in value.dropFirst() {
                if character == "c" { return false }
                if character == "s" { fromInput = true }
                if character == "o" || character == "O" { valued += 1 }
            }
            index += 1 + valued
        }
        return true
    }
}
