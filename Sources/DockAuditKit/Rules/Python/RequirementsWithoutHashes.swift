/// DA606: `pip install -r` with no hash checking.
struct RequirementsWithoutHashes: Rule {
    static let description = RuleDescription(
        code: "DA606", name: "requirements-without-hashes", severity: .info, category: .python,
        summary: "`pip install -r` without `--require-hashes`, and the requirements file has no `--hash`.",
        rationale: """
            Without hashes pip installs whatever file the index serves under a name and \
            version: a compromised or mistaken upload, a mirror, or a proxy can change what \
            goes into the image. With `--hash=sha256:…` on each line (pip turns hash checking on \
            by itself as soon as one line has a hash) or `--require-hashes`, pip refuses any \
            file that does not match what you locked. One of the project's source articles \
            installs exactly this way: `pip install --require-hashes -r requirements.txt`, from \
            a file generated with its hashes. The file is read from the build context, found \
            through the COPY or bind mount that put it there; without the context, or when it \
            cannot be traced, the rule stays silent. Files that hold only local paths or VCS \
            URLs (which cannot be hashed) are not reported.
            """,
        howToFix: "Generate the file with hashes (`pip-compile --generate-hashes`, `uv pip compile --generate-hashes`, `poetry export` without `--without-hashes`) and install it with `pip install --require-hashes -r requirements.txt`.",
        badExamples: [
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r ↓requirements.txt\n",
                        context: [("requirements.txt", "flask==3.0.3\n")]),
            RuleExample("FROM python:3.12-slim\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r ↓/tmp/r.txt\n",
                        context: [("requirements.txt", "flask==3.0.3\n")]),
            RuleExample("FROM python:3.12-slim AS build\nCOPY . /src\nWORKDIR /src\nRUN python -m pip install -r ↓requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
                        context: [("requirements.txt", "-r base.txt\n"), ("base.txt", "flask==3.0.3\n")]),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --require-hashes -r requirements.txt\n",
                        context: [("requirements.txt", "flask==3.0.3\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
                        context: [("requirements.txt", "flask==3.0.3 \\\n    --hash=sha256:34e815dfaa43340d1d15a5c3a02b8476004037eb4840b34910c6e21679d288f3\n")]),
            RuleExample("FROM python:3.12-slim\nENV PIP_REQUIRE_HASHES=1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
                        context: [("requirements.txt", "flask==3.0.3\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n",
                        context: [("requirements.txt", "-e .\n")]),
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
        ],
        differences: [
            "differs from hadolint and BuildKit: neither has an equivalent, since they cannot read the requirements file.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let buildContext = context.buildContext else { return }
        let model = context.model
        for install in model.packageInstalls(at: index) {
            if install.command.hasAnyFlag(["require-hashes"]) { continue }
            if ["PIP_REQUIRE_HASHES", "UV_REQUIRE_HASHES"].contains(where: { name in
                guard let value = model.environmentValue(name, for: install.command, at: index) else { return false }
                return !["", "0", "false", "no", "off"].contains(value.lowercased())
            }) {
                continue
            }
            for requirements in model.tracedRequirements(of: install, in: buildContext) {
                let set = requirements.set
                guard !set.requiresHashes, !set.hasHashes else { continue }
                // Only what comes from an index can be hashed.
                let fromIndex = set.requirements.filter { entry in
                    guard let requirement = entry.requirement, !entry.isEditable else { return false }
                    if case .index = requirement.source { return true }
                    return false
                }
                guard !fromIndex.isEmpty else { continue }
                findings.report(
                    requirements.word.range,
                    "\(requirements.path) has no --hash lines and pip is not told --require-hashes: any file the index serves is installed; generate the file with hashes (pip-compile --generate-hashes) and add --require-hashes")
            }
        }
    }
}
