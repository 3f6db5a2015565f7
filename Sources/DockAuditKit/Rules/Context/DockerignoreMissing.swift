/// DA701: the whole context is copied and nothing is excluded.
struct DockerignoreMissing: Rule {
    static let description = RuleDescription(
        code: "DA701", name: "dockerignore-missing", severity: .warning, category: .context,
        summary: "The build copies the whole context and there is no .dockerignore.",
        rationale: """
            `COPY . .` sends and copies everything in the context: the `.git` history, local \
            virtual environments, caches, `.env` files with secrets, test data. The image gets \
            bigger, secrets leak into layers, and every unrelated file change invalidates the \
            layer cache. A `.dockerignore` (or `<Dockerfile>.dockerignore`) decides what is sent.
            """,
        howToFix: "Add a .dockerignore next to the context root listing at least `.git`, `.venv`, `venv`, `__pycache__`, `*.pyc`, `.env`, `.pytest_cache`, `.mypy_cache`, `.tox`, `node_modules`.",
        badExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY ↓. /app\n", context: [("app.py", "print(1)\n")]),
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY ↓./ ./\n", context: [("requirements.txt", "flask==3.0.3\n")]),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY . /app\n", context: [("app.py", ""), (".dockerignore", ".git\n.venv\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY app.py /app/\n", context: [("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY --from=build . /app\n", context: [("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY . /app\n", context: [("app.py", ""), ("Dockerfile.dockerignore", ".git\n")]),
            "FROM python:3.12-slim\nCOPY . /app\n",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]
    var reported = false

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard !reported, let buildContext = context.buildContext,
            let whole = context.model.copies[index]?.wholeContextSource
        else { return }
        let ignore = buildContext.effectiveDockerignore(forDockerfile: context.options.dockerfilePath)
        guard ignore.path == nil else { return }
        reported = true
        findings.report(
            whole.word.range,
            "\(instruction.kind.rawValue.uppercased()) \(whole.word.value) sends the whole context and there is no .dockerignore: add one excluding .git, .venv, __pycache__, .env and caches")
    }
}
