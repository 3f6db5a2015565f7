/// DA429: a zypper install leaves its cache in the layer.
struct ZypperCacheKept: Rule {
    static let description = RuleDescription(
        code: "DA429", name: "zypper-cache-kept", severity: .info, category: .shell,
        aliases: ["DL3036"],
        summary: "A RUN installs with zypper and leaves `/var/cache/zypp` in the layer.",
        rationale: """
            zypper keeps the repository metadata (and, with `keeppackages`, the packages) in \
            `/var/cache/zypp`: tens of megabytes that nothing in the running container needs. \
            Deleting them in a later RUN does not shrink the image. End the installing RUN \
            with `zypper clean --all` (`zypper cc -a`) or `rm -rf /var/cache/zypp`; a clean \
            before the last install does not count. With BuildKit a cache or tmpfs mount on \
            `/var/cache/zypp` keeps it out of the image. As for apt lists, only RUNs of the \
            final stage, or of a stage a later FROM builds on, are checked.
            """,
        howToFix: "End the RUN with `&& zypper clean --all`, or use `RUN --mount=type=cache,target=/var/cache/zypp …`.",
        badExamples: [
            "FROM opensuse/leap:15.6\nRUN ↓zypper -n install curl=8.6.0\n",
            "FROM opensuse/leap:15.6\nRUN zypper clean --all && ↓zypper -n in curl=8.6.0\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n ref && ↓sudo zypper -n install curl=8.6.0\n",
            "FROM opensuse/leap:15.6\nRUN <<EOF\n↓zypper -n install curl=8.6.0\nEOF\n",
        ],
        goodExamples: [
            "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && zypper cc -a\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && rm -rf /var/cache/zypp/*\n",
            "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl=8.6.0\n",
            "FROM opensuse/leap:15.6 AS build\nRUN zypper -n install gcc=7\nFROM opensuse/leap:15.6\nCOPY --from=build /usr/bin/gcc /usr/bin/\n",
        ],
        differences: [
            "differs from hadolint: `rm -rf /var/cache/zypp` (or its contents) is accepted.",
            "differs from hadolint: as for DL3009, only the final stage and stages a later FROM builds on are checked; hadolint's DL3036 reports every stage, though a discarded build stage ships nothing.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    static let cache = "/var/cache/zypp"

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = model.states[index].stage, model.stageIsShipped(stage, finalStage: context.finalStage) else { return }
        let calls = (model.scripts[index]?.commands ?? []).compactMap(PackageManagerCall.init).filter { $0.manager == .zypper }
        guard let last = calls.last(where: { ["install", "in"].contains($0.subcommand.value) }) else { return }
        let start = last.command.range.start.offset
        if calls.contains(where: { $0.command.range.start.offset > start && ["clean", "cc"].contains($0.subcommand.value) }) { return }
        if model.mountCaches(Self.cache, at: index) || model.removesLater(Self.cache, after: last.command, at: index) { return }
        findings.report(
            last.command.range,
            "zypper keeps its cache in the layer: end this RUN with && zypper clean --all, or use RUN --mount=type=cache,target=/var/cache/zypp")
    }
}
