/// DA110: CMD and ENTRYPOINT in shell form.
struct JSONArgsRecommended: Rule {
    static let description = RuleDescription(
        code: "DA110", name: "json-args-recommended", severity: .warning, category: .syntax,
        aliases: ["DL3025", "JSONArgsRecommended"],
        summary: "CMD or ENTRYPOINT in shell form.",
        rationale: """
            In shell form, Docker runs the command as `/bin/sh -c "…"`: the shell becomes PID 1 \
            and does not pass on SIGTERM, so `docker stop` waits and then kills the process \
            without a clean shutdown. The exec (JSON) form runs the program directly. If you \
            need a shell, say so with SHELL or with an explicit ["sh", "-c", "…"].
            """,
        howToFix: "Write the command as a JSON array, e.g. `CMD [\"gunicorn\", \"app:app\"]`. If you need shell features, use `CMD [\"sh\", \"-c\", \"exec …\"]` so the program replaces the shell, or set SHELL explicitly.",
        badExamples: [
            "FROM python:3.12-slim\nCMD ↓gunicorn app:app\n",
            "FROM alpine\nENTRYPOINT ↓/entrypoint.sh start\n",
            "FROM alpine\nCMD ↓[\"echo\", 'single quotes are not JSON']\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n",
            "FROM alpine\nSHELL [\"/bin/sh\", \"-c\"]\nCMD echo $HOME\n",
            "FROM alpine AS base\nSHELL [\"/bin/ash\", \"-c\"]\nFROM base\nENTRYPOINT exec my-server\n",
            "FROM alpine\nCMD []\n",
            "FROM alpine\nCMD exec gunicorn --bind 0.0.0.0:8000 app:app\n",
        ],
        differences: [
            "differs from hadolint: DL3025 ignores SHELL; dockaudit follows BuildKit: an explicit SHELL in the stage (or a stage it builds on) means the shell is wanted.",
            "differs from hadolint and BuildKit: both flag `CMD exec program …`; there the shell replaces itself with the program, which gets the signals, so dockaudit does not.",
            "differs from hadolint: 2.15 also flags HEALTHCHECK CMD in shell form; a health check's shell does not receive stop signals, so dockaudit leaves it alone.",
        ],
        fixes: FixDescription(
            """
            Rewrites the command in JSON form when it is only plain words the shell would pass on unchanged \
            (no variable, quote, escape, glob, `~`, comment, operator or redirection, no `VAR=value` prefix, \
            not a shell builtin or keyword, ASCII only, the default `/bin/sh -c` shell); other commands get no \
            fix, since `["/bin/sh", "-c", "…"]` would keep the shell as PID 1 and fix nothing. Safe for a CMD \
            when no ENTRYPOINT is set in the stage or the stages it builds on: the program then runs as PID 1 \
            and receives the stop signals, which is the point (a base image's own ENTRYPOINT, which the file \
            does not show, then gets the words instead of `/bin/sh -c …`; entrypoint scripts that end in \
            `exec "$@"` run the same program either way). Unsafe for an ENTRYPOINT, and for a CMD under an \
            ENTRYPOINT of the file: a JSON ENTRYPOINT, unlike the shell form, receives CMD and the \
            `docker run` arguments, and a JSON CMD becomes the ENTRYPOINT's arguments.
            """,
            safety: .safe,
            before: "FROM python:3.12-slim\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n",
            after: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n"))

    static let keywords: Set<InstructionKind> = [.cmd, .entrypoint]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        // An explicit SHELL in the stage chain means the shell is wanted.
        guard !instruction.isJSONForm, instruction.arguments != .none, !context.model.states[index].shellSet else { return }
        // `CMD exec program …`: the shell replaces itself with the program, which then
        // receives the signals.
        if let commands = context.model.scripts[index]?.commands, commands.count == 1,
            instruction.words.first?.value.split(separator: " ").first == "exec"
        {
            return
        }
        let keyword = instruction.kind.rawValue.uppercased()
        findings.report(
            instruction.argumentsRange,
            "\(keyword) in shell form runs under /bin/sh, which does not forward stop signals: use the JSON form, e.g. \(keyword) \(Self.execForm(of: instruction))",
            fix: Self.fix(instruction, index: index, context: context))
    }

    /// A JSON-form rendering of a simple shell-form command, for the message.
    static func execForm(of instruction: Instruction) -> String {
        let text = instruction.words.first?.value ?? ""
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let simple = !text.contains(where: { "$&|;<>()`'\"\\*?".contains($0) })
        guard simple, !parts.isEmpty, parts.count <= 6 else { return "[\"executable\", \"arg\"]" }
        return "[" + parts.map { GoQuote.quote(String($0)) }.joined(separator: ", ") + "]"
    }

    /// Characters that make `/bin/sh` do something with a word (expand, quote, glob,
    /// redirect, chain, comment) rather than pass it on as it is.
    static let shellCharacters: Set<Unicode.Scalar> = [
        "$", "&", "|", ";", "<", ">", "(", ")", "`", "'", "\"", "\\", "*", "?", "[", "]", "{", "}", "~", "#", "!",
    ]

    /// First words that only mean something to a shell: keywords and builtins with no
    /// program of that name to run instead.
    static let shellOnlyCommands: Set<String> = [
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function",
        ".", ":", "alias", "break", "cd", "command", "continue", "eval", "exec", "exit", "export", "getopts",
        "hash", "local", "read", "readonly", "return", "set", "shift", "source", "times", "trap", "type",
        "ulimit", "umask", "unalias", "unset", "wait",
    ]

    /// The JSON form of a command made only of plain words; nil for anything the shell
    /// would interpret.
    static func fix(_ instruction: Instruction, index: Int, context: LintContext) -> Fix? {
        guard context.model.states[index].shell == ["/bin/sh", "-c"], let text = instruction.words.first?.value,
            text.unicodeScalars.allSatisfy({ ($0 == " " || $0 == "\t" || (0x21...0x7E).contains($0.value)) && !shellCharacters.contains($0) }),
            // The rewrite replaces the whole argument text, comment lines inside included.
            !context.dockerfile.comments.contains(where: { instruction.range.contains($0.range) })
        else { return nil }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let program = words.first, !program.containsBytes("="), !shellOnlyCommands.contains(program) else { return nil }
        let json = "[" + words.map { GoQuote.quote($0) }.joined(separator: ", ") + "]"
        return Fix(
            "use the JSON form", edits: [TextEdit(range: instruction.argumentsRange.bytes, replacement: json)],
            safety: instruction.kind == .cmd && !entrypointIsSet(before: index, context: context) ? .safe : .unsafe)
    }

    /// Whether an ENTRYPOINT of this file is in force at `index`: in the stage, before it,
    /// or in a stage it builds on.
    static func entrypointIsSet(before index: Int, context: LintContext) -> Bool {
        guard let stageIndex = context.stageIndex(ofInstruction: index) else { return false }
        let stage = context.model.stages[stageIndex]
        if stage.instructionIndices.contains(where: { $0 < index && context.instructions[$0].kind == .entrypoint }) { return true }
        return context.model.ancestors(of: stage).contains { ancestor in
            ancestor.instructionIndices.contains { context.instructions[$0].kind == .entrypoint }
        }
    }
}
