/// DA505: a script downloaded and run in one go, without being checked.
struct RemoteScriptPipedToShell: Rule {
    static let description = RuleDescription(
        code: "DA505", name: "remote-script-piped-to-shell", severity: .info, category: .security,
        summary: "A RUN downloads a script and runs it straight away (curl … | sh, sh -c \"$(curl …)\", bash <(curl …), curl … | python3 -).",
        rationale: """
            Code fetched at build time and handed to an interpreter is run unchecked: \
            whatever the server (or anyone who controls it, its CDN or its DNS) returns today \
            becomes part of your image, and the next build may run something else. A \
            download that stops half-way can also run a truncated script. Nothing pins the \
            version either, so the build is not reproducible. Downloading to a file, checking \
            it against a known checksum or signature, then running it, avoids all three. \
            Recognised: curl (which writes to standard output unless told `-o`/`-O`) and \
            `wget -O-`/`-qO-` piped into sh, bash and the other shells reading standard input \
            (`sh -s -- args` included), `python`/`python3 -`, `perl`, `ruby` and `node`, also \
            through `sudo`; and a download in `$(…)` or `<(…)` run by `sh -c`, `bash`, \
            `python -c`, `eval` or `source`.
            """,
        howToFix: "Download to a file, verify it (`echo \"SHA256  install.sh\" | sha256sum -c -`), then run it; better, install a pinned release (a package, a versioned binary with its checksum, or a `COPY --from=` of the tool's official image).",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓curl -fsSL https://example.com/install.sh | sh\n",
            "FROM debian:bookworm-slim\nRUN ↓curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg\n",
            "FROM debian:bookworm-slim\nRUN ↓wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes\n",
            "FROM python:3.12-slim\nRUN ↓curl -sSL https://install.python-poetry.org | python3 -\n",
            "FROM debian:bookworm-slim\nRUN sh -c \"$(↓curl -fsSL https://example.com/install.sh)\"\n",
            "FROM debian:bookworm-slim\nRUN bash <(↓curl -s https://example.com/setup.sh)\n",
            "FROM debian:bookworm-slim AS tools\nARG INSTALLER=https://example.com/install.sh\nRUN ↓curl -fsSL \"$INSTALLER\" | bash\nFROM debian:bookworm-slim\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN curl -fsSLo install.sh https://example.com/install.sh && echo \"abc123  install.sh\" | sha256sum -c - && sh install.sh\n",
            "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/tool.tar.gz | tar xz -C /usr/local/bin\n",
            "FROM debian:bookworm-slim\nRUN wget -q https://example.com/install.sh | sh\n",
            "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg\n",
            "FROM python:3.12-slim\nRUN curl -fsSL https://example.com/data.json | python3 -c 'import json,sys; print(json.load(sys.stdin))'\n",
            "FROM debian:bookworm-slim\nRUN VERSION=\"$(curl -fsSL https://example.com/latest)\" && echo \"$VERSION\"\n",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    static let scriptReaders: Set<String> = ["perl", "ruby", "node"]
    /// A script file that is standard input (`curl … | bash /dev/stdin -v 1`).
    static let standardInputFiles: Set<String> = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let script = context.model.scripts[index] else { return }
        let commands = script.commands
        for (position, command) in commands.enumerated() {
            guard let download = DownloadCommand(command), download.writesToStandardOutput else { continue }
            let tool = download.tool.rawValue
            if command.context.isInPipeline, let pipeline = command.context.pipelineID {
                // A later command of the same pipeline that runs standard input as a program.
                let runner = commands[(position + 1)...].first { other in
                    other.context.pipelineID == pipeline && other.context.pipelineIndex > command.context.pipelineIndex
                        && Self.runsStandardInput(other)
                }
                if let runner {
                    findings.report(
                        SourceRange(start: command.range.start, end: max(runner.range.end, command.range.end)),
                        "\(tool) output piped into \(runner.commandName) runs whatever the server returns, unchecked; download to a file, verify its checksum, then run it")
                    continue
                }
            }
            if command.context.inCommandSubstitution, let runner = Self.substitutionRunner(of: command, in: commands) {
                findings.report(
                    command.range,
                    "\(runner) runs the output of \(tool) unchecked; download to a file, verify its checksum, then run it")
            }
        }
    }

    /// Whether a command in a pipeline runs what it reads on standard input as a program.
    static func runsStandardInput(_ command: ShellCommand) -> Bool {
        let name = command.commandName
        if WrapperPlan.shells.contains(name) {
            if let file = command.positionalArguments().first, standardInputFiles.contains(file.value) { return true }
            return WrapperPlan.readsScriptFromInput(command.arguments.map(\.value))
        }
        if let python = PythonInvocation(command) {
            return python.readsStandardInput || python.script.map { standardInputFiles.contains($0.value) } == true
        }
        if scriptReaders.contains(name) {
            // `perl -e CODE` / `node -e CODE` run their argument; with no program file, or
            // `-`, they run standard input.
            if command.hasAnyFlag("e", "E", "p", "eval", "print") { return false }
            let positional = command.positionalArguments()
            return positional.isEmpty || positional[0].value == "-"
        }
        return false
    }

    /// The program that runs the output of `download` (a command in `$(…)` or `<(…)`) as
    /// code: a shell given it as its `-c` script or script file, `python -c`, `eval`,
    /// `source`.
    static func substitutionRunner(of download: ShellCommand, in commands: [ShellCommand]) -> String? {
        for other in commands where other.range != download.range && other.range.contains(download.range) {
            // `sh -c "$(curl …)"`: the substitution is the whole script, read as a command.
            if let name = other.name, name.range.contains(download.range),
                let shell = other.wrapperCalls.last(where: { WrapperPlan.shells.contains($0.name) })
            {
                return "\(shell.name) -c"
            }
            let name = other.commandName
            guard let word = other.arguments.first(where: { $0.range.contains(download.range) }) else { continue }
            if ["eval", "source", "."].contains(name) { return name }
            if WrapperPlan.shells.contains(name) {
                if other.positionalArguments().first?.range == word.range { return name }
                if other.optionValue("c") != nil, other.optionWord("c")?.range == word.range { return "\(name) -c" }
            }
            if let python = PythonInvocation(other) {
                if python.code?.range == word.range || python.script?.range == word.range { return name }
            }
        }
        return nil
    }
}
