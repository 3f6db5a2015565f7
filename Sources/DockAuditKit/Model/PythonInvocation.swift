/// A `python` command line read the way the interpreter reads it: its own options
/// (`-u`, `-B`, `-X dev`…), then what it runs: `-c CODE`, `-m MODULE`, a script file, or
/// standard input (`-`, or nothing at all).
public struct PythonInvocation: Sendable {
    /// The interpreter's own option words (before the code, module or script).
    public var options: [ShellWord] = []
    /// `-c CODE`: the word holding the code.
    public var code: ShellWord?
    /// `-m MODULE`: the word naming the module (for `-mhttp.server`, the option word itself).
    public var module: ShellWord?
    /// The module's name (`http.server`), also for the attached form.
    public var moduleName: String?
    /// The script file (`manage.py`, `/app/main.py`); nil for `-c`, `-m` and standard input.
    public var script: ShellWord?
    /// The words after the code, module or script: the program's own arguments.
    public var arguments: [ShellWord] = []
    /// The program comes from standard input (`python -`, or `python` with no script).
    public var readsStandardInput = false

    /// Interpreter options that take the next word as their value.
    static let optionsWithValues: Set<Character> = ["W", "X"]

    /// Reads `command` when it runs a Python interpreter (`python`, `python3.12`, `pypy3`).
    public init?(_ command: ShellCommand) {
        guard PackageInstall.isPython(command.commandName) else { return nil }
        let words = command.arguments
        var index = 0
        while index < words.count {
            let word = words[index]
            let value = word.value
            if value == "-" {
                readsStandardInput = true
                arguments = Array(words[(index + 1)...])
                return
            }
            if value == "--" {
                index += 1
                break
            }
            guard value.hasPrefix("-"), value.count > 1 else { break }
            if value.hasPrefix("--") {
                // `--check-hash-based-pycs MODE` is the only long option with a value.
                options.append(word)
                index += value == "--check-hash-based-pycs" ? 2 : 1
                continue
            }
            // A cluster of one-letter options; `c` and `m` end it (their value is the rest
            // of the word or the next word), `W` and `X` take a value the same way.
            var position = value.index(after: value.startIndex)
            var consumedNext = false
            while position < value.endIndex {
                let letter = value[position]
                let rest = String(value[value.index(after: position)...])
                if letter == "c" || letter == "m" {
                    let valueWord: ShellWord?
                    if rest.isEmpty {
                        valueWord = index + 1 < words.count ? words[index + 1] : nil
                        index += 2
                    } else {
                        valueWord = word
                        index += 1
                    }
                    if position != value.index(after: value.startIndex) { options.append(word) }
                    if letter == "c" {
                        code = valueWord
                    } else {
                        module = valueWord
                        moduleName = rest.isEmpty ? valueWord?.value : rest
                    }
                    arguments = index < words.count ? Array(words[index...]) : []
                    return
                }
                if Self.optionsWithValues.contains(letter) {
                    consumedNext = rest.isEmpty
                    break
                }
                position = value.index(after: position)
            }
            options.append(word)
            index += consumedNext ? 2 : 1
        }
        if index < words.count {
            script = words[index]
            arguments = Array(words[(index + 1)...])
        } else {
            readsStandardInput = true
        }
    }

    /// `-u` among the interpreter's options (alone or in a cluster such as `-uB`).
    public var isUnbuffered: Bool {
        options.contains { word in
            let value = word.value
            guard value.hasPrefix("-"), !value.hasPrefix("--") else { return false }
            for letter in value.dropFirst() {
                if letter == "u" { return true }
                if Self.optionsWithValues.contains(letter) { return false }
            }
            return false
        }
    }
}

/// The program a command line really starts, seeing through `python -m MODULE` and
/// `python SCRIPT`: `python -m uvicorn app:app` starts `uvicorn`, `python manage.py
/// runserver` starts `manage.py`, `/venv/bin/gunicorn app` starts `gunicorn`.
public struct InvokedProgram: Sendable {
    /// The program's name: a command's base name, a module's name (`http.server`), or a
    /// script's file name (`manage.py`).
    public var name: String
    /// The word that names it.
    public var word: ShellWord
    /// Its own arguments.
    public var arguments: [ShellWord]
    /// Started through `python -m` or `python SCRIPT`.
    public var viaPython: Bool

    public init?(_ command: ShellCommand) {
        if let python = PythonInvocation(command) {
            if let module = python.module, let moduleName = python.moduleName {
                self.init(name: moduleName, word: module, arguments: python.arguments, viaPython: true)
            } else if let script = python.script {
                self.init(name: ShellCommand.baseName(script.value), word: script, arguments: python.arguments, viaPython: true)
            } else {
                return nil
            }
            return
        }
        guard let name = command.name else { return nil }
        self.init(name: command.commandName, word: name, arguments: command.arguments, viaPython: false)
    }

    init(name: String, word: ShellWord, arguments: [ShellWord], viaPython: Bool) {
        self.name = name
        self.word = word
        self.arguments = arguments
        self.viaPython = viaPython
    }

    /// The arguments as a command of their own, so the option helpers of `ShellCommand`
    /// (`hasFlag`, `optionValue`, `positionalArguments`) apply to them.
    public var asCommand: ShellCommand {
        ShellCommand(name: word, arguments: arguments, range: word.range)
    }
}

extension DockerfileModel {
    /// The stage builds a development container (its root image is one of the VS Code /
    /// devcontainers images, `mcr.microsoft.com/devcontainers/…`,
    /// `mcr.microsoft.com/vscode/devcontainers/…`): an environment people work in through
    /// a terminal, not a service that is deployed.
    public func isDevContainer(_ stage: Stage) -> Bool {
        guard let root = stage.rootImage(in: stages) else { return false }
        return root.repository.lowercased().split(separator: "/").contains("devcontainers")
    }

    /// The container's only command is an interactive interpreter (`CMD ["python3"]`, as
    /// the official Python images have): a REPL for a terminal, not a service.
    public func startsInteractiveInterpreter(_ stage: Stage) -> Bool {
        let commands = startProcess(of: stage).commands
        guard commands.count == 1, let python = PythonInvocation(commands[0]) else { return false }
        return python.readsStandardInput && python.arguments.isEmpty
    }
}
