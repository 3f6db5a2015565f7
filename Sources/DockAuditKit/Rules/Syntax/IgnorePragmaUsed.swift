/// DA125 (opt-in): an inline ignore pragma, for teams that forbid them.
struct IgnorePragmaUsed: Rule {
    static let description = RuleDescription(
        code: "DA125", name: "ignore-pragma-used", severity: .info, category: .syntax,
        aliases: ["DL1001"],
        summary: "An inline `# dockaudit ignore=` or `# hadolint ignore=` comment (opt-in: `--select DA125`).",
        rationale: """
            An inline pragma lets any author silence a finding next to the code, without a \
            review of the policy. Teams that want exceptions decided centrally turn this rule \
            on and keep exceptions in the lint configuration. Only the per-instruction form \
            is reported; `ignore-stage`, `ignore-file` and hadolint's `global`/`stage` forms \
            are not (as in hadolint).
            """,
        howToFix: "Fix the finding, or agree the exception in the project's lint configuration instead of the Dockerfile.",
        badExamples: [
            "↓# dockaudit ignore=DA206\nFROM python\n",
            "FROM alpine:3.20\n↓# hadolint ignore=DL3018\nRUN apk add curl\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\n# install curl for the health check\nRUN apk add --no-cache curl\n",
            "# hadolint global ignore=DL3018\nFROM alpine:3.20\nRUN apk add curl\n",
        ],
        isOptIn: true)

    func finish(context: LintContext, findings: inout FindingSink) {
        for pragma in context.pragmas.inlineIgnores {
            findings.report(pragma, "inline ignore pragma: this project does not allow silencing findings in the Dockerfile; fix the finding or record the exception in the lint configuration")
        }
    }
}
