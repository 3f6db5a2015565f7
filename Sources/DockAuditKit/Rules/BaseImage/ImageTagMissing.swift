/// DA206: a FROM image without a tag or digest, which means `:latest`.
struct ImageTagMissing: Rule {
    static let description = RuleDescription(
        code: "DA206", name: "image-tag-missing", severity: .warning, category: .baseImage,
        aliases: ["DL3006"],
        summary: "A FROM image has neither a tag nor a digest.",
        rationale: """
            An image without a tag is pulled as `:latest`, whatever that is on the day of the \
            build. Two builds of the same Dockerfile can then get different base images: a new \
            major version, another distribution release, a different libc. Builds stop being \
            reproducible and break without any change to the Dockerfile.
            """,
        howToFix: "Name the version you test with: `FROM python:3.12-slim-bookworm`, or pin a digest (`FROM python@sha256:…`).",
        badExamples: [
            "FROM ↓python\n",
            "FROM ↓ghcr.io/org/app AS build\n",
            "ARG REGISTRY=docker.io\nFROM ↓${REGISTRY}/library/node\n",
            "FROM ↓localhost:5000/base\n",
            "FROM golang:1.23 AS build\nFROM ↓debian\nCOPY --from=build /go/bin/app /app\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\n",
            "FROM scratch\n",
            "FROM alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n",
            "FROM golang:1.23 AS build\nFROM build\n",
            "ARG PY=3.12\nFROM python:${PY}\n",
            "ARG IMAGE\nFROM $IMAGE\n",
            "FROM localhost:5000/base:1.0\n",
        ],
        differences: [
            "differs from hadolint: ARG defaults are expanded in FROM, so `ARG PY=3.12` + `FROM python:${PY}` is tagged; an image made of variables without defaults (`FROM $IMAGE`, `FROM python${SUFFIX}`) is not judged, while hadolint flags `img${x}`.",
            "differs from hadolint: `FROM ${REGISTRY}/node` is reported when the last path component has no tag, although the reference starts with `$`.",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let stageIndex = context.stageIndex(ofInstruction: index) else { return }
        let stage = context.model.stages[stageIndex]
        guard let word = stage.baseWord else { return }
        switch stage.base {
        case .image(let reference):
            guard reference.tag == nil, reference.digest == nil else { return }
            findings.report(
                word.range,
                "\(reference.text) has no tag, so every build pulls whatever :latest is that day: pin a version tag (\(reference.text):<version>) or a digest")
        case .unresolved(let text):
            // The tag lives in the last path component; when that part holds no variable,
            // the variables before it (a registry, an organisation) cannot supply a tag.
            let last = text.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? text
            guard text.containsBytes("/"), !last.isEmpty, !last.contains(where: { "${}:@".contains($0) }) else { return }
            findings.report(
                word.range,
                "\(word.value) has no tag, so every build pulls whatever :latest is that day: pin a version tag or a digest")
        case .scratch, .stage:
            return
        }
    }
}
