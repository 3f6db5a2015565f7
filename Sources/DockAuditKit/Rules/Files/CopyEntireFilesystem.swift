/// DA307: `COPY --from=X / /`, the whole file system of another stage or image.
struct CopyEntireFilesystem: Rule {
    static let description = RuleDescription(
        code: "DA307", name: "copy-entire-filesystem", severity: .warning, category: .files,
        aliases: ["DL3067"],
        summary: "`COPY --from` copies the whole file system of a stage or image onto `/`.",
        rationale: """
            Copying `/` of another stage onto `/` brings everything along: compilers, package \
            caches, `/etc/passwd`, `/proc` placeholders and whatever the build left behind. \
            It defeats the point of a multi-stage build, makes the image as large as the \
            build stage, and overwrites the target stage's own system files.
            """,
        howToFix: "Copy only what the image needs (`COPY --from=build /app /app`); to flatten layers on purpose, say so in a `# dockaudit ignore=DA307 # reason` comment.",
        badExamples: [
            "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build ↓/ /\n",
            "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build ↓\"/\" \"/\"\n",
            // In a stage `.` is its root: `--from` sources are read from the stage's root.
            "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build ↓. /\n",
            "FROM alpine:3.20\nWORKDIR /\nCOPY --from=busybox:1.36 ↓/. ./\n",
        ],
        goodExamples: [
            "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\n",
            "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /out/ /\n",
            "FROM alpine:3.20\nCOPY / /srv/\n",
            "FROM alpine:3.20 AS build\nFROM alpine:3.20\nWORKDIR /srv\nCOPY --from=build / ./\n",
        ],
        differences: [
            "differs from hadolint: a source `.` or `/.` (the stage's root, as `--from` paths are read from the root) and a destination that resolves to `/` through WORKDIR count too; hadolint only matches the literal `/`."
        ])

    static let keywords: Set<InstructionKind> = [.copy]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], copy.origin != .context, copy.destinationWord != nil else { return }
        let destinationIsRoot = copy.destination.hasPrefix("/")
            ? PathText.clean(copy.destination) == "/"
            : context.model.states[index].workdirKnown && PathText.clean(copy.resolvedDestination) == "/"
        guard destinationIsRoot else { return }
        for source in copy.sources where source.kind == .path && Self.isStageRoot(source.value) {
            findings.report(
                source.word.range,
                "COPY --from=\(Self.originName(copy.origin, stages: context.model.stages)) copies its entire file system onto /: copy only the folders the image needs (COPY --from=… /app /app)")
            return
        }
    }

    /// The stage or image as the message names it.
    static func originName(_ origin: CopyOrigin, stages: [Stage]) -> String {
        switch origin {
        case .stage(let index): return stages[index].name ?? String(index)
        case .image(let reference): return reference.text
        case .unresolved(let text): return text
        case .context: return "the build context"
        }
    }

    /// `/`, `.`, `/.`, `./`: the root (a `--from` source is read from the stage's root).
    static func isStageRoot(_ path: String) -> Bool {
        guard !path.isEmpty else { return false }
        let absolute = path.hasPrefix("/") ? path : "/" + path
        return PathText.clean(absolute) == "/"
    }
}
