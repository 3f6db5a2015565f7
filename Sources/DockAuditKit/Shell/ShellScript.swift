/// The commands a RUN (or CMD, ENTRYPOINT, HEALTHCHECK CMD) runs, read as POSIX sh/bash.
///
/// A rule reads it like this:
///
///     guard let script = ShellScript.parse(instruction: run, in: dockerfile, shell: stageShell) else { return }
///     for command in script.commands where command.is("pip", "pip3") && command.hasArgument("install") {
///         if !command.hasFlag("no-cache-dir") { report(at: command.name!.range) }
///     }
///
/// `commands` lists every simple command in textual order, nested ones included, with
/// wrappers seen through (`sudo pip install` is `pip` with `wrappers == ["sudo"]`), so a
/// rule never looks at the text itself. Words keep expansions as written (`$PKGS`), and
/// `isLiteral` says whether a value is what the program receives.
public struct ShellScript: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// `RUN apt-get update && …`: the text after the keyword and flags.
        case shellForm
        /// `RUN ["apt-get", "update"]`: one command (its `sh -c` string parsed).
        case execForm
        /// `RUN <<EOF … EOF`: the body is the script.
        case heredoc
        /// A text given to `ShellParser` directly.
        case text
    }

    public var origin: Origin
    /// Every simple command, in textual order, nested ones included (`$(…)`, subshells,
    /// `if` and loop bodies, `sh -c` strings, here-documents a shell reads).
    public var commands: [ShellCommand]
    public var errors: [ShellSyntaxError]
    /// False when the text is not shell (a SHELL such as PowerShell or cmd, a heredoc
    /// with a `#!/usr/bin/env python3` line): then there are no commands.
    public var isShell: Bool
    /// The program that runs the text: the shell's name (`sh`, `bash`), the heredoc's
    /// shebang program (`python3`), the SHELL's program (`powershell`); nil for exec form.
    public var interpreter: String?
    /// The program a `#!` line at the top of a `RUN <<EOF` body names. BuildKit then runs
    /// the body as a file, so the SHELL and its options (`-o pipefail`) do not apply.
    public var shebang: String?
    /// For a shell-form text a non-POSIX shell runs (PowerShell, cmd), whose commands are
    /// not analysed: how many commands it holds when read with POSIX rules. Rough, as in
    /// hadolint, but `;`, `&&`, `||` and `|` separate commands in those shells too.
    public var approximateCommandCount: Int?

    public init(
        origin: Origin, commands: [ShellCommand], errors: [ShellSyntaxError], isShell: Bool, interpreter: String?,
        shebang: String? = nil
    ) {
        self.origin = origin
        self.commands = commands
        self.errors = errors
        self.isShell = isShell
        self.interpreter = interpreter
        self.shebang = shebang
    }

    /// Some command's output goes through a pipe (anywhere, `sh -c` strings included).
    public var hasPipes: Bool {
        commands.contains { $0.context.isInPipeline }
    }

    /// A `set -o pipefail` (`set -euo pipefail` …) runs before the first pipeline (or
    /// anywhere, when there is none), and no `set +o pipefail` undid it.
    public var setsPipefail: Bool {
        let firstPipe = commands.firstIndex { $0.context.isInPipeline } ?? commands.count
        return pipefailEnabled(before: firstPipe)
    }

    /// Whether the script's own `set` commands (not those in `sh -c` strings or `$(…)`)
    /// have pipefail on when the command at `commandIndex` runs.
    public func pipefailEnabled(before commandIndex: Int) -> Bool {
        var enabled = false
        for command in commands.prefix(commandIndex) where command.wrappers.isEmpty && !command.context.inCommandSubstitution
            && !command.context.inSubshell && command.commandName == "set" {
            if let setting = ShellInvocation.pipefailSetting(command.arguments.map(\.value)) { enabled = setting }
        }
        return enabled
    }

    /// Whether pipefail is on when the command at `commandIndex` runs, in the shell that
    /// runs it:
    /// - the script's own commands run in `shell` (the SHELL in force), unless the script
    ///   is not run by it (exec form, a `RUN <<EOF` body with a `#!` line);
    /// - commands of a nested script (`bash -o pipefail -c '…'`, `sh <<EOF`) run in a new
    ///   shell that does not inherit the option; only that shell's own options count;
    /// - in both, an earlier `set -o pipefail` run by that same shell (not one in a
    ///   subshell or `$(…)` the command is not in) turns it on, `set +o pipefail` off.
    public func pipefailEnabled(at commandIndex: Int, shell: ShellInvocation) -> Bool {
        let command = commands[commandIndex]
        let shells = Self.shellLayers(command)
        var enabled: Bool
        if let innermost = shells.last {
            enabled = ShellInvocation.pipefailSetting(innermost.words.dropFirst().map(\.value)) ?? false
        } else {
            enabled = origin != .execForm && shebang == nil && shell.enablesPipefail
        }
        for earlier in commands.prefix(commandIndex) where earlier.commandName == "set" && earlier.name?.isLiteral == true {
            // `set` under `sudo` or `env` would be a program, not the shell's builtin.
            guard Self.shellLayers(earlier) == shells, earlier.wrapperCalls.last.map(Self.startsShell) ?? true,
                  !earlier.context.inSubshell || command.context.inSubshell,
                  !earlier.context.inCommandSubstitution || command.context.inCommandSubstitution
            else { continue }
            if let setting = ShellInvocation.pipefailSetting(earlier.arguments.map(\.value)) { enabled = setting }
        }
        return enabled
    }

    /// The wrappers of `command` that start a new shell (`sh -c`, `bash <<EOF`, `su -c`).
    static func shellLayers(_ command: ShellCommand) -> [ShellWrapperCall] {
        command.wrapperCalls.filter(startsShell)
    }

    static func startsShell(_ call: ShellWrapperCall) -> Bool {
        WrapperPlan.shells.contains(call.name) || call.name == "su"
    }

    /// Whether `word` (an argument of one of the commands) holds a command substitution
    /// that runs a command: `"$(mktemp -d)"`, `` `dirname x` ``.
    public func runsCommands(in word: ShellWord) -> Bool {
        commands.contains { $0.context.inCommandSubstitution && word.range.contains($0.range) }
    }

    /// The commands whose program is one of `names` (compared without directory).
    public func commands(named names: String...) -> [ShellCommand] {
        commands.filter { names.contains($0.commandName) }
    }

    /// A script with nothing to analyse.
    static func notShell(_ origin: Origin, interpreter: String?) -> ShellScript {
        ShellScript(origin: origin, commands: [], errors: [], isShell: false, interpreter: interpreter)
    }
}

