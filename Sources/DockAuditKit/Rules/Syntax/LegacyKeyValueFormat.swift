/// DA117: ENV or LABEL in the legacy `key value` form.
struct LegacyKeyValueFormat: Rule {
    static let description = RuleDescription(
        code: "DA117", name: "legacy-key-value-format", severity: .warning, category: .syntax,
        aliases: ["LegacyKeyValueFormat"],
        summary: "ENV or LABEL written as `key value` instead of `key=value`.",
        rationale: """
            In the legacy form everything after the key, spaces and quotes included, is the \
            value, so `ENV PATH /opt/bin:$PATH` and `ENV A 1 B 2` do not read the way they \
            look, and one instruction can set only one variable. The `key=value` form is \
            unambiguous, can set several keys at once, and is the only one Docker documents \
            for new Dockerfiles.
            """,
        howToFix: "Write `ENV KEY=value` (or `LABEL key=value`), quoting a value that contains spaces: `ENV DEPS=\"curl git\"`.",
        badExamples: [
            "FROM python:3.12-slim\nENV ↓PYTHONUNBUFFERED 1\n",
            "FROM alpine\nLABEL ↓maintainer \"Jane Doe\"\n",
            "FROM alpine\nENV ↓DEPS \\\n    curl \\\n    git\n",
            "FROM alpine\nONBUILD ENV ↓APP_HOME /app\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n",
            "FROM alpine\nENV DEPS=\"curl git\" APP_HOME=/app\n",
            "FROM alpine\nARG VERSION\n",
        ],
        differences: [
            "differs from BuildKit: BuildKit checks ENV and LABEL only in the stages a build dispatches; dockaudit checks every stage, and the triggers of ONBUILD too, since those are dispatched (and warned about) in the builds that use the image.",
        ])

    static let keywords: Set<InstructionKind> = [.env, .label, .onbuild]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let target = instruction.trigger ?? instruction
        guard target.kind == .env || target.kind == .label, case .keyValues(let pairs) = target.arguments else { return }
        let keyword = target.kind.rawValue.uppercased()
        for pair in pairs where !pair.hasEquals {
            findings.report(
                pair.key.range,
                "legacy \"\(keyword) key value\" form: write \"\(keyword) \(pair.key.value)=value\", quoting a value that contains spaces")
        }
    }
}
