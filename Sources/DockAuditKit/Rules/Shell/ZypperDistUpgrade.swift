/// DA428: `zypper dist-upgrade` in a build.
struct ZypperDistUpgrade: Rule {
    static let description = RuleDescription(
        code: "DA428", name: "zypper-dist-upgrade", severity: .warning, category: .shell,
        aliases: ["DL3035"],
        summary: "A RUN runs `zypper dist-upgrade` (`dup`).",
        rationale: """
            `zypper dist-upgrade` moves every package to whatever the repositories hold today, \
            including a new distribution release on rolling ones (Tumbleweed) — vendor changes, \
            removed packages and all. The result depends on the day of the build and can differ \
            wildly from the base image you chose. Pick the base image release you want and, if \
            needed, `zypper patch` (security fixes only) or install specific package versions.
            """,
        howToFix: "Use a newer base image instead, or `zypper --non-interactive patch` for security fixes.",
        badExamples: [
            "FROM opensuse/tumbleweed\nRUN zypper --non-interactive ↓dup && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n ↓dist-upgrade --no-recommends && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN sudo zypper -n ↓dup\n",
            "FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n ↓dup\nEOF\n",
        ],
        goodExamples: [
            "FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install dup=1.0 && zypper clean --all\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for command in context.model.scripts[index]?.commands ?? [] {
            guard command.commandName == "zypper", let call = PackageManagerCall(command),
                call.subcommand.value == "dist-upgrade" || call.subcommand.value == "dup"
            else { continue }
            findings.report(
                call.subcommand.range,
                "zypper \(call.subcommand.value) upgrades the whole distribution to whatever the repositories hold today: use a newer base image, or zypper patch for security fixes")
        }
    }
}
