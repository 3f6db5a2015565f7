/// What a path in the context is.
public enum ContextEntryKind: Sendable, Equatable {
    case file, directory
    /// A socket, device, FIFO…
    case other
    case missing
    /// The path climbs out of the context (`../x`), or a symlink on it points outside
    /// (an absolute target, or `..` past the root). Docker never sends what is behind it.
    case outsideContext
}

/// The `.dockerignore` that applies to one Dockerfile.
public struct EffectiveDockerignore: Sendable {
    /// Nil when there is no ignore file (everything is sent).
    public let dockerignore: Dockerignore?
    /// Where it was read from: context-relative, or as given when it lies outside.
    public let path: String?
    /// `<Dockerfile>.dockerignore` next to the Dockerfile (it wins over `.dockerignore`).
    public let isDockerfileSpecific: Bool
    /// Why an ignore file that exists could not be read (too large, not a file).
    public let problem: String?

    public func isExcluded(_ path: String) -> Bool { dockerignore?.isExcluded(path) ?? false }
}

public enum PyProjectLoad: Sendable {
    case missing
    case parsed(PyProject)
    case invalid(path: String, error: TOMLError)
    case unreadable(path: String, reason: ContextFileRead)

    public var pyproject: PyProject? {
        if case .parsed(let project) = self { return project }
        return nil
    }
}

public struct Lockfile: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case poetry = "poetry.lock"
        case uv = "uv.lock"
        case pipenv = "Pipfile.lock"
        case pdm = "pdm.lock"
        /// PEP 751 `pylock.toml` / `pylock.<name>.toml`.
        case pylock = "pylock.toml"
        /// A requirements file whose every requirement carries `--hash` (or that sets
        /// `--require-hashes`): pip installs exactly what it lists.
        case hashedRequirements = "requirements.txt"
    }

    public let kind: Kind
    public let path: String
}

public struct VirtualEnvironment: Sendable, Hashable {
    public let path: String
    /// Holds `pyvenv.cfg` (otherwise it was recognised by its name, `.venv` or `venv`).
    public let hasConfig: Bool
}

/// Things that should not ship in an image (DA702).
public enum JunkKind: String, Sendable, Hashable, CaseIterable {
    case git = ".git"
    case virtualEnvironment = ".venv"
    case pycache = "__pycache__"
    case pyc = "*.pyc"
    case env = ".env"
    case nodeModules = "node_modules"
    case pytestCache = ".pytest_cache"
    case mypyCache = ".mypy_cache"
    case tox = ".tox"
    case coverage = ".coverage"
}

public struct JunkFinding: Sendable, Hashable {
    public let kind: JunkKind
    /// Where it was found (sorted; at most `Limits.maxJunkPathsPerKind`).
    public let paths: [String]
    /// Those of `paths` the effective `.dockerignore` does not exclude.
    public let sentPaths: [String]

    public var isExcluded: Bool { sentPaths.isEmpty }
}

public struct JunkReport: Sendable {
    /// One finding per kind found in the context, in `JunkKind` order.
    public let findings: [JunkFinding]
    /// The scan stopped at its depth or entry limit: deeper junk may exist.
    public let isTruncated: Bool
    public let dockerignore: EffectiveDockerignore

    /// Findings with something the `.dockerignore` lets through.
    public var sent: [JunkFinding] { findings.filter { !$0.isExcluded } }
}

public struct BuildContextError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// One build context directory, read lazily: each path is looked at, each file read
/// and each parse done at most once, whatever the number of rules or threads asking.
///
/// Paths are relative to the context (`./x`, `/x` and `x` are the same; `..` may not
/// climb out). Symlinks are followed only while they stay inside the context: an
/// absolute target or one that climbs past the root makes the path `.outsideContext`,
/// and nothing behind it is read. Files are read up to `Limits.maxFileBytes`.
/// `exists` and friends describe the disk; what Docker *sends* is that minus what the
/// effective `.dockerignore` excludes (ask `effectiveDockerignore`).
public final class BuildContext: Sendable {
    public struct Limits: Sendable {
        public var maxFileBytes = 4 * 1024 * 1024
        /// Folder levels the junk scan descends (the root is level 0).
        public var maxScanDepth = 4
        /// Directory entries the junk scan looks at in all.
        public var maxScanEntries = 20_000
        public var maxJunkPathsPerKind = 20
        public init() {}
    }

