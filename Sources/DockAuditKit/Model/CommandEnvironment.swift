/// What one command of a RUN sees: its environment, its working directory, and where a
/// file it reads was put into the image. Shared by the pip rules (cache, hashes, PEP 668)
/// and the rules that check that an install file was copied.
extension DockerfileModel {
    /// The commands of the RUN at `index` that come before `command` in the script.
    public func commands(before command: ShellCommand, at index: Int) -> [ShellCommand] {
        guard let script = scripts[index] else { return [] }
        return script.commands.filter { $0.range.start.offset < command.range.start.offset }
    }

    /// The value of the environment variable `name` for `command`: an inline assignment
    /// (`NAME=v cmd`, `env NAME=v cmd`), else an earlier `export NAME=v` in the same RUN,
    /// else the ENV or ARG in force (ARG values are in the environment of RUN). nil when
    /// unset.
    public func environmentValue(_ name: String, for command: ShellCommand, at index: Int) -> String? {
        if let inline = command.assignments.last(where: { $0.name == name }) { return inline.value.value }
        for earlier in commands(before: command, at: index).reversed() where earlier.commandName == "export" {
            if let exported = earlier.assignments.last(where: { $0.name == name }) { return exported.value.value }
        }
        guard index < states.count else { return nil }
        return states[index].variables.value(of: name)
    }

    /// The absolute path `path` names for `command`: resolved against the WORKDIR in
    /// force and any `cd` earlier in the same RUN. nil when that cannot be known (`cd`
    /// to a variable or to `~`, a path with a variable left unexpanded).
    public func absolutePath(_ path: String, for command: ShellCommand, at index: Int) -> String? {
        let expanded = path.containsBytes("$") ? expand(path, at: index) : path
        guard !expanded.containsBytes("$"), !expanded.hasPrefix("~"), !expanded.isEmpty else { return nil }
        if expanded.hasPrefix("/") { return PathText.clean(expanded) }
        guard index < states.count,
            let directory = directory(of: command, at: index, startingFrom: states[index].workdir)
        else { return nil }
        return PathText.clean(directory + "/" + expanded)
    }

    /// The directory `command` runs in, starting from `start` (the RUN's working
    /// directory) and following `cd`/`pushd` commands before it in the same RUN. A `cd` in
    /// a subshell (that `command` is not in) or in a command substitution does not move
    /// it. nil when unknown: a `cd` to a variable, to `~`, to `-`, or a `popd`.
    func directory(of command: ShellCommand, at index: Int, startingFrom start: String) -> String? {
        var directory = start
        for earlier in commands(before: command, at: index) {
            switch earlier.commandName {
            case "cd", "pushd":
                if (earlier.context.inSubshell && !command.context.inSubshell) || earlier.context.inCommandSubstitution { continue }
                guard let target = earlier.positionalArguments().first?.value else { return nil }
                let value = target.containsBytes("$") ? expand(target, at: index) : target
                if value.containsBytes("$") || value.hasPrefix("~") || value == "-" { return nil }
                directory = PathText.clean(value.hasPrefix("/") ? value : directory + "/" + value)
            case "popd":
                return nil
            default:
                break
            }
        }
        return directory
    }

    /// The build-context path of the file found at absolute path `path` when instruction
    /// `index` runs: through a bind mount of the context on that RUN, or the last COPY/ADD
    /// from the context (in this stage or a stage it builds on) that put it there. nil
    /// when it cannot be traced: copied from another stage or image, written by a command
    /// (`poetry export -o requirements.txt`, `> requirements.txt`), or not in the context.
    /// `command`, when given, is the command that reads the file: commands before it in
    /// the same RUN may have written it.
    public func contextPath(ofFile path: String, at index: Int, reading command: ShellCommand? = nil, in buildContext: BuildContext) -> String? {
        let target = PathText.clean(path)
        guard index < states.count, let stageIndex = states[index].stage else { return nil }
        let name = ShellCommand.baseName(target)
        if let command, commands(before: command, at: index).contains(where: { Self.writes(name, $0) }) { return nil }

        for mount in mounts[index] ?? [] where mount.type == "bind" {
            guard let mountTarget = mount.target else { continue }
            let expandedTarget = expand(mountTarget, at: index)
            let absoluteTarget = PathText.clean(expandedTarget.hasPrefix("/") ? expandedTarget : states[index].workdir + "/" + expandedTarget)
            guard let rest = Self.remainder(of: target, under: absoluteTarget) else { continue }
            // A bind mount from another stage or image does not read the context.
            guard mount.from == nil else { return nil }
            let source = expand(mount.source ?? ".", at: index)
            let candidate = PathText.cleanRelative(rest.isEmpty ? source : source + "/" + rest)
            return buildContext.isFile(candidate) ? candidate : nil
        }

        let chain = [stages[stageIndex]] + ancestors(of: stages[stageIndex])
        for stage in chain {
            for position in stage.instructionIndices.reversed() where position < index {
                if let copy = copies[position] {
                    switch Self.landing(of: target, in: copy, buildContext: buildContext) {
                    case .found(let source): return source
                    case .blocked: return nil
                    case .notCovered: continue
                    }
                }
                if let script = scripts[position], dockerfile.instructions[position].kind == .run,
                    script.commands.contains(where: { Self.writes(name, $0) })
                {
                    return nil
                }
            }
        }
        return nil
    }

