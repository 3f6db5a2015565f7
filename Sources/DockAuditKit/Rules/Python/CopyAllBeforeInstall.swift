/// DA610: the whole context is copied before the dependencies are installed.
struct CopyAllBeforeInstall: Rule {
    static let description = RuleDescription(
        code: "DA610", name: "copy-all-before-install", severity: .warning, category: .python,
        summary: "`COPY . …` comes before the stage's first dependency install, so every code change re-installs the dependencies.",
        rationale: """
            Docker reuses a layer only while everything before it is unchanged. After `COPY \
            . .`, any edit to any file invalidates the cache, so the `pip install -r`, \
            `poetry install` or `uv sync` after it downloads and builds every dependency \
            again: minutes per build instead of seconds. The guides this project started \
            from copy the dependency files first ("copy dependency files first"; the uv \
            Docker guide installs with `--no-install-project` and bind mounts of uv.lock and \
            pyproject.toml, then copies the source). Installing the project itself after the \
            copy (`pip install --no-deps .`, a second `uv sync`, `poetry install \
            --only-root`) is that pattern and is fine once the dependencies came first.
            """,
        howToFix: "Copy only the dependency files (`COPY requirements.txt .`, or `COPY pyproject.toml poetry.lock ./`), install the dependencies, then `COPY . .` and install the project without its dependencies.",
        badExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY ↓. .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nCOPY ↓./ ./\nRUN poetry install --only main\n",
            "FROM python:3.12-slim AS base\nWORKDIR /app\nADD ↓. /app\nFROM base AS build\nRUN uv sync --locked\n",
            "FROM python:3.12-slim\nARG APP=/srv/app\nWORKDIR $APP\nCOPY ↓. $APP\nRUN pip install .\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n",
            "FROM python:3.12-slim\nWORKDIR /app\nRUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml uv sync --locked --no-install-project\nCOPY . .\nRUN uv sync --locked\n",
            "FROM python:3.12-slim AS deps\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root --only main\nFROM deps\nCOPY . .\nRUN poetry install --only-root\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir gunicorn\n",
            "FROM python:3.12-slim AS build\nCOPY . /src\nRUN python -m build /src\nFROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        var reported: Set<Int> = []
        var firstInstall: [Int: Int] = [:]
        for install in model.packageInstalls where Self.installsDependencies(install) {
            guard let stage = model.states[install.instructionIndex].stage, firstInstall[stage] == nil else { continue }
            firstInstall[stage] = install.instructionIndex
        }
        for stage in model.stages {
            let chain = (model.ancestors(of: stage).reversed() + [stage])
            let installs = chain.compactMap { firstInstall[$0.index] }
            guard let install = installs.min() else { continue }
            let copy = chain.lazy.flatMap(\.instructionIndices).first { index in
                index < install && model.copies[index]?.wholeContextSource != nil
            }
            guard let copy, let source = model.copies[copy]?.wholeContextSource, reported.insert(copy).inserted else { continue }
            let line = context.instructions[install].range.start.line
            findings.report(
                source.word.range,
                "the whole build context is copied before the dependencies are installed (line \(line)): every code change re-installs them; copy only the dependency files (requirements.txt, or pyproject.toml and the lockfile) first, install, then copy the rest")
        }
    }

    /// Installs that resolve the project's dependencies (not a named tool, not the project
    /// alone without its dependencies).
    static func installsDependencies(_ install: PackageInstall) -> Bool {
        switch install.tool {
        case .pip, .uvPip:
            if !install.requirementFiles.isEmpty { return true }
            if install.hasOption("no-deps") { return false }
            return (install.packages + install.editables).contains { word in
                let value = word.value
                // Prebuilt wheels install without resolving anything.
                if value.hasSuffix(".whl") || value.containsBytes("*") { return false }
                return value == "." || value.hasPrefix("./") || value.hasPrefix(".[") || value.hasPrefix("/") || value.hasPrefix("..")
            }
        case .poetry:
            return !install.hasOption("only-root")
        case .uv, .pdm:
            return true
        case .pipenv:
            return install.packages.isEmpty
        case .pipx:
            return false
        }
    }
}
