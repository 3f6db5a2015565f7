/// The tool that manages a Python project's dependencies.
public enum PythonProjectManager: String, Sendable, Hashable, CaseIterable {
    case poetry, uv, pdm, hatch, pipenv
    /// A PEP 621 `[project]` table and no tool of the list above.
    case pep621
    /// Nothing says (no `[project]`, no tool table, no lockfile).
    case unknown
}

/// A named list of PEP 508 requirements: an extra of `[project.optional-dependencies]`,
/// a PEP 735 `[dependency-groups]` group, uv's `dev-dependencies`.
public struct DependencyGroup: Sendable, Hashable {
    public let name: String
    /// The requirement strings as written.
    public let requirements: [String]
    /// PEP 735 `{include-group = "name"}` items.
    public let includedGroups: [String]

    /// Each requirement read as PEP 508 (nil where it is not valid).
    public var parsed: [PythonRequirement?] { requirements.map { try? PythonRequirement.parse($0) } }
}

/// One dependency of a Poetry table (`name = "^1.2"`, `name = {version = "…", …}`).
public struct PoetryDependency: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case index
        case git(url: String, reference: String?)
        case path(String)
        case url(String)
    }

    public let name: String
    /// The version constraint (`^1.2`, `1.2.3`, `*`); nil for git/path/url.
    public let constraint: String?
    public let source: Source
    public let isOptional: Bool
    public let extras: [String]
    /// Several constraint tables (`name = [{…}, {…}]`).
    public let hasMultipleConstraints: Bool

    public var normalizedName: String { PythonRequirement.normalize(name) }

    /// An exact version (`1.2.3`, `==1.2.3`), a git commit, or a local path. Poetry reads
    /// a bare version as `==`; `^`, `~`, `*`, ranges and wildcards are not exact.
    public var isPinned: Bool {
        switch source {
        case .path: return true
        case .git(_, let reference):
            guard let reference else { return false }
            return (reference.count == 40 || reference.count == 64)
                && reference.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
        case .url(let url):
            return PythonRequirement.fromURL(url, name: name, extras: [], marker: nil).isPinned
        case .index:
            guard var version = constraint?.trimmingASCIISpace(), !version.isEmpty, !hasMultipleConstraints else { return false }
            if version.hasPrefix("===") { return true }
            if version.hasPrefix("==") { version.removeFirst(2) }
            version = version.trimmingASCIISpace()
            guard let first = version.unicodeScalars.first, first.value >= 0x30, first.value <= 0x39 else { return false }
            return !version.contains { "*,<>!~^| ".contains($0) }
        }
    }
}

/// `[tool.poetry.group.<name>]`.
public struct PoetryGroup: Sendable, Hashable {
    public let name: String
    /// `optional = true`: not installed unless asked for (`--with name`).
    public let isOptional: Bool
    public let dependencies: [PoetryDependency]
}

/// Poetry's dependency tables.
public struct PoetryDependencies: Sendable, Hashable {
    /// `[tool.poetry.dependencies]` (`python` itself left out).
    public let main: [PoetryDependency]
    /// The legacy `[tool.poetry.dev-dependencies]`.
    public let legacyDev: [PoetryDependency]
    /// `[tool.poetry.group.<name>.dependencies]`, in file order.
    public let groups: [PoetryGroup]
    /// `python = "…"` of `[tool.poetry.dependencies]`.
    public let python: String?
}

/// What dockaudit reads from a `pyproject.toml`.
public struct PyProject: Sendable {
    public let path: String
    /// The whole document.
    public let table: TOMLTable
    /// `[build-system].build-backend`.
    public let buildBackend: String?
    /// `[build-system].requires`.
    public let buildRequires: [String]
    /// `[project].name`, else `[tool.poetry].name`.
    public let name: String?
    /// PEP 621 `[project].dependencies`, as written.
    public let dependencies: [String]
    /// PEP 621 `[project.optional-dependencies]`: one group per extra.
    public let optionalDependencies: [DependencyGroup]
    /// PEP 735 `[dependency-groups]`.
    public let dependencyGroups: [DependencyGroup]
    /// Poetry's tables, when `[tool.poetry]` has any.
    public let poetry: PoetryDependencies?
    /// `[tool.uv].dev-dependencies` (uv's older spelling of a `dev` group).
    public let uvDevDependencies: [String]
    /// The manager this file alone points at (see `PythonProjectManager.detect`).
    public let declaredManager: PythonProjectManager

    public var hasProjectTable: Bool { table["project"]?.table != nil }
    public var extraNames: [String] { optionalDependencies.map(\.name) }
    public var dependencyGroupNames: [String] { dependencyGroups.map(\.name) }
    public var poetryGroupNames: [String] { poetry?.groups.map(\.name) ?? [] }

    /// Reads the text of a `pyproject.toml`.
    public init(text: String, path: String = "pyproject.toml") throws(TOMLError) {
        let table = try TOML.parse(text)
        self.init(table: table, path: path)
    }

