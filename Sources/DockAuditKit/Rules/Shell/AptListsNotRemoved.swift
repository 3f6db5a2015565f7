/// DA402: `apt-get update` leaves the package lists in the image.
struct AptListsNotRemoved: Rule {
    static let description = RuleDescription(
        code: "DA402", name: "apt-lists-not-removed", severity: .info, category: .shell,
        aliases: ["DL3009"],
        summary: "A RUN runs `apt-get update` and leaves `/var/lib/apt/lists` in the layer.",
        rationale: """
            `apt-get update` downloads the package indexes into `/var/lib/apt/lists`: tens of \
            megabytes that nothing in the running container needs. Deleting them in a later \
            RUN does not help, since the layer that wrote them stays in the image, so they \
            must go in the same RUN, after the installs: `rm -rf /var/lib/apt/lists/*` (or \
            `apt-get distclean` on apt 2.7.8+). Stale lists in an image also tempt a later \
            `apt-get install` without `update`, which fails once the mirror moves on. With \
            BuildKit a cache or tmpfs mount on `/var/lib/apt/lists` keeps them out of the image \
            altogether. As in hadolint, only RUNs of the final stage, or of a stage a later \
            FROM builds on, are checked: other stages do not end up in the image.
            """,
        howToFix: "End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use `RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked …`.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN ↓apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim AS base\nRUN ↓apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\nFROM base\nCMD [\"curl\"]\n",
            "FROM debian:bookworm-slim\nRUN rm -rf /var/lib/apt/lists/* && ↓apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt ↓apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -fr /var/lib/apt/lists\n",
            "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            "FROM debian:bookworm-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3\nFROM debian:bookworm-slim\nCOPY --from=build /usr/bin/gcc /usr/bin/\n",
            "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.14.1-2 && apt-get distclean\n",
        ],
        differences: [
            "differs from hadolint: hadolint wants the exact words `rm -rf /var/lib/apt/lists/*`; dockaudit accepts any `rm` of the lists folder or a folder holding it (`rm -fr /var/lib/apt/lists`, `rm -r -f …`) and `apt-get distclean`, but only after the last `update` (a removal before it is reported, hadolint accepts it).",
            "differs from hadolint: a cache or tmpfs mount on `/var/lib/apt` (or a folder above it) is enough; hadolint also wants one on `/var/cache/apt` in that case.",
            "differs from hadolint: `apt-get update` under `sudo`, `env`, `sh -c` or in a heredoc body is checked.",
            "as in hadolint: `apt-get clean` is not accepted: it empties `/var/cache/apt/archives`, not the lists.",
        ],
        fixes: FixDescription(
            "Appends `&& rm -rf /var/lib/apt/lists/*` to the RUN, on the same line or on a new continuation line in the RUN's own layout. Only for a shell-form RUN without heredocs whose last command ends it (not after `&`, `;`, a comment or inside `sh -c`). Safe: the lists are only read by later apt commands; unsafe when a later RUN uses apt without its own `apt-get update`, since that one would then fail.",
            before: "FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
            after: "FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n    && rm -rf /var/lib/apt/lists/*\n"))

    static let keywords: Set<InstructionKind> = [.run]

    static let lists = "/var/lib/apt/lists"

    /// The last RUN that uses apt's lists before updating them itself, found once per file
    /// (nil until asked; `.some(nil)` when there is none).
    private var lastListReader: Int??

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = model.states[index].stage, model.stageIsShipped(stage, finalStage: context.finalStage),
            let script = model.scripts[index]
        else { return }
        let updates = script.commands.filter(Self.isAptUpdate)
        guard let last = updates.last, !model.mountCaches(Self.lists, at: index) else { return }
        if model.removesLater(Self.lists, after: last, at: index) { return }
        if script.commands.contains(where: { $0.range.start.offset > last.range.start.offset && Self.isDistclean($0) }) { return }
        let edit = FixEdits.appendCommand("rm -rf \(Self.lists)/*", to: instruction, script: script, dockerfile: context.dockerfile)
        let safety: Fix.Safety = laterRunReadsLists(after: index, model: model) ? .unsafe : .safe
        findings.report(
            last.range,
            "apt lists stay in the layer: end this RUN with && rm -rf /var/lib/apt/lists/*, or use RUN --mount=type=cache,target=/var/lib/apt/lists",
            fix: edit.map { Fix("remove the apt lists", edits: [$0], safety: safety) })
    }

    static func isAptUpdate(_ command: ShellCommand) -> Bool {
        guard ["apt-get", "apt", "aptitude"].contains(command.commandName) else { return false }
        return command.positionalArguments(skipping: SystemPackageCommand.optionsWithValues[.apt] ?? []).first?.value == "update"
    }

    static func isDistclean(_ command: ShellCommand) -> Bool {
        guard ["apt-get", "apt"].contains(command.commandName) else { return false }
        return command.positionalArguments(skipping: SystemPackageCommand.optionsWithValues[.apt] ?? []).first.map { ["distclean", "dist-clean"].contains($0.value) } == true
    }

    /// Whether a later RUN uses apt's lists before updating them itself (`apt-get install`
    /// with no `apt-get update` before it): removing the lists here would make it fail.
    /// One pass over the file, however many RUNs ask: asking per RUN was quadratic.
    mutating func laterRunReadsLists(after index: Int, model: DockerfileModel) -> Bool {
        if lastListReader == nil {
            lastListReader = .some(model.scripts.filter { Self.readsListsBeforeUpdating($0.value) }.keys.max())
        }
        guard let last = lastListReader ?? nil else { return false }
        return last > index
    }

    static func readsListsBeforeUpdating(_ script: ShellScript) -> Bool {
        for command in script.commands where ["apt-get", "apt", "aptitude", "apt-cache"].contains(command.commandName) {
            if isAptUpdate(command) { return false }
            if command.commandName == "apt-cache" { return true }
            let subcommand = command.positionalArguments(skipping: SystemPackageCommand.optionsWithValues[.apt] ?? []).first?.value ?? ""
            if ["install", "upgrade", "dist-upgrade", "full-upgrade", "source", "download", "build-dep", "reinstall"].contains(subcommand) { return true }
        }
        return false
    }
}
