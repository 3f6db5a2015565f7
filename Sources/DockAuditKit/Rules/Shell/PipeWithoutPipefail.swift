/// DA410: a pipe in a RUN hides the failure of the commands before the last one.
struct PipeWithoutPipefail: Rule {
    static let description = RuleDescription(
        code: "DA410", name: "pipe-without-pipefail", severity: .warning, category: .shell,
        aliases: ["DL4006"],
        summary: "A RUN pipes a command into another while the shell's `pipefail` option is off.",
        rationale: """
            A pipeline's exit status is that of its last command, so in \
            `curl -fsSL https://example.com/app.tgz | tar -xz` a failed download still builds \
            a broken image as long as `tar` succeeds. With `pipefail` on, the pipeline fails \
            when any of its commands fails. It is on when the SHELL has `-o pipefail` \
            (`SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]`, inherited by a \
            `FROM <stage>`), or when the same shell ran `set -o pipefail` earlier in the RUN. \
            A shell started inside the RUN (`bash -c '…'`, `sh <<EOF`, a heredoc with a `#!` \
            line) does not inherit it and needs its own. `/bin/sh -o pipefail` counts too: \
            busybox (Alpine) accepts it, and a shell that does not, such as dash 0.5.12 on \
            Debian 12, stops with "Illegal option -o pipefail" before running anything, so \
            the build fails instead of running without it. Pipes whose earlier \
            commands cannot fail are not reported: `echo`, `printf`, `yes`, `true` and a \
            `cat` of a here-document or here-string (`yes | cmd` even fails under \
            pipefail once `cmd` stops reading).
            """,
        howToFix: "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (`/bin/ash` on Alpine) before the RUN; where bash already runs it, `set -o pipefail &&` at its start also works.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-c\"]\nRUN ↓wget -qO- https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/example.gpg\n",
            "FROM debian:bookworm-slim\nRUN ↓curl -fsSL https://example.com/app.tgz | tar -xz -C /opt; set -o pipefail\n",
            "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN bash -c '↓curl -fsSL https://example.com/app.tgz | tar -xz -C /opt'\n",
            "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN <<EOF\n#!/bin/bash\n↓curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\nEOF\n",
            "FROM debian:bookworm-slim AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM debian:bookworm-slim\nRUN ↓curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM debian:bookworm-slim\nRUN echo ready | ↓grep -q ready | wc -l\n",
            "FROM debian:bookworm-slim\nRUN VERSION=\"$(↓curl -fsSL https://example.com/latest | jq -r .tag)\" && echo \"$VERSION\"\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM debian:bookworm-slim\nSHELL [\"/usr/bin/bash\", \"-euxo\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM alpine:3.20\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-c\"]\nRUN set -o errexit -o pipefail; curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM debian:bookworm-slim AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n",
            "FROM debian:bookworm-slim\nRUN bash -o pipefail -c 'curl -fsSL https://example.com/app.tgz | tar -xz -C /opt'\n",
            "FROM debian:bookworm-slim\nRUN <<EOF\n#!/bin/bash\nset -euo pipefail\ncurl -fsSL https://example.com/app.tgz | tar -xz -C /opt\nEOF\n",
            "FROM debian:bookworm-slim\nRUN echo \"deb https://example.com/apt stable main\" | tee /etc/apt/sources.list.d/example.list\n",
            "FROM debian:bookworm-slim\nRUN yes | apt-get install --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN [\"/opt/app/install\", \"--prefix\", \"/usr\"]\n",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem C:/ | Select-Object Name\n",
        ],
        differences: [
            "differs from hadolint: `set -o pipefail` (`set -eo pipefail`, `set -o errexit -o pipefail` …) earlier in the same RUN counts; hadolint only looks at SHELL.",
            "differs from hadolint: the SHELL's program is matched by name in any folder (`/usr/bin/bash`), and `sh`, `dash` and `ksh` with `-o pipefail` count too: a shell without the option (dash 0.5.12) fails the build instead of ignoring it.",
            "differs from hadolint: pipes whose earlier commands are only `echo`, `printf`, `yes`, `true` or `cat` of a here-document are not reported, since pipefail changes nothing there (or breaks `yes |`).",
            "differs from hadolint: pipes in `bash -c '…'` strings and in heredoc bodies read by a shell are checked, with that shell's own options, since a nested shell does not inherit pipefail; a `RUN <<EOF` body with a `#!` line is run without the SHELL, so it needs its own `set -o pipefail`.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let script = model.scripts[index], script.hasPipes else { return }
        let shell = ShellInvocation(model.states[index].shell)
        var checked: Set<Int> = []
        for (position, command) in script.commands.enumerated() {
            guard let pipeline = command.context.pipelineID, checked.insert(pipeline).inserted else { continue }
            let members = script.commands.enumerated().filter { $0.element.context.pipelineID == pipeline }
            let lastIndex = command.context.pipelineLength - 1
            let feeders = members.filter { $0.element.context.pipelineIndex < lastIndex }.map(\.element)
            guard let failing = feeders.first(where: { !Self.cannotFail($0) }) else { continue }
            if script.pipefailEnabled(at: position, shell: shell) { continue }
            findings.report(failing.range, Self.message(for: failing, in: script, shell: shell))
            // One finding per RUN: one SHELL line fixes them all.
            return
        }
    }

    /// What is wrong and what to do, for the shell that runs the pipe.
    static func message(for failing: ShellCommand, in script: ShellScript, shell: ShellInvocation) -> String {
        let hidden = "This pipe hides a failure of \(failing.commandName.isEmpty ? "this command" : "`\(failing.commandName)`")"
        if let nested = ShellScript.shellLayers(failing).last {
            let fix: String
            if nested.name == "su" {
                // `su -c` runs the user's login shell: options cannot be added, only `set`.
                fix = "begin its script with set -o pipefail"
            } else if knowsPipefail(nested.name) {
                fix = "run it as `\(nested.name) -o pipefail` or begin its script with set -o pipefail"
            } else {
                fix = "run the script with `bash -o pipefail -c` (`ash` on Alpine)"
            }
            return "\(hidden): the `\(nested.name)` started here does not inherit pipefail; \(fix)"
        }
        if let program = script.shebang {
            let fix = knowsPipefail(program) ? "begin it with set -o pipefail" : "make it a `#!/bin/bash` script that begins with set -o pipefail"
            return "\(hidden): this heredoc runs as a `\(program)` script without the SHELL's options; \(fix)"
        }
        let setInRun = knowsPipefail(shell.name) ? ", or start the RUN with set -o pipefail &&" : ""
        return "\(hidden): add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (/bin/ash on Alpine) before the RUN\(setInRun)"
    }

    /// Shells whose `set -o pipefail` works in every release in use. `sh` is left out: it
    /// is dash on Debian and Ubuntu, which rejects the option up to 0.5.12 (Debian 12).
    static func knowsPipefail(_ shell: String) -> Bool {
        ["bash", "zsh", "ksh", "mksh", "ash", "busybox"].contains(shell)
    }

    /// A command on the writing side of a pipe whose failure pipefail would not catch in
    /// practice: it prints a fixed text, or copies a here-document.
    static func cannotFail(_ command: ShellCommand) -> Bool {
        switch command.commandName {
        case "echo", "printf", "yes", "true", ":":
            return true
        case "cat":
            let readsHereText = command.redirections.contains { $0.op == "<<" || $0.op == "<<-" || $0.op == "<<<" }
            return readsHereText && command.positionalArguments().allSatisfy { $0.value == "-" }
        default:
            return false
        }
    }
}
