/// DA405: `apt`, the interactive front end, used in a build.
struct AptInsteadOfAptGet: Rule {
    static let description = RuleDescription(
        code: "DA405", name: "apt-instead-of-apt-get", severity: .warning, category: .shell,
        aliases: ["DL3027"],
        summary: "A RUN uses `apt`, the interactive front end, instead of `apt-get`/`apt-cache`.",
        rationale: """
            `apt` is meant for people at a terminal: its output (progress bars, colours) and \
            behaviour may change between releases, and it warns "apt does not have a stable CLI \
            interface. Use with caution in scripts." `apt-get` and `apt-cache` do the same \
            jobs with a stable interface meant for scripts.
            """,
        howToFix: "Use `apt-get` (install, update, remove…) or `apt-cache` (search, show, policy) instead of `apt`.",
        badExamples: [
            "FROM ubuntu:24.04\nRUN ↓apt update && ↓apt install -y --no-install-recommends curl=8.5.0-2ubuntu10\n",
            "FROM ubuntu:24.04\nRUN sudo apt-get update && sudo ↓apt install -y curl\n",
            "FROM ubuntu:24.04\nRUN sh -c '↓apt install -y curl'\n",
        ],
        goodExamples: [
            "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10\n",
            "FROM ubuntu:24.04\nRUN apt-cache policy curl\n",
            "FROM ubuntu:24.04\nRUN echo apt install curl\n",
        ],
        differences: [
            "differs from hadolint: `apt` under `sudo`, `env` or `sh -c`, and in heredoc bodies, is reported.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for command in context.model.scripts[index]?.commands ?? [] where command.commandName == "apt" {
            guard let name = command.name else { continue }
            findings.report(name.range, "Use apt-get (or apt-cache) instead of apt: its interface is stable for scripts")
        }
    }
}
