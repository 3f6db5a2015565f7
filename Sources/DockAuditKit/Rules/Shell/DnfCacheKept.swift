/// DA425: a dnf or yum install leaves its metadata and package cache in the layer.
struct DnfCacheKept: Rule {
    static let description = RuleDescription(
        code: "DA425", name: "dnf-cache-kept", severity: .info, category: .shell,
        aliases: ["DL3032", "DL3040"],
        summary: "A RUN installs with dnf, yum or microdnf and leaves their cache in the layer.",
        rationale: """
            dnf, yum, microdnf and tdnf download the repository metadata (often 50–200 MB on \
            RHEL-like images) into `/var/cache/dnf`, `/var/cache/yum`, \
            `/var/cache/libdnf5` or `/var/cache/tdnf` and keep it. Nothing in the running container needs it, and \
            deleting it in a later RUN does not shrink the image, since the layer that wrote it \
            stays. End the RUN that installs with `dnf clean all` (`yum clean all`, \
            `microdnf clean all`; `clean metadata` also does) or with \
            `rm -rf /var/cache/dnf` (or the yum, libdnf5 or tdnf folder); a clean that runs before the \
            last install does not count. With BuildKit a cache or tmpfs mount on the cache \
            folder keeps it out of the image altogether. As for apt lists, only RUNs of the \
            final stage, or of a stage a later FROM builds on, are checked.
            """,
        howToFix: "End the RUN with `&& dnf clean all` (or `yum clean all`), or use `RUN --mount=type=cache,target=/var/cache/dnf …`.",
        badExamples: [
            "FROM rockylinux:9\nRUN ↓dnf install -y curl-7.76.1\n",
            "FROM centos:7\nRUN ↓yum install -y curl-7.29.0\n",
            "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN ↓microdnf install curl-7.76.1\n",
            "FROM rockylinux:9\nRUN dnf clean all && ↓dnf install -y curl-7.76.1\n",
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1 && dnf clean all && ↓dnf install -y git-2.39.3\n",
            "FROM rockylinux:9\nRUN ↓sudo dnf install -y curl-7.76.1\n",
            "FROM rockylinux:9\nRUN <<EOF\ndnf clean all\n↓dnf install -y curl-7.76.1\nEOF\n",
            "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN ↓tdnf install -y icu-72.1\n",
            "FROM rockylinux:9\nRUN --mount=type=cache,target=/root/.cache ↓dnf install -y curl-7.76.1\n",
            "FROM rockylinux:9 AS base\nRUN ↓dnf install -y curl-7.76.1\nFROM base\nCMD [\"curl\"]\n",
        ],
        goodExamples: [
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1 && dnf clean all\n",
            "FROM centos:7\nRUN yum install -y curl-7.29.0 && yum clean all && rm -rf /var/cache/yum\n",
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1 && rm -rf /var/cache/dnf/*\n",
            "FROM fedora:41\nRUN dnf install -y curl-8.9.1 && rm -rf /var/cache/libdnf5*\n",
            "FROM rockylinux:8\nRUN yum install -y curl-7.61.1 && dnf clean all\n",
            "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install curl-7.76.1 && microdnf clean all\n",
            "FROM rockylinux:9\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y curl-7.76.1\n",
            "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN --mount=type=cache,target=/var/cache/tdnf tdnf install -y icu-72.1\n",
            "FROM rockylinux:9\nRUN <<EOF\ndnf install -y curl-7.76.1\ndnf clean all\nEOF\n",
            "FROM rockylinux:9 AS build\nRUN dnf install -y gcc-11.4.1\nFROM rockylinux:9\nCOPY --from=build /usr/bin/gcc /usr/bin/\n",
        ],
        differences: [
            "differs from hadolint: hadolint accepts any `dnf clean …` (even `clean packages`) and any `rm -rf …`, and compares with the first install; dockaudit wants `clean all` or `clean metadata`, or an `rm` of a dnf/yum cache folder, after the last install.",
            "differs from hadolint: the family shares one cache on RHEL 8+, so `dnf clean all` after `yum install` (and the reverse) is accepted, and a cache or tmpfs mount on `/var/cache/dnf`, `/var/cache/yum`, `/var/cache/libdnf5` or `/var/cache/tdnf` is enough for any of them.",
            "differs from hadolint: as for DL3009, only the final stage and stages a later FROM builds on are checked; hadolint's DL3032 and DL3040 report every stage, though a discarded build stage ships nothing.",
            "differs from hadolint: `yum update`/`upgrade`, `reinstall`, `groupinstall`, `localinstall` and `makecache` fill the cache too and are checked for yum as for dnf.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked, and so are `tdnf` and `dnf5` (reported without a hadolint code).",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    static let cacheFolders = ["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5", "/var/cache/tdnf"]

    /// Where each tool keeps its cache (microdnf uses yum's folder).
    static func cacheFolder(of tool: String) -> String {
        switch tool {
        case "yum", "microdnf": "/var/cache/yum"
        case "tdnf": "/var/cache/tdnf"
        case "dnf5": "/var/cache/libdnf5"
        default: "/var/cache/dnf"
        }
    }
    /// Subcommands that download metadata or packages into the cache.
    static let fillingSubcommands: Set<String> = [
        "install", "in", "groupinstall", "localinstall", "reinstall", "upgrade", "update", "up", "upgrade-minimal",
        "update-minimal", "up-min", "rei", "downgrade", "distro-sync", "makecache", "groupupdate",
    ]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = model.states[index].stage, model.stageIsShipped(stage, finalStage: context.finalStage) else { return }
        let calls = (model.scripts[index]?.commands ?? []).compactMap(PackageManagerCall.init).filter { $0.manager == .dnf }
        let filling = calls.filter(Self.fillsCache)
        guard !filling.isEmpty, !Self.cacheFolders.contains(where: { model.mountCaches($0, at: index) }) else { return }
        // The last install of each tool (`yum install -y dnf && dnf install …` leaves both
        // caches, and hadolint has a code for each).
        var lastOfEachTool: [ShellCommand] = []
        for name in Set(filling.map(\.command.commandName)) {
            if let last = filling.last(where: { $0.command.commandName == name }) { lastOfEachTool.append(last.command) }
        }
        for command in lastOfEachTool.sorted(by: { $0.range.start.offset < $1.range.start.offset }) {
            let start = command.range.start.offset
            if calls.contains(where: { $0.command.range.start.offset > start && Self.cleansCache($0) }) { continue }
            if Self.cacheFolders.contains(where: { model.removesLater($0, after: command, at: index) }) { continue }
            let name = command.commandName
            findings.report(
                command.range,
                "\(name) keeps its cache in the layer: end this RUN with && \(name) clean all, or use RUN --mount=type=cache,target=\(Self.cacheFolder(of: name))",
                aliases: PackageManagerCall(command)?.hadolintAliases(yum: "DL3032", dnf: "DL3040") ?? [])
        }
    }

    static func fillsCache(_ call: PackageManagerCall) -> Bool {
        if fillingSubcommands.contains(call.subcommand.value) { return true }
        return ["group", "groups", "module"].contains(call.subcommand.value) && ["install", "update", "upgrade"].contains(call.operands.first?.value ?? "")
    }

    /// `dnf clean all` or `clean metadata` (the packages themselves are not kept unless
    /// `keepcache` is set).
    static func cleansCache(_ call: PackageManagerCall) -> Bool {
        call.subcommand.value == "clean" && call.operands.contains { $0.value == "all" || $0.value == "metadata" }
    }
}
