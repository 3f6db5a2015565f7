/// DA602: Python code shipped without bytecode, and nothing says what to do about it.
struct PythonBytecodeUnmanaged: Rule {
    static let description = RuleDescription(
        code: "DA602", name: "python-bytecode-unmanaged", severity: .info, category: .python,
        summary: "The final stage installs Python code without compiling it to bytecode, and neither sets PYTHONDONTWRITEBYTECODE nor runs compileall.",
        rationale: """
            Python compiles each module it imports and caches the result in `__pycache__`. \
            Code installed without its bytecode is compiled again in every new container \
            (slower starts), and the `.pyc` files are written into the container's writable \
            layer, or silently not at all when the user may not write there. Decide at build \
            time: precompile (`python -m compileall`, `UV_COMPILE_BYTECODE=1`; the uv docs call \
            it "typically desirable for production… improves startup"; source 003 runs \
            compileall after each install), or set `PYTHONDONTWRITEBYTECODE=1` (source 001 and \
            Docker's Python template do) so nothing is written at run time. \
            What counts as uncompiled follows the tools' real defaults: pip compiles what it \
            installs unless told `--no-compile` (or `PIP_NO_COMPILE`), so plain `pip install` \
            (and pipenv and pipx, which use it) is already managed, but `pip install -e` leaves \
            the project's sources uncompiled; uv does not compile without `--compile-bytecode` \
            or `UV_COMPILE_BYTECODE=1` ("By default, uv does not compile Python (`.py`) files \
            to bytecode"); Poetry ≥ 1.4 does not compile without `poetry install --compile` \
            (its old installer, `installer.modern-installation false`, always did, so Poetry \
            pinned below 1.4 or installed with `get-poetry.py` counts as compiling). A \
            virtualenv or site-packages copied with `COPY --from` from a stage that installed \
            it that way counts too. The stage that is built is judged, with what it inherits. \
            Development containers (a `devcontainers` base) and base images whose command is \
            the bare interpreter (`CMD ["python3"]`, like the official Python images, which \
            install setuptools with `--no-compile` on purpose) are left alone. \
            Plain `pip install` is not reported: pip compiles what it installs unless told `--no-compile`; only installs that really leave the bytecode out are.
            """,
        howToFix: "Set `ENV UV_COMPILE_BYTECODE=1` before `uv sync`/`uv pip install` (or pass `--compile-bytecode`, `poetry install --compile`), or run `python -m compileall -q <dir>` after the install; or set `ENV PYTHONDONTWRITEBYTECODE=1` if you prefer not to ship bytecode.",
        badExamples: [
            "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\nCOPY . /app\nWORKDIR /app\nRUN ↓uv sync --locked --no-dev\nCMD [\"/app/.venv/bin/gunicorn\", \"-b\", \"0.0.0.0\", \"app:app\"]\n",
            "FROM python:3.12-slim\nRUN pip install poetry==1.8.3\nCOPY . /app\nRUN cd /app && ↓poetry install --only main\n",
            "FROM python:3.12-slim AS build\nRUN pip install uv==0.5.1 && uv venv /opt/venv && VIRTUAL_ENV=/opt/venv uv pip install flask==3.0.3\nFROM python:3.12-slim\nCOPY --from=build ↓/opt/venv /opt/venv\nCMD [\"/opt/venv/bin/flask\", \"run\", \"--host\", \"0.0.0.0\"]\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir ↓-e /app\n",
            "FROM python:3.12-slim\nARG COMPILE=0\nENV UV_COMPILE_BYTECODE=$COMPILE\nRUN ↓uv pip install --system flask==3.0.3\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
            "FROM python:3.12-slim\nENV UV_COMPILE_BYTECODE=1\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n",
            "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nRUN uv pip install --system flask==3.0.3\n",
            "FROM python:3.12-slim\nRUN uv pip install --system flask==3.0.3 && python -m compileall -q /usr/local/lib/python3.12\n",
            "FROM python:3.12-slim AS build\nWORKDIR /app\nRUN uv sync --locked --compile-bytecode\nFROM python:3.12-slim\nCOPY --from=build /app /app\n",
            "FROM python:3.12-slim AS dev\nRUN uv pip install --system pytest==8.3.3\nFROM python:3.12-slim\nRUN pip install flask==3.0.3\n",
            "FROM python:3.12-slim\nARG COMPILE=1\nENV UV_COMPILE_BYTECODE=$COMPILE\nRUN uv pip install --system flask==3.0.3\n",
            "FROM python:3.12-slim\nRUN pip install poetry==1.2.2\nRUN poetry install --no-root\n",
            "FROM buildpack-deps:bookworm\nRUN ./configure && make install && pip3 install --no-compile --no-cache-dir setuptools==79.0.1\nCMD [\"python3\"]\n",
        ],
        fixes: FixDescription(
            "Adds `ENV PYTHONDONTWRITEBYTECODE=1` on a new line right after the final stage's FROM (and its continuation lines), in the FROM keyword's case and with the file's line ending; only when the stage sets no PYTHONDONTWRITEBYTECODE at all. Safe: Python no longer writes .pyc files at run time, the change asked for; pip and compileall still compile what they install.",
            before: "from python:3.12-slim\ncopy --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\ncopy . /app\nworkdir /app\nrun uv sync --locked --no-dev\ncmd [\"/app/.venv/bin/gunicorn\", \"app:app\"]\n",
            after: "from python:3.12-slim\nenv PYTHONDONTWRITEBYTECODE=1\ncopy --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\ncopy . /app\nworkdir /app\nrun uv sync --locked --no-dev\ncmd [\"/app/.venv/bin/gunicorn\", \"app:app\"]\n"))

