/// DA702: the whole context is copied and `.dockerignore` lets junk through.
struct DockerignoreIncomplete: Rule {
    static let description = RuleDescription(
        code: "DA702", name: "dockerignore-incomplete", severity: .warning, category: .context,
        summary: "The build copies the whole context and .dockerignore lets through files that should not ship.",
        rationale: """
            A `.dockerignore` that forgets `.venv`, `.git`, `.env` or caches lets them into \
            the image when the build copies the whole context: a local virtual environment \
            built for another interpreter shadows the real one, `.env` leaks secrets, `.git` \
            and caches bloat the image and break layer caching. Only things that exist in \
            the context are reported.
            """,
        howToFix: "Add the listed names to .dockerignore (`**/__pycache__` and `**/*.pyc` catch them at any depth).",
        badExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY ↓. /app\n", context: [(".dockerignore", ".git\n"), (".venv/pyvenv.cfg", "home = /usr\n"), ("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY ↓. .\n", context: [(".dockerignore", "*.pyc\n"), (".env", "TOKEN=x\n"), ("pkg/__pycache__/", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY ↓. .\n", context: [(".dockerignore", ".env\n!.env\n"), (".env", "TOKEN=x\n")]),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY . /app\n", context: [(".dockerignore", ".git\n.venv\n**/__pycache__\n.env\n"), (".venv/pyvenv.cfg", ""), ("pkg/__pycache__/", ""), (".env", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY app.py /app/\n", context: [(".dockerignore", ".git\n"), (".env", "TOKEN=x\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY . /app\n", context: [(".dockerignore", "*\n!app.py\n"), (".env", ""), ("app.py", "")]),
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]
    var reported = false

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard !reported, let buildContext = context.buildContext,
            let whole = context.model.copies[index]?.wholeContextSource
        else { return }
        let report = buildContext.junk(forDockerfile: context.options.dockerfilePath)
        // Without any .dockerignore this is DA701's finding.
        guard report.dockerignore.path != nil else { return }
        let sent = report.sent
        guard !sent.isEmpty else { return }
        reported = true
        let names = sent.map { junk in
            let example = junk.sentPaths.first ?? junk.kind.rawValue
            return example == junk.kind.rawValue ? example : "\(junk.kind.rawValue) (\(example))"
        }
        findings.report(
            whole.word.range,
            "\(report.dockerignore.path ?? ".dockerignore") lets \(names.joined(separator: ", ")) into the image: add \(sent.count == 1 ? "it" : "them") to \(report.dockerignore.path ?? ".dockerignore")")
    }
}
