/// DA124 (opt-in): the image that is built has no HEALTHCHECK.
struct HealthcheckMissing: Rule {
    static let description = RuleDescription(
        code: "DA124", name: "healthcheck-missing", severity: .info, category: .syntax,
        aliases: ["DL3057"],
        summary: "The image that is built has no `HEALTHCHECK` (opt-in: `--select DA124`).",
        rationale: """
            Docker and Swarm use `HEALTHCHECK` to tell a running container from a healthy \
            one and to restart or stop routing to a hung service. Many images rely on the \
            orchestrator's probes instead (Kubernetes ignores HEALTHCHECK), so the rule is \
            off unless selected. Only the final stage (the last one, or `--target`'s) is \
            judged, with the stages it builds on: a HEALTHCHECK there is inherited. One in \
            the base image cannot be seen here.
            """,
        howToFix: "Add `HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1` (or a check that fits the service); `HEALTHCHECK NONE` says on purpose that there is none.",
        badExamples: [
            "↓FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim AS build\nHEALTHCHECK CMD true\n↓FROM python:3.12-slim\nCOPY --from=build /app /app\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nHEALTHCHECK --interval=30s CMD python -c 'import urllib.request; urllib.request.urlopen(\"http://localhost:8000/health\")'\n",
            "FROM python:3.12-slim AS base\nHEALTHCHECK NONE\nFROM base\nCMD [\"python\"]\n",
        ],
        differences: [
            "differs from hadolint: hadolint reports every stage without a HEALTHCHECK; dockaudit judges the image that is built (the final stage with the stages it builds on), since builder stages never run as containers."
        ],
        isOptIn: true)

    func finish(context: LintContext, findings: inout FindingSink) {
        guard let final = context.finalStage else { return }
        let hasHealthcheck = ([final] + context.model.ancestors(of: final)).contains { stage in
            stage.instructionIndices.contains { context.instructions[$0].kind == .healthcheck }
        }
        guard !hasHealthcheck else { return }
        findings.report(
            context.instructions[final.fromIndex].range,
            "the image has no HEALTHCHECK: add one (HEALTHCHECK CMD …) so Docker can tell when the service hangs, or HEALTHCHECK NONE to say there is none on purpose")
    }
}
