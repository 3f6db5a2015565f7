/// How a RUN installs Python packages, read from its shell commands: `pip install` in
/// every spelling (`pip3`, `pip3.12`, `/opt/venv/bin/pip`, `python -m pip`, `uv pip`,
/// `pipx`) and the project managers (`poetry install`, `uv sync`, `pipenv install`,
/// `pdm install`).
public struct PackageInstall: Sendable {
    public enum Tool: String, Sendable, Hashable {
        case pip, uvPip = "uv pip", pipx, poetry, uv, pipenv, pdm
    }

    public var tool: Tool
    public var command: ShellCommand
    /// The RUN it is in (index into `Dockerfile.instructions`).
    public var instructionIndex: Int
    /// The words after the subcommand (`install`, `sync`): options and packages.
    public let arguments: [ShellWord]
    /// `arguments` read as options and packages, once: several rules ask for each install.
    let parsed: ParsedOptions

    init(tool: Tool, command: ShellCommand, instructionIndex: Int, arguments: [ShellWord]) {
        self.tool = tool
        self.command = command
        self.instructionIndex = instructionIndex
        self.arguments = arguments
        self.parsed = ParsedOptions(arguments, optionsWithValues: Self.pipOptionsWithValueSet)
    }

    /// pip options that take a value (so that the value is not read as a package).
    public static let pipOptionsWithValues = [
        "r", "requirement", "c", "constraint", "e", "editable", "i", "index-url", "extra-index-url", "f", "find-links",
        "trusted-host", "t", "target", "prefix", "root", "platform", "python-version", "implementation", "abi", "src",
        "upgrade-strategy", "progress-bar", "cache-dir", "log", "proxy", "retries", "timeout", "exists-action", "cert",
        "client-cert", "global-option", "C", "config-settings", "no-binary", "only-binary", "python", "p", "report",
        "root-user-action", "keyring-provider", "index-strategy", "resolution", "prerelease", "extra", "group",
        "only-group", "with", "without", "only", "E", "extras", "spec", "suffix", "pip-args", "preinstall",
    ]

    static let pipOptionsWithValueSet = Set(pipOptionsWithValues)

    /// Package specifications: the positional words (`flask==3.0`, `.`, `./pkg`).
    public var packages: [ShellWord] { parsed.positional }

    /// `-r FILE` / `--requirement FILE` values.
    public var requirementFiles: [ShellWord] { parsed.values(["r", "requirement"]) }
    public var constraintFiles: [ShellWord] { parsed.values(["c", "constraint"]) }
    public var editables: [ShellWord] { parsed.values(["e", "editable"]) }

    public func hasOption(_ names: String...) -> Bool { parsed.has(names) }
    public func optionValues(_ names: String...) -> [ShellWord] { parsed.values(names) }

    /// Reads one command as a package install, if it is one.
    public static func recognise(_ command: ShellCommand, instructionIndex: Int) -> PackageInstall? {
        let name = command.commandName
        let words = command.arguments
        func after(_ subcommand: String, at position: Int) -> [ShellWord]? {
            guard words.count > position, words[position].value == subcommand else { return nil }
            return Array(words[(position + 1)...])
        }
        if isPip(name), let rest = firstSubcommand(words, "install") {
            return PackageInstall(tool: .pip, command: command, instructionIndex: instructionIndex, arguments: rest)
        }
        if isPython(name) {
            // python -m pip install …  (interpreter options such as -I or -u may come first)
            var position = 0
            while position < words.count, words[position].value.hasPrefix("-"), words[position].value != "-m" { position += 1 }
            if position + 1 < words.count, words[position].value == "-m", words[position + 1].value == "pip",
                let rest = firstSubcommand(Array(words[(position + 2)...]), "install")
            {
                return PackageInstall(tool: .pip, command: command, instructionIndex: instructionIndex, arguments: rest)
            }
            return nil
        }
        switch name {
        case "uv":
            if let rest = after("pip", at: 0), let install = firstSubcommand(rest, "install") {
                return PackageInstall(tool: .uvPip, command: command, instructionIndex: instructionIndex, arguments: install)
            }
            if let rest = firstSubcommand(words, "sync") {
                return PackageInstall(tool: .uv, command: command, instructionIndex: instructionIndex, arguments: rest)
            }
        case "pipx":
            if let rest = firstSubcommand(words, "install") {
                return PackageInstall(tool: .pipx, command: command, instructionIndex: instructionIndex, arguments: rest)
            }
        case "poetry":
            if let rest = firstSubcommand(words, "install") {
                return PackageInstall(tool: .poetry, command: command, instructionIndex: instructionIndex, arguments: rest)
            }
        case "pipenv":
            if let rest = firstSubcommand(words, "install") ?? firstSubcommand(words, "sync") {
                return PackageInstall(tool: .pipenv, command: command, instructionIndex: instructionIndex, arguments: rest)
            }
        case "pdm":
            if let rest = firstSubcommand(words, "install") ?? firstSubcommand(words, "sync") {
                return PackageInstall(tool: .pdm, command: command, instructionIndex: instructionIndex, arguments: rest)
            }
        default:
            break
        }
        return nil
    }

