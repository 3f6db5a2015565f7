/// DA705: an install reads a file that was never copied or mounted to where it runs.
struct InstallFileNotCopied: Rule {
    static let description = RuleDescription(
        code: "DA705", name: "install-file-not-copied", severity: .error, category: .context,
        summary: "`pip install -r F`, `poetry install` or `uv sync` runs where F (or pyproject.toml, uv.lock) was not copied or mounted.",
        rationale: """
            The build context is not the image: a file is in the image only once a COPY/ADD \
            put it there or a `RUN --mount=type=bind` mounts it for that RUN. `pip install -r \
            requirements.txt` then fails with "Could not open requirements file", `poetry \
            install` and `uv sync` with "could not find pyproject.toml", and `uv sync \
            --locked` without uv.lock. It usually means the COPY went to another folder than \
            the WORKDIR the install runs in, or the COPY comes after the install. Relative \
            paths are read from the RUN's WORKDIR (and any `cd` before the install in the \
            same RUN); Poetry and uv also look in parent folders. dockaudit stays silent when \
            something it cannot read may have made the file: a custom base image, a copy from \
            another stage, a RUN that clones, unpacks or writes it, unresolved variables.
            """,
        howToFix: "Copy the file to the folder the install runs in before the RUN (`COPY requirements.txt .` after `WORKDIR /app`), or bind-mount it (`RUN --mount=type=bind,source=requirements.txt,target=requirements.txt pip install -r requirements.txt`).",
        badExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install -r ↓requirements.txt\nCOPY . .\n",
            "FROM python:3.12-slim\nCOPY requirements.txt /tmp/\nWORKDIR /app\nRUN pip install --no-cache-dir -r ↓requirements.txt\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml /src/\nRUN pip install poetry && ↓poetry install --only main\n",
            "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY pyproject.toml ./\nFROM base\nRUN ↓uv sync --locked\n",
            "FROM python:3.12-slim\nARG REQS=requirements/prod.txt\nCOPY requirements/base.txt /app/requirements/\nWORKDIR /app\nRUN pip install -r ↓$REQS\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nWORKDIR /app\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/req.txt pip install -r /tmp/req.txt\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN cd backend && pip install -r requirements.txt\n",
            "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nFROM base\nRUN uv sync --locked\n",
            "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install -r $REQUIREMENTS\n",
            "FROM mycompany/python-base:3.12\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nWORKDIR /app\nRUN git clone https://github.com/org/app . && pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nCOPY --from=build /app /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nWORKDIR /app/src\nCOPY pyproject.toml poetry.lock /app/\nRUN poetry install --no-root\n",
            "FROM python:3.12-slim\nCOPY requirements*.txt /app/\nRUN pip install -r /app/requirements-prod.txt\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.packageInstalls {
            let index = install.instructionIndex
            switch install.tool {
            case .pip, .uvPip:
                for word in install.requirementFiles + install.constraintFiles {
                    guard let path = Self.path(of: word, install: install, model: model) else { continue }
                    let supply = model.supply(ofFile: path, at: index, before: install.command)
                    guard supply.isMissing else { continue }
                    findings.report(
                        word.range,
                        "\(ShellCommand.baseName(path)) is not in the image at \(path) when this RUN installs from it: nothing copied or mounted it there, so the build fails; COPY it to that folder first or bind-mount it")
                }
            case .poetry, .uv:
                guard !install.command.hasAnyFlag("script"), let directory = Self.projectDirectory(of: install, model: model) else { continue }
                let range = install.command.name?.range ?? install.command.range
                let tool = install.tool == .poetry ? "poetry install" : "uv sync"
                guard let projectDirectory = Self.findProject(from: directory, install: install, model: model) else {
                    findings.report(
                        range,
                        "\(tool) runs in \(directory) but no pyproject.toml was copied or mounted there (or in a parent folder): the build fails; COPY pyproject.toml (and the lockfile) into \(directory) first")
                    continue
                }
                guard install.tool == .uv, let projectDirectory, Self.requiresUVLock(install, model: model) else { continue }
                let lock = PathText.clean(projectDirectory + "/uv.lock")
                if model.supply(ofFile: lock, at: index, before: install.command).isMissing {
                    findings.report(
                        range,
                        "uv sync --locked/--frozen needs \(lock), but it was not copied or mounted: the build fails; COPY uv.lock next to pyproject.toml")
                }
            default:
                break
            }
        }
    }

    /// A requirement file's absolute path, or nil when it cannot be known (variables, URLs,
    /// unknown working directory).
    static func path(of word: ShellWord, install: PackageInstall, model: DockerfileModel) -> String? {
        var value = word.value
        if !word.isLiteral || value.containsBytes("$") { value = model.expand(value, at: install.instructionIndex) }
        guard !value.isEmpty, !value.containsBytes("$"), !value.containsBytes("://"), !value.containsBytes("("), !value.containsBytes("`"),
            !value.hasPrefix("~"), !value.hasPrefix("/dev/"), !value.hasPrefix("/proc/"), value != "-"
        else { return nil }
        if value.hasPrefix("/") { return PathText.clean(value) }
        guard let directory = model.workingDirectory(of: install.command, at: install.instructionIndex) else { return nil }
        return PathText.clean(directory + "/" + value)
    }

    /// Where `poetry install` / `uv sync` looks for the project: the working directory or
    /// the folder given with `-C`/`--directory`/`--project`.
    static func projectDirectory(of install: PackageInstall, model: DockerfileModel) -> String? {
        guard let directory = model.workingDirectory(of: install.command, at: install.instructionIndex) else { return nil }
        let option = install.tool == .poetry
            ? install.command.optionWord("C", "directory", "P", "project")
            : install.command.optionWord("directory", "project")
        guard let option else { return directory }
        var value = option.value
        if let equals = value.firstIndex(of: "="), value.hasPrefix("--") { value = String(value[value.index(after: equals)...]) }
        if value.hasPrefix("-"), !value.hasPrefix("--"), value.count > 2 { value = String(value.dropFirst(2)) }
        value = model.expand(value, at: install.instructionIndex)
        guard !value.containsBytes("$"), !value.hasPrefix("~") else { return nil }
        return PathText.clean(value.hasPrefix("/") ? value : directory + "/" + value)
    }

    /// The folder holding the project's pyproject.toml: `.some(folder)` when one is
    /// provided in the directory or a parent, `.some(nil)` when it may be there (unknown),
    /// nil when it is certainly missing.
    static func findProject(from directory: String, install: PackageInstall, model: DockerfileModel) -> String?? {
        var folder = directory
        var uncertain = false
        while true {
            let supply = model.supply(ofFile: PathText.clean(folder + "/pyproject.toml"), at: install.instructionIndex, before: install.command)
            if supply.isProvided { return .some(folder) }
            if supply.isUncertain { uncertain = true }
            if folder == "/" { break }
            folder = PathText.clean(folder + "/..")
        }
        return uncertain ? .some(nil) : nil
    }

    static func requiresUVLock(_ install: PackageInstall, model: DockerfileModel) -> Bool {
        if install.hasOption("locked", "frozen") { return true }
        let variables = model.states[install.instructionIndex].variables
        let inline = install.command.assignments
        for name in ["UV_LOCKED", "UV_FROZEN"] {
            let value = inline.last(where: { $0.name == name })?.value.value ?? variables.value(of: name)
            if let value, ["1", "true", "yes", "on"].contains(value.lowercased()) { return true }
        }
        return false
    }
}
