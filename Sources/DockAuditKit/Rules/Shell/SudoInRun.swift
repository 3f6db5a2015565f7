/// DA409: a RUN runs a command through `sudo`.
struct SudoInRun: Rule {
    static let description = RuleDescription(
        code: "DA409", name: "sudo-in-run", severity: .error, category: .shell,
        aliases: ["DL3004"],
        summary: "A RUN uses `sudo`.",
        rationale: """
            RUN already runs as the USER in force, root unless a USER said otherwise, so \
            `sudo` is either pointless or works around a USER set too early. It behaves \
            differently from image to image: it may be missing, may want a password or a \
            terminal, resets the environment (your ENV and ARG values may not reach the \
            command), and leaves a setuid tool in the image that lets any process become \
            root. Switch users explicitly instead: `USER root` before the RUN and \
            `USER app` after it, or `gosu`/`su-exec` in an entrypoint that must drop \
            privileges at run time.
            """,
        howToFix: "Drop `sudo`: put `USER root` before the RUN (and switch back with `USER <name>` after it).",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓sudo apt-get update\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && ↓sudo -E make install\n",
            "FROM debian:bookworm-slim\nRUN env DEBIAN_FRONTEND=noninteractive ↓sudo apt-get update\n",
            "FROM debian:bookworm-slim\nRUN bash -c '↓sudo make install'\n",
            "FROM debian:bookworm-slim\nRUN <<EOF\n↓sudo make install\nEOF\n",
            "FROM debian:bookworm-slim\nRUN ↓sudo -i\n",
            "FROM debian:bookworm-slim\nRUN [↓\"sudo\", \"make\", \"install\"]\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nUSER root\nRUN make install\nUSER app\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo=1.9.13p3-1+deb12u1\n",
            "FROM debian:bookworm-slim\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app\n",
            "FROM debian:bookworm-slim\nCMD [\"sudo\", \"-u\", \"app\", \"server\"]\n",
        ],
        differences: [
            "differs from hadolint: `sudo` under `env`, `nice` and other wrappers, in `sh -c`/`bash -c` strings and in the body of `RUN bash <<EOF` is reported.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let script = context.model.scripts[index] else { return }
        // A `sudo sh -c 'a && b'` is a wrapper of both `a` and `b`: report its word once.
        var reported: Set<Int> = []
        for command in script.commands {
            var sudoWords = command.wrapperCalls.filter { $0.name == "sudo" }.compactMap(\.words.first)
            if command.commandName == "sudo", let name = command.name, name.isLiteral { sudoWords.append(name) }
            for word in sudoWords where reported.insert(word.range.start.offset).inserted {
                findings.report(word.range, "Do not use sudo in a RUN: switch with USER root before it (and USER <name> after it)")
            }
        }
    }
}