/// The shell that runs shell-form instructions: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`,
/// by default `/bin/sh -c`.
public struct ShellInvocation: Sendable, Hashable {
    public let words: [String]
    /// The program's lower-cased name, without directory (either slash) or `.exe`.
    public let name: String

    public init(_ words: [String]) {
        self.words = words
        self.name = Self.programName(words.first ?? "")
    }

    public static let posix = ShellInvocation(["/bin/sh", "-c"])
    /// Docker's default on Windows images.
    public static let windows = ShellInvocation(["cmd", "/S", "/C"])

    /// The shell BuildKit uses when no SHELL says otherwise. The platform is not in the
    /// Dockerfile; a `# escape=`` directive is the usual sign of a Windows image, so it
    /// selects `cmd`.
    public static func `default`(for dockerfile: Dockerfile) -> ShellInvocation {
        dockerfile.escapeToken == UInt8(ascii: "`") ? .windows : .posix
    }

    static func programName(_ first: String) -> String {
        var base = Substring(first)
        if let separator = base.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            base = base[base.index(after: separator)...]
        }
        var name = base.lowercased()
        if name.hasSuffix(".exe") { name.removeLast(4) }
        return name
    }

    /// Runs POSIX sh/bash syntax (sh, bash, dash, ash, zsh, ksh, busybox …).
    public var isPOSIX: Bool {
        WrapperPlan.shells.contains(name) || name == "busybox"
    }

    /// The shell's own options turn pipefail on (`-o pipefail`, `-euo pipefail`).
    public var enablesPipefail: Bool {
        Self.pipefailSetting(Array(words.dropFirst())) ?? false
    }

    /// What `set`-style options do to pipefail: true (on), false (off) or nil (unchanged).
    static func pipefailSetting(_ arguments: [String]) -> Bool? {
        var result: Bool?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            guard let sign = argument.first, sign == "-" || sign == "+", argument.utf8.count > 1, !argument.hasPrefix("--") else {
                index += 1
                continue
            }
            let names = argument.dropFirst().filter { $0 == "o" }.count
            for offset in 0..<names where index + 1 + offset < arguments.count && arguments[index + 1 + offset] == "pipefail" {
                result = sign == "-"
            }
            index += 1 + names
        }
        return result
    }
}

/// Parses text as a POSIX sh/bash script.
public enum ShellParser {
    /// `text` is a script whose bytes come from `source` as `map` says (for an instruction:
    /// its `original[argumentsText]` with `textMap.suffix(from: argumentsText.lowerBound)`).
    public static func parse(text: String, map: TextMap, source: SourceFile) -> ShellScript {
        parse(bytes: Array(text.utf8), map: ShellOffsetMap(map), source: source, origin: .text)
    }

    /// A script on its own: ranges are offsets into `script`.
    public static func parse(_ script: String, path: String = "-") -> ShellScript {
        let source = SourceFile(path: path, text: script)
        return parse(bytes: source.bytes, map: ShellOffsetMap(TextMap(contiguousFrom: 0, length: source.bytes.count)), source: source, origin: .text)
    }

    static func parse(
        bytes: [UInt8], map: ShellOffsetMap, source: SourceFile, origin: ShellScript.Origin,
        external: [ExternalHereDocument] = [], interpreter: String = "sh"
    ) -> ShellScript {
        var session = ShellParseSession(source: source)
        let scope = session.newScope()
        var core = ShellCore(
            text: bytes, range: 0..<bytes.count, map: map, session: session, depth: 0,
            context: ParseContext(scope: scope))
        core.external = external
        core.parseScript()
        return assemble(&core.session, origin: origin, interpreter: interpreter)
    }

    /// Takes the commands out of `session` (in place: handing over a copy would make the
    /// reordering copy every command).
    static func assemble(_ session: inout ShellParseSession, origin: ShellScript.Origin, interpreter: String?) -> ShellScript {
        let commands = session.takeCommands()
        // A `sh -c` string is read twice (as a word, then as a script): keep one report.
        var errors: [ShellSyntaxError] = []
        for error in session.errors where !errors.contains(error) { errors.append(error) }
        return ShellScript(origin: origin, commands: commands, errors: errors, isShell: true, interpreter: interpreter)
    }
}
