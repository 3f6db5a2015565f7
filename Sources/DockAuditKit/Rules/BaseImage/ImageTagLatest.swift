/// DA207: a FROM image pinned to the `latest` tag.
struct ImageTagLatest: Rule {
    static let description = RuleDescription(
        code: "DA207", name: "image-tag-latest", severity: .warning, category: .baseImage,
        aliases: ["DL3007"],
        summary: "A FROM image uses the `latest` tag.",
        rationale: """
            `latest` is not a version: it moves every time the publisher pushes. Writing it \
            out looks deliberate but pins nothing, so the base image (and everything it \
            brings) can change between two builds of the same Dockerfile.
            """,
        howToFix: "Replace `latest` with the release you build and test with (`FROM node:22-bookworm-slim`), or add a digest (`FROM node:latest@sha256:…`).",
        badExamples: [
            "FROM ↓ubuntu:latest\n",
            "FROM ↓ghcr.io/org/tool:latest AS tool\n",
            "ARG TAG=latest\nFROM ↓nginx:${TAG}\n",
        ],
        goodExamples: [
            "FROM ubuntu:24.04\n",
            "FROM ubuntu:latest@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n",
            "ARG TAG=1.27\nFROM nginx:${TAG}\n",
            "ARG TAG\nFROM nginx:${TAG}\n",
            "FROM nginx:latest-alpine\n",
        ],
        differences: [
            "differs from hadolint: ARG defaults are expanded in FROM, so `ARG TAG=latest` + `FROM nginx:${TAG}` is reported."
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let stageIndex = context.stageIndex(ofInstruction: index) else { return }
        let stage = context.model.stages[stageIndex]
        guard case .image(let reference) = stage.base, let word = stage.baseWord,
            reference.tag == "latest", reference.digest == nil
        else { return }
        let name = (reference.registry.map { $0 + "/" } ?? "") + reference.repository
        findings.report(
            word.range,
            "\(reference.text) uses latest, which moves with every push: pin the release you test with (\(name):<version>) or add a digest")
    }
}
