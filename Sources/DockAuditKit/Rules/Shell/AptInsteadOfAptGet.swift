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
        ],
        fixes: FixDescription(
            "replace `apt` with `apt-get` for the subcommands both share with the same meaning "
                + "(install, update, remove, purge, autoremove, clean, autoclean)",
            before: "FROM ubuntu:24.04\nRUN apt update && apt install -y curl\n",
            after: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\n"))

    /// The subcommands `apt-get` runs as `apt` does. Not `upgrade` (`apt upgrade` installs
    /// new dependencies, `apt-get upgrade` holds them back) nor `search`/`show`/`list`,
    /// which belong to `apt-cache` or have no counterpart.
    static let sharedSubcommands: Set<String> = ["install", "update", "remove", "purge", "autoremove", "clean", "autoclean"]

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for command in context.model.scripts[index]?.commands ?? [] where command.commandName == "apt" {
            guard let name = command.name else { continue }
            findings.report(
                name.range, "Use apt-get (or apt-cache) instead of apt: its interface is stable for scripts",
                fix: Self.fix(command, name: name, source: context.source.bytes))
        }
    }

    /// `apt` → `apt-get` on the command's name, when the name is written as the plain
    /// word `apt` in the file (not quoted, escaped or split over lines) and the
    /// subcommand means the same to both.
    static func fix(_ command: ShellCommand, name: ShellWord, source: [UInt8]) -> Fix? {
        let range = name.range.bytes
        guard name.raw == "apt", range.count == 3, range.upperBound <= source.count,
            Array(source[range]) == Array("apt".utf8),
            let subcommand = command.arguments.first(where: { !$0.value.hasPrefix("-") }),
            sharedSubcommands.contains(subcommand.value)
        else { return nil }
        return Fix("use apt-get", edits: [TextEdit(range: range, replacement: "apt-get")])
    }
}