    static let truthy: Set<String> = ["1", "true", "yes", "on"]
    static let falsy: Set<String> = ["0", "false", "no", "off"]

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = context.finalStage, stage.index < model.endStates.count,
            !model.isDevContainer(stage), !model.startsInteractiveInterpreter(stage)
        else { return }
        let setting = model.endStates[stage.index].variables["PYTHONDONTWRITEBYTECODE"]
        if let value = setting, value.origin == .env,
            let text = value.value, !text.isEmpty
        {
            return
        }
        if model.startProcess(of: stage).commands.contains(where: { command in
            guard let python = PythonInvocation(command) else { return false }
            return python.options.contains { $0.value.hasPrefix("-") && !$0.value.hasPrefix("--") && $0.value.containsBytes("B") }
        }) {
            return
        }
        // Only when nothing sets it: an ENV added after FROM would not outlast a later one.
        let fix = setting == nil
            ? FixEdits.insertLine(keyword: "ENV", arguments: "PYTHONDONTWRITEBYTECODE=1", afterFromOf: stage, dockerfile: context.dockerfile)
                .map { Fix("add ENV PYTHONDONTWRITEBYTECODE=1", edits: [$0]) }
            : nil
        let chain = [stage] + model.ancestors(of: stage)
        let finalCompiles = Self.compileallIndices(in: chain, model: model)

