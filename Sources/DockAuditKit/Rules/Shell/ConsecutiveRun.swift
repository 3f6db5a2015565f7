/// DA411: two single-command RUNs in a row that could be one.
struct ConsecutiveRun: Rule {
    static let description = RuleDescription(
        code: "DA411", name: "consecutive-run", severity: .info, category: .shell,
        aliases: ["DL3059"],
        summary: "A RUN of one command directly follows another RUN of one command with the same flags.",
        rationale: """
            Every RUN adds a layer and a build step. Two RUNs in a row of one command each, \
            with the same `--mount`, `--network` and `--security` flags, can usually be one \
            RUN joined by `&&`: fewer layers, and files the first one leaves behind can be \
            removed before the layer is written. Comments between the two do not matter; any \
            other instruction does. As in hadolint, a RUN that already chains several \
            commands (`&&`, `;`, a pipe) is taken as a deliberate split and exempts the pair, \
            and so is a heredoc RUN (`RUN <<EOF`), which is a script of its own.
            """,
        howToFix: "Join the two RUNs with `&&` (or move both commands into one heredoc RUN).",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update\n↓RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN mkdir /app\n# the application\n↓RUN chown 1000 /app\n",
            "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/root/.cache pip install poetry==1.8.3\n↓RUN --mount=type=cache,target=/root/.cache pip install tox==4.16.0\n",
            "FROM debian:bookworm-slim\nRUN [\"mkdir\", \"/app\"]\n↓run [\"chown\", \"1000\", \"/app\"]\n",
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN setx /M PATH \"C:\\go\\bin;%PATH%\"\n↓RUN go version\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\nRUN mkdir /app\n",
            "FROM debian:bookworm-slim\nRUN mkdir /app\nCOPY app.py /app/\nRUN chown 1000 /app\n",
            "FROM debian:bookworm-slim\nRUN --mount=type=secret,id=token /opt/fetch\nRUN /opt/build\n",
            "FROM debian:bookworm-slim\nRUN mkdir /app\nFROM debian:bookworm-slim\nRUN mkdir /app\n",
            "FROM debian:bookworm-slim\nRUN mkdir /app\nRUN <<EOF\nchown 1000 /app\nEOF\n",
            "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/app.tgz | tar -xz\nRUN mkdir /app\n",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host 'a'; Write-Host 'b'\nRUN Write-Host 'c'\n",
            "FROM python:3.12-slim\nRUN python -m venv /venv\nRUN <<EOF python\nprint('hello')\nEOF\n",
        ],
        differences: [
            "differs from hadolint: a heredoc RUN (`RUN <<EOF`, `RUN bash <<EOF`) never forms a pair (hadolint issue #805); hadolint reports a one-line heredoc body next to a single-command RUN.",
            "differs from hadolint: the commands of a `sh -c '…'` string count, so `RUN sh -c 'a && b'` is a chain and exempts the pair.",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        var previousFlags: [String]?
        for (index, instruction) in model.dockerfile.instructions.enumerated() {
            // A RUN for PowerShell or cmd is counted roughly, as hadolint does.
            guard instruction.kind == .run, instruction.heredocs.isEmpty, let script = model.scripts[index],
                  let count = script.isShell ? script.commands.count : script.approximateCommandCount, count <= 1
            else {
                previousFlags = nil
                continue
            }
            let flags = Self.flagKey(instruction)
            if previousFlags == flags {
                findings.report(
                    instruction.keywordRange,
                    "This RUN directly follows another single-command RUN: join them with && to save a layer")
            }
            previousFlags = flags
        }
    }

    /// The RUN's flags in a comparable form: order does not matter, names ignore case.
    static func flagKey(_ instruction: Instruction) -> [String] {
        instruction.flags.map { "\($0.name.lowercased())=\($0.value ?? "")" }.sorted()
    }
}
