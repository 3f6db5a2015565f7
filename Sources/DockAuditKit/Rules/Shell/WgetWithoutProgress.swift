/// DA415: `wget` that floods the build log with its default progress output.
struct WgetWithoutProgress: Rule {
    static let description = RuleDescription(
        code: "DA415", name: "wget-without-progress", severity: .info, category: .shell,
        aliases: ["DL3047"],
        summary: "`wget` downloads without `--progress=…`, `-q` or `-nv`.",
        rationale: """
            A build has no terminal, so GNU wget falls back to its "dot" progress display: \
            one line of dots for every 50 KB it fetches. A download of a few hundred \
            megabytes writes thousands of lines, which buries the useful part of the build \
            log and can make CI truncate it. `--progress=dot:giga` keeps a progress display \
            with far fewer lines; `-q`/`--quiet`, `-nv`/`--no-verbose`, or sending wget's \
            messages to a file with `-o`/`--output-file` or `-a`/`--append-output` silence it. \
            Options in a cluster count (`-qO-`, `-nvO file`), and so does \
            `-e progress=…`/`--execute=quiet=on`.
            """,
        howToFix: "Add `--progress=dot:giga` (or `-q`/`-nv`): `wget --progress=dot:giga -O /tmp/app.tgz https://…`.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓wget https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN ↓wget -O /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz\n",
            // `-O-q` writes to a file named `-q`; it does not quieten wget.
            "FROM debian:bookworm-slim\nRUN ↓wget -O-q https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN sudo ↓wget -c https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN sh -c '↓wget https://example.com/app.tgz'\n",
            "FROM debian:bookworm-slim\nRUN <<EOF\nset -e\n↓wget https://example.com/app.tgz\nEOF\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget --progress bar:force:noscroll https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget -q https://example.com/app.tgz && wget --quiet https://example.com/b.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget -qO- https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg\n",
            "FROM debian:bookworm-slim\nRUN wget -nv https://example.com/app.tgz && wget -nvO /tmp/b.tgz https://example.com/b.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget --no-verbose https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget -o /tmp/wget.log https://example.com/app.tgz && wget --append-output=/tmp/wget.log https://example.com/b.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget -e progress=dot:giga https://example.com/app.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget --version\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends wget=1.21.3-1+b2\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
            "differs from hadolint: options are read as wget reads them: `-nv` inside a cluster (`-nvO file`) and `-e progress=…`/`-e quiet=on` count; a letter inside another option's value (`-O-q`, `-P /opt/data-a`) does not; `wget --version`/`--help` download nothing and are not reported.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// wget's one-letter options that take a value: the rest of a cluster after one of
    /// them is that value, not more options.
    /// `--execute`/`-e` settings (`.wgetrc` commands) that quieten the progress output.
    static let quietSettings = ["progress=", "quiet=on", "quiet=1", "verbose=off", "verbose=0"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let script = context.model.scripts[index] else { return }
        for command in script.commands where command.commandName == "wget" {
            guard let name = command.name, Self.showsProgress(command) else { continue }
            findings.report(
                name.range,
                "wget prints a line of dots for every 50 KB it downloads in a build: add --progress=dot:giga, or -q / -nv to quieten it")
        }
    }

    /// Whether wget would print its default progress display: it downloads, and nothing
    /// quietens it or sends its messages elsewhere.
    static func showsProgress(_ command: ShellCommand) -> Bool {
        for option in CommandOptions(command.arguments, grammar: DownloadCommand.wgetGrammar).options {
            switch (option.isLong, option.name) {
            case (true, "progress"), (true, "quiet"), (true, "no-verbose"), (true, "output-file"), (true, "append-output"),
                (true, "version"), (true, "help"), (false, "q"), (false, "nv"), (false, "o"), (false, "a"), (false, "V"),
                (false, "h"):
                return false
            case (true, "execute"), (false, "e"):
                if isQuietSetting(option.value ?? "") { return false }
            default:
                continue
            }
        }
        return true
    }

    static func isQuietSetting(_ setting: String) -> Bool {
        let lowered = setting.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
        return quietSettings.contains { lowered.hasPrefix($0.filter { $0 != "-" }) }
    }
}
