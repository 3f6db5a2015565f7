/// DA121: an ONBUILD whose trigger is ONBUILD, FROM or MAINTAINER.
struct OnbuildTriggerNotAllowed: Rule {
    static let description = RuleDescription(
        code: "DA121", name: "onbuild-trigger-not-allowed", severity: .error, category: .syntax,
        aliases: ["DL3043"],
        summary: "`ONBUILD` wraps `ONBUILD`, `FROM` or `MAINTAINER`, which BuildKit rejects.",
        rationale: """
            A trigger runs when another Dockerfile builds `FROM` this image. BuildKit refuses \
            three triggers outright, so the build stops at this line: `ONBUILD ONBUILD` \
            ("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"), and `ONBUILD FROM` or \
            `ONBUILD MAINTAINER` ("FROM isn't allowed as an ONBUILD trigger"). The keyword is \
            matched case-insensitively, as BuildKit upper-cases it.
            """,
        howToFix: "Remove the trigger: a downstream image chooses its own base with FROM, and sets its maintainer with `LABEL org.opencontainers.image.authors=…`.",
        badExamples: [
            "FROM alpine:3.20\nONBUILD ↓ONBUILD RUN echo hi\n",
            "FROM alpine:3.20\nONBUILD ↓FROM debian:12\n",
            "FROM alpine:3.20\nonbuild ↓maintainer someone@example.com\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nONBUILD COPY . /app\nONBUILD RUN make -C /app\n",
            "FROM alpine:3.20\nONBUILD LABEL maintainer=someone@example.com\n",
        ])

    static let keywords: Set<InstructionKind> = [.onbuild]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let trigger = instruction.trigger else { return }
        let keyword = trigger.keyword.uppercased()
        switch trigger.kind {
        case .onbuild:
            findings.report(
                trigger.keywordRange,
                "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed: BuildKit stops here; write the trigger once (ONBUILD RUN …)")
        case .from, .maintainer:
            let fix = trigger.kind == .from
                ? "remove it, the image built on this one picks its own base"
                : "remove it, or use LABEL org.opencontainers.image.authors=… outside ONBUILD"
            findings.report(trigger.keywordRange, "\(keyword) isn't allowed as an ONBUILD trigger: BuildKit stops here; \(fix)")
        default:
            return
        }
    }
}
