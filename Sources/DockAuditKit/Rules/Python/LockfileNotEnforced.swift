/// DA608: a project manager resolves dependencies again instead of installing its lockfile.
struct LockfileNotEnforced: Rule {
    static let description = RuleDescription(
        code: "DA608", name: "lockfile-not-enforced", severity: .warning, category: .python,
        summary: "`poetry install` without poetry.lock in the stage, `pipenv install` without `--deploy`, `uv sync` without `--locked`/`--frozen`.",
        rationale: """
            A lockfile makes the image contain the versions you tested. Each tool can ignore \
            it quietly: without poetry.lock in the image `poetry install` resolves the newest \
            versions the constraints allow; `pipenv install` re-locks when Pipfile.lock is out \
            of date unless `--deploy` makes it fail ("Pipfile.lock is out of date"); `uv sync` \
            updates uv.lock when pyproject.toml changed unless `--locked` (fail instead) or \
            `--frozen` (use it as is) is given. The uv Docker guide uses `uv sync --locked`. \
            A build that resolves again can ship a different dependency set every time.
            """,
        howToFix: "Copy the lockfile with the manifest (`COPY pyproject.toml poetry.lock ./`), and use `pipenv install --deploy` (or `pipenv sync`) and `uv sync --locked` (or set `UV_LOCKED=1`).",
        badExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN pip install poetry==1.8.3 && ↓poetry install --only main --no-root\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\nRUN pip install pipenv && ↓pipenv install --system\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN ↓uv sync --no-dev\n",
            RuleExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN ↓poetry install --only main\n",
                context: [("pyproject.toml", "[tool.poetry]\nname = \"app\"\n"), (".dockerignore", "poetry.lock\n"), ("poetry.lock", "")]),
            "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY pyproject.toml ./\nFROM build\nRUN ↓poetry install\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy && pipenv sync\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked && uv sync --frozen --no-dev\n",
            "FROM python:3.12-slim\nENV UV_LOCKED=1\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync\n",
            "FROM python:3.12-slim\nWORKDIR /app\nRUN --mount=type=bind,source=pyproject.toml,target=pyproject.toml --mount=type=bind,source=poetry.lock,target=poetry.lock poetry install --no-root\n",
            RuleExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install --only main\n",
                context: [("pyproject.toml", "[tool.poetry]\nname = \"app\"\n"), ("poetry.lock", "")]),
            "FROM python:3.12-slim\nRUN pipenv install gunicorn\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.packageInstalls {
            let range = install.command.name?.range ?? install.command.range
            switch install.tool {
            case .pipenv:
                let subcommand = install.command.arguments.first { !$0.value.hasPrefix("-") }?.value
                guard subcommand == "install", !install.hasOption("deploy", "ignore-pipfile", "skip-lock", "r", "requirements"),
                    install.packages.isEmpty, !Self.isTrue("PIPENV_DEPLOY", install, model)
                else { continue }
                findings.report(
                    range,
                    "pipenv install re-locks when Pipfile.lock is out of date, so the image may not get the locked versions: add --deploy (or use pipenv sync)")
            case .uv:
                guard !install.hasOption("locked", "frozen"), !Self.isTrue("UV_LOCKED", install, model),
                    !Self.isTrue("UV_FROZEN", install, model)
                else { continue }
                findings.report(
                    range,
                    "uv sync updates uv.lock when it no longer matches pyproject.toml, so the image may not get the locked versions: add --locked (fail when out of date) or --frozen, or set UV_LOCKED=1")
            case .poetry:
                guard let lock = Self.missingPoetryLock(install, context: context) else { continue }
                findings.report(
                    range,
                    "poetry install runs without \(lock) in the image, so Poetry resolves the newest versions instead of the locked ones: COPY poetry.lock next to pyproject.toml")
            default:
                break
            }
        }
    }

    static func isTrue(_ name: String, _ install: PackageInstall, _ model: DockerfileModel) -> Bool {
        let value = install.command.assignments.last(where: { $0.name == name })?.value.value
            ?? model.states[install.instructionIndex].variables.value(of: name)
        guard let value else { return false }
        return !["", "0", "false", "no", "off"].contains(value.lowercased())
    }

    /// The absolute path of the poetry.lock that should be there when the project's
    /// pyproject.toml is in the image but the lockfile certainly is not.
    static func missingPoetryLock(_ install: PackageInstall, context: LintContext) -> String? {
        let model = context.model
        guard let directory = InstallFileNotCopied.projectDirectory(of: install, model: model),
            case .some(.some(let projectDirectory)) = InstallFileNotCopied.findProject(from: directory, install: install, model: model)
        else { return nil }
        let lock = PathText.clean(projectDirectory + "/poetry.lock")
        let supply = model.supply(ofFile: lock, at: install.instructionIndex, before: install.command)
        if supply.isUncertain || !supply.providers.isEmpty { return nil }
        if supply.contextCandidates.isEmpty { return lock }
        // Carried by a copy of the whole context or a folder: only when the context has it.
        guard let buildContext = context.buildContext else { return nil }
        let ignore = buildContext.effectiveDockerignore(forDockerfile: context.options.dockerfilePath)
        let shipped = supply.contextCandidates.contains { candidate in
            guard let path = candidate.contextPath else { return true }
            return buildContext.exists(path) && !ignore.isExcluded(path)
        }
        return shipped ? nil : lock
    }
}
