/// DA407: `apk add` leaves its index cache in the layer.
struct ApkCacheKept: Rule {
    static let description = RuleDescription(
        code: "DA407", name: "apk-cache-kept", severity: .info, category: .shell,
        aliases: ["DL3019"],
        summary: "`apk add` runs without `--no-cache` and leaves `/var/cache/apk` in the layer.",
        rationale: """
            Without `--no-cache`, `apk add` (and `apk update`) store the repository indexes \
            in `/var/cache/apk`, a few megabytes that nothing in the container needs. \
            `apk add --no-cache` fetches the indexes on the fly and keeps nothing, which also \
            makes a separate `apk update` unnecessary. Also accepted: `apk add --no-network` (installs from what is already there), `rm -rf /var/cache/apk/*` \
            later in the same RUN, and a cache or tmpfs mount on `/var/cache/apk` (BuildKit). As \
            for apt lists, only RUNs of the final stage, or of a stage a later FROM builds on, \
            are checked.
            """,
        howToFix: "Use `apk add --no-cache <package>` (and drop `apk update`), or `RUN --mount=type=cache,target=/var/cache/apk apk add …`.",
        badExamples: [
            "FROM alpine:3.20\nRUN ↓apk add curl=8.9.1-r0\n",
            "FROM alpine:3.20\nRUN apk update && ↓apk add --update curl=8.9.1-r0\n",
            "FROM alpine:3.20 AS base\nRUN ↓sudo apk add curl=8.9.1-r0\nFROM base\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
            "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0\n",
            "FROM alpine:3.20\nRUN apk add --update curl=8.9.1-r0 && rm -rf /var/cache/apk/*\n",
            "FROM alpine:3.20 AS build\nRUN apk add gcc=13.2.1_git20240309-r0\nFROM alpine:3.20\nCOPY --from=build /usr/bin/gcc /usr/bin/\n",
            "FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1\n",
        ],
        differences: [
            "differs from hadolint: `rm -rf /var/cache/apk/*` (or of the folder) later in the same RUN is accepted, and so is `apk add --no-network` (it fetches nothing, so caches nothing).",
            "differs from hadolint: as for DL3009, only the final stage and stages a later FROM builds on are checked; hadolint's DL3019 reports every stage, though a discarded build stage ships nothing.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ],
        fixes: FixDescription(
            "Adds `--no-cache` after `apk add` (an `apk update` before it stays: it does no harm). Safe: apk fetches the indexes it needs on the fly and installs the same packages. Unsafe only when a later RUN runs `apk add` with neither `--no-cache`, `--update` nor an `apk update` of its own, which may have relied on the indexes this one kept.",
            before: "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc=13.2.1_git20240309-r0 \\\n && sudo apk add curl=8.9.1-r0\n",
            after: "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 \\\n && sudo apk add --no-cache curl=8.9.1-r0\n"))

    static let keywords: Set<InstructionKind> = [.run]

    static let cache = "/var/cache/apk"

    /// The last RUN with an `apk add` that fetches no index itself, found once per file
    /// (nil until asked; `.some(nil)` when there is none).
    private var lastIndexReader: Int??

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = model.states[index].stage, model.stageIsShipped(stage, finalStage: context.finalStage) else { return }
        for add in model.systemPackageCommands(at: index) where add.manager == .apk && add.action == .install {
            // `--no-network` installs from what is already there: nothing is fetched or cached.
            if add.command.hasAnyFlag("no-cache", "no-network") { continue }
            if model.mountCaches(Self.cache, at: index) || model.mountCaches("/etc/apk/cache", at: index) { continue }
            if model.removesLater(Self.cache, after: add.command, at: index) { continue }
            let edit = model.scripts[index].flatMap { FixEdits.insertOptions(["--no-cache"], after: add.subcommand, of: add.command, in: $0, source: context.source) }
            let safety: Fix.Safety = laterAddReadsCachedIndex(after: index, model: model) ? .unsafe : .safe
            findings.report(
                add.command.range, "apk keeps its index cache in the layer: use apk add --no-cache (no apk update needed), or RUN --mount=type=cache,target=/var/cache/apk",
                fix: edit.map { Fix("add --no-cache", edits: [$0], safety: safety) })
        }
    }

    /// Whether a later RUN runs `apk add` that fetches no index itself (no `--no-cache`,
    /// `--update`, or `apk update` before it in its RUN): it may work only thanks to the
    /// indexes an earlier add kept, which `--no-cache` no longer keeps. One pass over the
    /// file, however many adds ask: asking per add was quadratic.
    mutating func laterAddReadsCachedIndex(after index: Int, model: DockerfileModel) -> Bool {
        if lastIndexReader == nil {
            lastIndexReader = .some(model.scripts.filter { Self.addsWithoutFetchingIndex($0.value) }.keys.max())
        }
        guard let last = lastIndexReader ?? nil else { return false }
        return last > index
    }

    static func addsWithoutFetchingIndex(_ script: ShellScript) -> Bool {
        for command in script.commands where command.commandName == "apk" {
            let subcommand = command.positionalArguments(skipping: SystemPackageCommand.optionsWithValues[.apk] ?? []).first?.value
            if subcommand == "update" { return false }
            if subcommand == "add", !command.hasAnyFlag("no-cache", "U", "update", "update-cache", "no-network") { return true }
        }
        return false
    }
}
