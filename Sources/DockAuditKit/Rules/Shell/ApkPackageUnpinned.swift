/// DA406: `apk add` of a package without a version.
struct ApkPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA406", name: "apk-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3018"],
        summary: "`apk add` names a package without a version.",
        rationale: """
            Without a version, `apk add curl` installs whatever the Alpine mirror offers on the \
            day of the build, so two builds of the same Dockerfile can differ. A constraint \
            (`curl=8.5.0-r0`, or the looser `curl~8.5`) makes the build repeatable and makes \
            upgrades a visible change. Alpine keeps only the latest revision of each package in \
            a release branch, so an exact pin fails once it is superseded; `~` on the upstream \
            version is the usual compromise. Local `.apk` files, the `--virtual`/`-t` group \
            name and `--repository`/`-X` values are not packages. A variable (`$DEPS`) is checked \
            word by word when its value is known.
            """,
        howToFix: "Add a version constraint: `apk add --no-cache curl=8.5.0-r0` or `curl~8.5`.",
        badExamples: [
            "FROM alpine:3.20\nRUN apk add --no-cache ↓curl\n",
            "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc~13.2 ↓musl-dev\n",
            "FROM alpine:3.20\nRUN sudo apk add --no-cache ↓curl\n",
            "FROM alpine:3.20\nARG DEPS=\"curl git\"\nRUN apk add --no-cache ↓$DEPS\n",
            "FROM alpine:3.20\nRUN deps='go git' set -x && apk add --no-cache ↓$deps\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
            "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc~13.2 'musl-dev>1.2'\n",
            "FROM alpine:3.20\nRUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing tool=1.0-r0\n",
            "FROM alpine:3.20\nCOPY app.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/app.apk\n",
            "FROM alpine:3.20\nARG DEPS\nRUN apk add --no-cache $DEPS\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
            "differs from hadolint: a variable is expanded when its value is known and checked word by word; one whose value is unknown is not reported, where hadolint reports `$DEPS` as one unpinned package.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for add in model.systemPackageCommands(at: index) where add.manager == .apk && add.action == .install {
            for word in add.packages {
                guard let values = model.packageWords(word, for: add.command, at: index) else { continue }
                let unpinned = values.filter { !SystemPackageCommand.isPinnedApkPackage($0) }
                guard !unpinned.isEmpty else { continue }
                let shown = unpinned.prefix(3).map { "\($0)=<version>" }.joined(separator: " ")
                findings.report(
                    word.range,
                    word.value == unpinned.first && values.count == 1
                        ? "Pin the version: apk add \(shown) (or \(unpinned[0])~<major.minor>)"
                        : "\(word.value) holds unpinned packages (\(unpinned.joined(separator: ", "))); pin each: \(shown)")
            }
        }
    }
}
