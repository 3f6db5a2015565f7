/// DA604: a package installed by name without an exact version.
struct PipPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA604", name: "pip-package-unpinned", severity: .warning, category: .python,
        aliases: ["DL3013"],
        summary: "`pip install NAME` (also `python -m pip`, `pip3`, `uv pip`, `pipx`) with a package not pinned to one version.",
        rationale: """
            Without an exact version, pip installs whatever is newest on the day of the build: \
            two builds of the same Dockerfile ship different code, and a release upstream can \
            break the image without a single change on your side. One of the project's source \
            articles tells it from experience: a small fix deployed on January 30th, 2020 \
            pulled in pandas 1.0.0 and a year-old project started crashing. A package counts as \
            pinned when it names exactly one thing: `==X` (no wildcard) or `===X`, a VCS URL at \
            a full commit, an archive URL with a hash or a versioned file name, or a local path \
            from the build. Ranges (`>=`, `~=`, `<`) still move. Packages limited by a \
            constraints file (`-c`, `PIP_CONSTRAINT`) are not reported; packages given in a \
            requirements file are DA605's.
            """,
        howToFix: "Pin each package (`pip install flask==3.0.3`), or list them in a requirements file generated with exact pins (pip-compile, `uv pip compile`) and install that with `-r`.",
        badExamples: [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir ↓flask ↓'requests>=2.31'\n",
            "FROM python:3.12-slim\nRUN python3 -m pip install -U ↓numpy==1.*\n",
            "FROM python:3.12-slim\nRUN uv pip install --system ↓fastapi\n",
            "FROM python:3.12-slim\nRUN pipx install ↓black\n",
            "FROM python:3.12-slim AS build\nRUN pip install ↓'git+https://github.com/org/lib.git@main'\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
            "FROM python:3.12-slim\nARG EXTRA=celery\nRUN pip install ↓$EXTRA\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 'requests===2.32.3'\n",
            "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app ./dist/*.whl -e .\n",
            "FROM python:3.12-slim\nRUN pip install -c constraints.txt flask requests\n",
            "FROM python:3.12-slim\nARG FLASK_VERSION=3.0.3\nRUN pip install flask==${FLASK_VERSION}\n",
            "FROM python:3.12-slim\nRUN pip install --upgrade pip setuptools wheel\n",
            "FROM python:3.12-slim\nRUN pip install 'git+https://github.com/org/lib.git@0123456789abcdef0123456789abcdef01234567'\n",
            "FROM python:3.12-slim\nRUN pip install poetry\n",
            "FROM python:3.12-slim\nRUN pip install $PACKAGES\n",
        ],
        differences: [
            "differs from hadolint: DL3013 accepts any version specifier (`>=`, `~=`, `<`) as a pin; dockaudit only accepts an exact version, since a range still installs a different release tomorrow.",
            "differs from hadolint: pip, setuptools and wheel are not reported: upgrading the installer's own toolchain (`pip install -U pip setuptools wheel`) is the common first step of a Python image, and the versions of the packages you install do not depend on it. This is a deliberate choice; pin them if you want the build fully repeatable.",
            "differs from hadolint: installer tools (poetry, pipenv, pipx, uv, pdm, hatch, pip-tools) installed unpinned are DA616's finding, not this rule's.",
            "differs from hadolint: DL3013 accepts a VCS URL with any `@ref` and any path with `/`; dockaudit requires a full commit id for VCS URLs, and reads paths and archive URLs the way pip does.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.packageInstalls(at: index) {
            guard install.tool == .pip || install.tool == .uvPip || install.tool == .pipx else { continue }
            guard !install.isConstrained(model: model) else { continue }
            for package in install.namedPackages(model: model) {
                guard !package.isPinned, let requirement = package.requirement else { continue }
                if let name = requirement.normalizedName,
                    PackageInstall.pythonTools.contains(name) || PackageInstall.packagingToolchain.contains(name)
                {
                    continue
                }
                let shown = package.text
                let message: String
                switch requirement.pin {
                case .vcsMovingReference:
                    message = "\(shown) follows a branch, a tag or the default branch, not a commit: pin the URL to a full commit id (@<40-hex sha>)"
                case .mutableURL:
                    message = "\(shown) can change behind the same URL: use a versioned archive or add #sha256=…"
                default:
                    let name = requirement.name ?? shown
                    message = "\(shown) is not pinned: each build installs whatever is newest; pin it (\(name)==<version>) or install from a requirements file with exact pins"
                }
                findings.report(package.word.range, message)
            }
        }
    }
}
