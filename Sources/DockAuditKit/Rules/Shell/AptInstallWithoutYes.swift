/// DA403: `apt-get install` that would stop to ask for confirmation.
struct AptInstallWithoutYes: Rule {
    static let description = RuleDescription(
        code: "DA403", name: "apt-install-without-yes", severity: .warning, category: .shell,
        aliases: ["DL3014"],
        summary: "`apt-get install` (or `apt install`) runs without `-y`.",
        rationale: """
            Without `-y`, apt asks "Do you want to continue? [Y/n]" whenever an install pulls \
            in extra packages. A build has no terminal to answer, so apt reads end of input and \
            aborts, and the build fails — or, worse, works today and fails the day a new \
            dependency appears. `-y`, `--yes`, `--assume-yes`, `-qq` / `-q=2` (quiet level 2 \
            implies yes), `-o APT::Get::Assume-Yes=true`, an `APT::Get::Assume-Yes "true";` \
            setting written by an earlier RUN, and `yes |` in front are all accepted.
            """,
        howToFix: "Add `-y`: `apt-get install -y --no-install-recommends <package>`.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && ↓apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN ↓sudo apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM ubuntu:24.04\nRUN ↓apt install -q --no-install-recommends curl=8.5.0-2ubuntu10\n",
            "FROM debian:bookworm-slim\nRUN bash <<EOF\n↓apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\nEOF\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN apt-get -qq install --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -q=2 --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN apt-get install --assume-yes --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -o APT::Get::Assume-Yes=true --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN yes | apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, heredoc bodies, and `apt install` are checked.",
            "differs from hadolint: `-o APT::Get::Assume-Yes=true`, the same setting written by an earlier RUN of the stage (or a stage it builds on), and `yes | apt-get install` are accepted.",
        ],
        fixes: FixDescription(
            "Adds `-y` after `install`. Safe: without it the build stops at apt's question and fails, so a build that worked before does the same with `-y`.",
            before: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
            after: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n"))

    static let keywords: Set<InstructionKind> = [.run]
    var assumeYes = EarlierRunSetting()

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        defer { assumeYes.record(index, context: context, when: Self.configuresAssumeYes) }
        let model = context.model
        let installs = model.systemPackageCommands(at: index).filter { $0.isAptGetOrApt && $0.action == .install && !$0.isSimulation && !$0.answersYes }
        guard !installs.isEmpty, !assumeYes.isSet(before: index, context: context) else { return }
        for install in installs {
            let before = model.commands(before: install.command, at: index)
            if Self.configuresAssumeYes(before.flatMap { $0.arguments.map(\.value) }) { continue }
            if Self.isFedByYes(install.command, commandsBefore: before) { continue }
            let edit = model.scripts[index].flatMap { FixEdits.insertOptions(["-y"], after: install.subcommand, of: install.command, in: $0, source: context.source) }
            findings.report(
                install.command.range, "Add -y so the install cannot stop at a prompt: \(install.command.commandName) install -y …",
                fix: edit.map { Fix("add -y", edits: [$0]) })
        }
    }

    static func configuresAssumeYes(_ words: [String]) -> Bool {
        words.contains { word in
            guard word.containsIgnoringASCIICase("apt::get::assume-yes") else { return false }
            let lowered = word.lowercased()
            return lowered.containsBytes("apt::get::assume-yes") && (lowered.containsBytes("true") || lowered.containsBytes("\"1\"") || lowered.containsBytes("yes\";"))
        }
    }

    /// `yes | apt-get install …`.
    static func isFedByYes(_ command: ShellCommand, commandsBefore: [ShellCommand]) -> Bool {
        guard command.context.pipelineIndex > 0, let pipeline = command.context.pipelineID else { return false }
        return commandsBefore.contains { $0.context.pipelineID == pipeline && $0.context.pipelineIndex < command.context.pipelineIndex && $0.commandName == "yes" }
    }
}
