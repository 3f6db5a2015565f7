/// DA401: `apt-get install` of a package without a version.
struct AptPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA401", name: "apt-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3008"],
        summary: "`apt-get install` (or `apt install`) names a package without a version.",
        rationale: """
            Without a version, `apt-get install curl` installs whatever the mirror offers on \
            the day of the build. Two builds of the same Dockerfile can then differ, a rebuild \
            can pull in a changed package, and a build that worked last month can fail. Pinning \
            (`curl=8.5.0-2`) makes the build repeatable and makes upgrades a visible change to \
            the Dockerfile. A package counts as pinned when it names a version (`pkg=1.2-3`, \
            `pkg=1.2.*`), a release (`pkg/bookworm-backports`), or is a local `.deb` file. A \
            variable (`$PKGS`) is checked word by word when its value is known (ENV, ARG, or an \
            assignment earlier in the RUN).
            """,
        howToFix: "Add the version: `apt-get install -y curl=8.5.0-2` (see `apt-cache policy curl` for the candidate). Pinning many packages is easier with a pinned base image digest and a snapshot mirror (`snapshot.debian.org`).",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ↓curl && rm -rf /var/lib/apt/lists/*\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 ↓git\n",
            "FROM debian:bookworm-slim\nRUN sudo apt-get install -y --no-install-recommends ↓curl\n",
            "FROM ubuntu:24.04\nRUN apt install -y --no-install-recommends ↓curl\n",
            "FROM debian:bookworm-slim\nENV BUILD_DEPS=\"gcc make\"\nRUN apt-get install -y --no-install-recommends ↓$BUILD_DEPS\n",
            "FROM debian:bookworm-slim\nARG MAJOR=4\nRUN apt-get install -y --no-install-recommends ↓\"tools-${MAJOR}\"\n",
            "FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends ↓curl\nEOF\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y -t bookworm-backports --no-install-recommends git=1:2.43.0-1~bpo12+1\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl/bookworm-backports\n",
            "FROM debian:bookworm-slim\nCOPY app.deb /tmp/\nRUN apt-get install -y --no-install-recommends /tmp/app.deb\n",
            "FROM debian:bookworm-slim\nARG PKGS\nRUN apt-get install -y --no-install-recommends $PKGS\n",
            "FROM debian:bookworm-slim\nARG MAJOR\nRUN apt-get install -y --no-install-recommends \"tools-${MAJOR}\"\n",
            "FROM debian:bookworm-slim\nARG CURL_VERSION=7.88.1-10+deb12u5\nRUN apt-get install -y --no-install-recommends curl=${CURL_VERSION}\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends $(cat /tmp/packages.txt)\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies (`RUN bash <<EOF`), are checked; hadolint only sees the outer command.",
            "differs from hadolint: `apt install` is checked like `apt-get install` (hadolint only reports it under DL3027).",
            "differs from hadolint: a variable is expanded when its value is known and checked word by word; a variable whose value is unknown (an ARG without default, `$(cat list)`) is not reported, where hadolint reports `$PKGS` as one unpinned package.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.systemPackageCommands(at: index) where install.isAptGetOrApt && install.action == .install && !install.isSimulation {
            let tool = install.command.commandName
            for word in install.packages {
                guard let values = model.packageWords(word, for: install.command, at: index) else { continue }
                let unpinned = values.filter { !SystemPackageCommand.isPinnedAptPackage($0) }
                guard !unpinned.isEmpty else { continue }
                let shown = unpinned.prefix(3).map { "\($0)=<version>" }.joined(separator: " ")
                findings.report(
                    word.range,
                    word.value == unpinned.first && values.count == 1
                        ? "Pin the version: \(tool) install \(shown)"
                        : "\(word.value) holds unpinned packages (\(unpinned.joined(separator: ", "))); pin each: \(shown)")
            }
        }
    }
}
