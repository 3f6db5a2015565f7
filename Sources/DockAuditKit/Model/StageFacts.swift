/// What a container started from a stage runs: its ENTRYPOINT and CMD, as Docker combines
/// them (exec-form ENTRYPOINT + CMD become one command line).
public struct StartProcess: Sendable {
    /// The ENTRYPOINT and CMD in force, by instruction index (nil when unset).
    public var entrypointIndex: Int?
    public var cmdIndex: Int?
    /// The commands the container runs, in order. When both are exec form and the
    /// entrypoint is not a process wrapper (`tini`, `dumb-init`, an entrypoint script),
    /// CMD's words are arguments of the entrypoint's command.
    public var commands: [ShellCommand]

    /// Programs that start the command given after them.
    static let processWrappers: Set<String> = ["tini", "tini-static", "dumb-init", "gosu", "su-exec", "catatonit"]
}

extension DockerfileModel {
    /// ENTRYPOINT and CMD in force at the end of `stage`: the last of each in the stage
    /// chain. An ENTRYPOINT clears a CMD inherited from a parent stage, as Docker does.
    public func startProcess(of stage: Stage) -> StartProcess {
        var entrypoint: Int?
        var cmd: Int?
        // In build order, as BuildKit dispatches: an ENTRYPOINT resets a CMD that was not
        // set earlier in the same stage.
        for candidate in ([stage] + ancestors(of: stage)).reversed() {
            var cmdSetInStage = false
            for index in candidate.instructionIndices {
                switch dockerfile.instructions[index].kind {
                case .cmd:
                    cmd = index
                    cmdSetInStage = true
                case .entrypoint:
                    entrypoint = index
                    if !cmdSetInStage { cmd = nil }
                default:
                    break
                }
            }
        }
        var commands: [ShellCommand] = []
        let entryCommands = entrypoint.flatMap { scripts[$0]?.commands } ?? []
        let cmdCommands = cmd.flatMap { scripts[$0]?.commands } ?? []
        if let entrypoint, let cmd, dockerfile.instructions[entrypoint].isJSONForm, dockerfile.instructions[cmd].isJSONForm,
            var last = entryCommands.last, !isWrapper(last)
        {
            last.arguments += dockerfile.instructions[cmd].words.map { word in
                ShellWord(value: word.value, raw: word.value, isLiteral: true, isQuoted: true, range: word.range)
            }
            commands = entryCommands.dropLast() + [last]
        } else {
            commands = entryCommands + cmdCommands
        }
        return StartProcess(entrypointIndex: entrypoint, cmdIndex: cmd, commands: commands)
    }

    private func isWrapper(_ command: ShellCommand) -> Bool {
        let name = command.commandName
        return StartProcess.processWrappers.contains(name) || name.hasSuffix(".sh") || name.containsBytes("entrypoint")
    }

    /// Package installs in `stage` and the stages it builds on.
    public func packageInstalls(in stage: Stage) -> [PackageInstall] {
        let chain = Set(([stage] + ancestors(of: stage)).map(\.index))
        return packageInstalls.filter { install in states[install.instructionIndex].stage.map(chain.contains) ?? false }
    }

    /// Whether the stage installs Python packages (itself or through a stage it builds on).
    public func installsPythonPackages(_ stage: Stage) -> Bool {
        !packageInstalls(in: stage).isEmpty
    }

    /// Programs whose start means Python is running.
    static let pythonPrograms: Set<String> = ["gunicorn", "uvicorn", "celery", "daphne", "hypercorn", "flask", "django-admin"]

    /// DESIGN.md's "runs Python": the base image is `python`/`pypy`, or the stage (or one
    /// it builds on) installs Python packages, or its CMD/ENTRYPOINT starts `python`,
    /// `gunicorn`, `uvicorn`, `celery`, `daphne`, `hypercorn`, `flask` or `django-admin`.
    public func runsPython(_ stage: Stage) -> Bool {
        if let root = stage.rootImage(in: stages), root.name == "python" || root.name == "pypy" { return true }
        if installsPythonPackages(stage) { return true }
        return startProcess(of: stage).commands.contains { command in
            let name = command.commandName
            return PackageInstall.isPython(name) || Self.pythonPrograms.contains(name)
        }
    }
}
