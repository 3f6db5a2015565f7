/// DA202: `FROM --platform=linux/amd64`, a platform fixed in the Dockerfile.
struct FromPlatformFlagConst: Rule {
    static let description = RuleDescription(
        code: "DA202", name: "from-platform-flag-const", severity: .warning, category: .baseImage,
        aliases: ["FromPlatformFlagConstDisallowed", "DL3029"],
        summary: "`FROM --platform` is set to a constant platform.",
        rationale: """
            A constant `--platform` pins the stage to one platform whatever the build asks for: \
            `docker build --platform linux/arm64` (or a multi-platform build) still gets an \
            amd64 stage, which then runs under emulation or produces an image for the wrong \
            architecture. Let the build choose, or use `$BUILDPLATFORM` / `$TARGETPLATFORM`. \
            A stage that is deliberately platform-specific can say so in its name \
            (`AS build-amd64`), which BuildKit accepts.
            """,
        howToFix: "Drop the flag, or use `--platform=$BUILDPLATFORM`; if the stage must be that platform, name it after it (`AS tools_amd64`).",
        badExamples: [
            "FROM ↓--platform=linux/amd64 alpine AS base\n",
            "FROM ↓--platform=linux/arm64/v8 python:3.12-slim\n",
            "FROM ↓--platform=\"linux/amd64\" node:22 AS assets\n",
            "FROM ↓--platform=amd64 debian:bookworm\n",
        ],
        goodExamples: [
            "FROM alpine AS base\n",
            "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
            "FROM --platform=linux/amd64 alpine AS build_amd64\n",
            "FROM --platform=linux/arm64 alpine AS linux-tools\n",
            "ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM alpine\n",
            "FROM --platform=linux/amd64,linux/arm64 alpine\n",
        ],
        differences: [
            "differs from hadolint: DL3029 flags every `--platform` that does not mention BUILDPLATFORM or TARGETPLATFORM, including ones set from your own ARG; dockaudit follows BuildKit and flags only a constant platform, and not when the stage name contains its OS or architecture. DL3029 is kept as an alias, so hadolint ignore comments still apply.",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let flag = instruction.flag(named: "platform"), let raw = flag.value else { return }
        let lookup = FromLookup(globals: context.model.globalArgs)
        guard let expansion = FromLookup.expand(raw, with: lookup, escapeToken: context.dockerfile.escapeToken),
            expansion.matched.isEmpty, expansion.unmatched.isEmpty,
            let platform = PlatformSpecifier(expansion.value)
        else { return }
        if let stageIndex = context.stageIndex(ofInstruction: index), let name = context.model.stages[stageIndex].name,
            name.contains(platform.os) || name.contains(platform.architecture)
        {
            return
        }
        findings.report(
            flag.range,
            "--platform=\(expansion.value) pins the stage to one platform whatever the build targets: remove it, use $BUILDPLATFORM, or name the stage after the platform")
    }
}
