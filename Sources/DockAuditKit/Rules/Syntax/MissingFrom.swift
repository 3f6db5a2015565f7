/// DA104: a file with instructions but no FROM builds nothing.
struct MissingFrom: Rule {
    static let description = RuleDescription(
        code: "DA104", name: "missing-from", severity: .error, category: .syntax,
        summary: "The file has instructions but no FROM.",
        rationale: """
            A Dockerfile builds stages, and each stage starts with FROM. Without one, BuildKit \
            fails ("no build stage in current context", or "dockerfile contains no stages to \
            build" when only ARGs are present).
            """,
        howToFix: "Start the build with `FROM <image>` (after any global ARGs); use `FROM scratch` for an empty base.",
        badExamples: [
            "↓RUN echo hello\n",
            "↓ARG VERSION=1\n",
        ],
        goodExamples: [
            "FROM alpine\nRUN echo hello\n",
            "ARG VERSION=1\nFROM alpine:${VERSION}\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        guard context.firstFromIndex == nil, let first = context.instructions.first else { return }
        findings.report(first.keywordRange, "no FROM instruction: start the file with FROM <image> (after any global ARGs)")
    }
}
