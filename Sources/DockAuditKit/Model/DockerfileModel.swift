/// The semantic model of one Dockerfile, built once from the syntax tree: stages and their
/// bases, the variables, USER, WORKDIR and SHELL each instruction sees, COPY/ADD operations
/// and RUN mounts. Expansion follows BuildKit (`shell/lex.go` and the dispatcher's ARG/ENV
/// scoping). Values BuildKit would take from the base image are unknown here; references to
/// them are left as written (`$HOME` stays `$HOME`).
public struct DockerfileModel: Sendable {
    public let dockerfile: Dockerfile
    /// ARGs before the first FROM, with their defaults expanded.
    public private(set) var globalArgs = VariableScope()
    public private(set) var stages: [Stage] = []
    /// One per top-level instruction.
    public private(set) var states: [InstructionState] = []
    /// COPY/ADD operations by instruction index.
    public private(set) var copies: [Int: CopyOperation] = [:]
    /// RUN mounts by instruction index.
    public private(set) var mounts: [Int: [RunMount]] = [:]
    /// The state after the last instruction of each stage (what a stage built on it, or
    /// the image, starts from).
    public private(set) var endStates: [InstructionState] = []
    /// RUN, CMD and ENTRYPOINT read as shell (with the SHELL in force), by instruction index.
    public private(set) var scripts: [Int: ShellScript] = [:]
    /// Every package install (`pip install`, `poetry install`, `uv sync`…) in RUNs, in order.
    public private(set) var packageInstalls: [PackageInstall] = []
    /// Where each RUN's installs are in `packageInstalls` (they are recorded in order).
    private var packageInstallRanges: [Int: Range<Int>] = [:]
    /// The distribution package-manager commands of each RUN, recognised once for the
    /// many rules that ask (apt, apk, dnf, zypper).
    private var systemPackageCommandsByRun: [Int: [SystemPackageCommand]] = [:]
    /// Scripts to parse at the end of `build`.
    private var pendingScripts: [PendingScript] = []

    /// The shell before any SHELL: `/bin/sh -c`, or `cmd /S /C` when a `# escape=``
    /// directive marks a Windows image (as `ShellInvocation.default(for:)` decides).
    private var defaultShell: [String] { ShellInvocation.default(for: dockerfile).words }

    public init(_ dockerfile: Dockerfile) {
        self.dockerfile = dockerfile
        build()
    }

    /// The distribution package-manager commands of the RUN at `index`, in order.
    public func systemPackageCommands(at index: Int) -> [SystemPackageCommand] {
        systemPackageCommandsByRun[index] ?? []
    }

    /// The package installs of the RUN at `index`.
    public func packageInstalls(at index: Int) -> ArraySlice<PackageInstall> {
        guard let range = packageInstallRanges[index] else { return [] }
        return packageInstalls[range]
    }

    /// The stage `docker build` builds: the last one, or the one named by `--target`.
    public func finalStage(target: String? = nil) -> Stage? {
        if let target {
            let lowered = target.lowercased()
            return stages.first { $0.name == lowered }
        }
        return stages.last
    }

    public func stage(named name: String) -> Stage? {
        let lowered = name.lowercased()
        return stages.first { $0.name == lowered }
    }

    /// The stages `stage` builds on, nearest first, itself excluded.
    public func ancestors(of stage: Stage) -> [Stage] {
        var chain: [Stage] = []
        var seen: Set<Int> = [stage.index]
        var current = stage
        while let parent = current.parent, seen.insert(parent).inserted {
            current = stages[parent]
            chain.append(current)
        }
        return chain
    }

