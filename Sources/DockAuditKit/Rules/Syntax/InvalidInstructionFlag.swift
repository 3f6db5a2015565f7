/// DA128: a `--flag` BuildKit rejects: unknown for the instruction, repeated, without its
/// value, with a bad value, or a `RUN --mount` BuildKit cannot read.
struct InvalidInstructionFlag: Rule {
    static let description = RuleDescription(
        code: "DA128", name: "invalid-instruction-flag", severity: .error, category: .syntax,
        summary: "An instruction flag that BuildKit rejects, so the build fails.",
        rationale: """
            Each instruction accepts its own flags (`COPY --chown`, `RUN --mount`, \
            `HEALTHCHECK --interval`…); BuildKit stops the build at a flag it does not know for \
            that instruction (`COPY --user`, `RUN --foo`), at a flag given twice, a boolean flag \
            with a value other than true or false (`--link=maybe`), a `RUN --network` or \
            `--security` mode it does not have, a bad HEALTHCHECK duration, or a `--mount` \
            with an unknown type or key, a value of the wrong kind, or no target. BuildKit \
            checks no flags on ARG, STOPSIGNAL and HEALTHCHECK NONE, so neither does this rule.
            """,
        howToFix: "Remove the flag or fix its spelling and value; the message says what BuildKit expects.",
        badExamples: [
            "FROM alpine\nCOPY ↓--user=app app /app\n",
            "FROM alpine\nRUN ↓--foo make\n",
            "FROM alpine\nCOPY --chown=1:1 ↓--chown=2:2 a /b\n",
            "FROM alpine\nCOPY ↓--link=maybe a /b\n",
            "FROM alpine\nADD ↓--chmod a /b\n",
            "FROM alpine\nRUN ↓--mount=type=cach,target=/root/.cache pip install x\n",
            "FROM alpine\nRUN ↓--mount=type=cache,dest=/root/.cache pip install x\n",
            "FROM alpine\nWORKDIR /\nRUN ↓--mount=type=cache pip install x\n",
            "FROM alpine\nRUN ↓--mount=type=bind,source=out,target=/ ls\n",
            "FROM alpine\nRUN ↓--mount=type=secret cat /run/secrets/x\n",
            "FROM alpine\nRUN ↓--network=bridge make\n",
            "FROM alpine\nHEALTHCHECK ↓--interval=5 CMD true\n",
            "FROM alpine\nWORKDIR ↓--parents /app\n",
            "FROM alpine\nCOPY ↓--from=$STAGE /a /b\n",
        ],
        goodExamples: [
            "FROM --platform=$BUILDPLATFORM alpine\nCOPY --chown=app:app --chmod=644 --link a /b\n",
            "FROM alpine\nCOPY --parents --exclude=*.pyc --exclude=*.tmp src/ /app/\n",
            "FROM alpine\nADD --checksum=sha256:0123 --keep-git-dir=true --unpack=false --link=True https://example.com/a.tgz /b\n",
            "FROM alpine\nRUN --mount=type=cache,target=/root/.cache,sharing=locked,id=pip --mount=type=secret,id=token,required pip install x\n",
            "FROM alpine\nRUN --mount=type=bind,from=build,source=/out,target=/in,rw --network=none --security=insecure make\n",
            "FROM alpine\nRUN --mount=type=tmpfs,target=/tmp,size=64m --mount=type=ssh --device=name=gpu make\n",
            "FROM alpine\nWORKDIR /src\nRUN --mount=type=cache make\n",
            "FROM alpine\nHEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --retries=3 CMD true\n",
            "FROM alpine\nHEALTHCHECK --whatever NONE\n",
            "FROM alpine\nARG --foo\n",
        ],
        differences: [
            "differs from BuildKit: BuildKit stops at the first bad flag of the file; dockaudit reports every bad flag.",
            "differs from BuildKit: a `--mount` without a target mounts at the working directory; BuildKit fails when that is `/`, which dockaudit reports only when a WORKDIR in the file makes it so (the base image's own working directory is unknown here).",
            "differs from BuildKit: a `--mount` value that still holds a variable after expanding the ARGs and ENVs known here (`type=$T`) is not judged.",
        ])

    static let keywords: Set<InstructionKind> = Set(InstructionKind.allCases)

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let accepted = InstructionFlags.accepted(for: instruction) else { return }
        var used: Set<String> = []
        for flag in instruction.flags {
            // BuildKit stops reading flags at a bare `--`.
            if flag.text == "--" { break }
            if let message = problem(with: flag, of: instruction, accepted: accepted, used: &used, index: index, context: context) {
                findings.report(flag.range, message)
            }
        }
    }

    private func problem(
        with flag: Flag, of instruction: Instruction, accepted: [String: InstructionFlags.ValueKind], used: inout Set<String>,
        index: Int, context: LintContext
    ) -> String? {
        let name = flag.name
        let written = "--" + name
        guard let kind = accepted[name] else {
            let suggestion = BuildKitSuggestion.search(name, among: accepted.keys.sorted()).map { " (did you mean \($0)?)" } ?? ""
            let keyword = instruction.kind.rawValue.uppercased()
            let known = accepted.isEmpty ? "\(keyword) takes no flags" : "\(keyword) accepts " + accepted.keys.sorted().map { "--\($0)" }.joined(separator: ", ")
            return "unknown flag: \(written)\(suggestion); \(known)"
        }
        if kind != .repeatable, !used.insert(name).inserted {
            return "duplicate flag specified: \(written)"
        }
        let value = flag.value
        switch kind {
        case .boolean:
            guard let value else { return nil }
            if value.isEmpty { return "missing a value on flag: \(written)" }
            if value.lowercased() != "true", value.lowercased() != "false" {
                return "expecting boolean value for flag \(written), not: \(value)"
            }
            return nil
        case .string, .repeatable:
            guard let value else { return "missing a value on flag: \(written)" }
            return problem(withValue: value, of: name, in: instruction, index: index, context: context)
        }
    }

    private func problem(withValue value: String, of name: String, in instruction: Instruction, index: Int, context: LintContext) -> String? {
        switch (instruction.kind, name) {
        case (.run, "network"):
            return InstructionFlags.networkModes.contains(value) ? nil : "invalid network mode \"\(value)\" (use default, none or host)"
        case (.run, "security"):
            return InstructionFlags.securityModes.contains(value) ? nil : "security \"\(value)\" is not valid (use sandbox or insecure)"
        case (.run, "mount"):
            let state = context.model.states[index]
            let problem = MountSpecProblem.problem(
                in: value, expand: { context.model.expand($0, at: index) },
                workdirIsRoot: state.workdirKnown && state.workdir == "/")
            return problem.map { "invalid --mount=\(value): \($0)" }
        case (.copy, "from"):
            // BuildKit expands --from with no variables at all and refuses any change.
            var lexer = ShellLexer(escapeToken: Unicode.Scalar(context.dockerfile.escapeToken))
            lexer.rawQuotes = false
            let expanded = try? lexer.processWord(value, environment: VariableTable()).value
            guard expanded != value else { return nil }
            return "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround"
        case (.healthcheck, "retries"):
            guard let retries = Int32(value) else { return "strconv.ParseInt: parsing \"\(value)\": invalid syntax" }
            return retries < 0 ? "--retries cannot be negative (\(retries))" : nil
        case (.healthcheck, _):
            guard !value.isEmpty else { return nil }
            return InstructionFlags.isHealthcheckDuration(value) ? nil : "time: invalid duration \"\(value)\" for --\(name) (write it like 30s or 1m30s, at least 1ms)"
        default:
            return nil
        }
    }
}
