/// DA414: one stage downloads with both curl and wget.
struct CurlAndWget: Rule {
    static let description = RuleDescription(
        code: "DA414", name: "curl-and-wget", severity: .warning, category: .shell,
        aliases: ["DL4001"],
        summary: "A stage runs both `curl` and `wget`.",
        rationale: """
            curl and wget do the same job here: fetch a file over HTTP. A stage that uses \
            both needs both installed, which adds packages (and their security updates) to \
            the image for nothing, and makes the download steps read differently for no \
            reason. Only commands that run count: installing both packages, or `command -v \
            curl`, is not a use. A fallback that tries one and then the other (`curl … || \
            wget …`), or picks one per case (different arms of an `if` or `case`, such as \
            one per architecture), is a deliberate choice, and is not reported. The findings are at the uses of the tool that appeared second in the \
            stage, which are the ones to rewrite.
            """,
        howToFix: "Pick one tool for the stage (curl: `curl -fsSLo FILE URL`; wget: `wget -qO FILE URL`) and rewrite the other downloads with it.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN ↓wget -q https://example.com/b.tgz\n",
            "FROM debian:bookworm-slim\nRUN wget -q https://example.com/a.tgz && ↓curl -fsSLO https://example.com/b.tgz\nRUN ↓curl -fsSLO https://example.com/c.tgz\n",
            "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN sudo ↓wget -q https://example.com/b.tgz\n",
            "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN <<EOF\n↓wget -q https://example.com/b.tgz\nEOF\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz\nFROM debian:bookworm-slim\nRUN wget -q https://example.com/b.tgz\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 wget=1.21.3-1+b2\nRUN curl -fsSLO https://example.com/a.tgz\n",
            "FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a https://example.com/a || wget -qO /tmp/a https://example.com/a\n",
            "FROM debian:bookworm-slim\nRUN if command -v curl; then curl -fsSLO https://example.com/a; else wget -q https://example.com/a; fi\n",
            "FROM alpine:3.20\nRUN case \"$(apk --print-arch)\" in x86_64) wget -q https://example.com/a ;; *) apk add --no-cache curl && curl -fsSLO https://example.com/src.tgz ;; esac\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, count as uses.",
            "differs from hadolint: a fallback between the two tools (`curl … || wget …`, the two in different arms of an `if` or `case`, or an `if` that tests which one exists) is not reported; hadolint reports the whole RUN and every later RUN using either tool, dockaudit reports each use of the tool that came second.",
        ])

    static let keywords: Set<InstructionKind> = [.from, .run]

    /// The tool the current stage used first, and where.
    var first: (tool: DownloadCommand.Tool, line: Int)?

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        if instruction.kind == .from {
            first = nil
            return
        }
        guard let script = context.model.scripts[index] else { return }
        let commands = script.commands
        for (position, command) in commands.enumerated() {
            guard let tool = Self.tool(command), let name = command.name, !Self.isFallback(commands, at: position) else { continue }
            guard let earlier = first else {
                first = (tool, command.range.start.line)
                continue
            }
            guard tool != earlier.tool else { continue }
            let other = earlier.tool.rawValue
            findings.report(
                name.range,
                "This stage already downloads with \(other) (line \(earlier.line)): use \(other) here too, so the image needs only one of the two tools")
        }
    }

    static func tool(_ command: ShellCommand) -> DownloadCommand.Tool? {
        switch command.commandName {
        case "curl": return .curl
        case "wget": return .wget
        default: return nil
        }
    }

    /// The command is one side of a fallback between the two tools: `curl … || wget …`
    /// (pipes allowed on either side), the two in different arms of an `if` or `case`, or
    /// the RUN tests which tool exists in an `if`.
    static func isFallback(_ commands: [ShellCommand], at position: Int) -> Bool {
        guard let tool = tool(commands[position]) else { return false }
        let otherName = tool == .curl ? "wget" : "curl"
        for (otherPosition, other) in commands.enumerated() where other.commandName == otherName {
            // Different arms of an `if` or `case` (one per architecture, say).
            if other.context.isAlternative(to: commands[position].context) { return true }
            let joining = commands[min(position, otherPosition)..<max(position, otherPosition)].map(\.context.operatorAfter)
            if joining.contains(.or), joining.allSatisfy({ $0 == .or || $0 == .pipe || $0 == .pipeAll }) { return true }
        }
        // `if command -v curl …; then curl …; else wget …; fi`, and `which`/`type`/`hash`.
        return commands.contains { probe in
            probe.context.inCondition && ["command", "which", "type", "hash"].contains(probe.commandName)
                && probe.arguments.contains { $0.value == "curl" || $0.value == "wget" }
        }
    }
}