    enum Landing {
        case found(String)
        /// The COPY puts something there that is not a context file we can read.
        case blocked
        case notCovered
    }

    /// What `copy` puts at `target`.
    static func landing(of target: String, in copy: CopyOperation, buildContext: BuildContext) -> Landing {
        let destination = copy.resolvedDestination
        let folder = destination.hasSuffix("/") ? String(destination.dropLast()) : destination
        let intoFolder = destination.hasSuffix("/") || copy.sources.count > 1
        guard copy.origin == .context else {
            return remainder(of: target, under: folder) != nil ? .blocked : .notCovered
        }
        for source in copy.sources {
            switch source.kind {
            case .heredoc, .url:
                let landsAt = intoFolder ? PathText.clean(folder + "/" + ShellCommand.baseName(source.value)) : folder
                if landsAt == target || source.kind == .url && remainder(of: target, under: folder) != nil { return .blocked }
            case .path:
                if source.value.containsBytes("$") {
                    if remainder(of: target, under: folder) != nil { return .blocked }
                    continue
                }
                let matches = buildContext.expandSource(source.value)
                let isGlob = source.value.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
                for match in matches {
                    if buildContext.isDirectory(match) {
                        // A folder's contents are copied into the destination.
                        guard let rest = remainder(of: target, under: folder), !rest.isEmpty else { continue }
                        let candidate = match == "." ? rest : match + "/" + rest
                        if buildContext.isFile(candidate) { return .found(candidate) }
                    } else {
                        let landsAt = intoFolder || isGlob ? PathText.clean(folder + "/" + ShellCommand.baseName(match)) : folder
                        if landsAt == target { return .found(match) }
                    }
                }
            }
        }
        return .notCovered
    }

    /// The part of `path` below `folder` ("" when they are equal); nil when it is not inside.
    static func remainder(of path: String, under folder: String) -> String? {
        if path == folder { return "" }
        if folder == "/" { return String(path.dropFirst()) }
        guard path.hasPrefix(folder + "/") else { return nil }
        return String(path.dropFirst(folder.count + 1))
    }

    /// Programs that only read or inspect the files they are given.
    static let readOnlyPrograms: Set<String> = [
        "cat", "ls", "test", "[", "head", "tail", "grep", "wc", "diff", "sha256sum", "md5sum", "echo", "printf", "stat",
        "sed", "awk", "sort", "less", "file",
    ]

    /// Whether `command` looks like it writes a file named `name`: a redirection to it,
    /// or a program that is not a plain reader given it as an argument (`-o
    /// requirements.txt`, `cp x requirements.txt`, `poetry export … > requirements.txt`).
    static func writes(_ name: String, _ command: ShellCommand) -> Bool {
        for redirection in command.redirections where redirection.op.hasPrefix(">") {
            if let file = redirection.target?.value, ShellCommand.baseName(file) == name { return true }
        }
        if readOnlyPrograms.contains(command.commandName) || PackageInstall.isPip(command.commandName)
            || PackageInstall.isPython(command.commandName) || command.commandName == "uv" && command.arguments.first?.value == "pip"
            && command.arguments.dropFirst().first?.value == "install"
        {
            return false
        }
        return command.arguments.contains { word in
            let value = word.value.hasPrefix("-") && word.value.containsBytes("=") ? String(word.value.split(separator: "=", maxSplits: 1)[1]) : word.value
            return ShellCommand.baseName(value) == name
        }
    }
}

