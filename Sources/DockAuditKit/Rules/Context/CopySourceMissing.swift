/// DA704: a COPY/ADD source that does not exist in the context.
struct CopySourceMissing: Rule {
    static let description = RuleDescription(
        code: "DA704", name: "copy-source-missing", severity: .error, category: .context,
        summary: "A COPY or ADD source does not exist in the build context.",
        rationale: """
            The builder fails with "not found" when a COPY/ADD source is missing from the \
            context (or a wildcard matches nothing). It usually means a wrong context \
            directory, a renamed file, or a path relative to the Dockerfile instead of the \
            context root.
            """,
        howToFix: "Fix the path (it is relative to the context root, not the Dockerfile), or build with the right context (`--context`).",
        badExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY ↓requirements.txt /app/\n", context: [("requirement.txt", "flask\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY ↓*.ini /app/\n", context: [("app.py", "")]),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12-slim\nCOPY requirements.txt *.py /app/\n", context: [("requirements.txt", ""), ("main.py", "")]),
            RuleExample("FROM python:3.12-slim\nARG APP=app.py\nCOPY $UNKNOWN /app/\n", context: [("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY <<EOF /app/conf\nx\nEOF\n", context: [("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nADD https://example.com/a.tgz /tmp/\n", context: [("app.py", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY secret.txt /app/\n", context: [(".dockerignore", "secret.txt\n"), ("secret.txt", "")]),
            RuleExample("FROM python:3.12-slim\nCOPY environment.yml* noop.txt /tmp/\n", context: [("noop.txt", "")]),
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let buildContext = context.buildContext, let copy = context.model.copies[index], copy.origin == .context else { return }
        let ignore = buildContext.effectiveDockerignore(forDockerfile: context.options.dockerfilePath)
        let checked = copy.sources.filter { $0.kind == .path && $0.value != "." && !$0.value.containsBytes("$") }
        let matches = checked.map { buildContext.expandSource($0.value) }
        // `COPY optional.yml* required.txt /dst/` is Docker's idiom for an optional file: a
        // wildcard may match nothing as long as some source of the COPY matches.
        let anythingMatched = matches.contains { !$0.isEmpty } || checked.count < copy.sources.count
        for (source, matched) in zip(checked, matches) where matched.isEmpty {
            // An excluded file that exists is DA703's finding.
            if ignore.isExcluded(source.value), buildContext.exists(source.value) { continue }
            let wildcard = source.value.containsBytes("*") || source.value.containsBytes("?") || source.value.containsBytes("[")
            if wildcard, anythingMatched { continue }
            findings.report(
                source.word.range,
                wildcard
                    ? "\(source.value) matches nothing in the build context: the build fails; check the pattern and the context directory"
                    : "\(source.value) is not in the build context: the build fails with \"not found\"; paths are relative to the context root")
        }
    }
}