    public init(table: TOMLTable, path: String = "pyproject.toml") {
        self.path = path
        self.table = table
        let buildSystem = table["build-system"]?.table
        buildBackend = buildSystem?["build-backend"]?.string
        buildRequires = buildSystem?["requires"]?.strings ?? []
        let project = table["project"]?.table
        let poetryTable = table.table(at: ["tool", "poetry"])
        name = project?["name"]?.string ?? poetryTable?["name"]?.string
        dependencies = project?["dependencies"]?.strings ?? []

        var extras: [DependencyGroup] = []
        if let optional = project?["optional-dependencies"]?.table {
            for key in optional.keys {
                extras.append(DependencyGroup(name: key, requirements: optional[key]?.strings ?? [], includedGroups: []))
            }
        }
        optionalDependencies = extras

        var groups: [DependencyGroup] = []
        if let dependencyGroups = table["dependency-groups"]?.table {
            for key in dependencyGroups.keys {
                let items = dependencyGroups[key]?.array ?? []
                groups.append(DependencyGroup(
                    name: key,
                    requirements: items.compactMap(\.string),
                    includedGroups: items.compactMap { $0.table?["include-group"]?.string }))
            }
        }
        dependencyGroups = groups
        uvDevDependencies = table.value(at: ["tool", "uv", "dev-dependencies"])?.strings ?? []
        poetry = poetryTable.map(PyProject.readPoetry)
        declaredManager = PythonProjectManager.detect(pyproject: table, files: [])
    }

    static func readPoetry(_ poetry: TOMLTable) -> PoetryDependencies {
        func dependencies(_ table: TOMLTable?) -> [PoetryDependency] {
            guard let table else { return [] }
            return table.keys.filter { $0.lowercased() != "python" }.compactMap { key in
                PyProject.poetryDependency(key, table[key]!)
            }
        }
        var groups: [PoetryGroup] = []
        if let groupTable = poetry["group"]?.table {
            for name in groupTable.keys {
                let group = groupTable[name]?.table
                groups.append(PoetryGroup(name: name, isOptional: group?["optional"]?.boolean ?? false,
                                          dependencies: dependencies(group?["dependencies"]?.table)))
            }
        }
        return PoetryDependencies(
            main: dependencies(poetry["dependencies"]?.table),
            legacyDev: dependencies(poetry["dev-dependencies"]?.table),
            groups: groups,
            python: poetry.value(at: ["dependencies", "python"])?.string)
    }

    static func poetryDependency(_ name: String, _ value: TOMLValue) -> PoetryDependency? {
        switch value {
        case .string(let constraint):
            return PoetryDependency(name: name, constraint: constraint, source: .index, isOptional: false, extras: [],
                                    hasMultipleConstraints: false)
        case .table(let table):
            var source = PoetryDependency.Source.index
            if let git = table["git"]?.string {
                source = .git(url: git, reference: table["rev"]?.string ?? table["tag"]?.string ?? table["branch"]?.string)
            } else if let path = table["path"]?.string {
                source = .path(path)
            } else if let url = table["url"]?.string {
                source = .url(url)
            }
            return PoetryDependency(name: name, constraint: table["version"]?.string, source: source,
                                    isOptional: table["optional"]?.boolean ?? false, extras: table["extras"]?.strings ?? [],
                                    hasMultipleConstraints: false)
        case .array(let items):
            let first = items.first?.table
            return PoetryDependency(name: name, constraint: first?["version"]?.string, source: .index,
                                    isOptional: items.contains { $0.table?["optional"]?.boolean == true },
                                    extras: first?["extras"]?.strings ?? [], hasMultipleConstraints: items.count > 1)
        default:
            return nil
        }
    }
}

extension PythonProjectManager {
    /// Decides which tool manages a project, from its `pyproject.toml` (if any) and the
    /// names of the files next to it. A tool's own table speaks loudest, then a build
    /// backend that only one tool uses, then a lockfile:
    /// 1. `[tool.poetry]` → Poetry, `[tool.uv]` → uv, `[tool.pdm]` → PDM;
    /// 2. a `poetry.*` backend → Poetry, a `pdm.*` backend → PDM;
    /// 3. `poetry.lock`, `uv.lock`, `pdm.lock`;
    /// 4. `[tool.hatch]` or the `hatchling` backend → Hatch (uv projects often build with
    ///    hatchling, hence after the lockfiles);
    /// 5. `Pipfile` → Pipenv; a `[project]` table → plain PEP 621.
    public static func detect(pyproject: TOMLTable?, files: Set<String>) -> PythonProjectManager {
        let tool = pyproject?["tool"]?.table
        let backend = pyproject?.value(at: ["build-system", "build-backend"])?.string ?? ""
        if tool?["poetry"] != nil { return .poetry }
        if tool?["uv"] != nil { return .uv }
        if tool?["pdm"] != nil { return .pdm }
        if backend.hasPrefix("poetry.") { return .poetry }
        if backend.hasPrefix("pdm.") { return .pdm }
        if files.contains("poetry.lock") { return .poetry }
        if files.contains("uv.lock") { return .uv }
        if files.contains("pdm.lock") { return .pdm }
        if tool?["hatch"] != nil || backend.hasPrefix("hatchling") { return .hatch }
        if files.contains("Pipfile") || files.contains("Pipfile.lock") { return .pipenv }
        if pyproject?["project"] != nil { return .pep621 }
        return .unknown
    }
}
