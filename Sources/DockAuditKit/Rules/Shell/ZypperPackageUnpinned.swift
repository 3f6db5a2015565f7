/// DA430: `zypper install` of a package without a version.
struct ZypperPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA430", name: "zypper-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3037"],
        summary: "`zypper install` names a package without a version.",
        rationale: """
            Without a version, `zypper install curl` installs whatever the repositories offer \
            on the day of the build, so two builds of the same Dockerfile can differ. Give a \
            version or a range: `curl=8.6.0`, `'curl>=8.6'` (quote `<` and `>`, or the shell \
            reads them as redirections). Local or downloaded `.rpm` files are fixed already, \
            and patterns, patches and products (`-t pattern`) cannot be pinned. A variable \
            (`$PKGS`) is checked word by word when its value is known.
            """,
        howToFix: "Add a version: `zypper --non-interactive install curl=8.6.0`.",
        badExamples: [
            "FROM opensuse/leap:15.6\nRUN zypper -n install ↓curl && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 ↓git-core && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install ↓curl-8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN sudo zypper -n install ↓curl && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n install ↓curl\nEOF\n",
        ],
        goodExamples: [
            "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 'git-core>=2.43' && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install ./app-1.0.rpm && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install -t pattern devel_basis && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install --from repo-oss curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nARG PKGS\nRUN zypper -n install $PKGS && zypper clean --all\n",
        ],
        differences: [
            "differs from hadolint: `-t pattern` (and patch, product) installs are not reported, since they cannot be pinned.",
            "differs from hadolint: a variable is expanded when its value is known and checked word by word; one whose value is unknown is not reported.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.systemPackageCommands(at: index) where install.manager == .zypper && install.action == .install {
            if let type = install.command.optionValue("t", "type"), type != "package" { continue }
            for word in install.packages {
                guard let values = model.packageWords(word, for: install.command, at: index) else { continue }
                let unpinned = values.filter { !SystemPackageCommand.isPinnedZypperPackage($0) }
                guard !unpinned.isEmpty else { continue }
                let shown = unpinned.prefix(3).map { "\($0)=<version>" }.joined(separator: " ")
                findings.report(
                    word.range,
                    word.value == unpinned.first && values.count == 1
                        ? "Pin the version: zypper install \(shown)"
                        : "\(word.value) holds unpinned packages (\(unpinned.joined(separator: ", "))); pin each: \(shown)")
            }
        }
    }
}
