/// DA110: CMD and ENTRYPOINT in shell form.
struct JSONArgsRecommended: Rule {
    static let description = RuleDescription(
        code: "DA110", name: "json-args-recommended", severity: .warning, category: .syntax,
        aliases: ["DL3025", "JSONArgsRecommended"],
        summary: "CMD or ENTRYPOINT in shell form.",
        rationale: """
            In shell form, Docker runs the command as `/bin/sh -c "…"`: the shell becomes PID 1 \
            and does not pass on SIGTERM, so `docker stop` waits and then kills the process \
            without a clean shutdown. The exec (JSON) form runs the program directly. If you \
            need a shell, say so with SHELL or with an explicit ["sh", "-c", "…"].
            """,
        howToFix: "Write the command as a JSON array, e.g. `CMD [\"gunicorn\", \"app:app\"]`. If you need shell features, use `CMD [\"sh\", \"-c\", \"exec …\"]` so the program replaces the shell, or set SHELL explicitly.",
        badExamples: [
            "FROM python:3.12-slim\nCMD ↓gunicorn app:app\n",
            "FROM alpine\nENTRYPOINT ↓/entrypoint.sh start\n",
            "FROM alpine\nCMD ↓[\"echo\", 'single quotes are not JSON']\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n",
            "FROM alpine\nSHELL [\"/bin/sh\", \"-c\"]\nCMD echo $HOME\n",
            "FROM alpine AS base\nSHELL [\"/bin/ash\", \"-c\"]\nFROM base\nENTRYPOINT exec my-server\n",
            "FROM alpine\nCMD []\n",
            "FROM alpine\nCMD exec gunicorn --bind 0.0.0.0:8000 app:app\n",
        ],
        differences: [
            "differs from hadolint: DL3025 ignores SHELL; dockaudit follows BuildKit: an explicit SHELL in the stage (or a stage it builds on) means the shell is wanted.",
            "differs from hadolint and BuildKit: both flag `CMD exec program …`; there the shell replaces itself with the program, which gets the signals, so dockaudit does not.",
            "differs from hadolint: 2.15 also flags HEALTHCHECK CMD in shell form; a health check's shell does not receive stop signals, so dockaudit leaves it alone.",
        ])

    static let keywords: Set<InstructionKind> = [.cmd, .entrypoint]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        // An explicit SHELL in the stage chain means the shell is wanted.
        guard !instruction.isJSONForm, instruction.arguments != .none, !context.model.states[index].shellSet else { return }
        // `CMD exec program …`: the shell replaces itself with the program, which then
        // receives the signals.
        if let commands = context.model.scripts[index]?.commands, commands.count == 1,
            instruction.words.first?.value.split(separator: " ").first == "exec"
        {
            return
        }
        let keyword = instruction.kind.rawValue.uppercased()
        findings.report(
            instruction.argumentsRange,
            "\(keyword) in shell form runs under /bin/sh, which does not forward stop signals: use the JSON form, e.g. \(keyword) \(Self.execForm(of: instruction))")
    }

    /// A JSON-form rendering of a simple shell-form command, for the message.
    static func execForm(of instruction: Instruction) -> String {
        let text = instruction.words.first?.value ?? ""
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let simple = !text.contains(where: { "$&|;<>()`'\"\\*?".contains($0) })
        guard simple, !parts.isEmpty, parts.count <= 6 else { return "[\"executable\", \"arg\"]" }
        return "[" + parts.map { GoQuote.quote(String($0)) }.joined(separator: ", ") + "]"
    }
}
