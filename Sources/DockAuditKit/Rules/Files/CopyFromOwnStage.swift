/// DA304: `COPY --from` naming the stage it is in.
struct CopyFromOwnStage: Rule {
    static let description = RuleDescription(
        code: "DA304", name: "copy-from-own-stage", severity: .error, category: .files,
        aliases: ["DL3023"],
        summary: "`COPY --from` names the stage the COPY belongs to.",
        rationale: """
            A stage cannot copy from itself: its files do not exist until the stage is built. \
            BuildKit stops with `circular dependency detected on stage`.
            """,
        howToFix: "Copy from an earlier stage (`--from=build`), or, for files already in this stage, use `RUN cp`.",
        badExamples: [
            "FROM golang:1.23 AS build\nCOPY ↓--from=build /go/bin/app /app\n",
            "FROM golang:1.23 AS build\nFROM alpine:3.20 AS final\nCOPY ↓--from=FINAL /app /app\n",
            "FROM alpine:3.20\nCOPY ↓--from=0 /etc/os-release /tmp/\n",
            "FROM golang:1.23\nFROM alpine:3.20\nCOPY ↓--from=1 /app /app\n",
        ],
        goodExamples: [
            "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
            "FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=0 /app /app\n",
            "FROM alpine:3.20 AS build\nFROM alpine:3.20 AS final\nCOPY --from=build /app /app\n",
        ],
        differences: [
            "differs from hadolint: the stage's number (`--from=0` in the first stage) is a self-reference too, and names are compared case-insensitively, as BuildKit does."
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let flag = instruction.flag(named: "from"), let raw = flag.value,
            let current = context.stageIndex(ofInstruction: index)
        else { return }
        let from = context.model.expand(raw, at: index)
        let stage = context.model.stages[current]
        let isOwn = Int(from) == current || (stage.name != nil && stage.name == from.lowercased())
        guard isOwn else { return }
        findings.report(
            flag.range,
            "--from=\(from) is the stage this COPY is in, which BuildKit rejects as a circular dependency: copy from an earlier stage, or use RUN cp for files already here")
    }
}
