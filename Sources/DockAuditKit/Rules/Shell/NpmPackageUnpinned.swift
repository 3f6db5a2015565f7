/// DA420: `npm install` (or `yarn add`, `pnpm add`) of a package without a version.
struct NpmPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA420", name: "npm-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3016"],
        summary: "`npm install <package>` (or `yarn add`, `pnpm add`) names a package without a version.",
        rationale: """
            `npm install express` installs whatever version is newest on the day of the build, \
            so two builds of one Dockerfile can differ and a bad release breaks the build \
            without any change on your side. Name a version or range: `express@4.19.2` \
            (scoped packages need the second `@`: `@angular/cli@17.3.0`). `@latest` is not a \
            pin. Git URLs and GitHub shorthands (`user/repo`) are pinned by a `#commit` or \
            `#tag`; tarballs (`.tgz`, `.tar.gz`) and local folders (`./lib`, `file:…`) are \
            fixed already. `npm install` without packages installs what `package.json` and \
            the lock file say, and `npm ci` installs exactly the lock file: neither is \
            reported. Global tools (`npm install -g`) are checked too: they end up in the \
            image just the same.
            """,
        howToFix: "Add a version: `npm install express@4.19.2` (or use a package.json with a lock file and `npm ci`).",
        badExamples: [
            "FROM node:20-slim\nRUN npm install ↓express\n",
            "FROM node:20-slim\nRUN npm i -g ↓@angular/cli typescript@5.4.5\n",
            "FROM node:20-slim\nRUN npm install --global ↓npm@latest\n",
            "FROM node:20-slim\nRUN npm install ↓git+https://github.com/expressjs/express.git ↓expressjs/express\n",
            "FROM node:20-slim\nRUN sudo npm install -g ↓pm2\n",
            "FROM node:20-slim\nRUN <<EOF\nnpm install -g ↓pm2\nEOF\n",
            "FROM node:20-slim\nRUN npm --prefix /opt/tools add ↓eslint\n",
            "FROM node:20-slim\nRUN yarn global add ↓pm2\n",
            "FROM node:20-slim\nRUN pnpm add -g ↓pm2\n",
        ],
        goodExamples: [
            "FROM node:20-slim\nRUN npm install express@4.19.2\n",
            "FROM node:20-slim\nRUN npm install -g @angular/cli@17.3.0 'typescript@~5.4'\n",
            "FROM node:20-slim\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n",
            "FROM node:20-slim\nCOPY package.json ./\nRUN npm install --production\n",
            "FROM node:20-slim\nRUN npm install git+https://github.com/expressjs/express.git#4.19.2 expressjs/express#4.19.2\n",
            "FROM node:20-slim\nCOPY . .\nRUN npm install ./lib /tmp/app-1.0.0.tgz file:../shared\n",
            "FROM node:20-slim\nRUN npm install --loglevel warn --registry https://registry.npmjs.org express@4.19.2\n",
            "FROM node:20-slim\nARG PKG\nRUN npm install -g $PKG\n",
            "FROM node:20-slim\nRUN yarn add express@4.19.2 && yarn global add pm2@5.3.1\n",
        ],
        differences: [
            "differs from hadolint: `npm i`, `npm add`, and `npm install` after global options (`npm --prefix /opt install pm2`) are checked; hadolint checks only `npm install` as the first word.",
            "differs from hadolint: `@latest` is not a pin (hadolint accepts any `@`).",
            "differs from hadolint: `yarn add`, `yarn global add` and `pnpm add` are checked the same way (reported without a hadolint code).",
            "differs from hadolint: a variable is expanded when its value is known; one whose value is unknown is not reported, where hadolint reports `$PKG` as unpinned.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
            "as in hadolint: `npx tool` is not reported: it runs a tool rather than installing it into the image.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// npm options that take a value in the next word, so that word is not a package.
    static let npmOptionsWithValues = [
        "prefix", "registry", "loglevel", "cache", "w", "workspace", "userconfig", "globalconfig", "tag", "omit",
        "include", "location", "install-strategy", "before", "C", "save-prefix", "script-shell", "otp",
    ]
    static let yarnOptionsWithValues = ["cwd", "cache-folder", "modules-folder", "registry", "network-timeout", "mutex", "global-folder", "prefix"]
    static let pnpmOptionsWithValues = ["C", "dir", "w", "workspace-dir", "filter", "F", "registry", "store-dir", "reporter", "loglevel"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for command in model.scripts[index]?.commands ?? [] {
            guard let (packages, aliases) = Self.installedPackages(command) else { continue }
            for word in packages {
                guard let values = model.packageWords(word, for: command, at: index) else { continue }
                let unpinned = values.filter { !Self.isPinned($0) }
                guard !unpinned.isEmpty else { continue }
                let shown = unpinned.prefix(3).map(Self.pinnedForm).joined(separator: " ")
                findings.report(
                    word.range,
                    word.value == unpinned.first && values.count == 1
                        ? "Pin the version: \(command.commandName) \(Self.verb(command)) \(shown)"
                        : "\(word.value) holds unpinned packages (\(unpinned.joined(separator: ", "))); pin each: \(shown)",
                    aliases: aliases)
            }
        }
    }

    /// The package words of an install that names packages, and the hadolint code its
    /// findings stand for (npm: DL3016; yarn and pnpm have none).
    static func installedPackages(_ command: ShellCommand) -> ([ShellWord], [String])? {
        switch command.commandName {
        case "npm":
            let words = command.positionalArguments(skipping: npmOptionsWithValues)
            guard let verb = words.first?.value, ["install", "i", "add", "in", "isntall"].contains(verb) else { return nil }
            return (Array(words.dropFirst()), ["DL3016"])
        case "yarn":
            var words = command.positionalArguments(skipping: yarnOptionsWithValues)[...]
            if words.first?.value == "global" { words = words.dropFirst() }
            guard words.first?.value == "add" else { return nil }
            return (Array(words.dropFirst()), [])
        case "pnpm":
            let words = command.positionalArguments(skipping: pnpmOptionsWithValues)
            guard words.first?.value == "add" else { return nil }
            return (Array(words.dropFirst()), [])
        default:
            return nil
        }
    }

    static func verb(_ command: ShellCommand) -> String {
        command.commandName == "npm" ? "install" : "add"
    }

    /// Whether a package spec names a version or a fixed source: `name@1.2.3`,
    /// `@scope/name@^1`, `user/repo#v1`, `git+https://…#sha`, `app.tgz`, `./lib`.
    static func isPinned(_ spec: String) -> Bool {
        if spec.hasPrefix(".") || spec.hasPrefix("/") || spec.hasPrefix("~/") || spec.hasPrefix("file:") { return true }
        if spec.hasSuffix(".tgz") || spec.hasSuffix(".tar.gz") || spec.hasSuffix(".tar") { return true }
        if isGitSource(spec) { return spec.containsBytes("#") }
        // `name@version`; for `@scope/name` the version comes after a second `@`.
        let body = spec.hasPrefix("@") ? spec.dropFirst() : Substring(spec)
        guard let at = body.firstIndex(of: "@") else { return false }
        let version = body[body.index(after: at)...]
        return !version.isEmpty && version != "latest"
    }

    /// A git URL, another URL, or a `user/repo` GitHub shorthand.
    static func isGitSource(_ spec: String) -> Bool {
        if spec.containsBytes("://") || spec.hasPrefix("git+") || spec.hasPrefix("git@") { return true }
        for host in ["github:", "gitlab:", "bitbucket:", "gist:"] where spec.hasPrefix(host) { return true }
        return !spec.hasPrefix("@") && spec.containsBytes("/") && !spec.containsBytes("@")
    }

    /// How the fix looks: `npm@latest` → `npm@<version>`, a git source → `…#<commit or tag>`.
    static func pinnedForm(_ spec: String) -> String {
        if isGitSource(spec) { return spec + "#<commit or tag>" }
        let body = spec.hasPrefix("@") ? spec.dropFirst() : Substring(spec)
        let name = body.firstIndex(of: "@").map { body[..<$0] } ?? body
        return (spec.hasPrefix("@") ? "@" : "") + name + "@<version>"
    }
}
