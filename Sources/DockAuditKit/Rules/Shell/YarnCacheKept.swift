/// DA421: `yarn install` leaves yarn's package cache in the layer.
struct YarnCacheKept: Rule {
    static let description = RuleDescription(
        code: "DA421", name: "yarn-cache-kept", severity: .info, category: .shell,
        aliases: ["DL3060"],
        summary: "A RUN runs `yarn install` and leaves yarn's cache in the layer.",
        rationale: """
            yarn keeps a copy of every package it downloads in its cache folder \
            (`/usr/local/share/.cache/yarn` for root on the node images, \
            `~/.cache/yarn` otherwise), often as large as `node_modules` itself. Nothing in \
            the running container needs it, and deleting it in a later RUN does not shrink \
            the image. End the RUN with `yarn cache clean` (a clean before the install does \
            not count), delete the cache folder, or, with BuildKit, put it on a cache mount. \
            A bare `yarn` is `yarn install`, and `yarn add` fills the cache too. As for apt \
            lists, only RUNs of the final stage, or of a stage a later FROM builds on, are \
            checked.
            """,
        howToFix: "End the RUN with `&& yarn cache clean`, or use `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install …`.",
        badExamples: [
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN ↓yarn install --frozen-lockfile\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN ↓yarn --frozen-lockfile --production\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn cache clean && ↓yarn install --frozen-lockfile\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN ↓sudo yarn install --frozen-lockfile\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN <<EOF\n↓yarn install --frozen-lockfile\nEOF\n",
            "FROM node:20-slim AS deps\nCOPY package.json yarn.lock ./\nRUN ↓yarn install --frozen-lockfile\nFROM deps\nCMD [\"node\", \"index.js\"]\n",
        ],
        goodExamples: [
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && rm -rf /usr/local/share/.cache/yarn\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n",
            "FROM node:20-slim\nENV YARN_CACHE_FOLDER=/tmp/yarn-cache\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && rm -rf /tmp/yarn-cache\n",
            "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN --mount=type=cache,target=/cache/yarn yarn install --cache-folder /cache/yarn --frozen-lockfile\n",
            "FROM node:20-slim AS build\nCOPY . .\nRUN yarn install --frozen-lockfile && yarn build\nFROM nginx:1.27-alpine\nCOPY --from=build /dist /usr/share/nginx/html\n",
            "FROM node:20-slim\nCOPY . .\nRUN yarn build && yarn test\n",
        ],
        differences: [
            "differs from hadolint: a bare `yarn` (which is `yarn install`) and `yarn add` are checked; hadolint checks only `yarn install`.",
            "differs from hadolint: deleting the cache folder (`rm -rf /usr/local/share/.cache/yarn`, or the folder `--cache-folder` or `YARN_CACHE_FOLDER` names) is accepted, and a cache mount counts when it covers that folder.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = model.states[index].stage, model.stageIsShipped(stage, finalStage: context.finalStage),
            let script = model.scripts[index]
        else { return }
        let yarns = script.commands.filter { $0.commandName == "yarn" }
        guard let last = yarns.last(where: Self.fillsCache) else { return }
        let start = last.range.start.offset
        if yarns.contains(where: { $0.range.start.offset > start && Self.isCacheClean($0) }) { return }
        let folders = Self.cacheFolders(for: last, at: index, model: model)
        if folders.contains(where: { model.mountCaches($0, at: index) || model.removesLater($0, after: last, at: index) }) { return }
        findings.report(
            last.range,
            "yarn's cache stays in the layer: end this RUN with && yarn cache clean, or use RUN --mount=type=cache,target=\(folders[0])")
    }

    /// yarn options that take a value in the next word.
    static let optionsWithValues = NpmPackageUnpinned.yarnOptionsWithValues

    /// `yarn`, `yarn install …`, `yarn add …`, `yarn global add …`.
    static func fillsCache(_ command: ShellCommand) -> Bool {
        let words = command.positionalArguments(skipping: optionsWithValues).map(\.value)
        // A bare `yarn` installs, unless it only prints something (`yarn --version`).
        guard let verb = words.first else { return !command.hasAnyFlag("version", "v", "help", "h") }
        return verb == "install" || verb == "add" || (verb == "global" && words.dropFirst().first == "add")
    }

    static func isCacheClean(_ command: ShellCommand) -> Bool {
        let words = command.positionalArguments(skipping: optionsWithValues).map(\.value)
        return words.count >= 2 && words[0] == "cache" && words[1] == "clean"
    }

    /// Where this yarn keeps its cache: `--cache-folder`, else `YARN_CACHE_FOLDER`, else
    /// the defaults (root's on the node images, and the user's home).
    static func cacheFolders(for command: ShellCommand, at index: Int, model: DockerfileModel) -> [String] {
        if let option = command.optionValue("cache-folder"), let path = model.absolutePath(option, for: command, at: index) { return [path] }
        if let value = model.environmentValue("YARN_CACHE_FOLDER", for: command, at: index), let path = model.absolutePath(value, for: command, at: index) {
            return [path]
        }
        let home = model.environmentValue("HOME", for: command, at: index).flatMap { $0.hasPrefix("/") ? PathText.clean($0) : nil }
        let user = model.states[index].user.map { String($0.split(separator: ":").first ?? "") } ?? "root"
        let userHome = home ?? (user == "root" || user == "0" || user.isEmpty ? "/root" : "/home/" + user)
        return ["/usr/local/share/.cache/yarn", userHome + "/.cache/yarn"]
    }
}
