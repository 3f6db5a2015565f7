/// DA413: a command that does nothing useful when it runs during `docker build`.
struct PointlessCommand: Rule {
    static let description = RuleDescription(
        code: "DA413", name: "pointless-command", severity: .info, category: .shell,
        aliases: ["DL3001"],
        summary: "A RUN uses a command that makes no sense while an image is built (`service … start`, `ps`, `top`, `vim`, `shutdown` …).",
        rationale: """
            Each RUN runs in a throwaway container that stops when the command ends. A \
            service started with `service nginx start` is gone before the next instruction \
            and is not running when a container starts from the image; `ps`, `top`, `free` \
            and `ifconfig` only describe that throwaway container; `vim` waits for a \
            keyboard that is not there; `shutdown`, `reboot` and `mount` need privileges a \
            build does not have. Such a command is usually a leftover from an interactive \
            session and is either useless or fails the build. Using a command for a job \
            inside the same RUN is fine: `service mysql start && mysql < seed.sql`, `kill` \
            of a process the RUN started in the background, `vim` driven by a script \
            (`vim +PlugInstall +qall`, `vim -es -c …`), and `mount` in a privileged \
            `RUN --security=insecure` are not reported.
            """,
        howToFix: "Remove the command. Start services from CMD/ENTRYPOINT (or a process supervisor), edit files with `sed` or COPY, and look at containers with `docker exec`.",
        badExamples: [
            "FROM ubuntu:24.04\nRUN ↓service nginx start\n",
            "FROM ubuntu:24.04\nRUN apt-get update && ↓ps aux\n",
            "FROM ubuntu:24.04\nRUN sudo ↓service ssh restart\n",
            "FROM ubuntu:24.04\nRUN ↓vim /etc/nginx/nginx.conf\n",
            "FROM ubuntu:24.04\nRUN ↓top -b -n 1 && ↓free -m\n",
            "FROM ubuntu:24.04\nRUN ↓mount -t tmpfs tmpfs /mnt\n",
            "FROM ubuntu:24.04\nRUN ↓shutdown -h now\n",
            "FROM ubuntu:24.04\nRUN ↓ssh deploy@example.com uptime\n",
            "FROM ubuntu:24.04\nRUN ↓kill 1\n",
            "FROM ubuntu:24.04\nRUN sh -c '↓service cron start'\n",
            "FROM ubuntu:24.04\nRUN <<EOF\n↓ifconfig\nEOF\n",
        ],
        goodExamples: [
            "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends vim=2:9.1.0016-1ubuntu7 openssh-client=1:9.6p1-3ubuntu13\n",
            "FROM ubuntu:24.04\nRUN service mysql start && mysql < /tmp/seed.sql && service mysql stop\n",
            "FROM ubuntu:24.04\nRUN Xvfb :99 & pid=$!; sleep 2; firefox --headless --screenshot; kill $pid\n",
            "FROM ubuntu:24.04\nRUN vim +PlugInstall +qall && vim -es -u ~/.vimrc -c 'CocInstall -sync coc-json' -c qall\n",
            "FROM ubuntu:24.04\nRUN mkdir -p ~/.ssh && ssh-keyscan github.com >> ~/.ssh/known_hosts\n",
            "FROM ubuntu:24.04\nCMD service nginx start && tail -f /var/log/nginx/access.log\n",
            "FROM ubuntu:24.04\nRUN systemctl enable nginx\n",
            "# syntax=docker/dockerfile:1-labs\nFROM ubuntu:24.04\nRUN --security=insecure mount -t tmpfs tmpfs /mnt && ls /mnt\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
            "differs from hadolint: a command that serves a later step of the same RUN is accepted: `service … start` followed by other commands, `kill` or `ps` after the RUN started a process in the background or a service, `vim` run by a script (`+cmd`, `-c`, `-s`, `-e`), `mount` in a `RUN --security=insecure`. `ifconfig`, `reboot`, `halt` and `poweroff` are reported too.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// Commands that only look at or act on the throwaway build container, or need a
    /// terminal or privileges a build does not have.
    static let pointless: Set<String> = [
        "free", "kill", "mount", "ps", "service", "shutdown", "reboot", "halt", "poweroff", "ssh", "top", "vim", "ifconfig",
    ]
    /// Commands that start something a later `kill`/`ps` of the same RUN may act on.
    static let starters: Set<String> = ["service", "nohup", "start-stop-daemon", "setsid", "daemonize"]
    /// Commands that, coming after `service … start`, do nothing with the service.
    static let trivialFollowers: Set<String> = ["service", "echo", "printf", "true", ":", "sleep"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let script = context.model.scripts[index] else { return }
        let commands = script.commands
        // A service this RUN started and used (`service mysql start && mysql … && service
        // mysql stop`): stopping it afterwards is part of the same job.
        var serviceUsed = false
        for (position, command) in commands.enumerated() {
            let program = command.commandName
            guard Self.pointless.contains(program), let name = command.name else { continue }
            let before = commands[..<position]
            let after = commands[(position + 1)...]
            switch program {
            case "service":
                // Starting a service to use it later in the same RUN (seed a database) works.
                if serviceUsed { continue }
                if after.contains(where: { !Self.trivialFollowers.contains($0.commandName) && $0.name != nil }) {
                    serviceUsed = true
                    continue
                }
            case "kill", "ps":
                if before.contains(where: { $0.context.operatorAfter == .background || Self.starters.contains($0.commandName) }) { continue }
            case "vim":
                if Self.isScripted(command) { continue }
            case "mount":
                // `RUN --security=insecure` runs privileged: mounting works there.
                if instruction.flag(named: "security")?.value == "insecure" { continue }
            default:
                break
            }
            findings.report(name.range, Self.message(for: program))
        }
    }

    /// `vim +cmd`, `vim -c cmd`, `vim -s script`, `vim -e`/`-es`/`-E`: no keyboard needed.
    static func isScripted(_ command: ShellCommand) -> Bool {
        command.arguments.contains { word in
            let value = word.value
            if value.hasPrefix("+") { return true }
            guard value.hasPrefix("-"), !value.hasPrefix("--") else { return false }
            return value.contains { "cesES".contains($0) }
        }
    }

    static func message(for program: String) -> String {
        switch program {
        case "service":
            return "service only runs during this RUN: the process is gone when the next instruction starts; start it from CMD/ENTRYPOINT instead"
        case "vim":
            return "vim waits for a keyboard a build does not have: edit the file with sed, or COPY a prepared one"
        case "ps", "top", "free", "ifconfig":
            return "\(program) only describes the throwaway build container: remove it, and use docker exec on a running container"
        case "kill":
            return "kill here can only reach processes of this build step: remove it, or kill a process this RUN started"
        case "ssh":
            return "ssh from a build needs keys and network access the image should not depend on: fetch what you need with a COPY, RUN --mount=type=ssh and git, or a download"
        default:
            return "\(program) needs privileges a build does not have and does nothing to the image: remove it"
        }
    }
}
