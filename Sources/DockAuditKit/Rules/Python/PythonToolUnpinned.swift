/// DA616: the installer tool itself (poetry, uv, pipenv, pipx, pdm…) installed unpinned.
struct PythonToolUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA616", name: "python-tool-unpinned", severity: .warning, category: .python,
        summary: "The Python installer tool itself (poetry, uv, pipenv, pipx, pdm, hatch) is installed without a fixed version.",
        rationale: """
            The tool that resolves and installs your dependencies decides what ends up in the \
            image: a new Poetry or uv release can read the lock file differently, change \
            defaults, or refuse an old lock file, and the build breaks (or silently changes) \
            with no change on your side. Pinning your packages does not help if the installer \
            floats. The project's source articles pin it every time: \
            `RUN pip install "poetry==$POETRY_VERSION"` with `POETRY_VERSION=1.3.2`, \
            `$POETRY_HOME/bin/pip install poetry==1.2.2`. Checked: `pip`/`uv pip`/`pipx` \
            installs of these tools, the official Poetry installer \
            (`curl … install.python-poetry.org | python3 -`) without `POETRY_VERSION` or \
            `--version`, uv's installer script from an unversioned URL \
            (`astral.sh/uv/install.sh`), and `COPY --from=ghcr.io/astral-sh/uv` without a tag \
            or with `latest`.
            """,
        howToFix: "Pin the tool: `pip install poetry==1.8.3`, `ENV POETRY_VERSION=1.8.3` before the Poetry installer, `curl -LsSf https://astral.sh/uv/0.4.18/install.sh | sh`, or `COPY --from=ghcr.io/astral-sh/uv:0.4.18 /uv /bin/`.",
        badExamples: [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir ↓poetry\n",
            "FROM python:3.12-slim\nRUN pipx install ↓'uv>=0.4'\n",
            "FROM python:3.12-slim\nRUN ↓curl -sSL https://install.python-poetry.org | python3 -\n",
            "FROM python:3.12-slim AS build\nRUN ↓curl -LsSf https://astral.sh/uv/install.sh | sh\nFROM python:3.12-slim\nCOPY --from=build /root/.local/bin/uv /usr/local/bin/uv\n",
            "FROM python:3.12-slim\nCOPY --from=↓ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n",
            "FROM python:3.12-slim\nARG TOOL=pipenv\nRUN pip install ↓$TOOL\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir poetry==1.8.3\n",
            "FROM python:3.12-slim\nENV POETRY_VERSION=1.8.3\nRUN curl -sSL https://install.python-poetry.org | python3 -\n",
            "FROM python:3.12-slim\nRUN curl -sSL https://install.python-poetry.org | python3 - --version 1.8.3\n",
            "FROM python:3.12-slim\nRUN curl -LsSf https://astral.sh/uv/0.4.18/install.sh | sh\n",
            "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.4.18 /uv /bin/\n",
            "FROM python:3.12-slim AS base\nARG POETRY_VERSION=1.8.3\nFROM base\nRUN pip install \"poetry==$POETRY_VERSION\"\n",
            "FROM python:3.12-slim\nRUN pip install --upgrade pip\n",
            "FROM python:3.12-slim\nRUN pip install flask\n",
        ],
        differences: [
            "differs from hadolint: DL3013 reports an unpinned `pip install poetry` under DL3013 together with every other package; dockaudit gives the installer its own rule (DA604 leaves these names to it). pip, setuptools and wheel are not treated as tools here (see DA604).",
        ])

    static let keywords: Set<InstructionKind> = [.run, .copy]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        if instruction.kind == .copy {
            checkCopiedUV(index: index, context: context, findings: &findings)
            return
        }
        for install in model.packageInstalls(at: index) {
            guard install.tool == .pip || install.tool == .uvPip || install.tool == .pipx, !install.isConstrained(model: model) else { continue }
            for package in install.namedPackages(model: model) {
                guard !package.isPinned, let requirement = package.requirement, let name = requirement.normalizedName,
                    PackageInstall.pythonTools.contains(name)
                else { continue }
                findings.report(
                    package.word.range,
                    "\(package.text) is installed unpinned: a new release of the tool can resolve or install your dependencies differently, or break the build; pin it (\(name)==<version>)")
            }
        }
        guard let script = model.scripts[index] else { return }
        for command in script.commands where command.is("curl", "wget") {
            for argument in command.arguments {
                let url = argument.value.containsBytes("$") ? model.expand(argument.value, at: index) : argument.value
                if Self.isPoetryInstaller(url) {
                    guard !poetryVersionGiven(script: script, download: command, index: index, model: model) else { continue }
                    findings.report(
                        command.range,
                        "the Poetry installer installs the newest Poetry unless told otherwise: set POETRY_VERSION (ENV or inline) or pass --version to the installer")
                } else if Self.isUnversionedUVInstaller(url) {
                    findings.report(
                        command.range,
                        "\(url) installs the newest uv: use the versioned installer URL (https://astral.sh/uv/<version>/install.sh)")
                }
            }
        }
    }

    static func isPoetryInstaller(_ url: String) -> Bool {
        url.containsBytes("install.python-poetry.org") || url.containsBytes("python-poetry/poetry") && (url.hasSuffix("get-poetry.py") || url.hasSuffix("install-poetry.py"))
            || url.containsBytes("python-poetry/install.python-poetry.org")
    }

    /// `https://astral.sh/uv/install.sh` (the versioned form is `…/uv/0.4.18/install.sh`).
    static func isUnversionedUVInstaller(_ url: String) -> Bool {
        guard let range = url.firstRange(of: "astral.sh/uv/") else { return false }
        let rest = url[range.upperBound...]
        return rest.hasPrefix("install.sh") || rest.hasPrefix("install.ps1") || rest.hasPrefix("latest/")
    }

    /// POETRY_VERSION reaches the installer, or some command of the RUN passes `--version`.
    func poetryVersionGiven(script: ShellScript, download: ShellCommand, index: Int, model: DockerfileModel) -> Bool {
        for command in script.commands {
            if let value = model.environmentValue("POETRY_VERSION", for: command, at: index), !value.isEmpty { return true }
            if command.range.start.offset >= download.range.start.offset,
                command.arguments.contains(where: { $0.value == "--version" || $0.value.hasPrefix("--version=") })
            {
                return true
            }
        }
        return false
    }

    func checkCopiedUV(index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], case .image(let reference) = copy.origin else { return }
        guard reference.repository.lowercased().hasSuffix("astral-sh/uv"), reference.digest == nil else { return }
        // Tags that name a version (`0.4.18`, `0.4.18-python3.12-bookworm`) are pins.
        if let tag = reference.tag?.lowercased(), tag != "latest", tag.first?.isNumber == true { return }
        guard let flag = context.instructions[index].flag(named: "from") else { return }
        // Point at the value of `--from=`.
        let raw = context.source.text(flag.range.bytes)
        let valueStart = raw.utf8.firstIndex(of: UInt8(ascii: "=")).map { raw.utf8.distance(from: raw.utf8.startIndex, to: $0) + 1 } ?? 0
        let range = context.source.range((flag.range.start.offset + valueStart)..<flag.range.end.offset)
        findings.report(range, "\(reference.text) is whatever uv was released last: pin the image to a version (ghcr.io/astral-sh/uv:<version>) or a digest")
    }
}
