/// DA703: a COPY/ADD source that `.dockerignore` excludes.
struct CopyIgnoredFile: Rule {
    static let description = RuleDescription(
        code: "DA703", name: "copy-ignored-file", severity: .error, category: .context,
        aliases: ["CopyIgnoredFile"],
        summary: "A COPY or ADD source is excluded by .dockerignore.",
        rationale: """
            Files excluded by `.dockerignore` are never sent to the builder, so a COPY that \
            names one fails ("not found") or silently copies less than intended (a folder \
            whose files are all excluded). The exclusion and the COPY contradict each other: \
            one of them is wrong.
            """,
        howToFix: "Remove the pattern from .dockerignore, add an exception (`!path`), or stop copying the file.",
        badExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY ↓requirements-dev.txt /app/\n", context: [(".dockerignore", "requirements-dev.txt\n"), ("requirements-dev.txt", "pytest\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY ↓docs/index.md /srv/\n", context: [(".dockerignore", "docs\n"), ("docs/index.md", "# x\n")]),
            RuleExample("FROM python:3.12-slim\nADD ↓./tmp/data.csv /data/\n", context: [(".dockerignore", "*/data.csv\n"), ("tmp/data.csv", "a,b\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY ↓. /app/\n", context: [(".dockerignore", "*\n"), ("app.py", "")]),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY docs/index.md /srv/\n", context: [(".dockerignore", "docs\n!docs/index.md\n"), ("docs/index.md", "# x\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY app.py /app/\n", context: [(".dockerignore", "*.md\n"), ("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY . /app/\n", context: [(".dockerignore", "*.md\n"), ("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY . /app/\n", context: [(".dockerignore", ".*\n"), ("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY . /app/\n", context: [(".dockerignore", "*\n!app.py\n"), ("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY --from=build /docs /srv/\n", context: [(".dockerignore", "docs\n")]),
        ],
        differences: [
            "differs from BuildKit: BuildKit skips the check whenever .dockerignore has an exception (`!`); dockaudit applies exceptions the way the builder does, so it still checks those files.",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let buildContext = context.buildContext, let copy = context.model.copies[index], copy.origin == .context else { return }
        let ignore = buildContext.effectiveDockerignore(forDockerfile: context.options.dockerfilePath)
        guard let dockerignore = ignore.dockerignore else { return }
        let keyword = copy.isAdd ? "ADD" : "COPY"
        for source in copy.sources where source.kind == .path && !source.value.containsBytes("$") {
            // The context root itself cannot be excluded; only a pattern excluding every
            // entry of it (as BuildKit counts them: `*`, `**`, `**/*`) leaves it empty.
            if source.value == "." || source.value == "/" {
                if let pattern = dockerignore.patterns.first(where: { !$0.isException && Self.rootPatterns.contains($0.pattern) }),
                   !dockerignore.patterns.contains(where: \.isException) {
                    findings.report(
                        source.word.range,
                        "\(keyword) \(source.value): \(ignore.path ?? ".dockerignore") excludes everything (`\(pattern.pattern)`), so the builder receives an empty context; list what to exclude instead, or add exceptions (!path)")
                }
                continue
            }
            guard dockerignore.isExcluded(source.value), !Self.exceptionReincludesInside(source.value, dockerignore) else { continue }
            findings.report(
                source.word.range,
                "\(keyword) \(source.value): \(ignore.path ?? ".dockerignore") excludes it, so the builder never receives it; remove the pattern or add an exception (!\(source.value))")
        }
    }

    /// Patterns that exclude every entry of the context root.
    static let rootPatterns: Set<String> = ["*", "**", "**/*"]

    /// A folder that is excluded may still have files re-included by a later exception
    /// pattern below it; then the COPY is meaningful.
    static func exceptionReincludesInside(_ path: String, _ dockerignore: Dockerignore) -> Bool {
        dockerignore.patterns.contains { pattern in
            pattern.isException && (pattern.pattern.hasPrefix(path + "/") || pattern.pattern.hasPrefix("**"))
        }
    }
}
