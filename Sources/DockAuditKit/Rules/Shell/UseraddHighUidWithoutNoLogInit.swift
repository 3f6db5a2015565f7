/// DA416: `useradd` with a high UID and without `--no-log-init`.
struct UseraddHighUidWithoutNoLogInit: Rule {
    static let description = RuleDescription(
        code: "DA416", name: "useradd-high-uid-without-no-log-init", severity: .warning, category: .shell,
        aliases: ["DL3046"],
        summary: "`useradd -u` with a UID of 100000 or more runs without `-l`/`--no-log-init`.",
        rationale: """
            `useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, \
            files indexed by UID: for UID 123456 it writes at an offset of about 36 MB. On \
            disk that is a sparse file, but the image layer stores it in full, so one \
            `useradd` adds tens or hundreds of megabytes of zeros to the image (and can \
            exhaust the disk for a very large UID). `-l`/`--no-log-init` skips those log \
            entries, which a container never needs. The UID may be written `-u 123456`, \
            `-u123456`, `--uid 123456` or `--uid=123456`; a variable is read from the RUN, \
            ENV or ARG that sets it, and an unknown value is not reported.
            """,
        howToFix: "Add `--no-log-init` (or `-l`): `useradd --no-log-init -u 123456 app`.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓useradd -u 123456 app\n",
            "FROM debian:bookworm-slim\nRUN ↓useradd -m --uid=1000000 app\n",
            "FROM debian:bookworm-slim\nRUN ↓useradd -u654321 -s /bin/bash app\n",
            "FROM debian:bookworm-slim\nRUN ↓useradd --uid 100000 app\n",
            "FROM debian:bookworm-slim\nARG APP_UID=200000\nRUN groupadd -g 200000 app && ↓useradd -u \"$APP_UID\" -g app app\n",
            "FROM debian:bookworm-slim\nRUN sudo ↓useradd -u 123456 app\n",
            "FROM debian:bookworm-slim\nRUN <<EOF\n↓useradd -u 123456 app\nEOF\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN useradd --no-log-init -u 123456 app\n",
            "FROM debian:bookworm-slim\nRUN useradd -lu 123456 app && useradd -l --uid=200000 worker\n",
            "FROM debian:bookworm-slim\nRUN useradd -u 1000 -m app && useradd -u 65534x app2\n",
            "FROM debian:bookworm-slim\nARG APP_UID\nRUN useradd -u \"$APP_UID\" app\n",
            "FROM debian:bookworm-slim\nRUN useradd -c 'build user 1234567' -m app\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
            "differs from hadolint: the UID is read as a number, in every spelling (`--uid 123456`, `--uid=123456`, `-u123456`); a variable is replaced by its value from the RUN, ENV or ARG (hadolint counts the characters of `${USER_ID}` and reports it), and a variable whose value is unknown is not reported.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// hadolint's limit: UIDs of six digits or more.
    static let smallestHighUID = 100_000

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let script = model.scripts[index] else { return }
        for command in script.commands where command.commandName == "useradd" {
            guard let name = command.name, !command.hasAnyFlag("l", "no-log-init"),
                let uidWord = command.optionWord("u", "uid"), let uidText = command.optionValue("u", "uid")
            else { continue }
            var value = uidText
            if value.containsBytes("$") {
                // The value word itself is the variable (`-u "$UID"`); an attached value
                // (`--uid=$UID`) is looked up through a word holding just the value.
                let valueWord = ShellWord(value: value, raw: value, isLiteral: false, isQuoted: uidWord.isQuoted, range: uidWord.range)
                guard let words = model.packageWords(valueWord, for: command, at: index), words.count == 1 else { continue }
                value = words[0]
            }
            guard let uid = Int(value), uid >= Self.smallestHighUID else { continue }
            findings.report(
                name.range,
                "useradd writes lastlog/faillog entries at an offset set by UID \(uid), which adds a file of zeros to the layer: add --no-log-init")
        }
    }
}
