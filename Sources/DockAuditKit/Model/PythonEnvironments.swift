/// A virtual environment a stage creates, and where.
public struct CreatedVirtualEnvironment: Sendable, Hashable {
    /// Absolute, cleaned.
    public var path: String
    /// The instruction that creates it (a RUN) or names it (an ENV).
    public var instructionIndex: Int
    /// The Python it was made with when the command names one (`python3.11 -m venv`,
    /// `uv venv --python 3.11`); nil when it is the stage's default Python.
    public var pythonVersion: String?
}

extension DockerfileModel {
    /// The Python major.minor of the image `stage` starts from, read from the base tag:
    /// `3.12` for `python:3.12-slim`, `pypy:3.10`, `ghcr.io/astral-sh/uv:python3.12-bookworm`;
    /// nil when the image is not a Python image or its tag names no version.
    public func pythonVersion(of stage: Stage) -> String? {
        guard let root = stage.rootImage(in: stages), let tag = root.tag else { return nil }
        let name = root.name
        if name == "python" || name == "pypy" { return EndOfLife.pythonVersion(ofTag: tag) }
        if root.normalizedRepository == "astral-sh/uv", tag.lowercased().hasPrefix("python") {
            return EndOfLife.pythonVersion(ofTag: String(tag.dropFirst("python".count)))
        }
        return nil
    }

    /// Virtual environments created in `stage` and the stages it builds on: by
    /// `python -m venv PATH`, `virtualenv PATH`, `uv venv [PATH]`, `uv sync` (`.venv` or
    /// `UV_PROJECT_ENVIRONMENT`), `poetry install` / `pipenv install` with in-project
    /// environments, or named by `ENV VIRTUAL_ENV`.
    public func virtualEnvironments(createdIn stage: Stage) -> [CreatedVirtualEnvironment] {
        var found: [CreatedVirtualEnvironment] = []
        for member in ([stage] + ancestors(of: stage)).reversed() {
            for index in member.instructionIndices {
                switch dockerfile.instructions[index].kind {
                case .run:
                    for command in scripts[index]?.commands ?? [] {
                        found += virtualEnvironments(createdBy: command, at: index)
                    }
                case .env:
                    let after = index + 1 < states.count && states[index + 1].stage == member.index
                        ? states[index + 1].variables : endStates[member.index].variables
                    if let value = after.value(of: "VIRTUAL_ENV"), after["VIRTUAL_ENV"]?.declaredAt == index,
                        value.hasPrefix("/"), !value.containsBytes("$")
                    {
                        found.append(CreatedVirtualEnvironment(path: PathText.clean(value), instructionIndex: index, pythonVersion: nil))
                    }
                default:
                    break
                }
            }
        }
        // One entry per path; the interpreter named by any of its creations wins.
        var result: [CreatedVirtualEnvironment] = []
        for environment in found {
            if let position = result.firstIndex(where: { $0.path == environment.path }) {
                if result[position].pythonVersion == nil { result[position].pythonVersion = environment.pythonVersion }
            } else {
                result.append(environment)
            }
        }
        return result
    }

    private func virtualEnvironments(createdBy command: ShellCommand, at index: Int) -> [CreatedVirtualEnvironment] {
        let name = command.commandName
        let words = command.arguments
        var version = Self.versionSuffix(of: name)
        var targets: [ShellWord] = []
        var defaultTarget: String?
        func optionVersion(_ value: String?) -> String? {
            guard let value else { return nil }
            let text = value.hasPrefix("python") ? String(value.dropFirst("python".count)) : value
            return EndOfLife.pythonVersion(ofTag: ShellCommand.baseName(text))
        }
        if PackageInstall.isPython(name) {
            guard let module = words.firstIndex(where: { $0.value == "-m" }), module + 1 < words.count,
                ["venv", "virtualenv"].contains(words[module + 1].value)
            else { return [] }
            let rest = ShellCommand(name: words[module + 1], arguments: Array(words[(module + 2)...]), range: command.range)
            targets = rest.positionalArguments(skipping: ["p", "python", "prompt"])
            if words[module + 1].value == "virtualenv", let python = rest.optionValue("p", "python") {
                version = optionVersion(python)
            }
        } else if name == "virtualenv" {
            targets = command.positionalArguments(skipping: ["p", "python", "prompt", "activators", "discovery", "creator", "seeder"])
            if let python = command.optionValue("p", "python") { version = optionVersion(python) }
        } else if name == "uv", let first = words.first {
            var variables = states[index].variables
            for assignment in command.assignments {
                variables.set(Variable(name: assignment.name, value: assignment.value.value, origin: .env, declaredAt: index))
            }
            if first.value == "venv" {
                let rest = ShellCommand(name: first, arguments: Array(words.dropFirst()), range: command.range)
                targets = rest.positionalArguments(skipping: ["p", "python", "prompt", "index-url", "extra-index-url", "seed"])
                defaultTarget = ".venv"
                if let python = rest.optionValue("p", "python") ?? variables.value(of: "UV_PYTHON") { version = optionVersion(python) }
            } else if first.value == "sync" {
                defaultTarget = variables.value(of: "UV_PROJECT_ENVIRONMENT") ?? ".venv"
                if let python = command.optionValue("p", "python") ?? variables.value(of: "UV_PYTHON") { version = optionVersion(python) }
            }
        } else if name == "poetry", PackageInstall.firstSubcommand(words, "install") != nil {
            let value = (command.assignments.last { $0.name == "POETRY_VIRTUALENVS_IN_PROJECT" }?.value.value
                ?? states[index].variables.value(of: "POETRY_VIRTUALENVS_IN_PROJECT"))?.lowercased()
            guard value == "true" || value == "1" else { return [] }
            defaultTarget = ".venv"
        } else if name == "pipenv", PackageInstall.firstSubcommand(words, "install") != nil || PackageInstall.firstSubcommand(words, "sync") != nil {
            let value = (command.assignments.last { $0.name == "PIPENV_VENV_IN_PROJECT" }?.value.value
                ?? states[index].variables.value(of: "PIPENV_VENV_IN_PROJECT"))?.lowercased()
            guard let value, !value.isEmpty, value != "0", value != "false" else { return [] }
            defaultTarget = ".venv"
        } else {
            return []
        }
        var paths = targets.map { expand($0.raw, at: index) }
        if paths.isEmpty, let defaultTarget { paths = [defaultTarget] }
        return paths.compactMap { path in
            guard !path.containsBytes("$"), !path.isEmpty else { return nil }
            let absolute: String
            if path.hasPrefix("/") {
                absolute = PathText.clean(path)
            } else if let directory = workingDirectory(of: command, at: index) {
                absolute = PathText.clean(directory + "/" + path)
            } else {
                return nil
            }
            return CreatedVirtualEnvironment(path: absolute, instructionIndex: index, pythonVersion: version)
        }
    }

    /// `3.11` for `python3.11`; nil for `python3` or `python`.
    static func versionSuffix(of name: String) -> String? {
        for prefix in ["python", "pypy"] where name.hasPrefix(prefix) {
            return EndOfLife.pythonVersion(ofTag: String(name.dropFirst(prefix.count)))
        }
        return nil
    }
}
