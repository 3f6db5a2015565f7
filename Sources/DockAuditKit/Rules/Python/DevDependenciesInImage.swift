/// DA607: development dependencies installed into the image that ships.
struct DevDependenciesInImage: Rule {
    static let description = RuleDescription(
        code: "DA607", name: "dev-dependencies-in-image", severity: .warning, category: .python,
        summary: "The final stage installs development dependencies (Poetry/uv dev groups, `pipenv --dev`, requirements-dev.txt, `[dev]`/`[test]` extras).",
        rationale: """
            Test runners, linters, debuggers and type checkers make the image bigger, slower \
            to pull and bigger to attack, and they are not needed to run the service. The \
            production checklist this project started from puts it first: install \
            "production dependencies only" in the deployed image. Poetry installs every \
            non-optional group unless told `--only main` or `--without dev`; `uv sync` \
            installs the `dev` group unless told `--no-dev`; `pipenv install --dev` adds the \
            dev packages. Only the stage that is built is judged (with what it inherits, and \
            virtual environments it copies from a builder); a test stage is fine. When the \
            build context shows a pyproject.toml without any dev group, a plain install is \
            fine too.
            """,
        howToFix: "Install production dependencies only: `poetry install --only main`, `uv sync --no-dev` (or `UV_NO_DEV=1`), `pipenv install --deploy` without `--dev`, `pip install -r requirements.txt`; run tests in a separate stage.",
        badExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN pip install poetry==1.8.3 && ↓poetry install --no-root\n",
            "FROM python:3.12-slim\nCOPY requirements.txt requirements-dev.txt ./\nRUN pip install -r requirements.txt -r ↓requirements-dev.txt\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -e ↓\".[dev]\"\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN ↓pipenv install --system --deploy --dev\n",
            "FROM python:3.12-slim AS base\nCOPY . /app\nWORKDIR /app\nRUN ↓uv sync --locked\nFROM base\nCMD [\"python\", \"-m\", \"app\"]\n",
            "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY . .\nRUN ↓uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\n",
            "FROM python:3.12-slim\nARG REQS=/req/test.txt\nCOPY requirements /req\nRUN pip install -r ↓$REQS\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root && poetry install --without dev,test --only-root\n",
            "FROM python:3.12-slim AS test\nCOPY . /app\nRUN pip install -r /app/requirements-dev.txt\nFROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n",
            "FROM python:3.12-slim\nENV UV_NO_DEV=1\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked && uv sync --frozen --no-dev\n",
            RuleExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\n",
                context: [("pyproject.toml", "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"^3.12\"\n"), ("poetry.lock", "")]),
            "FROM python:3.12-slim\nRUN pipenv install --deploy --system\n",
            "FROM python:3.12-slim\nARG EXTRAS=server\nCOPY . /app\nRUN pip install \"/app[$EXTRAS]\"\n",
            "FROM python:3.12-slim AS dev\nRUN pip install -r requirements-dev.txt\n",
        ])

    /// Names of groups, extras and requirement files that hold development tools.
    static let devWords: Set<String> = [
        "dev", "devel", "develop", "development", "test", "tests", "testing", "lint", "linting", "linters", "docs",
        "typing", "mypy", "qa", "ci", "local", "debug", "devcontainer",
    ]

    static func isDevName(_ name: String) -> Bool {
        // The usual ASCII name is split byte by byte; Unicode letter tests are slow, and
        // this runs on every linted file's path.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            let lowered = name.utf8.map(\.asciiLowercased)
            return lowered.split { !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)) }
                .contains { devWords.contains(String(decoding: $0, as: UTF8.self)) }
        }
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return words.contains { devWords.contains($0) }
    }

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = context.finalStage else { return }
        // A Dockerfile or final stage meant for development or tests installs dev tools on purpose.
        if let name = stage.name, Self.isDevName(name) { return }
        if let path = context.options.dockerfilePath, Self.isDevName(Self.fileAndFolderName(path)) { return }
        let chain = Set(([stage] + model.ancestors(of: stage)).map(\.index))
        let shipped = chain.union(Self.stagesWithCopiedEnvironments(into: stage, model: model))
        for install in model.packageInstalls {
            guard let owner = model.states[install.instructionIndex].stage, shipped.contains(owner),
                let (range, message) = Self.devInstall(install, context: context)
            else { continue }
            // `if [ "$INSTALL_DEV" = true ]; then poetry install; else poetry install --only main; fi`:
            // a build argument chooses, and the production install is there.
            let conditional = model.scripts[install.instructionIndex]?.commands.contains {
                $0.context.inCondition && $0.arguments.contains { !$0.isLiteral }
            } ?? false
            let alternatives = !conditional ? [] : model.packageInstalls(at: install.instructionIndex).filter {
                $0.tool == install.tool && $0.command != install.command
            }
            if alternatives.contains(where: { Self.devInstall($0, context: context) == nil }) { continue }
            findings.report(range, message)
        }
    }

    /// Builder stages whose virtual environment the final stage copies.
    static func stagesWithCopiedEnvironments(into stage: Stage, model: DockerfileModel) -> Set<Int> {
        var result: Set<Int> = []
        for member in [stage] + model.ancestors(of: stage) {
            for index in member.instructionIndices {
                guard let copy = model.copies[index], case .stage(let source) = copy.origin else { continue }
                let environments = model.virtualEnvironments(createdIn: model.stages[source])
                for item in copy.sources where item.kind == .path {
                    let path = PathText.clean("/" + item.value)
                    if environments.contains(where: { DockerfileModel.relativePath($0.path, under: path) != nil }) {
                        result.insert(source)
                        result.formUnion(model.ancestors(of: model.stages[source]).map(\.index))
                    }
                }
            }
        }
        return result
    }

    static func devInstall(_ install: PackageInstall, context: LintContext) -> (SourceRange, String)? {
        let model = context.model
        let range = install.command.name?.range ?? install.command.range
        let variables = model.states[install.instructionIndex].variables
        func setting(_ name: String) -> String? {
            install.command.assignments.last(where: { $0.name == name })?.value.value ?? variables.value(of: name)
        }
        func truthy(_ name: String) -> Bool {
            guard let value = setting(name) else { return false }
            return !["", "0", "false", "no", "off"].contains(value.lowercased())
        }
        func names(_ options: [ShellWord]) -> [String] {
            options.flatMap { word in
                model.expand(word.value, at: install.instructionIndex).split(separator: ",").map(trimmed)
            }
        }
        switch install.tool {
        case .pip, .uvPip:
            for word in install.requirementFiles {
                let value = word.isLiteral ? word.value : model.expand(word.value, at: install.instructionIndex)
                guard !value.containsBytes("$"), isDevName(ShellCommand.baseName(value)) || isDevName(folderName(value)) else { continue }
                return (word.range, "\(value) installs development dependencies into the image you ship: install only the production requirements here and use the dev file in a test stage")
            }
            for word in install.packages + install.editables {
                let value = word.isLiteral ? word.value : model.expand(word.value, at: install.instructionIndex)
                guard let open = value.firstIndex(of: "["), let close = value.lastIndex(of: "]"), open < close else { continue }
                let extras = value[value.index(after: open)..<close].split(separator: ",").map(trimmed)
                guard let extra = extras.first(where: { !$0.containsBytes("$") && isDevName($0) }) else { continue }
                return (word.range, "the [\(extra)] extra installs development dependencies into the image you ship: install without it (or only the runtime extras)")
            }
        case .pipenv:
            guard install.hasOption("dev", "d") || truthy("PIPENV_DEV") else { return nil }
            return (range, "pipenv --dev installs the [dev-packages] into the image you ship: drop --dev here and install them in a test stage")
        case .poetry:
            let with = names(install.optionValues("with"))
            if let group = with.first(where: isDevName) {
                return (range, "poetry install --with \(group) installs development dependencies into the image you ship: use --only main")
            }
            if install.hasOption("no-dev", "only-root") { return nil }
            if install.hasOption("only") {
                let only = names(install.optionValues("only"))
                guard let group = only.first(where: isDevName) else { return nil }
                return (range, "poetry install --only \(group) installs development dependencies into the image you ship: use --only main")
            }
            let without = Set(names(install.optionValues("without")).map { $0.lowercased() })
            let devGroups: [String]
            if let groups = poetryDevGroups(context: context, install: install) {
                devGroups = groups.filter { !without.contains($0.lowercased()) }
            } else {
                // Without the project file, `--without` naming a dev group is taken as enough.
                devGroups = without.contains(where: isDevName) ? [] : ["dev"]
            }
            guard let first = devGroups.first else { return nil }
            let listed = devGroups.count == 1 ? "the \(first) group" : "the groups " + devGroups.joined(separator: ", ")
            return (range, "poetry install installs every non-optional group, here \(listed), into the image you ship: use --only main (or --without \(devGroups.joined(separator: ",")))")
        case .uv:
            if install.hasOption("only-dev") || names(install.optionValues("group", "only-group")).contains(where: isDevName)
                || names(install.optionValues("extra")).contains(where: isDevName)
            {
                return (range, "uv sync installs development dependencies into the image you ship here: leave out the dev groups and extras")
            }
            if install.hasOption("all-groups") {
                return (range, "uv sync --all-groups installs development dependencies into the image you ship: use --no-dev")
            }
            if install.hasOption("no-dev", "only-group", "no-default-groups") || truthy("UV_NO_DEV") || truthy("UV_NO_DEFAULT_GROUPS") {
                return nil
            }
            if names(install.optionValues("no-group")).contains(where: { $0.lowercased() == "dev" }) { return nil }
            if let pyproject = pyproject(context: context, install: install),
                !pyproject.dependencyGroupNames.contains(where: { $0.lowercased() == "dev" }), pyproject.uvDevDependencies.isEmpty
            {
                return nil
            }
            return (range, "uv sync installs the dev dependency group by default, into the image you ship: add --no-dev (or set UV_NO_DEV=1)")
        default:
            break
        }
        return nil
    }

    /// The Dockerfile's name and its two parent folders (`compose/local/django/Dockerfile`
    /// → `local django Dockerfile`): enough to tell a development Dockerfile, without
    /// reading the folders above the project.
    static func fileAndFolderName(_ path: String) -> String {
        path.split(separator: "/").suffix(3).joined(separator: " ")
    }

    static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "'" || $0 == "\"" }.reversed().drop { $0 == " " || $0 == "'" || $0 == "\"" }.reversed())
    }

    static func folderName(_ path: String) -> String {
        ShellCommand.baseName(PathText.clean(path + "/.."))
    }

    /// The project's pyproject.toml from the build context: the file the Dockerfile copied
    /// into the project folder, else the one at the context root.
    static func pyproject(context: LintContext, install: PackageInstall) -> PyProject? {
        guard let buildContext = context.buildContext else { return nil }
        var contextPath = "pyproject.toml"
        if let directory = InstallFileNotCopied.projectDirectory(of: install, model: context.model) {
            let supply = context.model.supply(ofFile: directory + "/pyproject.toml", at: install.instructionIndex, before: install.command)
            if let path = (supply.providers + supply.contextCandidates).compactMap(\.contextPath).first(where: buildContext.isFile) {
                contextPath = path
            }
        }
        return buildContext.pyproject(at: contextPath).pyproject
    }

    /// The Poetry groups a plain `poetry install` adds that hold development tools; nil
    /// when the project file is not known.
    static func poetryDevGroups(context: LintContext, install: PackageInstall) -> [String]? {
        guard let pyproject = pyproject(context: context, install: install) else { return nil }
        var groups: [String] = []
        if let poetry = pyproject.poetry {
            if !poetry.legacyDev.isEmpty { groups.append("dev") }
            groups += poetry.groups.filter { !$0.isOptional && $0.name != "main" && isDevName($0.name) }.map(\.name)
        }
        groups += pyproject.dependencyGroupNames.filter(isDevName)
        var seen: Set<String> = []
        return groups.filter { seen.insert($0.lowercased()).inserted }
    }
}
