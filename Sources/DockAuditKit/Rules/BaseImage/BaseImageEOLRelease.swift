/// DA204: a base image on a distribution release that no longer gets security updates.
struct BaseImageEOLRelease: Rule {
    static let description = RuleDescription(
        code: "DA204", name: "base-image-eol-release", severity: .warning, category: .baseImage,
        summary: "The base image is on an end-of-life Debian, Ubuntu or Alpine release.",
        rationale: """
            Once a release reaches its end of life (LTS included), its packages get no more \
            security fixes: every CVE found afterwards stays in your image. Tags such as \
            `python:3.9-slim-buster` or `node:16-stretch` pin such a release; Debian buster \
            ended in June 2024 and bullseye in August 2026. The dates are in dockaudit's table; \
            `--as-of` pins the day they are compared with.
            """,
        howToFix: "Move to a supported release: for Debian-based images use the bookworm or trixie variant (`python:3.12-slim-bookworm`), for Alpine a current 3.x.",
        badExamples: [
            "FROM ↓python:3.9-slim-buster\n",
            "FROM ↓debian:stretch\n",
            "FROM ↓ubuntu:18.04\n",
            "ARG BASE=bullseye\nFROM ↓debian:${BASE}-slim\n",
            "FROM ↓node:14-alpine3.12 AS assets\nFROM nginx:1.27-bookworm\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim-bookworm\n",
            "FROM debian:trixie-slim\n",
            "FROM ubuntu:24.04\n",
            "FROM alpine:3.22\n",
            "FROM python:3.12-slim\n",
            "FROM builder-buster AS x\n",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let stageIndex = context.stageIndex(ofInstruction: index) else { return }
        let stage = context.model.stages[stageIndex]
        guard case .image(let reference) = stage.base, let word = stage.baseWord,
            let release = EndOfLife.distributionRelease(of: reference)
        else { return }
        let today = context.today
        guard release.endOfLife < today else { return }
        let label = release.distribution == "Alpine" ? "Alpine \(release.version)" : "\(release.distribution) \(release.version) (\(release.name))"
        findings.report(
            word.range,
            "\(reference.text) is based on \(label), which reached end of life on \(release.endOfLife): it gets no security updates; move to a supported release")
    }
}
