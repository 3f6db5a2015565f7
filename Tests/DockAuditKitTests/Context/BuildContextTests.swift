import Foundation
import Testing
@testable import DockAuditKit

/// A throwaway folder tree for one test.
final class ContextTestTree {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func folder(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    func symlink(_ relative: String, to target: String) throws {
        let link = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target)
    }
}

struct BuildContextTests {
    @Test func symlinksLeavingTheContextAreNotFollowed() throws {
        let outside = try ContextTestTree()
        try outside.write("secret.txt", "password")
        let tree = try ContextTestTree()
        try tree.write("real/app.py", "print(1)")
        try tree.symlink("absolute", to: outside.path + "/secret.txt")
        try tree.symlink("climbing", to: "../" + outside.url.lastPathComponent + "/secret.txt")
        try tree.symlink("sub/deep", to: "../../../../../../etc/passwd")
        try tree.symlink("alias", to: "real")
        try tree.symlink("sub/up", to: "../real/app.py")
        try tree.symlink("loop", to: "loop")
        let context = try BuildContext(root: tree.path)

        #expect(context.kind(of: "absolute") == .outsideContext)
        #expect(context.read("absolute") == .outsideContext)
        #expect(context.read("climbing") == .outsideContext)
        #expect(context.kind(of: "sub/deep") == .outsideContext)
        #expect(context.kind(of: "../x") == .outsideContext)
        #expect(context.read("real/../../x") == .outsideContext)
        #expect(context.isDirectory("alias"))
        #expect(context.read("alias/app.py") == .text("print(1)"))
        #expect(context.read("sub/up") == .text("print(1)"))
        #expect(context.kind(of: "loop") == .missing)
        #expect(context.exists("/real/app.py") && context.exists("./real/app.py"))
        #expect(!context.exists("real/nope.py"))
        #expect(!context.exists("real/app.py/x"))
        #expect(context.isDirectory("."))
    }

    @Test func dockerfileSpecificIgnoreWins() throws {
        let tree = try ContextTestTree()
        try tree.write(".dockerignore", "*.md\n")
        try tree.write("Dockerfile", "FROM scratch\n")
        try tree.write("docker/Dockerfile.prod", "FROM scratch\n")
        try tree.write("docker/Dockerfile.prod.dockerignore", "# prod\nsecrets\n!secrets/public.pem\n")
        let context = try BuildContext(root: tree.path)

        let general = context.effectiveDockerignore(forDockerfile: tree.path + "/Dockerfile")
        #expect(general.path == ".dockerignore")
        #expect(!general.isDockerfileSpecific)
        #expect(general.isExcluded("README.md"))

        let specific = context.effectiveDockerignore(forDockerfile: tree.path + "/docker/Dockerfile.prod")
        #expect(specific.path == "docker/Dockerfile.prod.dockerignore")
        #expect(specific.isDockerfileSpecific)
        #expect(!specific.isExcluded("README.md"))
        #expect(specific.isExcluded("secrets/key"))
        #expect(!specific.isExcluded("secrets/public.pem"))
        #expect(specific.dockerignore?.patterns.map(\.line) == [2, 3])

        // A Dockerfile outside the context (docker build -f ../other/Dockerfile ctx).
        let elsewhere = try ContextTestTree()
        try elsewhere.write("Dockerfile", "FROM scratch\n")
        try elsewhere.write("Dockerfile.dockerignore", "build\n")
        let outsideIgnore = context.effectiveDockerignore(forDockerfile: elsewhere.path + "/Dockerfile")
        #expect(outsideIgnore.isDockerfileSpecific)
        #expect(outsideIgnore.isExcluded("build/x"))

        let stdin = context.effectiveDockerignore(forDockerfile: nil)
        #expect(stdin.path == ".dockerignore")
    }

    @Test func noIgnoreFile() throws {
        let tree = try ContextTestTree()
        let context = try BuildContext(root: tree.path)
        let ignore = context.effectiveDockerignore(forDockerfile: tree.path + "/Dockerfile")
        #expect(ignore.dockerignore == nil && ignore.path == nil && ignore.problem == nil)
    }