    /// The words after `subcommand` when it is the first word that is not an option
    /// (global options such as `pip --no-cache-dir install` or `poetry -n install` may
    /// come before it).
    static func firstSubcommand(_ words: [ShellWord], _ subcommand: String) -> [ShellWord]? {
        for (index, word) in words.enumerated() {
            if word.value.hasPrefix("-") { continue }
            return word.value == subcommand ? Array(words[(index + 1)...]) : nil
        }
        return nil
    }

    /// `pip`, `pip3`, `pip3.12`.
    public static func isPip(_ name: String) -> Bool {
        guard name.hasPrefix("pip") else { return false }
        let rest = name.dropFirst(3)
        return rest.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// `python`, `python3`, `python3.12`, `pypy3`.
    public static func isPython(_ name: String) -> Bool {
        for prefix in ["python", "pypy"] where name.hasPrefix(prefix) {
            return name.dropFirst(prefix.count).allSatisfy { $0.isNumber || $0 == "." }
        }
        return false
    }
}

/// Options and positional words of a command line, given which options take a value
/// (`-r x`, `-rx`, `--requirement x`, `--requirement=x`).
struct ParsedOptions: Sendable {
    var positional: [ShellWord] = []
    /// (option name without dashes, value word; nil for a flag).
    var options: [(name: String, value: ShellWord?)] = []

    init(_ words: [ShellWord], optionsWithValues: Set<String>) {
        var index = 0
        var onlyPositional = false
        while index < words.count {
            let word = words[index]
            let value = word.value
            if onlyPositional || !value.hasPrefix("-") || value == "-" {
                positional.append(word)
                index += 1
                continue
            }
            if value == "--" {
                onlyPositional = true
                index += 1
                continue
            }
            if value.hasPrefix("--") {
                let body = value.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    options.append((String(body[..<equals]), word))
                } else if optionsWithValues.contains(String(body)), index + 1 < words.count {
                    options.append((String(body), words[index + 1]))
                    index += 1
                } else {
                    options.append((String(body), nil))
                }
                index += 1
                continue
            }
            // Short options: `-r x`, `-rx` (attached value), `-qU` (bundled flags).
            let letters = Array(value.dropFirst())
            var position = 0
            while position < letters.count {
                let letter = String(letters[position])
                if optionsWithValues.contains(letter) {
                    if position + 1 < letters.count {
                        options.append((letter, word))
                    } else if index + 1 < words.count {
                        options.append((letter, words[index + 1]))
                        index += 1
                    } else {
                        options.append((letter, nil))
                    }
                    break
                }
                options.append((letter, nil))
                position += 1
            }
            index += 1
        }
    }

    func has(_ names: [String]) -> Bool { options.contains { names.contains($0.name) } }

    /// Values of the named options; for an attached value (`-rfile`, `--r=file`) the
    /// value is cut from the word.
    func values(_ names: [String]) -> [ShellWord] {
        options.compactMap { option in
            guard names.contains(option.name), var word = option.value else { return nil }
            if word.value.hasPrefix("--"), let equals = word.value.firstIndex(of: "=") {
                word.value = String(word.value[word.value.index(after: equals)...])
            } else if word.value.hasPrefix("-"), !word.value.hasPrefix("--"), word.value.count > 2 {
                word.value = String(word.value.dropFirst(2))
            }
            return word
        }
    }
}