    /// Absolute path of the context, symlinks resolved.
    public let root: String
    public let limits: Limits

    private let resolutions = OnceCache<String, Resolution>()
    private let listings = OnceCache<String, [String]?>()
    /// Wildcard sources expanded: Dockerfiles that share a context mostly copy the same
    /// patterns, and each expansion matches every name of a folder.
    private let sourceExpansions = OnceCache<String, [String]>()
    private let byteReads = OnceCache<String, ContextByteRead>()
    private let textReads = OnceCache<String, ContextFileRead>()
    private let requirementSets = OnceCache<String, RequirementSet>()
    private let pyprojects = OnceCache<String, PyProjectLoad>()
    private let dockerignores = OnceCache<String, EffectiveDockerignore>()
    private let venvScan = OnceCache<Int, [VirtualEnvironment]>()
    private let junkScan = OnceCache<Int, JunkScan>()

    public init(root: String, limits: Limits = Limits()) throws(BuildContextError) {
        guard let resolved = POSIXFileSystem.realPath(root) else {
            throw BuildContextError(path: root, message: "the build context does not exist")
        }
        guard POSIXFileSystem.kind(ofPath: resolved) == .directory else {
            throw BuildContextError(path: root, message: "the build context is not a directory")
        }
        self.root = resolved
        self.limits = limits
    }

    // MARK: Paths

    enum Resolution: Sendable, Equatable {
        /// Context-relative components with every symlink resolved.
        case inside([String], FileKind)
        case missing
        case outside
    }

    /// `x`, `./x`, `/x` → `x`; the root is `.`; nil when `..` climbs out.
    static func normalize(_ path: String) -> String? {
        var cleaned = GoPath.clean(Array(path.utf8))
        while cleaned.first == UInt8(ascii: "/") { cleaned.removeFirst() }
        if cleaned.isEmpty { return "." }
        let text = String(decoding: cleaned, as: UTF8.self)
        if text == ".." || text.hasPrefix("../") { return nil }
        return text
    }

    private func absolute(_ components: [String]) -> String {
        components.isEmpty ? root : root + "/" + components.joined(separator: "/")
    }

    func resolve(_ path: String) -> Resolution {
        guard let normalized = BuildContext.normalize(path) else { return .outside }
        return resolutions.value(for: normalized) { resolveUncached(normalized) }
    }