    @Test func virtualEnvironmentsOneOrTwoLevelsDeep() throws {
        let tree = try ContextTestTree()
        try tree.write("env/pyvenv.cfg", "home = /usr/bin\n")
        try tree.folder(".venv/bin")
        try tree.write("services/api/pyvenv.cfg", "home = /usr/bin\n")
        try tree.write("a/b/c/pyvenv.cfg", "home = /usr/bin\n")
        try tree.write("src/app.py", "")
        try tree.symlink("linked", to: "env")
        let context = try BuildContext(root: tree.path)
        #expect(context.virtualEnvironments == [
            VirtualEnvironment(path: ".venv", hasConfig: false),
            VirtualEnvironment(path: "env", hasConfig: true),
            VirtualEnvironment(path: "services/api", hasConfig: true),
        ])
    }

    @Test func lockfilesAndManager() throws {
        let tree = try ContextTestTree()
        try tree.write("poetry.lock", "")
        try tree.write("uv.lock", "")
        try tree.write("pylock.toml", "")
        try tree.write("requirements.txt", "flask==3.0.0 --hash=sha256:aa\n")
        try tree.write("requirements-dev.txt", "pytest\n")
        try tree.write("requirements/locked.txt", "--require-hashes\n-r ../requirements.txt\n")
        try tree.write("pyproject.toml", "[project]\nname = 'x'\n[tool.uv]\n")
        try tree.write("backend/pyproject.toml", "[project]\nname = 'b'\n")
        try tree.write("backend/pdm.lock", "")
        let context = try BuildContext(root: tree.path)
        #expect(context.lockfiles().map(\.kind) == [.poetry, .uv, .pylock, .hashedRequirements, .hashedRequirements])
        #expect(context.lockfiles().map(\.path).suffix(2) == ["requirements.txt", "requirements/locked.txt"])
        #expect(context.requirementsFiles() == ["requirements-dev.txt", "requirements.txt", "requirements/locked.txt"])
        #expect(context.pythonProjectManager() == .uv)
        #expect(context.pythonProjectManager(in: "backend") == .pdm)
        #expect(context.lockfiles(in: "backend").map(\.path) == ["backend/pdm.lock"])
    }

    /// fastapi/full-stack-fastapi-template: `backend` builds with hatchling and is a member
    /// of the uv workspace declared (and locked) at the root.
    @Test func uvWorkspaceMember() throws {
        let tree = try ContextTestTree()
        try tree.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"backend\"]\n")
        try tree.write("backend/pyproject.toml", "[project]\nname = 'app'\n[build-system]\nbuild-backend = 'hatchling.build'\n")
        try tree.write("tools/pyproject.toml", "[project]\nname = 't'\n[tool.poetry]\n")
        let context = try BuildContext(root: tree.path)
        #expect(context.pythonProjectManager(in: "backend") == .uv)
        #expect(context.pythonProjectManager(in: "tools") == .poetry)
        let plain = try ContextTestTree()
        try plain.write("backend/pyproject.toml", "[project]\nname = 'app'\n")
        #expect(try BuildContext(root: plain.path).pythonProjectManager(in: "backend") == .pep621)
    }

    @Test func requirementsIncludesAreRelativeToTheIncludingFile() throws {
        let tree = try ContextTestTree()
        try tree.write("requirements/production.txt", "-r base.txt\ngunicorn==21.2.0\n")
        try tree.write("requirements/base.txt", "django>=4\n-r missing.txt\n")
        let context = try BuildContext(root: tree.path)
        let set = context.requirements("./requirements/production.txt")
        #expect(set.files.map(\.path) == ["requirements/production.txt", "requirements/base.txt"])
        #expect(set.problems.map(\.kind) == [.missingInclude])
        #expect(set.problems.first?.file == "requirements/base.txt")
        #expect(set.problems.first?.line == 2)
        #expect(set.unpinnedRequirements.map(\.normalizedName) == ["django"])
        #expect(context.requirements("../etc/requirements.txt").problems.map(\.kind) == [.includeOutsideContext])
    }

    @Test func boundedAndUTF8Reads() throws {
        let tree = try ContextTestTree()
        try tree.write("big.txt", String(repeating: "x", count: 100))
        try tree.write("latin1.txt", Data([0x63, 0x61, 0x66, 0xE9]))
        try tree.write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\n  \"a\",\n")
        try tree.folder("folder")
        var limits = BuildContext.Limits()
        limits.maxFileBytes = 64
        let context = try BuildContext(root: tree.path, limits: limits)
        #expect(context.read("big.txt") == .tooLarge(bytes: 100))
        #expect(context.read("latin1.txt") == .notUTF8)
        #expect(context.read("folder") == .notRegularFile)
        #expect(context.read("nothing") == .missing)
        guard case .invalid(let path, let error) = context.pyproject() else {
            Issue.record("expected a TOML error")
            return
        }
        #expect(path == "pyproject.toml")
        #expect(error.line == 3)
        guard case .missing = context.pyproject(at: "sub/pyproject.toml") else {
            Issue.record("expected missing")
            return
        }
    }

    @Test func junkAndWhatTheIgnoreFileLetsThrough() throws {
        let tree = try ContextTestTree()
        try tree.write(".git/HEAD", "ref: refs/heads/main\n")
        try tree.write("app/__pycache__/m.cpython-312.pyc", "")
        try tree.write("app/old.pyc", "")
        try tree.write(".env", "SECRET=1\n")
        try tree.write(".env.example", "SECRET=\n")
        try tree.write("config/.env.production", "SECRET=2\n")
        try tree.write("web/node_modules/x/index.js", "")
        try tree.write(".pytest_cache/v/cache", "")
        try tree.write(".coverage", "")
        try tree.write(".venv/pyvenv.cfg", "")
        try tree.write("deep/a/b/venv/pyvenv.cfg", "")
        try tree.write(".dockerignore", ".git\n**/__pycache__\n.env\n.venv\n")
        let context = try BuildContext(root: tree.path)
        let report = context.junk(forDockerfile: tree.path + "/Dockerfile")
        let byKind = Dictionary(uniqueKeysWithValues: report.findings.map { ($0.kind, $0) })
        #expect(byKind[.git]?.paths == [".git"])
        #expect(byKind[.git]?.isExcluded == true)
        #expect(byKind[.pycache]?.paths == ["app/__pycache__"])
        #expect(byKind[.pycache]?.isExcluded == true)
        #expect(byKind[.pyc]?.sentPaths == ["app/old.pyc"])
        #expect(byKind[.env]?.paths == [".env", "config/.env.production"])
        #expect(byKind[.env]?.sentPaths == ["config/.env.production"])
        #expect(byKind[.nodeModules]?.paths == ["web/node_modules"])
        #expect(byKind[.pytestCache]?.sentPaths == [".pytest_cache"])
        #expect(byKind[.coverage]?.sentPaths == [".coverage"])
        #expect(byKind[.virtualEnvironment]?.paths == [".venv", "deep/a/b/venv"])
        #expect(byKind[.virtualEnvironment]?.sentPaths == ["deep/a/b/venv"])
        #expect(byKind[.mypyCache] == nil && byKind[.tox] == nil)
        #expect(report.sent.map(\.kind) == [.virtualEnvironment, .pyc, .env, .nodeModules, .pytestCache, .coverage])
    }

    @Test func copySourcesWithWildcards() throws {
        let tree = try ContextTestTree()
        try tree.write("requirements.txt", "")
        try tree.write("requirements-dev.txt", "")
        try tree.write("app/main.py", "")
        try tree.write("app/util.py", "")
        try tree.write("app/data.json", "")
        try tree.write("pkg/a/setup.py", "")
        let context = try BuildContext(root: tree.path)
        #expect(context.expandSource("requirements*.txt") == ["requirements-dev.txt", "requirements.txt"])
        #expect(context.expandSource("./app/*.py") == ["app/main.py", "app/util.py"])
        #expect(context.expandSource("pkg/*/setup.py") == ["pkg/a/setup.py"])
        #expect(context.expandSource("app/[dm]*") == ["app/data.json", "app/main.py"])
        #expect(context.expandSource("nothing*").isEmpty)
        #expect(context.expandSource("app") == ["app"])
        #expect(context.expandSource("missing").isEmpty)
        #expect(context.expandSource(".") == ["."])
    }

    @Test func sharedAcrossThreads() async throws {
        let tree = try ContextTestTree()
        try tree.write("requirements.txt", "-r base.txt\nflask\n")
        try tree.write("base.txt", "attrs==23.1.0\n")
        try tree.write(".dockerignore", ".git\n")
        let context = try BuildContext(root: tree.path)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    let set = context.requirements("requirements.txt")
                    let ignore = context.effectiveDockerignore(forDockerfile: nil)
                    return set.requirements.count + (ignore.isExcluded(".git/x") ? 10 : 0)
                }
            }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all
        }
        #expect(counts == Array(repeating: 12, count: 32))
    }

    @Test func missingContext() {
        #expect(throws: BuildContextError.self) { try BuildContext(root: "/nonexistent/dockaudit/context") }
    }

    @Test(arguments: [(".env", true), (".env.local", true), (".env.example", false), (".envrc", false)])
    func envFileNames(_ name: String, _ expected: Bool) {
        #expect(BuildContext.isEnvFile(name) == expected)
    }

    @Test(arguments: [
        ("*.txt", "a.txt", true), ("*", "a/b", false), ("a?c", "abc", true), ("[a-c]x", "bx", true),
        ("[^a-c]x", "bx", false), (#"\*"#, "*", true), ("[", "a", nil), ("*[", "ab", nil),
    ] as [(String, String, Bool?)])
    func goGlob(_ pattern: String, _ name: String, _ expected: Bool?) {
        #expect(GoGlob.match(pattern, name) == expected)
    }
}
