/// DA115: a stage named `scratch` or `context`.
struct ReservedStageName: Rule {
    static let description = RuleDescription(
        code: "DA115", name: "reserved-stage-name", severity: .warning, category: .syntax,
        aliases: ["ReservedStageName", "DL3063"],
        summary: "A stage named `scratch` or `context`, names BuildKit reserves.",
        rationale: """
            `scratch` is the empty base image and `context` names the build context (as in \
            `COPY --from=context` and `--build-context`). A stage with either name makes \
            later `FROM scratch` or `--from=context` ambiguous to readers and to tools.
            """,
        howToFix: "Rename the stage, e.g. `FROM alpine AS builder`, and update its references.",
        badExamples: [
            "FROM alpine AS ↓scratch\nRUN touch /marker\n",
            "FROM alpine AS ↓Context\n",
        ],
        goodExamples: [
            "FROM scratch\nCOPY app /app\n",
            "FROM alpine AS build-context\n",
        ])

    static let reserved: Set<String> = ["scratch", "context"]

    func finish(context: LintContext, findings: inout FindingSink) {
        for stage in context.model.stages {
            guard let name = stage.name, let range = stage.nameRange, Self.reserved.contains(name) else { continue }
            findings.report(range, "stage name \"\(name)\" is reserved for \(name == "scratch" ? "the empty base image" : "the build context"): choose another name")
        }
    }
}
