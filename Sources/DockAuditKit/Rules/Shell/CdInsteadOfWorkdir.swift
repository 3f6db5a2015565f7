/// DA408: a RUN changes folder with `cd` for the commands after it.
struct CdInsteadOfWorkdir: Rule {
    static let description = RuleDescription(
        code: "DA408", name: "cd-instead-of-workdir", severity: .warning, category: .shell,
        aliases: ["DL3003"],
        summary: "A RUN uses `cd` to choose the folder its later commands run in.",
        rationale: """
            A `cd` lasts only until the end of its RUN, so the next RUN, COPY with a relative \
            destination, CMD and ENTRYPOINT are back in the old folder; readers (and later \
            edits) easily miss that, and every RUN that needs the folder repeats the `cd`. \
            `WORKDIR` sets the folder for everything after it, creates it when missing and \
            shows it in the image's configuration. A `cd` that is scoped on purpose is not \
            reported: inside a subshell `( cd x && make )`, inside `$(…)`, in a loop body \
            (WORKDIR cannot iterate), or into a folder only known while the RUN runs \
            (`cd "$(mktemp -d)"`, which WORKDIR cannot express).
            """,
        howToFix: "Put `WORKDIR /path` before the RUN and drop the `cd`, or scope it in a subshell: `( cd /path && make )`.",
        badExamples: [
            "FROM alpine:3.20\nRUN ↓cd /src && make\n",
            "FROM alpine:3.20\nRUN git clone https://example.com/app.git /app; ↓cd /app; make install\n",
            "FROM alpine:3.20\nRUN sh -c '↓cd /src && make'\n",
            "FROM alpine:3.20\nRUN sudo make -C /src && ↓cd /src && make test\n",
            "FROM alpine:3.20\nRUN <<EOF\nset -e\n↓cd /src\nmake\nEOF\n",
            "FROM alpine:3.20\nRUN if [ -d /src ]; then ↓cd /src; fi && make\n",
            "FROM alpine:3.20\nARG SRC=/src\nRUN ↓cd \"$SRC\" && make\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nWORKDIR /src\nRUN make\n",
            "FROM alpine:3.20\nRUN (cd /src && make) && make -C /docs\n",
            "FROM alpine:3.20\nRUN echo \"built in $(cd /src && pwd)\"\n",
            "FROM alpine:3.20\nRUN for dir in /src/a /src/b; do cd \"$dir\" && make; done\n",
            "FROM alpine:3.20\nRUN cd \"$(mktemp -d)\" && wget -q https://example.com/app.tgz && tar -xzf app.tgz\n",
            "FROM alpine:3.20\nRUN [\"make\", \"-C\", \"/src\"]\n",
        ],
        differences: [
            "differs from hadolint: a `cd` inside a subshell `( … )` or `$(…)`, in a loop body, or into a folder computed by a command substitution (`cd \"$(mktemp -d)\"`) is not reported; hadolint reports every `cd`.",
            "differs from hadolint: a `cd` under `sudo`, `env`, in `sh -c`/`bash -c` strings or in the body of `RUN bash <<EOF` is reported.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let script = context.model.scripts[index] else { return }
        // One finding per RUN, at its first `cd`: replacing it with WORKDIR means
        // reworking the RUN as a whole.
        guard let first = script.commands.first(where: { $0.commandName == "cd" && $0.name?.isLiteral == true && !Self.isScoped($0, in: script) }),
              let word = first.name
        else { return }
        findings.report(
            word.range,
            "cd only lasts until the end of this RUN: set the folder with WORKDIR instead, or scope the cd in a subshell ( cd … && … )")
    }

    /// A `cd` whose effect is deliberately limited, or that WORKDIR cannot replace.
    static func isScoped(_ command: ShellCommand, in script: ShellScript) -> Bool {
        let context = command.context
        if context.inSubshell || context.inCommandSubstitution || context.inLoop { return true }
        // A folder that exists only while the RUN runs: `cd "$(mktemp -d)"`, `cd `dirname x``.
        return command.positionalArguments().contains { script.runsCommands(in: $0) }
    }
}
