/// DA620: `pip install --user` as root, and the image then runs as another user.
struct PipUserInstallUnreachable: Rule {
    static let description = RuleDescription(
        code: "DA620", name: "pip-user-install-unreachable", severity: .warning, category: .python,
        summary: "`pip install --user` runs as root, and the final stage then switches to another USER: the packages stay in /root/.local.",
        rationale: """
            `--user` installs into the user's home: for root, `/root/.local`. When the final \
            stage then switches to an unprivileged USER (as it should), that user's Python \
            looks in its own home, and `/root` is not even readable by it (mode 700 on Debian \
            and Ubuntu): every import fails at run time although the build succeeded. The same \
            happens when a builder stage installs with `--user` as root and the final stage \
            copies `/root/.local` to `/root/.local` and runs as another user. `PYTHONUSERBASE` \
            or `HOME` pointing elsewhere, and a later `chown`/`chmod`/`cp`/`mv` of the files \
            out of /root, are taken as handled.
            """,
        howToFix: "Drop `--user` (install system-wide or, better, into a venv that the final stage copies and puts on PATH), or run the install after `USER app` so the packages land in that user's home, or copy them to the user's home: `COPY --from=build --chown=app /root/.local /home/app/.local`.",
        badExamples: [
            "FROM python:3.12-slim\nRUN ↓pip install --user --no-cache-dir flask==3.0.3\nRUN useradd app\nUSER app\nCMD [\"flask\", \"run\"]\n",
            "FROM python:3.12-slim AS base\nENV PIP_USER=1\nRUN ↓pip install flask==3.0.3\nFROM base\nUSER 10001\n",
            "FROM python:3.12-slim AS build\nRUN pip install --user flask==3.0.3\nFROM python:3.12-slim\nCOPY --from=build /root/.local ↓/root/.local\nUSER nobody\n",
            "FROM python:3.12-slim\nARG APP_USER=app\nRUN ↓python -m pip install --user -r requirements.txt\nUSER ${APP_USER}\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN pip install --user flask==3.0.3\n",
            "FROM python:3.12-slim\nRUN useradd app\nUSER app\nRUN pip install --user flask==3.0.3\n",
            "FROM python:3.12-slim AS build\nRUN pip install --user flask==3.0.3\nFROM python:3.12-slim\nRUN useradd app\nCOPY --from=build --chown=app /root/.local /home/app/.local\nUSER app\n",
            "FROM python:3.12-slim\nENV PYTHONUSERBASE=/opt/python\nRUN pip install --user flask==3.0.3\nUSER app\n",
            "FROM python:3.12-slim\nRUN pip install --user flask==3.0.3 && cp -r /root/.local /home/app/.local && chown -R app /home/app\nUSER app\n",
            "FROM python:3.12-slim AS build\nRUN pip install --user flask==3.0.3\nUSER app\nFROM python:3.12-slim\nCMD [\"python\"]\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = context.finalStage, stage.index < model.endStates.count,
            let finalUser = model.endStates[stage.index].user, !finalUser.containsBytes("$"),
            !NoNonRootUser.isRoot(finalUser)
        else { return }
        let chain = [stage] + model.ancestors(of: stage)
        let chainIndices = Set(chain.map(\.index))

        // Installs in the stages that are built.
        for install in model.packageInstalls(in: stage) where rootUserInstall(install, model: model) {
            guard !movedOutOfRoot(after: install, chain: chain, model: model) else { continue }
            findings.report(
                install.command.range,
                "pip install --user runs as root, so the packages go to /root/.local, but the image runs as USER \(finalUser), which cannot read /root: drop --user (or use a venv), or install after USER \(finalUser)")
        }

        // `/root/.local` copied from a builder into /root of the final image.
        for candidate in chain {
            for index in candidate.instructionIndices {
                guard let copy = model.copies[index], case .stage(let source) = copy.origin, !chainIndices.contains(source),
                    copy.resolvedDestination == "/root" || copy.resolvedDestination.hasPrefix("/root/"),
                    copy.sources.contains(where: { source in
                        let path = source.value.hasPrefix("/") ? String(source.value.dropFirst()) : source.value
                        return path == "root/.local" || path.hasPrefix("root/.local/") || path == "root"
                    })
                else { continue }
                let sourceStage = model.stages[source]
                guard model.packageInstalls(in: sourceStage).contains(where: { rootUserInstall($0, model: model) }) else { continue }
                guard let word = copy.destinationWord else { continue }
                findings.report(
                    word.range,
                    "the --user packages installed as root are copied to \(copy.resolvedDestination), but the image runs as USER \(finalUser), which cannot read /root: copy them to that user's home (--chown=\(finalUser) … /home/\(finalUser)/.local) or use a venv")
            }
        }
    }

    /// A `--user` (or `PIP_USER`) pip install run as root, with the user base left in /root.
    func rootUserInstall(_ install: PackageInstall, model: DockerfileModel) -> Bool {
        guard install.tool == .pip else { return false }
        let index = install.instructionIndex
        let userInstall = install.command.hasAnyFlag(["user"])
            || ["1", "true", "yes", "on"].contains((model.environmentValue("PIP_USER", for: install.command, at: index) ?? "").lowercased())
        guard userInstall else { return false }
        let user = model.states[index].user ?? "root"
        guard NoNonRootUser.isRoot(user), !install.command.wrappers.contains(where: { $0 == "gosu" || $0 == "su-exec" || $0 == "su" }) else { return false }
        if let base = model.environmentValue("PYTHONUSERBASE", for: install.command, at: index), !base.isEmpty, !base.hasPrefix("/root") { return false }
        if let home = model.environmentValue("HOME", for: install.command, at: index), !home.isEmpty, !home.hasPrefix("/root") { return false }
        return true
    }

    /// A later command in the built stages moves or opens up the files in /root.
    func movedOutOfRoot(after install: PackageInstall, chain: [Stage], model: DockerfileModel) -> Bool {
        let programs: Set<String> = ["chown", "chmod", "cp", "mv", "rsync", "ln", "install", "setfacl"]
        for stage in chain {
            for index in stage.instructionIndices where index >= install.instructionIndex {
                guard let script = model.scripts[index], model.dockerfile.instructions[index].kind == .run else { continue }
                for command in script.commands where programs.contains(command.commandName) {
                    if index == install.instructionIndex, command.range.start.offset < install.command.range.start.offset { continue }
                    if command.arguments.contains(where: { $0.value.hasPrefix("/root") || $0.value.hasPrefix("~/.local") || $0.value.hasPrefix("$HOME/.local") }) {
                        return true
                    }
                }
            }
        }
        return false
    }
}
