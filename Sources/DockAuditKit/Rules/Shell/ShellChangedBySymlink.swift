/// DA412: a RUN replaces `/bin/sh` with a link to another shell.
struct ShellChangedBySymlink: Rule {
    static let description = RuleDescription(
        code: "DA412", name: "shell-changed-by-symlink", severity: .warning, category: .shell,
        aliases: ["DL4005"],
        summary: "A RUN points `/bin/sh` at another shell with `ln`.",
        rationale: """
            Linking `/bin/sh` to bash changes the shell of every script in the image, the \
            system's own maintainer scripts and every later `RUN` of images built on it \
            included, and package updates may put the original back. To run the Dockerfile's \
            commands with bash, say so with `SHELL [\"/bin/bash\", \"-c\"]`: it only affects the \
            instructions after it and is visible where it matters. Only links whose \
            destination is `/bin/sh` (or `/usr/bin/sh`) are reported, not links that point \
            somewhere else at `/bin/sh`.
            """,
        howToFix: "Remove the `ln` and add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUNs that need bash.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓ln -sf /bin/bash /bin/sh\n",
            "FROM debian:bookworm-slim\nRUN rm /bin/sh && ↓ln -s bash /bin/sh\n",
            "FROM ubuntu:24.04\nRUN ↓ln -sfT /usr/bin/bash /usr/bin/sh\n",
            "FROM ubuntu:24.04\nRUN sudo ↓ln -sf /bin/bash /bin/sh\n",
            "FROM ubuntu:24.04\nRUN ↓ln -s -f -t /bin /opt/shells/sh\n",
            "FROM ubuntu:24.04\nRUN <<EOF\nset -e\n↓ln -sf /bin/bash /bin/sh\nEOF\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo ready\n",
            "FROM debian:bookworm-slim\nRUN ln -s /bin/sh /usr/local/bin/sh\n",
            "FROM debian:bookworm-slim\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n",
            "FROM debian:bookworm-slim\nRUN ln -s /bin/sh\n",
        ],
        differences: [
            "differs from hadolint: only a link whose destination is `/bin/sh` or `/usr/bin/sh` is reported; hadolint reports any `ln` with a `/bin/sh` argument, also `ln -s /bin/sh /usr/local/bin/sh`.",
            "differs from hadolint: `ln` under `sudo`, in `sh -c` strings and in heredoc bodies is checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// `ln` options that take a value (GNU coreutils and busybox).
    static let optionsWithValues = ["S", "suffix", "t", "target-directory", "backup"]
    static let shellPaths: Set<String> = ["/bin/sh", "/usr/bin/sh"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let script = context.model.scripts[index] else { return }
        for command in script.commands where command.commandName == "ln" && Self.replacesShell(command) {
            findings.report(command.name!.range, "Do not replace /bin/sh with a link: set the shell for the RUNs with SHELL [\"/bin/bash\", \"-c\"]")
        }
    }

    /// Whether the link `ln` makes is `/bin/sh`.
    static func replacesShell(_ command: ShellCommand) -> Bool {
        let targets = command.positionalArguments(skipping: optionsWithValues)
        if let folder = command.optionValue("t", "target-directory") {
            // `ln -t DIR TARGET…` makes DIR/<name of TARGET> for each.
            return targets.contains { shellPaths.contains(PathText.clean(folder + "/" + ShellCommand.baseName($0.value))) }
        }
        // `ln TARGET` alone links into the current folder; otherwise the last word is the link.
        guard targets.count >= 2, let link = targets.last?.value else { return false }
        if link.hasSuffix("/") {
            return targets.dropLast().contains { shellPaths.contains(PathText.clean(link + ShellCommand.baseName($0.value))) }
        }
        return shellPaths.contains(PathText.clean(link))
    }
}
