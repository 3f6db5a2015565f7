/// DA106: the first WORKDIR of a stage chain is relative.
struct WorkdirRelativePath: Rule {
    static let description = RuleDescription(
        code: "DA106", name: "workdir-relative-path", severity: .warning, category: .syntax,
        aliases: ["DL3000", "WorkdirRelativePath"],
        summary: "A relative WORKDIR before any absolute WORKDIR in the stage.",
        rationale: """
            A relative WORKDIR is resolved against the base image's working directory, which \
            you do not control and which can change when the base image is updated. Set an \
            absolute path first; relative WORKDIRs after it are well defined.
            """,
        howToFix: "Give the first WORKDIR of the stage an absolute path, e.g. `WORKDIR /app`.",
        badExamples: [
            "FROM nginx\nWORKDIR ↓usr/share/nginx/html\n",
            "FROM python:3.12-slim AS base\nFROM base\nWORKDIR ↓app\n",
            "FROM alpine\nWORKDIR ↓\"app\"\n",
            "FROM alpine\nARG APP=app\nWORKDIR ↓$APP\n",
        ],
        goodExamples: [
            "FROM nginx\nWORKDIR /usr/share/nginx/html\n",
            "FROM alpine\nWORKDIR /srv\nWORKDIR app\n",
            "FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\n",
            "FROM alpine\nWORKDIR $HOME/app\n",
            "FROM alpine\nARG APP_HOME=/srv/app\nWORKDIR ${APP_HOME}\n",
            "FROM mcr.microsoft.com/windows/servercore\nWORKDIR C:\\\\app\n",
        ],
        differences: [
            "differs from hadolint: DL3000 flags every relative WORKDIR; dockaudit follows BuildKit and flags only one that comes before any absolute WORKDIR in the stage or the stages it builds on, since later relative paths resolve against a path you set.",
        ],
        fixes: FixDescription(
            """
            Puts `/` before the path, making it absolute. Unsafe: the relative path resolved against the base \
            image's working directory, which need not be `/` (`nginx` sets none, `node` images often `/usr/src/app`), \
            so the stage may end up working in another folder; check that the new path is the one you meant.
            """,
            safety: .unsafe,
            before: "FROM python:3.12-slim\nWORKDIR app\nCOPY . .\n",
            after: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"))

    static let keywords: Set<InstructionKind> = [.workdir]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let word = instruction.words.first else { return }
        // BuildKit checks only until the stage chain has had any WORKDIR.
        guard !context.model.states[index].workdirSet else { return }
        let path = context.model.expand(word.value, at: index)
        // A path still made from an unknown variable cannot be judged.
        guard !path.containsBytes("$"), !Self.isAbsolute(path) else { return }
        findings.report(
            word.range,
            "relative WORKDIR \"\(path)\" depends on the base image's working directory: use an absolute path such as /\(path)",
            fix: Fix("make the path absolute", edits: [.insert("/", at: word.range.start.offset)], safety: .unsafe))
    }

    static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") { return true }
        // Windows: a drive letter (`C:\`, `c:/`) or a root-relative path.
        let scalars = Array(path.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return true }
        return path.hasPrefix("\\")
    }
}