    /// `text` expanded with the variables instruction `index` sees. Unknown variables stay
    /// as written; text BuildKit cannot expand (a bad `${…}`) comes back unchanged.
    public func expand(_ text: String, at index: Int) -> String {
        // Text with nothing the lexer would act on comes back as it is: one pass over the
        // bytes instead of a lexer run for every word a rule expands.
        let escape = dockerfile.escapeToken
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == escape }) else {
            return text
        }
        return Self.expand(text, with: states[index].variables, escapeToken: dockerfile.escapeToken)
    }

    static func expand(_ text: String, with variables: VariableScope, escapeToken: UInt8) -> String {
        var lexer = ShellLexer(escapeToken: Unicode.Scalar(escapeToken))
        lexer.skipUnsetEnv = true
        return (try? lexer.processWord(text, environment: variables).value) ?? text
    }

    // MARK: Building

    private mutating func build() {
        let instructions = dockerfile.instructions
        states.reserveCapacity(instructions.count)
        var state = InstructionState(
            stage: nil, variables: VariableScope(), user: nil, workdir: "/", workdirKnown: false,
            workdirSet: false, shell: defaultShell, shellSet: false)

        for (index, instruction) in instructions.enumerated() {
            if instruction.kind == .from {
                if state.stage != nil { endStates.append(state) }
                state = beginStage(instruction, index: index)
                states.append(state)
                continue
            }
            states.append(state)
            guard state.stage != nil else {
                if instruction.kind == .arg { declareGlobalArgs(instruction, index: index) }
                continue
            }
            apply(instruction, index: index, to: &state)
        }
        if state.stage != nil { endStates.append(state) }
        parseScripts()
        // Close the instruction ranges of the stages.
        for position in stages.indices {
            let end = position + 1 < stages.count ? stages[position + 1].fromIndex : instructions.count
            stages[position].instructionIndices = stages[position].fromIndex..<end
        }
    }

    /// A RUN, CMD or ENTRYPOINT whose shell text is parsed once the walk is done: nothing
    /// in the walk reads a script, and each one depends only on its own instruction and
    /// the shell in force there, so a big file's scripts are parsed on all cores.
    struct PendingScript: Sendable {
        var index: Int
        var shell: [String]
    }

    /// Scripts per core worth handing over; below that one core parses them all.
    static let scriptsPerParallelParse = 500

    private mutating func parseScripts() {
        let dockerfile = dockerfile
        let parse: @Sendable (PendingScript) -> ShellScript? = { pending in
            ShellScript.parse(instruction: dockerfile.instructions[pending.index], in: dockerfile, shell: ShellInvocation(pending.shell))
        }
        let parsed = pendingScripts.count >= Self.scriptsPerParallelParse
            ? pendingScripts.concurrentMap(parse) : pendingScripts.map(parse)
        for (pending, script) in zip(pendingScripts, parsed) {
            guard let script else { continue }
            let index = pending.index
            scripts[index] = script
            guard dockerfile.instructions[index].kind == .run else { continue }
            // In file order, as the rules expect `packageInstalls` to be.
            let first = packageInstalls.count
            for command in script.commands {
                if let install = PackageInstall.recognise(command, instructionIndex: index) { packageInstalls.append(install) }
            }
            if packageInstalls.count > first { packageInstallRanges[index] = first..<packageInstalls.count }
            let packageCommands = script.commands.compactMap(SystemPackageCommand.init)
            if !packageCommands.isEmpty { systemPackageCommandsByRun[index] = packageCommands }
        }
        pendingScripts = []
    }

    private mutating func declareGlobalArgs(_ instruction: Instruction, index: Int) {
        for word in instruction.words {
            let (name, defaultValue) = Self.splitArg(word.value)
            guard !name.isEmpty else { continue }
            let value = defaultValue.map { Self.expand($0, with: globalArgs, escapeToken: dockerfile.escapeToken) }
            globalArgs.set(Variable(name: name, value: value, origin: .globalArg, declaredAt: index))
        }
    }

    static func splitArg(_ text: String) -> (name: String, value: String?) {
        guard let equals = text.firstIndex(of: "=") else { return (text, nil) }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    private mutating func beginStage(_ instruction: Instruction, index: Int) -> InstructionState {
        let words = instruction.words
        let name = words.count >= 3 && words[1].value.lowercased() == "as" ? words[2].value.lowercased() : nil
        // FROM expands with the global ARGs only.
        var fromScope = globalArgs
        for automatic in VariableScope.automaticArgs where fromScope[automatic] == nil {
            fromScope.set(Variable(name: automatic, value: nil, origin: .automatic, declaredAt: nil))
        }
        let baseText = words.first.map { Self.expand($0.value, with: fromScope, escapeToken: dockerfile.escapeToken) } ?? ""
        let platform = instruction.flag(named: "platform")?.value.map {
            Self.expand($0, with: fromScope, escapeToken: dockerfile.escapeToken)
        }
        let base: StageBase
        let lowered = baseText.lowercased()
        if let parent = stages.lastIndex(where: { $0.name == lowered }) {
            base = .stage(parent)
        } else if lowered == "scratch" {
            base = .scratch
        } else if !baseText.containsBytes("$"), let reference = ImageReference(baseText) {
            base = .image(reference)
        } else {
            base = .unresolved(baseText)
        }
        let stage = Stage(
            index: stages.count, name: name, nameRange: words.count >= 3 ? words[2].range : nil, fromIndex: index,
            instructionIndices: index..<(index + 1), baseWord: words.first, baseText: baseText, base: base,
            platform: platform)
        stages.append(stage)
        if case .stage(let parent) = base, parent < endStates.count {
            var inherited = endStates[parent]
            inherited.stage = stage.index
            return inherited
        }
        return InstructionState(
            stage: stage.index, variables: VariableScope(), user: nil, workdir: "/", workdirKnown: false,
            workdirSet: false, shell: defaultShell, shellSet: false)
    }

    private mutating func apply(_ instruction: Instruction, index: Int, to state: inout InstructionState) {
        let escape = dockerfile.escapeToken
        switch instruction.kind {
        case .arg:
            for word in instruction.words {
                let (name, defaultValue) = Self.splitArg(word.value)
                guard !name.isEmpty else { continue }
                if let defaultValue {
                    let value = Self.expand(defaultValue, with: state.variables, escapeToken: escape)
                    state.variables.set(Variable(name: name, value: value, origin: .arg, declaredAt: index))
                } else if let global = globalArgs[name] {
                    state.variables.set(Variable(name: name, value: global.value, origin: .arg, declaredAt: index))
                } else {
                    let automatic = VariableScope.automaticArgs.contains(name)
                    state.variables.set(Variable(name: name, value: nil, origin: automatic ? .automatic : .arg, declaredAt: index))
                }
            }
        case .env:
            guard case .keyValues(let pairs) = instruction.arguments else { return }
            // Every pair of one ENV sees the variables from before the instruction.
            let before = state.variables
            for pair in pairs {
                let key = Self.expand(pair.key.value, with: before, escapeToken: escape)
                let value = Self.expand(pair.value.value, with: before, escapeToken: escape)
                guard !key.isEmpty else { continue }
                state.variables.set(Variable(name: key, value: value, origin: .env, declaredAt: index))
            }
        case .user:
            if let word = instruction.words.first {
                state.user = Self.expand(word.value, with: state.variables, escapeToken: escape)
            }
        case .workdir:
            guard let word = instruction.words.first else { return }
            let path = Self.expand(word.value, with: state.variables, escapeToken: escape)
            state.workdirSet = true
            if path.hasPrefix("/") {
                state.workdir = PathText.clean(path)
                state.workdirKnown = true
            } else {
                state.workdir = PathText.clean(state.workdir + "/" + path)
            }
        case .shell:
            if instruction.isJSONForm, !instruction.words.isEmpty {
                state.shell = instruction.words.map(\.value)
                state.shellSet = true
            }
        case .copy, .add:
            copies[index] = copyOperation(instruction, index: index, state: state)
        case .run:
            let runMounts = instruction.flags.filter { $0.name == "mount" }.map(RunMount.init(flag:))
            if !runMounts.isEmpty { mounts[index] = runMounts }
            pendingScripts.append(PendingScript(index: index, shell: state.shell))
        case .cmd, .entrypoint:
            pendingScripts.append(PendingScript(index: index, shell: state.shell))
        default:
            break
        }
    }

    private func copyOperation(_ instruction: Instruction, index: Int, state: InstructionState) -> CopyOperation {
        let escape = dockerfile.escapeToken
        let isAdd = instruction.kind == .add
        var origin = CopyOrigin.context
        if let from = instruction.flag(named: "from")?.value {
            if let stage = stages.lastIndex(where: { $0.name == from.lowercased() }) {
                origin = .stage(stage)
            } else if let number = Int(from), number >= 0, number < stages.count {
                origin = .stage(number)
            } else if let reference = ImageReference(from) {
                origin = .image(reference)
            } else {
                origin = .unresolved(from)
            }
        }
        let words = instruction.words
        let heredocNames = Set(instruction.heredocs.map(\.name))
        var sources: [CopySource] = []
        for word in words.dropLast() {
            if !instruction.isJSONForm, let marker = try? HeredocMarkers.parse(word.value), heredocNames.contains(marker.name) {
                sources.append(CopySource(kind: .heredoc, value: marker.name, word: word))
                continue
            }
            let value = Self.expand(word.value, with: state.variables, escapeToken: escape)
            let lowered = value.lowercased()
            if isAdd, lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("git@")
                || lowered.hasPrefix("git://") || lowered.containsBytes(".git#")
            {
                sources.append(CopySource(kind: .url, value: value, word: word))
                continue
            }
            sources.append(CopySource(kind: .path, value: PathText.cleanRelative(value), word: word))
        }
        let destinationWord = words.count >= 2 ? words.last : nil
        let destination = destinationWord.map { Self.expand($0.value, with: state.variables, escapeToken: escape) } ?? ""
        var resolved = destination
        if !destination.hasPrefix("/") {
            resolved = state.workdir + (state.workdir.hasSuffix("/") ? "" : "/") + destination
        }
        let keepsSlash = destination.hasSuffix("/") || destination == "." || destination.hasSuffix("/.")
        resolved = PathText.clean(resolved) + (keepsSlash && PathText.clean(resolved) != "/" ? "/" : "")
        return CopyOperation(
            instructionIndex: index, isAdd: isAdd, origin: origin, sources: sources, destination: destination,
            destinationWord: destinationWord, resolvedDestination: resolved)
    }
}

/// Slash-separated path text, cleaned like Go's `path.Clean`.
public enum PathText {
    public static func clean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// A context-relative source path: cleaned, without a leading `/` or `./`.
    public static func cleanRelative(_ path: String) -> String {
        var cleaned = clean(path)
        while cleaned.hasPrefix("/") { cleaned.removeFirst() }
        return cleaned.isEmpty ? "." : cleaned
    }
}
