/// DA303: `COPY --from` naming no stage of the file.
struct CopyFromUnknownStage: Rule {
    static let description = RuleDescription(
        code: "DA303", name: "copy-from-unknown-stage", severity: .warning, category: .files,
        aliases: ["DL3022"],
        summary: "`COPY --from` names no stage of this Dockerfile and no tagged image.",
        rationale: """
            `--from` takes a stage name, a stage number or an image. A bare name that matches \
            no stage is read as an image from Docker Hub, pulled as `:latest`: a typo in a \
            stage name (`--from=biuld`) or a stage renamed later silently turns into a pull of \
            an unrelated image, or a confusing `pull access denied` error.
            """,
        howToFix: "Use the name of a stage defined in the file (`FROM golang:1.23 AS build` … `COPY --from=build`); to copy from an image, name it with a tag (`COPY --from=nginx:1.27 …`).",
        badExamples: [
            "FROM golang:1.23 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY ↓--from=biuld /app /app\n",
            "FROM alpine:3.20\nCOPY ↓--from=nginx /etc/nginx/nginx.conf /etc/\n",
            "FROM golang:1.23\nRUN go build -o /app\nFROM alpine:3.20\nCOPY ↓--from=2 /app /app\n",
        ],
        goodExamples: [
            "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
            "FROM golang:1.23 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD /app /app\n",
            "FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=0 /app /app\n",
            "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/\n",
            "FROM alpine:3.20\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n",
            "FROM alpine:3.20\nCOPY --from=busybox@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d /bin/busybox /bin/\n",
            "FROM alpine:3.20 AS final\nCOPY --from=assets /dist /srv\nFROM node:22 AS assets\n",
            "ARG BUILDER=build\nFROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=${BUILDER} /app /app\n",
            "FROM alpine:3.20\nCOPY --from=$UNKNOWN /app /app\n",
        ],
        differences: [
            "differs from hadolint: a stage defined later in the file is accepted, as BuildKit resolves `--from` against every stage; an image with a registry path (`ghcr.io/astral-sh/uv`) or a digest is accepted like a tagged one.",
            "differs from hadolint: variables in `--from` are expanded with the ARGs in scope; a value unknown here is not judged.",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let flag = instruction.flag(named: "from"), let raw = flag.value,
            context.stageIndex(ofInstruction: index) != nil
        else { return }
        let from = context.model.expand(raw, at: index)
        guard !from.isEmpty, !from.containsBytes("$") else { return }
        let stages = context.model.stages
        if let number = Int(from) {
            guard number >= stages.count || number < 0 else { return }
            findings.report(
                flag.range,
                "--from=\(from): this Dockerfile has \(stages.count) stage\(stages.count == 1 ? "" : "s") (numbered from 0): name the stage to copy from (FROM … AS name) and use --from=name")
            return
        }
        let lowered = from.lowercased()
        if stages.contains(where: { $0.name == lowered }) { return }
        // A tag, digest, registry or path makes it clearly an image.
        if from.contains(where: { ":@/.".contains($0) }) { return }
        let names = stages.compactMap(\.name)
        let known = names.isEmpty ? "no stage has a name" : "stages are " + names.joined(separator: ", ")
        findings.report(
            flag.range,
            "--from=\(from) names no stage (\(known)), so BuildKit pulls image \(from):latest: fix the stage name, or write the image with a tag (\(from):<version>)")
    }
}
