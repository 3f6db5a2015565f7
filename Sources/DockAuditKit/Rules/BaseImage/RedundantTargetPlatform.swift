/// DA201: `FROM --platform=$TARGETPLATFORM`, which is what FROM does anyway.
struct RedundantTargetPlatform: Rule {
    static let description = RuleDescription(
        code: "DA201", name: "redundant-target-platform", severity: .warning, category: .baseImage,
        aliases: ["RedundantTargetPlatform", "DL3065"],
        summary: "`FROM --platform=$TARGETPLATFORM` repeats the default.",
        rationale: """
            Without `--platform`, FROM already pulls the base image for the target platform, \
            so `--platform=$TARGETPLATFORM` changes nothing and only makes the line look as if \
            it did something special. The flag is useful with `$BUILDPLATFORM` (to run build \
            tools natively in a cross-build), not with `$TARGETPLATFORM`.
            """,
        howToFix: "Remove `--platform=$TARGETPLATFORM`; use `--platform=$BUILDPLATFORM` if the stage should run on the build machine.",
        badExamples: [
            "FROM ↓--platform=$TARGETPLATFORM alpine AS builder\n",
            "FROM ↓--platform=${TARGETPLATFORM} python:3.12-slim\n",
            "ARG GO=1.23\nFROM ↓--platform=\"$TARGETPLATFORM\" golang:${GO}\n",
            "FROM ↓--platform=${TARGETPLATFORM:-linux/amd64} alpine\n",
        ],
        goodExamples: [
            "FROM alpine AS builder\n",
            "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
            "FROM --platform=$TARGETOS/$TARGETARCH alpine\n",
        ],
        fixes: FixDescription(
            "Removes the flag and the blanks after it; FROM then pulls for the target platform, as it did with the flag.",
            before: "FROM --platform=$TARGETPLATFORM python:3.12-slim AS app\n",
            after: "FROM python:3.12-slim AS app\n"))

    static let keywords: Set<InstructionKind> = [.from]

    /// Stands for the platform BuildKit would fill in.
    static let sentinel = "\u{1}target-platform"

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let flag = instruction.flag(named: "platform"), let raw = flag.value else { return }
        let lookup = FromLookup(globals: context.model.globalArgs, automatic: { $0 == "TARGETPLATFORM" ? Self.sentinel : FromLookup.placeholder($0) })
        guard let expansion = FromLookup.expand(raw, with: lookup, escapeToken: context.dockerfile.escapeToken),
            expansion.matched == ["TARGETPLATFORM"], expansion.unmatched.isEmpty,
            expansion.value == (lookup.value(of: "TARGETPLATFORM") ?? Self.sentinel)
        else { return }
        let removal = flag.range.start.offset..<FixText.endOfBlanks(from: flag.range.end.offset, in: context.source)
        findings.report(
            flag.range,
            "--platform=\(raw) is redundant: FROM already uses the target platform; remove the flag",
            fix: Fix("remove --platform", edits: [TextEdit(range: removal, replacement: "")]))
    }
}
