/// DA404: `apt-get install` that also installs recommended packages.
struct AptInstallRecommends: Rule {
    static let description = RuleDescription(
        code: "DA404", name: "apt-install-recommends", severity: .info, category: .shell,
        aliases: ["DL3015"],
        summary: "`apt-get install` (or `apt install`) runs without `--no-install-recommends`.",
        rationale: """
            By default apt installs each package's "Recommends" too: documentation tools, \
            locales, X11 libraries, sometimes a whole compiler. They are not needed for the \
            package to work, they make the image larger and bring more code to patch. \
            `--no-install-recommends` installs only real dependencies; add the few recommended \
            packages you do need by name. Accepted: `--no-install-recommends`, \
            `-o APT::Install-Recommends=false` (or `0`), and an `APT::Install-Recommends "0";` \
            setting written by an earlier RUN.
            """,
        howToFix: "Add `--no-install-recommends`: `apt-get install -y --no-install-recommends <package>`.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && ↓apt-get install -y curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN ↓env DEBIAN_FRONTEND=noninteractive apt-get install -y curl=7.88.1-10+deb12u5\n",
            "FROM ubuntu:24.04\nRUN ↓apt install -y curl=8.5.0-2ubuntu10\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y -o APT::Install-Recommends=false curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommends\nRUN apt-get install -y curl=7.88.1-10+deb12u5\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, heredoc bodies, and `apt install` are checked.",
            "differs from hadolint: `APT::Install-Recommends \"0\";` written to apt's configuration by an earlier RUN of the stage (or a stage it builds on), or earlier in the same RUN, is accepted.",
        ],
        fixes: FixDescription(
            "Adds `--no-install-recommends` after `install`. Unsafe: the packages that were only recommended are no longer installed, and a program may need one at run time (`curl` recommends `ca-certificates`, without which HTTPS fails); check the image and name the ones you need.",
            safety: .unsafe,
            before: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5\n",
            after: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl=7.88.1-10+deb12u5\n"))

    static let keywords: Set<InstructionKind> = [.run]

    var noRecommends = EarlierRunSetting()

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        defer { noRecommends.record(index, context: context, when: Self.configuresNoRecommends) }
        let model = context.model
        let installs = model.systemPackageCommands(at: index).filter { $0.isAptGetOrApt && $0.action == .install && !$0.isSimulation && !$0.skipsRecommends }
        guard !installs.isEmpty, !noRecommends.isSet(before: index, context: context) else { return }
        for install in installs {
            let before = model.commands(before: install.command, at: index).flatMap { $0.arguments.map(\.value) }
            if Self.configuresNoRecommends(before) { continue }
            let edit = model.scripts[index].flatMap {
                FixEdits.insertOptions(["--no-install-recommends"], after: install.subcommand, of: install.command, in: $0, source: context.source)
            }
            findings.report(
                install.command.range,
                "Add --no-install-recommends so apt installs only what the packages need: \(install.command.commandName) install -y --no-install-recommends …",
                // Unsafe: a recommended package the program needs at run time disappears.
                fix: edit.map { Fix("add --no-install-recommends", edits: [$0], safety: .unsafe) })
        }
    }

    static func configuresNoRecommends(_ words: [String]) -> Bool {
        words.contains { word in
            guard word.containsIgnoringASCIICase("apt::install-recommends") else { return false }
            let lowered = word.lowercased()
            guard let found = lowered.firstRange(of: "apt::install-recommends") else { return false }
            let rest = lowered[found.upperBound...].prefix(12)
            return rest.containsBytes("0") || rest.containsBytes("false")
        }
    }
}
