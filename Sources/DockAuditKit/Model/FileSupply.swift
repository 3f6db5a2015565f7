/// Whether a file is in a stage's filesystem when an instruction runs, as far as the
/// Dockerfile tells: which COPY/ADD or bind mount put it there, which copies from the
/// context put it there if the context holds it, and whether something the model cannot
/// see through (a RUN that downloads or generates files, a COPY from another stage into
/// a parent folder, a custom base image, unresolved variables) may have.
public struct FileSupply: Sendable {
    /// An instruction that puts the file at the path: a COPY/ADD naming it (or a heredoc),
    /// a bind mount of the RUN; `contextPath` is the context file it comes from, if known.
    public struct Provider: Sendable, Hashable {
        public var instructionIndex: Int
        public var contextPath: String?
    }

    public var providers: [Provider] = []
    /// Copies of the whole context or of a context folder that put the file at the path
    /// when the context holds `contextPath`.
    public var contextCandidates: [Provider] = []
    /// Something the model cannot read may have put the file there.
    public var isUncertain = false

    /// Named by a COPY/ADD or a mount, or carried by a copy of a context folder.
    public var isProvided: Bool { !providers.isEmpty || !contextCandidates.isEmpty }
    /// Certainly not there: nothing put it there and nothing may have.
    public var isMissing: Bool { !isProvided && !isUncertain }

    mutating func merge(_ other: FileSupply) {
        providers += other.providers
        contextCandidates += other.contextCandidates
        isUncertain = isUncertain || other.isUncertain
    }
}

extension DockerfileModel {
    /// Official images known to have `/` as their working directory and no project files.
    static let plainBaseImages: Set<String> = [
        "library/python", "library/pypy", "library/debian", "library/ubuntu", "library/alpine", "library/fedora",
        "library/centos", "library/rockylinux", "library/almalinux", "library/amazonlinux", "library/oraclelinux",
        "library/buildpack-deps", "library/busybox", "library/archlinux", "astral-sh/uv",
    ]

    /// Whether the stage chain of `stage` starts from an image whose filesystem is known:
    /// an official Docker Hub image (not an `onbuild` variant, which copies the context),
    /// the uv image, or scratch.
    public func startsFromKnownImage(_ stage: Stage) -> Bool {
        var current = stage
        var seen: Set<Int> = [stage.index]
        while true {
            switch current.base {
            case .scratch: return true
            case .unresolved: return false
            case .stage(let parent):
                guard seen.insert(parent).inserted else { return false }
                current = stages[parent]
            case .image(let reference):
                let repository = reference.normalizedRepository
                guard repository.hasPrefix("library/") || repository == "astral-sh/uv" else { return false }
                return !(reference.tag?.lowercased().containsBytes("onbuild") ?? false)
            }
        }
    }

    /// The working directory instruction `index` runs in, when it is known: set by an
    /// absolute WORKDIR, or relative to `/` on a plain base image (`python`, `debian` …).
    public func knownWorkingDirectory(at index: Int) -> String? {
        let state = states[index]
        if state.workdirKnown { return state.workdir.containsBytes("$") ? nil : state.workdir }
        guard let stageIndex = state.stage else { return nil }
        var stage = stages[stageIndex]
        var seen: Set<Int> = [stageIndex]
        while case .stage(let parent) = stage.base, seen.insert(parent).inserted { stage = stages[parent] }
        guard case .image(let reference) = stage.base, Self.plainBaseImages.contains(reference.normalizedRepository) else {
            return stage.base == .scratch && !state.workdir.containsBytes("$") ? state.workdir : nil
        }
        return state.workdir.containsBytes("$") ? nil : state.workdir
    }

    /// The directory `command` runs in: the RUN's working directory, changed by `cd`
    /// commands before it in the same RUN; nil when unknown.
    public func workingDirectory(of command: ShellCommand, at index: Int) -> String? {
        knownWorkingDirectory(at: index).flatMap { directory(of: command, at: index, startingFrom: $0) }
    }

    /// Programs that fetch, unpack, move or generate files: a file may come from them.
    static let fileMakers: Set<String> = [
        "git", "tar", "unzip", "bsdtar", "7z", "cp", "mv", "rsync", "ln", "install", "svn", "hg", "gsutil", "aws",
        "scp", "cookiecutter", "make", "gunzip", "bunzip2", "unxz",
    ]

    /// Whether `command` may create `path` (by name) or files in general.
    func mayCreate(_ path: String, _ command: ShellCommand) -> Bool {
        let name = command.commandName
        if Self.fileMakers.contains(name) || name.hasSuffix(".sh") || name.hasSuffix(".py") { return true }
        let words = command.arguments.map(\.value).filter { !$0.hasPrefix("-") }
        if ["poetry", "uv", "pdm", "pipenv", "hatch", "rye"].contains(name),
            let subcommand = words.first, ["new", "init", "export", "lock"].contains(subcommand)
        {
            return true
        }
        let base = ShellCommand.baseName(path)
        if command.arguments.contains(where: { $0.value.contains(base) }) { return true }
        return command.redirections.contains { redirection in
            guard redirection.op.containsBytes(">"), redirection.op != ">&", let target = redirection.target else { return false }
            return !target.isLiteral || target.value.contains(base)
        }
    }

