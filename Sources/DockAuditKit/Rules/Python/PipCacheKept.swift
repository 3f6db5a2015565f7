/// DA603: pip (or uv pip) leaves its download cache in the layer.
struct PipCacheKept: Rule {
    static let description = RuleDescription(
        code: "DA603", name: "pip-cache-kept", severity: .warning, category: .python,
        aliases: ["DL3042"],
        summary: "`pip install` keeps pip's download cache in the image layer.",
        rationale: """
            pip caches every wheel it downloads or builds in `~/.cache/pip` (`/root/.cache/pip` \
            for root). In an image nothing ever reads that cache again, but it stays in the \
            layer: tens to hundreds of megabytes shipped with every pull. One of the project's \
            source articles sets it off for exactly this reason ("cache is useless in docker \
            image, so disable to reduce image size": `PIP_NO_CACHE_DIR=1`); another keeps the \
            cache but outside the image, with `RUN --mount=type=cache,target=/root/.cache/pip`, \
            which also makes rebuilds faster. `uv pip` has its own cache (`~/.cache/uv`) and \
            its own switches. The finding is silenced by `--no-cache-dir`, `PIP_NO_CACHE_DIR` \
            (ENV, ARG, inline or exported; pip treats any valid boolean, even `false`, as "no \
            cache"), a cache or tmpfs mount covering the cache folder (also `PIP_CACHE_DIR`, \
            `--cache-dir` or `XDG_CACHE_HOME` when they move it), and `pip cache purge` or \
            `rm -rf` of the cache later in the same RUN.
            """,
        howToFix: "Add `--no-cache-dir` (uv: `--no-cache`), or set `ENV PIP_NO_CACHE_DIR=1`, or keep the cache out of the image with `RUN --mount=type=cache,target=/root/.cache/pip pip install …`.",
        badExamples: [
            "FROM python:3.12-slim\nRUN ↓pip install flask==3.0.3\n",
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --upgrade pip && ↓python -m pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nRUN ↓uv pip install --system -r requirements.txt\n",
            "FROM python:3.12-slim AS build\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN ↓pip3 install gunicorn==22.0.0\n",
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.npm ↓pip install flask==3.0.3\n",
            "FROM python:3.12-slim\nENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/root/.cache/pip ↓pip install flask==3.0.3\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
            "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=off\nFROM base\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nARG CACHE=/root/.cache/pip\nRUN --mount=type=cache,target=$CACHE pip install flask==3.0.3\n",
            "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3\n",
            "FROM python:3.12-slim\nRUN pip install flask==3.0.3 && pip cache purge\n",
            "FROM python:3.12-slim\nRUN pip install flask==3.0.3 && rm -rf /root/.cache\n",
            "FROM python:3.12-slim\nRUN uv pip install --system --no-cache -r requirements.txt\n",
            "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt\n",
            "FROM python:3.12-slim\nRUN pip --no-cache-dir install flask==3.0.3\n",
            "FROM python:3.12-slim\nCOPY . /src\nRUN pip install --no-deps /src\n",
        ],
        differences: [
            "differs from hadolint: DL3042 ignores `uv pip`; dockaudit checks it against uv's own cache and switches.",
            "differs from hadolint: DL3042 only looks for `.cache/pip` in a cache mount's target; dockaudit follows where the cache really is (`PIP_CACHE_DIR`, `--cache-dir`, `XDG_CACHE_HOME`, the user's home) and also accepts `pip cache purge` or removing the cache in the same RUN.",
            "differs from hadolint: `pip install --no-deps` of local paths only downloads nothing and builds nothing pip would cache; it is not reported.",
        ],
        fixes: FixDescription(
            "Adds `--no-cache-dir` after `pip install` (`--no-cache` after `uv pip install`). Safe: the cache only speeds up later installs in the same layer; what gets installed is the same. In exec form the flag is added as a JSON string; inside a `sh -c` string only when that string is one plain quoted string.",
            before: "FROM python:3.12-slim\nRUN pip install --upgrade pip \\\n && python -m pip install -r requirements.txt\n",
            after: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --upgrade pip \\\n && python -m pip install --no-cache-dir -r requirements.txt\n"))

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.packageInstalls(at: index) {
            switch install.tool {
            case .pip:
                guard !Self.pipCacheHandled(install, index: index, model: model), !Self.installsOnlyLocalWithoutDependencies(install) else { continue }
                findings.report(
                    install.command.range,
                    "pip keeps its download cache in the layer: add --no-cache-dir, set ENV PIP_NO_CACHE_DIR=1, or use RUN --mount=type=cache,target=/root/.cache/pip",
                    fix: Self.addOption("--no-cache-dir", to: install, context: context, index: index))
            case .uvPip:
                guard !Self.uvCacheHandled(install, index: index, model: model) else { continue }
                findings.report(
                    install.command.range,
                    "uv keeps its cache in the layer: add --no-cache, set ENV UV_NO_CACHE=1, or use RUN --mount=type=cache,target=/root/.cache/uv",
                    fix: Self.addOption("--no-cache", to: install, context: context, index: index))
            default:
                continue
            }
        }
    }

    /// `option` right after the `install` word, where pip reads it whatever follows.
    static func addOption(_ option: String, to install: PackageInstall, context: LintContext, index: Int) -> Fix? {
        let words = install.command.arguments
        let position = words.count - install.arguments.count - 1
        guard position >= 0, words[position].value == "install", let script = context.model.scripts[index],
            let edit = FixEdits.insertOptions([option], after: words[position], of: install.command, in: script, source: context.source)
        else { return nil }
        return Fix("add \(option)", edits: [edit])
    }

    /// pip's boolean words (`strtobool`).
    static let booleans: Set<String> = ["1", "0", "true", "false", "yes", "no", "on", "off", "y", "n", "t", "f"]

    static func pipCacheHandled(_ install: PackageInstall, index: Int, model: DockerfileModel) -> Bool {
        let command = install.command
        if command.hasAnyFlag(["no-cache-dir", "no-cache"]) { return true }
        if let value = model.environmentValue("PIP_NO_CACHE_DIR", for: command, at: index) {
            // pip reads any boolean, `false` included, as "no cache" (a compatibility quirk
            // documented in pip's source); an unknown value is given the benefit of the doubt.
            if booleans.contains(value.lowercased()) || value.containsBytes("$") { return true }
        }
        let cacheFolder: String? = {
            if let option = install.optionValues("cache-dir").last?.value { return model.absolutePath(option, for: command, at: index) }
            if let value = model.environmentValue("PIP_CACHE_DIR", for: command, at: index), !value.isEmpty {
                return model.absolutePath(value, for: command, at: index)
            }
            if let xdg = model.environmentValue("XDG_CACHE_HOME", for: command, at: index), !xdg.isEmpty {
                return model.absolutePath(xdg, for: command, at: index).map { $0 + "/pip" }
            }
            return nil
        }()
        if let cacheFolder, cacheFolder == "/dev/null" { return true }
        return cacheIsOutsideImage(cacheFolder: cacheFolder, defaultSuffix: ".cache/pip", install: install, index: index, model: model)
            || removesCacheLater(install, index: index, model: model, folder: cacheFolder, cacheName: "pip", cleanCommand: { $0.isPipCachePurge })
    }

    static func uvCacheHandled(_ install: PackageInstall, index: Int, model: DockerfileModel) -> Bool {
        let command = install.command
        if command.hasAnyFlag(["no-cache", "n"]) { return true }
        if let value = model.environmentValue("UV_NO_CACHE", for: command, at: index) {
            let lowered = value.lowercased()
            if ["1", "true", "yes", "on", "t", "y"].contains(lowered) || value.containsBytes("$") { return true }
        }
        let cacheFolder: String? = {
            if let option = install.optionValues("cache-dir").last?.value { return model.absolutePath(option, for: command, at: index) }
            if let value = model.environmentValue("UV_CACHE_DIR", for: command, at: index), !value.isEmpty {
                return model.absolutePath(value, for: command, at: index)
            }
            if let xdg = model.environmentValue("XDG_CACHE_HOME", for: command, at: index), !xdg.isEmpty {
                return model.absolutePath(xdg, for: command, at: index).map { $0 + "/uv" }
            }
            return nil
        }()
        return cacheIsOutsideImage(cacheFolder: cacheFolder, defaultSuffix: ".cache/uv", install: install, index: index, model: model)
            || removesCacheLater(install, index: index, model: model, folder: cacheFolder, cacheName: "uv", cleanCommand: { $0.isUVCacheClean })
    }

    /// A cache or tmpfs mount on the RUN covers the cache folder. Without an explicit
    /// folder the cache is in the user's home, which is not known here: any mount whose
    /// target ends in `.cache/<tool>` or `.cache` (or is `$HOME/…`, `~/…`) covers it.
    static func cacheIsOutsideImage(cacheFolder: String?, defaultSuffix: String, install: PackageInstall, index: Int, model: DockerfileModel) -> Bool {
        for mount in model.mounts[index] ?? [] where mount.type == "cache" || mount.type == "tmpfs" {
            guard let rawTarget = mount.target else { continue }
            var target = model.expand(rawTarget, at: index)
            for home in ["$HOME", "${HOME}", "~"] where target.hasPrefix(home) {
                target = "/root" + target.dropFirst(home.count)
            }
            target = PathText.clean(target)
            if let cacheFolder {
                if cacheFolder == target || cacheFolder.hasPrefix(target == "/" ? "/" : target + "/") { return true }
                continue
            }
            let home = homeFolder(for: install, index: index, model: model)
            let expected = home + "/" + defaultSuffix
            if expected == target || expected.hasPrefix(target + "/") { return true }
            // Someone else's home: `/home/app/.cache/pip` for a non-root USER.
            if target.hasSuffix("/" + defaultSuffix) || target.hasSuffix("/.cache") { return true }
        }
        return false
    }

    /// The home folder pip runs with: `HOME` when set, /root for root (or no USER).
    static func homeFolder(for install: PackageInstall, index: Int, model: DockerfileModel) -> String {
        if let home = model.environmentValue("HOME", for: install.command, at: index), home.hasPrefix("/") { return PathText.clean(home) }
        let user = model.states[index].user.map { String($0.split(separator: ":").first ?? "") } ?? "root"
        return user == "root" || user == "0" || user.isEmpty ? "/root" : "/home/" + user
    }

    /// `pip cache purge` / `uv cache clean`, or `rm -rf` of the cache (or a folder holding
    /// it), after the install in the same RUN.
    static func removesCacheLater(
        _ install: PackageInstall, index: Int, model: DockerfileModel, folder: String?, cacheName: String,
        cleanCommand: (ShellCommand) -> Bool
    ) -> Bool {
        guard let script = model.scripts[index] else { return false }
        let after = script.commands.filter { $0.range.start.offset > install.command.range.start.offset }
        let home = homeFolder(for: install, index: index, model: model)
        let cache = folder ?? home + "/.cache/" + cacheName
        for command in after {
            if cleanCommand(command) { return true }
            guard command.commandName == "rm" else { continue }
            for argument in command.positionalArguments() {
                var value = argument.value
                for prefix in ["$HOME", "${HOME}", "~"] where value.hasPrefix(prefix) { value = home + value.dropFirst(prefix.count) }
                guard let path = model.absolutePath(value, for: command, at: index) else { continue }
                if path == "/" { continue }
                if cache == path || cache.hasPrefix(path + "/") { return true }
                // `rm -rf ~/.cache/*`, `/root/.cache/pip/*`
                if value.hasSuffix("/*"), let parent = model.absolutePath(String(value.dropLast(2)), for: command, at: index),
                    cache == parent || cache.hasPrefix(parent + "/")
                {
                    return true
                }
            }
        }
        return false
    }

    /// `pip install --no-deps` of local paths only: nothing is downloaded, and pip does not
    /// cache wheels it builds from local folders.
    static func installsOnlyLocalWithoutDependencies(_ install: PackageInstall) -> Bool {
        guard install.hasOption("no-deps"), install.requirementFiles.isEmpty else { return false }
        let specs = install.packages + install.editables
        guard !specs.isEmpty else { return false }
        return specs.allSatisfy { word in
            guard let requirement = try? PythonRequirement.parse(word.value) else { return false }
            return requirement.isLocal
        }
    }
}

extension ShellCommand {
    /// `pip cache purge` / `pip cache remove …`, in any pip spelling.
    var isPipCachePurge: Bool {
        var words = arguments.map(\.value).filter { !$0.hasPrefix("-") }
        if PackageInstall.isPython(commandName) {
            guard words.first == "pip" else { return false }
            words.removeFirst()
        } else if !PackageInstall.isPip(commandName) {
            return false
        }
        return words.count >= 2 && words[0] == "cache" && (words[1] == "purge" || words[1] == "remove")
    }

    /// `uv cache clean` / `uv cache prune`.
    var isUVCacheClean: Bool {
        let words = arguments.map(\.value).filter { !$0.hasPrefix("-") }
        return commandName == "uv" && words.count >= 2 && words[0] == "cache" && (words[1] == "clean" || words[1] == "prune")
    }
}
