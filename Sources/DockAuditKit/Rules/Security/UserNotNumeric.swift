/// DA506: the image's user is a name, not a numeric uid.
struct UserNotNumeric: Rule {
    static let description = RuleDescription(
        code: "DA506", name: "user-not-numeric", severity: .info, category: .security,
        aliases: ["DL3066"],
        summary: "The image's last `USER` names a user instead of giving a numeric uid.",
        rationale: """
            A user name is resolved through `/etc/passwd` inside the container; the host and \
            the orchestrator only see numbers. Kubernetes `runAsNonRoot` refuses to start a \
            container whose image user is a name it cannot check (`container has runAsNonRoot \
            and image has non-numeric user`), and security policies that allow uid ranges \
            cannot judge it either. Only the user the image runs as counts: the last USER of \
            the final stage (the last one, or `--target`), including one inherited from the \
            stage it builds on. Builder stages may switch users by name. Windows images, \
            which have no numeric uids, are not judged.
            """,
        howToFix: "Give the uid (and gid) the user was created with: `USER 10001:10001` instead of `USER app`.",
        badExamples: [
            "FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER ↓app\n",
            "FROM python:3.12-slim\nUSER ↓app:10001\nCMD [\"python\"]\n",
            "FROM python:3.12-slim AS base\nUSER ↓app\nFROM base\nRUN true\n",
            "FROM alpine:3.20\nARG APP_USER=app\nUSER ↓${APP_USER}\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER 10001:10001\n",
            "FROM python:3.12-slim AS build\nUSER builder\nRUN make\nFROM python:3.12-slim\nUSER 10001\n",
            "FROM alpine:3.20\nUSER app\nRUN true\nUSER 1000\n",
            "FROM alpine:3.20\nARG UID\nUSER ${UID}\n",
            "FROM alpine:3.20\nARG UID=10001\nUSER $UID:$UID\n",
            "FROM alpine:3.20\nUSER root\n",
            "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n",
        ],
        differences: [
            "differs from hadolint: hadolint 2.15.1 reports every USER with a name, in every stage; dockaudit follows hadolint's later fix (PR #1239) and judges only the user the image runs as: the last USER of the final stage or of the stages it builds on.",
            "differs from hadolint: a uid given as an ARG or ENV is expanded (`USER ${UID}` with `ARG UID=10001` is numeric); an unknown value is not judged.",
            "differs from hadolint: `USER root` is left to DA501 (no-non-root-user), which reports the real problem.",
            "differs from hadolint: Windows images (a Windows base image or shell, or the backtick escape) are not judged: Windows has no numeric uids, `USER ContainerUser` is how they run unprivileged.",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        guard let stage = context.finalStage,
            let index = NoNonRootUser.lastUserInstruction(stage: stage, context: context),
            let word = context.instructions[index].words.first
        else { return }
        let user = context.model.expand(word.value, at: index)
        let uid = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? user
        // Unknown (an ARG without a value), empty, numeric or root (DA501's business).
        guard !uid.isEmpty, !uid.containsBytes("$"), !uid.allSatisfy(\.isASCIIDigit), uid != "root" else { return }
        guard !Self.isWindowsImage(stage, userIndex: index, context: context) else { return }
        findings.report(
            word.range,
            "USER \(uid) is a name: Kubernetes runAsNonRoot and uid-based policies cannot verify it; use the numeric uid (USER 10001:10001)")
    }
}

extension UserNotNumeric {
    static let windowsImageHints = ["windows", "nanoserver", "servercore"]
    static let windowsShells: Set<String> = ["cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe"]

    /// Windows containers have no numeric uids (`ContainerUser` is how a Windows image
    /// runs unprivileged), so the advice cannot apply: a Windows base image, a Windows
    /// shell, or the backtick escape Windows Dockerfiles use.
    static func isWindowsImage(_ stage: Stage, userIndex: Int, context: LintContext) -> Bool {
        if context.dockerfile.escapeToken == UInt8(ascii: "`") { return true }
        if let shell = context.model.states[userIndex].shell.first?.lowercased(),
            windowsShells.contains(String(shell.split(separator: "\\").last ?? Substring(shell)))
        {
            return true
        }
        let base = (stage.rootImage(in: context.model.stages)?.text ?? stage.baseText).lowercased()
        return windowsImageHints.contains(where: base.contains)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