    /// What puts the file at absolute `path` before instruction `index` (a RUN) runs, and
    /// before `command` within it when given.
    public func supply(ofFile path: String, at index: Int, before command: ShellCommand? = nil) -> FileSupply {
        var supply = FileSupply()
        let path = PathText.clean(path)
        // Bind mounts of this RUN.
        for mount in mounts[index] ?? [] where mount.type == "bind" {
            supply.merge(mountSupply(mount, path: path, at: index))
        }
        if let command {
            for earlier in scripts[index]?.commands ?? [] where earlier.range.start.offset < command.range.start.offset {
                if mayCreate(path, earlier) { supply.isUncertain = true }
            }
        }
        guard let stageIndex = states[index].stage else { return supply }
        let stage = stages[stageIndex]
        var indices: [Int] = Array((stage.instructionIndices.lowerBound..<index).reversed())
        for ancestor in ancestors(of: stage) { indices += Array(ancestor.instructionIndices.reversed()) }
        for earlier in indices {
            switch dockerfile.instructions[earlier].kind {
            case .copy, .add:
                if let copy = copies[earlier] { supply.merge(copySupply(copy, path: path)) }
            case .run:
                for runCommand in scripts[earlier]?.commands ?? [] where mayCreate(path, runCommand) {
                    supply.isUncertain = true
                }
            case .onbuild:
                supply.isUncertain = true
            default:
                break
            }
        }
        if !startsFromKnownImage(stage) { supply.isUncertain = true }
        return supply
    }

    private func mountSupply(_ mount: RunMount, path: String, at index: Int) -> FileSupply {
        var supply = FileSupply()
        guard let rawTarget = mount.target else { return supply }
        let target = expand(rawTarget, at: index)
        guard !target.containsBytes("$") else {
            supply.isUncertain = true
            return supply
        }
        let absoluteTarget: String
        if target.hasPrefix("/") {
            absoluteTarget = PathText.clean(target)
        } else if let directory = knownWorkingDirectory(at: index) {
            absoluteTarget = PathText.clean(directory + "/" + target)
        } else {
            supply.isUncertain = true
            return supply
        }
        guard let relative = Self.relativePath(path, under: absoluteTarget) else { return supply }
        let source = mount.source.map { PathText.cleanRelative(expand($0, at: index)) } ?? "."
        if mount.from != nil {
            supply.isUncertain = true
        } else if relative == "." {
            supply.providers.append(.init(instructionIndex: index, contextPath: source))
        } else {
            let contextPath = source == "." ? relative : source + "/" + relative
            supply.contextCandidates.append(.init(instructionIndex: index, contextPath: contextPath))
        }
        return supply
    }

    private func copySupply(_ copy: CopyOperation, path: String) -> FileSupply {
        var supply = FileSupply()
        let destination = copy.resolvedDestination
        guard !destination.containsBytes("$") else {
            supply.isUncertain = true
            return supply
        }
        let destinationPath = PathText.clean(destination)
        let intoFolder = destination.hasSuffix("/") || copy.sources.count > 1
        let base = ShellCommand.baseName(path)
        let parent = PathText.clean(path + "/..")
        for source in copy.sources {
            switch source.kind {
            case .heredoc:
                if (!intoFolder && path == destinationPath) || (parent == destinationPath && base == source.value) {
                    supply.providers.append(.init(instructionIndex: copy.instructionIndex, contextPath: nil))
                }
            case .url:
                if path == destinationPath || parent == destinationPath { supply.isUncertain = true }
            case .path:
                let value = source.value
                guard !value.containsBytes("$") else {
                    supply.isUncertain = true
                    continue
                }
                let relative = Self.relativePath(path, under: destinationPath)
                guard copy.origin == .context else {
                    // Another stage or image: its contents are not known here.
                    if relative != nil { supply.isUncertain = true }
                    continue
                }
                if value == "." || value == "*" {
                    if let relative, relative != "." {
                        supply.contextCandidates.append(.init(instructionIndex: copy.instructionIndex, contextPath: relative))
                    }
                    continue
                }
                let sourceBase = ShellCommand.baseName(value)
                if value.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                    if parent == destinationPath, GoGlob.match(sourceBase, base) == true {
                        let folder = PathText.clean(value + "/..")
                        supply.providers.append(.init(
                            instructionIndex: copy.instructionIndex, contextPath: folder == "." ? base : folder + "/" + base))
                    } else if relative != nil, relative != "." {
                        supply.isUncertain = true
                    }
                    continue
                }
                if !intoFolder, path == destinationPath {
                    supply.providers.append(.init(instructionIndex: copy.instructionIndex, contextPath: value))
                } else if parent == destinationPath, base == sourceBase {
                    supply.providers.append(.init(instructionIndex: copy.instructionIndex, contextPath: value))
                } else if let relative, relative != "." {
                    if copy.isAdd, Self.isArchive(value) {
                        supply.isUncertain = true
                    } else if !Self.looksLikeFile(value) {
                        // A folder's contents land in the destination.
                        supply.contextCandidates.append(.init(instructionIndex: copy.instructionIndex, contextPath: value + "/" + relative))
                    }
                }
            }
        }
        return supply
    }

    /// `path` relative to `folder` (`.` when equal); nil when it is not inside.
    static func relativePath(_ path: String, under folder: String) -> String? {
        if path == folder { return "." }
        if folder == "/" { return path.hasPrefix("/") ? String(path.dropFirst()) : nil }
        guard path.hasPrefix(folder + "/") else { return nil }
        return String(path.dropFirst(folder.count + 1))
    }

    /// A name like `requirements.txt` or `app.py`: a file, not a folder.
    static func looksLikeFile(_ path: String) -> Bool {
        let base = ShellCommand.baseName(path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return false }
        let suffix = base[base.index(after: dot)...]
        return !suffix.isEmpty && suffix.count <= 5 && suffix.allSatisfy { $0.isLetter || $0.isNumber }
    }

    static func isArchive(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst"].contains { lowered.hasSuffix($0) }
    }
}
