/// DA114: two stages with the same name.
struct DuplicateStageName: Rule {
    static let description = RuleDescription(
        code: "DA114", name: "duplicate-stage-name", severity: .warning, category: .syntax,
        aliases: ["DL3024", "DuplicateStageName"],
        summary: "A stage name already used by an earlier stage.",
        rationale: """
            `COPY --from=name`, `FROM name` and `--target name` can only mean one of the \
            stages that share a name, so the other one is unreachable by name and a reader \
            cannot tell which is meant. It usually comes from copying a stage and forgetting \
            to rename it. Names are compared in lower case, as BuildKit stores them.
            """,
        howToFix: "Give each stage its own name, and update the `--from=` and FROM references that should point at the renamed one.",
        badExamples: [
            "FROM node:20 AS build\nRUN npm ci\nFROM python:3.12 AS ↓build\nRUN pip install -r requirements.txt\n",
            "FROM alpine AS base\nFROM alpine AS ↓Base\n",
        ],
        goodExamples: [
            "FROM node:20 AS frontend\nFROM python:3.12 AS backend\n",
            "FROM alpine\nFROM alpine\n",
        ],
        differences: [
            "differs from hadolint: DL3024 rates this an error; BuildKit only warns and the build goes on, so dockaudit warns.",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        var firstLine: [String: Int] = [:]
        for stage in context.model.stages {
            guard let name = stage.name, let range = stage.nameRange else { continue }
            if let line = firstLine[name] {
                findings.report(range, "duplicate stage name \"\(name)\" (first used on line \(line)): give this stage its own name")
            } else {
                firstLine[name] = range.start.line
            }
        }
    }
}