    private func resolveUncached(_ normalized: String) -> Resolution {
        if normalized == "." { return .inside([], .directory) }
        var pending = Array(normalized.split(separator: "/").map(String.init).reversed())
        var resolved: [String] = []
        var kind = FileKind.directory
        var symlinkHops = 0
        while let component = pending.popLast() {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                // Only reachable through a symlink target: climbing past the root leaves.
                if resolved.isEmpty { return .outside }
                resolved.removeLast()
                kind = .directory
                continue
            }
            let candidate = resolved + [component]
            guard let found = POSIXFileSystem.kind(ofPath: absolute(candidate)) else { return .missing }
            if found == .symbolicLink {
                symlinkHops += 1
                guard symlinkHops <= 40, let target = POSIXFileSystem.readLink(absolute(candidate)) else { return .missing }
                if target.hasPrefix("/") { return .outside }
                pending.append(contentsOf: target.split(separator: "/").map(String.init).reversed())
                continue
            }
            if found != .directory, !pending.isEmpty { return .missing }
            resolved = candidate
            kind = found
        }
        return .inside(resolved, kind)
    }

    public func kind(of path: String) -> ContextEntryKind {
        switch resolve(path) {
        case .outside: return .outsideContext
        case .missing: return .missing
        case .inside(_, let kind):
            switch kind {
            case .regular: return .file
            case .directory: return .directory
            default: return .other
            }
        }
    }

    /// The path exists inside the context (after following in-context symlinks).
    public func exists(_ path: String) -> Bool {
        switch kind(of: path) {
        case .file, .directory, .other: return true
        case .missing, .outsideContext: return false
        }
    }

    public func isDirectory(_ path: String) -> Bool { kind(of: path) == .directory }
    public func isFile(_ path: String) -> Bool { kind(of: path) == .file }

    /// Entry names of a context folder, sorted; nil when it is not a readable folder.
    public func list(_ path: String) -> [String]? {
        guard case .inside(let components, .directory) = resolve(path) else { return nil }
        let key = components.joined(separator: "/")
        return listings.value(for: key) { POSIXFileSystem.list(absolute(components)) }
    }

    /// The context paths a COPY/ADD source names, wildcards expanded as BuildKit does
    /// (Go `filepath.Match` per path component; a matched folder is not descended).
    /// Without wildcards: the path itself when it exists. Sorted.
    public func expandSource(_ source: String) -> [String] {
        guard let normalized = BuildContext.normalize(source) else { return [] }
        if normalized == "." { return ["."] }
        let components = normalized.split(separator: "/").map(String.init)
        guard components.contains(where: GoGlob.hasWildcard) else { return exists(normalized) ? [normalized] : [] }
        return sourceExpansions.value(for: normalized) { expandWildcards(components) }
    }

    private func expandWildcards(_ components: [String]) -> [String] {
        var prefixes: [String] = [""]
        for component in components {
            var next: [String] = []
            for prefix in prefixes {
                let folder = prefix.isEmpty ? "." : prefix
                if GoGlob.hasWildcard(component) {
                    // A bad pattern matches nothing either way, so the literal prefix and
                    // suffix tests are safe: they spare most names of a big folder the
                    // full match.
                    let (head, tail) = (GoGlob.literalPrefix(component), GoGlob.literalSuffix(component))
                    for name in list(folder) ?? []
                    where name.utf8.starts(with: head) && name.utf8.suffix(tail.count).elementsEqual(tail)
                        && GoGlob.match(component, name) == true
                    {
                        next.append(prefix.isEmpty ? name : prefix + "/" + name)
                    }
                } else {
                    let candidate = prefix.isEmpty ? component : prefix + "/" + component
                    if exists(candidate) { next.append(candidate) }
                }
            }
            prefixes = next
            if prefixes.isEmpty { break }
        }
        return prefixes.sorted()
    }

    // MARK: Reading

    enum ContextByteRead: Sendable, Equatable {
        case bytes([UInt8])
        case failed(ContextFileRead)
    }

    private func readBytes(_ path: String) -> ContextByteRead {
        switch resolve(path) {
        case .outside: return .failed(.outsideContext)
        case .missing: return .failed(.missing)
        case .inside(let components, let kind):
            guard kind == .regular else { return .failed(.notRegularFile) }
            let key = components.joined(separator: "/")
            return byteReads.value(for: key) {
                switch POSIXFileSystem.readBounded(absolute(components), limit: limits.maxFileBytes, noFollow: true) {
                case .bytes(let bytes): return .bytes(bytes)
                case .missing: return .failed(.missing)
                case .notRegularFile: return .failed(.notRegularFile)
                case .tooLarge(let size): return .failed(.tooLarge(bytes: size))
                }
            }
        }
    }

    /// The text of a context file (UTF-8), or why it could not be read.
    public func read(_ path: String) -> ContextFileRead {
        guard let normalized = BuildContext.normalize(path) else { return .outsideContext }
        return textReads.value(for: normalized) {
            switch readBytes(normalized) {
            case .failed(let reason): return reason
            case .bytes(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else { return .notUTF8 }
                return .text(text)
            }
        }
    }

    // MARK: .dockerignore

    /// The ignore file BuildKit uses for `dockerfile`: `<name>.dockerignore` next to the
    /// Dockerfile when it exists, else `.dockerignore` at the context root. `dockerfile`
    /// is a file-system path (absolute, or relative to the current directory); nil for
    /// a Dockerfile read from stdin.
    public func effectiveDockerignore(forDockerfile dockerfile: String?) -> EffectiveDockerignore {
        let specific = dockerfile.map { $0 + ".dockerignore" }
        return dockerignores.value(for: specific ?? "") {
            if let specific, let found = readSpecificIgnore(specific) { return found }
            switch readBytes(".dockerignore") {
            case .bytes(let bytes):
                return EffectiveDockerignore(dockerignore: Dockerignore(bytes: bytes, path: ".dockerignore"), path: ".dockerignore",
                                             isDockerfileSpecific: false, problem: nil)
            case .failed(.missing):
                return EffectiveDockerignore(dockerignore: nil, path: nil, isDockerfileSpecific: false, problem: nil)
            case .failed(let reason):
                return EffectiveDockerignore(dockerignore: nil, path: ".dockerignore", isDockerfileSpecific: false,
                                             problem: BuildContext.describe(reason))
            }
        }
    }

    private func readSpecificIgnore(_ path: String) -> EffectiveDockerignore? {
        var absolutePath = path
        if !path.hasPrefix("/"), let cwd = POSIXFileSystem.currentDirectory() { absolutePath = cwd + "/" + path }
        absolutePath = GoPath.clean(absolutePath)
        // Inside the context: read through the context (its symlink rules apply).
        if absolutePath.hasPrefix(root + "/") {
            let relative = String(absolutePath.dropFirst(root.count + 1))
            switch readBytes(relative) {
            case .bytes(let bytes):
                return EffectiveDockerignore(dockerignore: Dockerignore(bytes: bytes, path: relative), path: relative,
                                             isDockerfileSpecific: true, problem: nil)
            case .failed(.missing), .failed(.outsideContext):
                return nil
            case .failed(let reason):
                return EffectiveDockerignore(dockerignore: nil, path: relative, isDockerfileSpecific: true,
                                             problem: BuildContext.describe(reason))
            }
        }
        switch POSIXFileSystem.readBounded(absolutePath, limit: limits.maxFileBytes, noFollow: false) {
        case .bytes(let bytes):
            return EffectiveDockerignore(dockerignore: Dockerignore(bytes: bytes, path: path), path: path,
                                         isDockerfileSpecific: true, problem: nil)
        case .missing:
            return nil
        case .notRegularFile:
            return EffectiveDockerignore(dockerignore: nil, path: path, isDockerfileSpecific: true, problem: "not a regular file")
        case .tooLarge(let size):
            return EffectiveDockerignore(dockerignore: nil, path: path, isDockerfileSpecific: true,
                                         problem: BuildContext.describe(.tooLarge(bytes: size)))
        }
    }

    static func describe(_ read: ContextFileRead) -> String {
        switch read {
        case .text: return "readable"
        case .missing: return "does not exist"
        case .outsideContext: return "leads outside the build context"
        case .notRegularFile: return "is not a regular file"
        case .tooLarge(let bytes): return "is too large to read (\(bytes) bytes)"
        case .notUTF8: return "is not UTF-8 text"
        }
    }

    // MARK: Python files

    /// A requirements file with its `-r`/`-c` includes followed.
    public func requirements(_ path: String) -> RequirementSet {
        let key = BuildContext.normalize(path) ?? path
        return requirementSets.value(for: key) {
            guard BuildContext.normalize(path) != nil else {
                return RequirementSet(root: path, files: [], problems: [RequirementsProblem(
                    kind: .includeOutsideContext, file: path, line: 0, message: "\(path) is outside the build context")])
            }
            return RequirementSet.load(key) { read($0) }
        }
    }

    /// Requirements files by name: `*requirements*.txt` in `directory`, and every `.txt`
    /// in its `requirements/` folder. Sorted.
    public func requirementsFiles(in directory: String = ".") -> [String] {
        guard let base = BuildContext.normalize(directory) else { return [] }
        func join(_ name: String) -> String { base == "." ? name : base + "/" + name }
        var found = (list(base) ?? []).filter { $0.lowercased().containsBytes("requirements") && $0.lowercased().hasSuffix(".txt") }
            .map(join).filter(isFile)
        let folder = join("requirements")
        if isDirectory(folder) {
            found += (list(folder) ?? []).filter { $0.lowercased().hasSuffix(".txt") }.map { folder + "/" + $0 }.filter(isFile)
        }
        return found.sorted()
    }

    public func pyproject(at path: String = "pyproject.toml") -> PyProjectLoad {
        let key = BuildContext.normalize(path) ?? path
        return pyprojects.value(for: key) {
            switch read(key) {
            case .missing: return .missing
            case .text(let text):
                do throws(TOMLError) {
                    return .parsed(try PyProject(text: text, path: key))
                } catch {
                    return .invalid(path: key, error: error)
                }
            case let reason: return .unreadable(path: key, reason: reason)
            }
        }
    }

    /// Which tool manages the Python project in `directory` (see `PythonProjectManager.detect`).
    /// A project that names no tool itself but sits inside a uv workspace (a folder above
    /// it, within the context, has `uv.lock` or `[tool.uv.workspace]`) is managed by uv.
    public func pythonProjectManager(in directory: String = ".") -> PythonProjectManager {
        guard let base = BuildContext.normalize(directory) else { return .unknown }
        let own = detectManager(in: base)
        guard own == .hatch || own == .pep621 || own == .unknown, base != "." else { return own }
        var folder = base
        while folder != "." {
            folder = String(decoding: GoPath.dir(Array(folder.utf8)), as: UTF8.self)
            let pyprojectPath = folder == "." ? "pyproject.toml" : folder + "/pyproject.toml"
            let isWorkspaceRoot = pyproject(at: pyprojectPath).pyproject?.table.value(at: ["tool", "uv", "workspace"]) != nil
            if isWorkspaceRoot || (list(folder) ?? []).contains("uv.lock") { return .uv }
        }
        return own
    }

    private func detectManager(in base: String) -> PythonProjectManager {
        let pyprojectPath = base == "." ? "pyproject.toml" : base + "/pyproject.toml"
        return PythonProjectManager.detect(pyproject: pyproject(at: pyprojectPath).pyproject?.table,
                                           files: Set(list(base) ?? []))
    }

    /// Lockfiles in `directory`, in `Lockfile.Kind` order then by path.
    public func lockfiles(in directory: String = ".") -> [Lockfile] {
        guard let base = BuildContext.normalize(directory) else { return [] }
        func join(_ name: String) -> String { base == "." ? name : base + "/" + name }
        let names = list(base) ?? []
        var found: [Lockfile] = []
        for kind in [Lockfile.Kind.poetry, .uv, .pipenv, .pdm] where names.contains(kind.rawValue) && isFile(join(kind.rawValue)) {
            found.append(Lockfile(kind: kind, path: join(kind.rawValue)))
        }
        for name in names where name == "pylock.toml" || (name.hasPrefix("pylock.") && name.hasSuffix(".toml")) {
            if isFile(join(name)) { found.append(Lockfile(kind: .pylock, path: join(name))) }
        }
        for path in requirementsFiles(in: base) {
            let set = requirements(path)
            let entries = set.requirements
            if set.requiresHashes || (!entries.isEmpty && entries.allSatisfy { !$0.hashes.isEmpty }) {
                found.append(Lockfile(kind: .hashedRequirements, path: path))
            }
        }
        return found
    }

    // MARK: Scans

    /// Virtual environments one or two levels deep: folders named `.venv` or `venv`, and
    /// folders holding `pyvenv.cfg`. Symlinks are not followed; `.git` and
    /// `node_modules` are not looked into.
    public var virtualEnvironments: [VirtualEnvironment] {
        venvScan.value(for: 0) {
            var found: [VirtualEnvironment] = []
            func check(_ path: String, name: String) -> Bool {
                let hasConfig = POSIXFileSystem.kind(ofPath: root + "/" + path + "/pyvenv.cfg") == .regular
                if hasConfig || name == ".venv" || name == "venv" {
                    found.append(VirtualEnvironment(path: path, hasConfig: hasConfig))
                    return true
                }
                return false
            }
            for name in list(".") ?? [] where POSIXFileSystem.kind(ofPath: root + "/" + name) == .directory {
                if check(name, name: name) || name == ".git" || name == "node_modules" { continue }
                for child in list(name) ?? [] where POSIXFileSystem.kind(ofPath: root + "/" + name + "/" + child) == .directory {
                    _ = check(name + "/" + child, name: child)
                }
            }
            return found.sorted { $0.path < $1.path }
        }
    }

    struct JunkScan: Sendable {
        var paths: [JunkKind: [String]]
        var truncated: Bool
    }

    /// Junk found in the context and whether the `.dockerignore` that applies to
    /// `dockerfile` excludes it.
    public func junk(forDockerfile dockerfile: String?) -> JunkReport {
        let scan = junkScan.value(for: 0) { scanJunk() }
        let ignore = effectiveDockerignore(forDockerfile: dockerfile)
        var findings: [JunkFinding] = []
        for kind in JunkKind.allCases {
            guard let paths = scan.paths[kind], !paths.isEmpty else { continue }
            findings.append(JunkFinding(kind: kind, paths: paths, sentPaths: paths.filter { !ignore.isExcluded($0) }))
        }
        return JunkReport(findings: findings, isTruncated: scan.truncated, dockerignore: ignore)
    }

    private func scanJunk() -> JunkScan {
        var paths: [JunkKind: [String]] = [:]
        var truncated = false
        var seen = 0
        let venvPaths = Set(virtualEnvironments.map(\.path))
        for venv in venvPaths.sorted() { paths[.virtualEnvironment, default: []].append(venv) }
        func record(_ kind: JunkKind, _ path: String) {
            if paths[kind, default: []].count < limits.maxJunkPathsPerKind {
                paths[kind, default: []].append(path)
            } else {
                truncated = true
            }
        }
        // Folders that are junk themselves (or too big to matter) are not descended.
        let junkFolders: [String: JunkKind] = [
            ".git": .git, "__pycache__": .pycache, "node_modules": .nodeModules, ".pytest_cache": .pytestCache,
            ".mypy_cache": .mypyCache, ".tox": .tox,
        ]
        var queue: [(path: String, depth: Int)] = [(".", 0)]
        var head = 0
        while head < queue.count {
            let (folder, depth) = queue[head]
            head += 1
            guard let names = POSIXFileSystem.list(folder == "." ? root : root + "/" + folder) else { continue }
            for name in names {
                seen += 1
                if seen > limits.maxScanEntries {
                    truncated = true
                    return JunkScan(paths: paths, truncated: truncated)
                }
                let path = folder == "." ? name : folder + "/" + name
                guard let kind = POSIXFileSystem.kind(ofPath: root + "/" + path), kind != .symbolicLink else { continue }
                if kind == .directory {
                    if let junk = junkFolders[name] {
                        record(junk, path)
                        continue
                    }
                    if venvPaths.contains(path) { continue }
                    // Deeper virtual environments are recognised on the way, and not entered.
                    if name == ".venv" || name == "venv" || POSIXFileSystem.kind(ofPath: root + "/" + path + "/pyvenv.cfg") == .regular {
                        record(.virtualEnvironment, path)
                        continue
                    }
                    if depth + 1 <= limits.maxScanDepth {
                        queue.append((path, depth + 1))
                    } else {
                        truncated = true
                    }
                    continue
                }
                if name == ".git" {
                    record(.git, path)  // a worktree's .git file
                } else if name.hasSuffix(".pyc") {
                    record(.pyc, path)
                } else if BuildContext.isEnvFile(name) {
                    record(.env, path)
                } else if name == ".coverage" || name.hasPrefix(".coverage.") {
                    record(.coverage, path)
                }
            }
        }
        return JunkScan(paths: paths.mapValues { $0.sorted() }, truncated: truncated)
    }

    /// `.env` and `.env.<name>`, but not the templates meant to be committed.
    static func isEnvFile(_ name: String) -> Bool {
        if name == ".env" { return true }
        guard name.hasPrefix(".env.") else { return false }
        let suffix = name.dropFirst(5).lowercased()
        return !["example", "sample", "template", "dist", "defaults", "tpl"].contains(suffix)
    }
}