        // Installs in the final stage chain.
        for install in model.packageInstalls(in: stage) {
            guard let (word, reason) = Self.uncompiled(install, model: model) else { continue }
            if finalCompiles.contains(where: { $0 >= install.instructionIndex }) { continue }
            findings.report(word.range, "\(reason), so Python compiles it in every new container and writes .pyc at run time; set ENV UV_COMPILE_BYTECODE=1 / --compile, run python -m compileall after the install, or set PYTHONDONTWRITEBYTECODE=1", fix: fix)
            return
        }
        // Environments copied in from other stages.
        for index in chain.flatMap({ Array($0.instructionIndices) }).sorted() {
            guard let copy = model.copies[index], case .stage(let sourceIndex) = copy.origin, sourceIndex < model.stages.count else { continue }
            if finalCompiles.contains(where: { $0 > index }) { continue }
            let source = model.stages[sourceIndex]
            let sourceChain = [source] + model.ancestors(of: source)
            let sourceCompiles = Self.compileallIndices(in: sourceChain, model: model)
            for path in copy.sources where path.kind == .path {
                let installs = model.packageInstalls(in: source).filter { install in
                    Self.copyCarriesInstall(path.value, install: install, model: model)
                }
                guard let (_, reason) = installs.lazy.compactMap({ install -> (ShellWord, String)? in
                    guard !sourceCompiles.contains(where: { $0 >= install.instructionIndex }) else { return nil }
                    return Self.uncompiled(install, model: model)
                }).first else { continue }
                findings.report(path.word.range, "\(path.value) comes from stage \(source.name ?? String(sourceIndex)), where \(reason); set UV_COMPILE_BYTECODE=1 / --compile there, run python -m compileall, or set PYTHONDONTWRITEBYTECODE=1", fix: fix)
                return
            }
        }
    }

    /// Why an install leaves bytecode out (and the word to point at), or nil when it
    /// compiles what it installs.
    static func uncompiled(_ install: PackageInstall, model: DockerfileModel) -> (ShellWord, String)? {
        let variables = model.states[install.instructionIndex].variables
        func setting(_ name: String) -> String? {
            if let assignment = install.command.assignments.last(where: { $0.name == name }) { return assignment.value.value.lowercased() }
            return variables[name]?.value?.lowercased()
        }
        let word = install.command.name ?? install.arguments.first
        guard let word else { return nil }
        switch install.tool {
        case .pip:
            if install.hasOption("no-compile") || setting("PIP_NO_COMPILE").map(truthy.contains) == true {
                return (word, "pip install --no-compile leaves out the bytecode")
            }
            if let editable = install.editables.first {
                let option = install.command.arguments.first { $0.range.end <= editable.range.start && ($0.value == "-e" || $0.value == "--editable") }
                return (option ?? editable, "an editable install (-e) leaves the project's sources uncompiled")
            }
            return nil
        case .uv, .uvPip:
            if install.hasOption("compile-bytecode") || install.hasOption("compile") { return nil }
            if let value = setting("UV_COMPILE_BYTECODE"), truthy.contains(value) { return nil }
            return (word, "uv installs without compiling bytecode unless told (--compile-bytecode or UV_COMPILE_BYTECODE=1)")
        case .poetry:
            if install.hasOption("compile") { return nil }
            if let value = setting("POETRY_INSTALLER_MODERN_INSTALLATION"), falsy.contains(value) { return nil }
            if legacyPoetry(before: install.instructionIndex, model: model) { return nil }
            return (word, "poetry install does not compile bytecode without --compile")
        case .pipenv, .pipx, .pdm:
            return nil
        }
    }

    /// Poetry before 1.4 (installed with the old `get-poetry.py`, pinned below 1.4 with pip,
    /// or through `POETRY_VERSION`) used pip to install, which compiles.
    static func legacyPoetry(before index: Int, model: DockerfileModel) -> Bool {
        func isOld(_ version: Substring) -> Bool {
            let parts = version.split(separator: ".")
            guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return false }
            return major < 1 || (major == 1 && minor < 4)
        }
        if let version = model.states[index].variables["POETRY_VERSION"]?.value, isOld(Substring(version)) { return true }
        guard let stageIndex = model.states[index].stage else { return false }
        let stage = model.stages[stageIndex]
        for current in [stage] + model.ancestors(of: stage) {
            for position in current.instructionIndices where position <= index {
                for command in model.scripts[position]?.commands ?? [] {
                    for word in command.arguments {
                        if word.value.containsBytes("get-poetry.py") { return true }
                        if word.value.lowercased().hasPrefix("poetry=="), isOld(word.value.dropFirst(8)) { return true }
                    }
                }
            }
        }
        return false
    }

    /// Indices of instructions in `stages` that run `python -m compileall` (or Debian's
    /// `py3compile`).
    static func compileallIndices(in stages: [Stage], model: DockerfileModel) -> [Int] {
        var result: [Int] = []
        for stage in stages {
            for index in stage.instructionIndices {
                guard let script = model.scripts[index], model.dockerfile.instructions[index].kind == .run else { continue }
                if script.commands.contains(where: { command in
                    command.commandName == "py3compile" || command.commandName == "pycompile"
                        || PythonInvocation(command)?.moduleName == "compileall"
                }) {
                    result.append(index)
                }
            }
        }
        return result
    }

    /// Whether copying `path` out of the install's stage carries what it installed: a
    /// virtualenv, site-packages, a pip `--prefix`/`--target`/`--user` tree, or the project
    /// folder where `uv sync`/`poetry install` put `.venv`.
    static func copyCarriesInstall(_ path: String, install: PackageInstall, model: DockerfileModel) -> Bool {
        let lowered = path.lowercased()
        let components = lowered.split(separator: "/")
        if components.contains(where: { $0.containsBytes("venv") || $0 == "site-packages" || $0 == "dist-packages" || $0 == ".local" })
            || lowered.containsBytes("lib/python") || lowered == "/usr/local" || lowered == "usr/local"
        {
            return true
        }
        for option in ["prefix", "target", "t", "root"] {
            if let value = install.optionValues(option).first?.value, PathText.clean(value) == PathText.clean("/" + path) || PathText.clean(value) == PathText.clean(path) {
                return true
            }
        }
        if install.tool == .uv || install.tool == .poetry {
            let workdir = model.states[install.instructionIndex].workdir
            let cleaned = PathText.clean(path.hasPrefix("/") ? path : "/" + path)
            return workdir == cleaned || workdir.hasPrefix(cleaned == "/" ? "/" : cleaned + "/")
        }
        return false
    }
}
