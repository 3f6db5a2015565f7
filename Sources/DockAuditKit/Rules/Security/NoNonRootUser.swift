/// DA501: the image that is built runs as root.
struct NoNonRootUser: Rule {
    static let description = RuleDescription(
        code: "DA501", name: "no-non-root-user", severity: .warning, category: .security,
        aliases: ["DL3002"],
        summary: "The final stage never switches to a non-root USER.",
        rationale: """
            Without a USER, the container's process runs as root. A compromised application \
            then has root inside the container, and with a writable host mount or a kernel \
            bug, beyond it. Builder stages may run as root; the image you ship should not. \
            Only the final stage (the last one, or `--target`) is judged, including what it \
            inherits from the stages it builds on.
            """,
        howToFix: "Create an unprivileged user and switch to it before CMD: `RUN useradd --uid 10001 --no-create-home app` then `USER app` (or `USER 10001`).",
        badExamples: [
            "↓FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim\nUSER app\nRUN true\n↓USER root\n",
            "FROM python:3.12-slim AS build\nUSER app\n↓FROM python:3.12-slim\nCOPY --from=build /app /app\n",
            "FROM alpine\n↓USER 0:0\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER app\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim AS build\nUSER root\nRUN true\nFROM python:3.12-slim\nUSER 10001:10001\n",
            "FROM python:3.12-slim AS base\nUSER app\nFROM base\nRUN true\n",
            "FROM gcr.io/distroless/python3-debian12:nonroot\n",
            "ARG REPO=mcr.microsoft.com/dotnet/runtime-deps\nFROM $REPO:9.0-noble-chiseled\n",
            "FROM alpine\nARG APP_USER\nUSER ${APP_USER}\n",
        ],
        differences: [
            "differs from hadolint: DL3002 checks every stage, so root in a builder stage is reported; dockaudit checks the stage that is built, where the user matters.",
            "differs from hadolint: a final stage that never sets USER is reported too (hadolint has no such rule, hadolint issue #328); in JSON output those findings carry no DL3002 alias.",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        guard let stage = context.finalStage, stage.index < context.model.endStates.count else { return }
        let user = context.model.endStates[stage.index].user
        if let user {
            // A user still written as an unknown variable cannot be judged.
            guard !user.containsBytes("$"), Self.isRoot(user) else { return }
            guard let userIndex = Self.lastUserInstruction(stage: stage, context: context) else { return }
            let instruction = context.instructions[userIndex]
            findings.report(
                instruction.range,
                "the image runs as root (USER \(user) is the last USER): switch to an unprivileged user before CMD, e.g. USER 10001")
            return
        }
        if let root = stage.rootImage(in: context.model.stages), Self.defaultsToNonRoot(root) { return }
        if Self.nonRootTagHints.contains(where: Self.rootBaseText(of: stage, in: context).lowercased().contains) { return }
        let from = context.instructions[stage.fromIndex]
        // hadolint has no code for a missing USER (DL3002 needs an explicit `USER root`).
        findings.report(
            from.range,
            "the final stage never sets USER, so the container runs as root: add a non-root user (RUN useradd … && USER app)",
            aliases: [])
    }

    static func isRoot(_ user: String) -> Bool {
        let name = user.split(separator: ":", maxSplits: 1).first.map(String.init) ?? user
        return name == "root" || name == "0"
    }

    /// The USER instruction that set the final user (in the stage or one it builds on).
    static func lastUserInstruction(stage: Stage, context: LintContext) -> Int? {
        for candidate in [stage] + context.model.ancestors(of: stage) {
            if let index = candidate.instructionIndices.reversed().first(where: { context.instructions[$0].kind == .user }) {
                return index
            }
        }
        return nil
    }

    /// Tags of images that start as a non-root user: distroless `:nonroot`, Microsoft's
    /// chiseled .NET images (user `app`).
    static let nonRootTagHints = ["nonroot", "chiseled"]

    /// Images known to start as a non-root user.
    static func defaultsToNonRoot(_ reference: ImageReference) -> Bool {
        let tag = reference.tag?.lowercased() ?? ""
        return nonRootTagHints.contains(where: tag.contains) || reference.registry == "cgr.dev"
    }

    /// The base text of the first stage of the chain (even when variables left it
    /// unresolved, its tag may still say what it is).
    static func rootBaseText(of stage: Stage, in context: LintContext) -> String {
        (context.model.ancestors(of: stage).last ?? stage).baseText
    }
}
