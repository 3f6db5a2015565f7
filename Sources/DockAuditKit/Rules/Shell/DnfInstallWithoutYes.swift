/// DA424: a dnf or yum command that would stop to ask for confirmation.
struct DnfInstallWithoutYes: Rule {
    static let description = RuleDescription(
        code: "DA424", name: "dnf-install-without-yes", severity: .warning, category: .shell,
        aliases: ["DL3030", "DL3038"],
        summary: "`dnf install` or `yum install` (or another command that changes packages) runs without `-y`.",
        rationale: """
            dnf and yum ask "Is this ok [y/N]:" before they install, upgrade or remove \
            anything. A build has no terminal to answer, so the prompt reads end of input, \
            takes it as "no", and the build fails with "Operation aborted". `-y` / \
            `--assumeyes`, `--setopt=assumeyes=1`, `assumeyes=1` written to `/etc/dnf/dnf.conf` \
            or `/etc/yum.conf` by an earlier RUN, and `yes |` in front are all accepted. \
            `microdnf` never asks (its `-y` does nothing), so it is not checked.
            """,
        howToFix: "Add `-y`: `dnf install -y <package>` (or `yum install -y <package>`).",
        badExamples: [
            "FROM rockylinux:9\nRUN ↓dnf install curl-7.76.1 && dnf clean all\n",
            "FROM centos:7\nRUN ↓yum install curl-7.29.0 && yum clean all\n",
            "FROM centos:7\nRUN ↓yum groupinstall 'Development Tools' && yum clean all\n",
            "FROM rockylinux:9\nRUN ↓dnf module install nodejs:18 && dnf clean all\n",
            "FROM rockylinux:9\nRUN ↓sudo dnf install curl-7.76.1 && dnf clean all\n",
            "FROM rockylinux:9\nRUN sh -c '↓dnf install curl-7.76.1' && dnf clean all\n",
            "FROM rockylinux:9\nRUN <<EOF\n↓dnf install curl-7.76.1\ndnf clean all\nEOF\n",
            "FROM rockylinux:9\nRUN ↓dnf remove vim-minimal\n",
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1 && ↓dnf upgrade && dnf clean all\n",
        ],
        goodExamples: [
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1 && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf -y install curl-7.76.1 && dnf clean all\n",
            "FROM centos:7\nRUN yum install --assumeyes curl-7.29.0 && yum clean all\n",
            "FROM centos:7\nRUN yum -qy install curl-7.29.0 && yum clean all\n",
            "FROM rockylinux:9\nRUN dnf install --setopt=assumeyes=True curl-7.76.1 && dnf clean all\n",
            "FROM rockylinux:9\nRUN echo 'assumeyes=1' >> /etc/dnf/dnf.conf\nRUN dnf install curl-7.76.1 && dnf clean all\n",
            "FROM rockylinux:9\nRUN yes | dnf install curl-7.76.1 && dnf clean all\n",
            "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install curl-7.76.1 && microdnf clean all\n",
            "FROM rockylinux:9\nRUN dnf clean all && dnf makecache && dnf list installed\n",
        ],
        differences: [
            "differs from hadolint: `microdnf` is not checked: it never prompts, so `-y` changes nothing (hadolint's DL3038 wants it).",
            "differs from hadolint: `upgrade`, `update`, `remove`, `erase`, `autoremove`, `reinstall`, `downgrade`, `distro-sync` and `module install` prompt too and are checked (reported without a hadolint code); hadolint checks only `install`, `groupinstall` and `localinstall`.",
            "differs from hadolint: `--setopt=assumeyes=1`, `assumeyes=1` written to the config by an earlier RUN of the stage, and `yes |` in front are accepted.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked, and so are `tdnf` and `dnf5` (reported without a hadolint code).",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// The subcommands that change packages and so ask first; the install ones are the
    /// ones hadolint checks.
    static let installSubcommands: Set<String> = ["install", "in", "groupinstall", "localinstall"]
    static let otherPromptingSubcommands: Set<String> = [
        "reinstall", "upgrade", "update", "up", "upgrade-minimal", "update-minimal", "remove", "erase", "rm",
        "autoremove", "downgrade", "distro-sync", "distrosync", "dsync", "groupupdate", "groupremove", "groupupgrade",
        "localupdate", "swap",
    ]

    var assumeYes = EarlierRunSetting()

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        defer { assumeYes.record(index, context: context, when: Self.configuresAssumeYes) }
        let model = context.model
        let calls = (model.scripts[index]?.commands ?? []).compactMap(PackageManagerCall.init).filter {
            $0.manager == .dnf && $0.command.commandName != "microdnf" && Self.prompts($0) && !Self.answersYes($0.command)
        }
        guard !calls.isEmpty, !assumeYes.isSet(before: index, context: context) else { return }
        for call in calls {
            let before = model.commands(before: call.command, at: index)
            if Self.configuresAssumeYes(before.flatMap { $0.arguments.map(\.value) }) { continue }
            if AptInstallWithoutYes.isFedByYes(call.command, commandsBefore: before) { continue }
            let isInstall = Self.installSubcommands.contains(call.subcommand.value)
            // `dnf module install`, `dnf group install`: name both words.
            let action = Self.installSubcommands.contains(call.subcommand.value) || Self.otherPromptingSubcommands.contains(call.subcommand.value)
                ? call.subcommand.value : "\(call.subcommand.value) \(call.operands.first?.value ?? "")"
            let tool = call.command.commandName
            findings.report(
                call.command.range,
                "Add -y so \(tool) \(action) cannot stop at its \"Is this ok [y/N]\" prompt: \(tool) \(action) -y …",
                aliases: isInstall ? call.hadolintAliases(yum: "DL3030", dnf: "DL3038") : [])
        }
    }

    /// Whether the call changes packages and so asks first: `install`, `upgrade`,
    /// `group install`, `module install` …
    static func prompts(_ call: PackageManagerCall) -> Bool {
        let subcommand = call.subcommand.value
        if installSubcommands.contains(subcommand) || otherPromptingSubcommands.contains(subcommand) { return true }
        guard ["group", "groups", "module"].contains(subcommand), let action = call.operands.first?.value else { return false }
        return ["install", "remove", "upgrade", "update", "enable", "disable", "reset", "switch-to"].contains(action)
    }

    /// `-y`, `--assumeyes`, `--setopt=assumeyes=1`.
    static func answersYes(_ command: ShellCommand) -> Bool {
        if command.hasAnyFlag("y", "assumeyes") { return true }
        return command.optionValues("setopt").contains { setsAssumeYes($0) }
    }

    /// `assumeyes=1` (or `True`, `yes`) in a config line or `--setopt` value.
    static func setsAssumeYes(_ text: String) -> Bool {
        let parts = text.lowercased().split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let name = parts[0].trimmingBlanks()
        let value = parts[1].trimmingBlanks().filter { $0 != "\"" && $0 != "'" }
        return (name == "assumeyes" || name.hasSuffix(".assumeyes")) && ["1", "true", "yes", "on"].contains(value)
    }

    /// Whether an argument of an earlier command writes `assumeyes=1` (into dnf.conf or yum.conf).
    static func configuresAssumeYes(_ words: [String]) -> Bool {
        words.contains { word in
            word.containsIgnoringASCIICase("assumeyes") && word.split(whereSeparator: { $0 == "\n" || $0 == ";" }).contains { setsAssumeYes(String($0)) }
        }
    }
}

extension Substring {
    fileprivate func trimmingBlanks() -> String {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
