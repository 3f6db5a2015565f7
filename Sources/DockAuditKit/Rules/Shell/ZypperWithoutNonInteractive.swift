/// DA427: a zypper command that would stop to ask for confirmation.
struct ZypperWithoutNonInteractive: Rule {
    static let description = RuleDescription(
        code: "DA427", name: "zypper-without-non-interactive", severity: .warning, category: .shell,
        aliases: ["DL3034"],
        summary: "`zypper install` (or another command that changes packages) runs without `--non-interactive`.",
        rationale: """
            zypper asks "Continue? [y/n/v/...? shows all options] (y):" before it installs, \
            removes or upgrades anything. A build has no terminal to answer, so zypper fails \
            (or waits) and the build breaks. Give the global option `-n` / \
            `--non-interactive` before the subcommand (`zypper -n install …`), or the \
            install option `-y` / `--no-confirm`. After the subcommand `-n` means `--name`, \
            so `zypper install -n curl` still asks.
            """,
        howToFix: "Add the global `-n`: `zypper --non-interactive install <package>`.",
        badExamples: [
            "FROM opensuse/leap:15.6\nRUN ↓zypper install curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN ↓zypper in -n curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN ↓zypper rm vim\n",
            "FROM opensuse/leap:15.6\nRUN ↓zypper patch && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN ↓sudo zypper si curl\n",
            "FROM opensuse/leap:15.6\nRUN <<EOF\n↓zypper install curl=8.6.0\nzypper clean --all\nEOF\n",
            "FROM opensuse/leap:15.6\nRUN ↓zypper update && zypper clean --all\n",
        ],
        goodExamples: [
            "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper --non-interactive --gpg-auto-import-keys in curl=8.6.0 && zypper cc -a\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper in --no-confirm curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -nq rm vim\n",
            "FROM opensuse/leap:15.6\nRUN zypper refresh && zypper search curl && zypper clean --all\n",
        ],
        differences: [
            "differs from hadolint: `-n` after the subcommand is `--name`, not `--non-interactive`, and is not accepted; hadolint accepts `-n` anywhere.",
            "differs from hadolint: `update`/`up`, `dist-upgrade`/`dup` and `install-new-recommends` ask too and are checked (reported without a hadolint code).",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// The subcommands hadolint checks, and the others that ask too.
    static let hadolintSubcommands: Set<String> = ["install", "in", "remove", "rm", "source-install", "si", "patch"]
    static let otherPromptingSubcommands: Set<String> = ["update", "up", "dist-upgrade", "dup", "install-new-recommends", "inr"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for command in context.model.scripts[index]?.commands ?? [] {
            guard command.commandName == "zypper", let call = PackageManagerCall(command) else { continue }
            let subcommand = call.subcommand.value
            let isHadolints = Self.hadolintSubcommands.contains(subcommand)
            guard isHadolints || Self.otherPromptingSubcommands.contains(subcommand), !call.isNonInteractiveZypper else { continue }
            findings.report(
                command.range,
                "Add --non-interactive so zypper \(subcommand) cannot stop at its prompt: zypper --non-interactive \(subcommand) …",
                aliases: isHadolints ? ["DL3034"] : [])
        }
    }
}