/// One package a pip-style install names on its command line.
public struct InstalledPackage: Sendable {
    public var word: ShellWord
    /// The word with the build's ARG/ENV values filled in.
    public var text: String
    /// nil when pip would not read it as a requirement, or a variable is left unknown.
    public var requirement: PythonRequirement?
    /// The version comes from a variable (`poetry==$POETRY_VERSION`): pinned by whoever sets it.
    public var isPinnedByVariable: Bool

    public var isPinned: Bool { isPinnedByVariable || (requirement?.isPinned ?? false) }
    public var normalizedName: String? { requirement?.normalizedName }
}

extension PackageInstall {
    /// Python tools that install other packages (DA616 reports them unpinned; DA604
    /// leaves them to it).
    public static let pythonTools: Set<String> = ["poetry", "pipenv", "pipx", "uv", "pdm", "hatch", "pip-tools"]

    /// The installer's own packaging toolchain, upgraded in almost every Python image
    /// (`pip install -U pip setuptools wheel`).
    public static let packagingToolchain: Set<String> = ["pip", "setuptools", "wheel"]

    /// The packages named on the command line (and `-e` targets), for pip, `uv pip` and
    /// pipx (`--spec` replaces the package for pipx).
    public func namedPackages(model: DockerfileModel) -> [InstalledPackage] {
        var words: [(ShellWord, Bool)] = packages.map { ($0, false) } + editables.map { ($0, true) }
        if tool == .pipx {
            let specs = optionValues("spec")
            if !specs.isEmpty { words = specs.map { ($0, false) } }
        }
        return words.map { word, editable in
            let text = word.value.containsBytes("$") ? model.expand(word.value, at: instructionIndex) : word.value
            if text.containsBytes("$") {
                let byVariable = text.containsBytes("==") && !text.hasPrefix("$")
                return InstalledPackage(word: word, text: text, requirement: byVariable ? try? PythonRequirement.parse(String(text.prefix { $0 != "=" })) : nil, isPinnedByVariable: byVariable)
            }
            return InstalledPackage(word: word, text: text, requirement: try? PythonRequirement.parse(text, editable: editable), isPinnedByVariable: false)
        }
    }

    /// Versions are limited by a constraints file (`-c`, `PIP_CONSTRAINT`, uv's
    /// `--constraint`/`--override`/`UV_CONSTRAINT`).
    public func isConstrained(model: DockerfileModel) -> Bool {
        if !constraintFiles.isEmpty || hasOption("override") { return true }
        for name in ["PIP_CONSTRAINT", "UV_CONSTRAINT", "UV_OVERRIDE"] {
            if let value = model.environmentValue(name, for: command, at: instructionIndex), !value.isEmpty { return true }
        }
        return false
    }
}

/// A requirements file an install reads with `-r`, traced back to the build context.
public struct TracedRequirements: Sendable {
    /// The `-r` value word in the RUN.
    public var word: ShellWord
    /// Context-relative path of the file.
    public var path: String
    public var set: RequirementSet
}

extension DockerfileModel {
    /// The `-r` files of a pip or `uv pip` install that can be traced to the build
    /// context (see `contextPath(ofFile:at:reading:in:)`); the others are left out.
    public func tracedRequirements(of install: PackageInstall, in buildContext: BuildContext) -> [TracedRequirements] {
        guard install.tool == .pip || install.tool == .uvPip else { return [] }
        return install.requirementFiles.compactMap { word in
            guard PythonRequirement.urlScheme(of: word.value) == nil,
                let absolute = absolutePath(word.value, for: install.command, at: install.instructionIndex),
                let path = contextPath(ofFile: absolute, at: install.instructionIndex, reading: install.command, in: buildContext)
            else { return nil }
            return TracedRequirements(word: word, path: path, set: buildContext.requirements(path))
        }
    }

    /// The `-c` files of an install traced to the context; nil when one of them cannot be
    /// traced (then what it pins is unknown).
    public func tracedConstraints(of install: PackageInstall, in buildContext: BuildContext) -> [RequirementSet]? {
        var sets: [RequirementSet] = []
        for word in install.constraintFiles {
            guard let absolute = absolutePath(word.value, for: install.command, at: install.instructionIndex),
                let path = contextPath(ofFile: absolute, at: install.instructionIndex, reading: install.command, in: buildContext)
            else { return nil }
            sets.append(buildContext.requirements(path))
        }
        return sets
    }
}
