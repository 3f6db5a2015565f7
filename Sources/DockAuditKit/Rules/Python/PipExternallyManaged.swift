/// DA618: `pip install` into apt's Python on Debian ≥ 12 / Ubuntu ≥ 23.04 (PEP 668).
struct PipExternallyManaged: Rule {
    static let description = RuleDescription(
        code: "DA618", name: "pip-externally-managed", severity: .error, category: .python,
        summary: "`pip install` into the system Python of a Debian ≥ 12 or Ubuntu ≥ 23.04 image, which refuses it (PEP 668).",
        rationale: """
            Since Debian 12 (bookworm) and Ubuntu 23.04, apt's `python3` is marked "externally \
            managed" (PEP 668): `pip install` into it stops with `error: \
            externally-managed-environment`, and the build fails. `pip install --user` is \
            refused too. This is about apt's interpreter: the official `python:*` images keep \
            their own Python in /usr/local, which is not externally managed. The rule fires \
            when the stage's base is `debian` or `ubuntu` at such a release (a tag like \
            `bookworm`, `12`, `24.04`, `noble`, `latest`), Python came from apt \
            (`apt-get install python3-pip` …), and pip runs with none of: a virtual \
            environment (`/opt/venv/bin/pip`, `VIRTUAL_ENV`, a venv's `bin` on `PATH`, an \
            activated venv in the same RUN), `--break-system-packages`, \
            `PIP_BREAK_SYSTEM_PACKAGES=1`, `--target`/`--prefix`/`--root` (pip skips the check \
            for those), or a pip configuration that allows it. `uv pip install --system` \
            honours the same marker and is checked too.
            """,
        howToFix: "Install into a virtual environment: `RUN python3 -m venv /opt/venv` and `ENV PATH=/opt/venv/bin:$PATH` before `pip install` (apt package `python3-venv`). Or install the apt packages (`python3-requests`), use a `python:*` base image, or, knowingly, pass `--break-system-packages`.",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3-pip\nRUN ↓pip3 install --no-cache-dir flask==3.0.3\n",
            "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 python3-pip && ↓python3 -m pip install --user -r requirements.txt\n",
            "FROM ubuntu:noble AS base\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip\nFROM base\nENV PATH=/root/.local/bin:$PATH\nRUN ↓pip install flask==3.0.3\n",
            "ARG DEBIAN_RELEASE=trixie\nFROM debian:${DEBIAN_RELEASE}\nRUN apt-get update && apt-get install -y python3-full\nRUN ↓pip install flask==3.0.3\n",
            "FROM debian:12\nRUN apt-get update && apt-get install -y python3-pip\nENV PIP_BREAK_SYSTEM_PACKAGES=0\nRUN ↓pip install flask==3.0.3\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim-bookworm\nRUN pip install flask==3.0.3\n",
            "FROM debian:bullseye\nRUN apt-get update && apt-get install -y python3-pip && pip3 install flask==3.0.3\n",
            "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3-pip && pip install flask==3.0.3\n",
            "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-venv\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install flask==3.0.3\n",
            "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-venv && python3 -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install flask==3.0.3\n",
            "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\nRUN pip install --break-system-packages flask==3.0.3\n",
            "FROM ubuntu:24.04\nENV PIP_BREAK_SYSTEM_PACKAGES=1\nRUN apt-get update && apt-get install -y python3-pip && pip install flask==3.0.3\n",
            "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-venv python3-pip\nRUN python3 -m venv .venv && . .venv/bin/activate && pip install flask==3.0.3\n",
            "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-pip && pip install --target /opt/lib flask==3.0.3\n",
            "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-pip && rm /usr/lib/python3.11/EXTERNALLY-MANAGED\nRUN pip install flask==3.0.3\n",
        ],
        differences: [
            "differs from hadolint and BuildKit: neither has an equivalent; this build failure only shows when the image is built.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        let installs = Array(model.packageInstalls(at: index))
        guard !installs.isEmpty, let stageIndex = model.states[index].stage else { return }
        let stage = model.stages[stageIndex]
        guard let root = stage.rootImage(in: model.stages), let release = Self.externallyManagedRelease(root) else { return }
        let chain = Self.chainCommands(before: index, stage: stage, model: model)
        for install in installs {
            guard install.tool == .pip || install.tool == .uvPip && install.hasOption("system") else { continue }
            let earlier = chain + model.commands(before: install.command, at: index)
            guard Self.installsAptPython(earlier), !Self.hasOtherPython(earlier), !Self.systemCheckLifted(earlier) else { continue }
            guard Self.runsSystemPip(install), !Self.bypassesCheck(install, model: model, index: index) else { continue }
            guard !Self.inVirtualEnvironment(install, earlier: earlier, model: model, index: index) else { continue }
            let tool = install.tool == .uvPip ? "uv pip install --system" : "pip install"
            findings.report(
                install.command.range,
                "\(tool) into \(release)'s system Python fails: apt's python3 is externally managed (PEP 668); install into a venv (python3 -m venv /opt/venv, ENV PATH=/opt/venv/bin:$PATH), use apt's python3-… packages, or pass --break-system-packages")
        }
    }

    /// "Debian 12 (bookworm)" when the image is Debian ≥ 12 or Ubuntu ≥ 23.04.
    static func externallyManagedRelease(_ reference: ImageReference) -> String? {
        let name = reference.name
        guard name == "debian" || name == "ubuntu" else { return nil }
        let tag = reference.tag?.lowercased() ?? "latest"
        let first = tag.split(separator: "-").first.map(String.init) ?? tag
        if name == "debian" {
            if ["latest", "stable", "testing", "unstable", "sid", "forky", "duke", "rc"].contains(first) { return "Debian \(first)" }
        } else if ["latest", "rolling", "devel"].contains(first) {
            return "Ubuntu \(first)"
        }
        guard let release = EndOfLife.distributionRelease(of: reference) else { return nil }
        let parts = release.version.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return nil }
        let minor = parts.count > 1 ? parts[1] : 0
        if release.distribution == "Debian", major >= 12 { return "Debian \(release.version) (\(release.name))" }
        if release.distribution == "Ubuntu", major > 23 || major == 23 && minor >= 4 { return "Ubuntu \(release.version) (\(release.name))" }
        return nil
    }

    /// Commands of the RUNs before `index` in the stage and the stages it builds on.
    static func chainCommands(before index: Int, stage: Stage, model: DockerfileModel) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        for candidate in ([stage] + model.ancestors(of: stage)).reversed() {
            for position in candidate.instructionIndices where position < index && model.dockerfile.instructions[position].kind == .run {
                commands += model.scripts[position]?.commands ?? []
            }
        }
        return commands
    }

    /// apt installs Python (`python3`, `python3-pip`, `python3-venv`, `python3.12`, …).
    static func installsAptPython(_ commands: [ShellCommand]) -> Bool {
        commands.contains { command in
            guard command.is("apt-get", "apt", "aptitude"), command.arguments.contains(where: { $0.value == "install" }) else { return false }
            return command.positionalArguments().contains { word in
                let package = word.value.split(separator: "=").first.map(String.init) ?? word.value
                return package.hasPrefix("python3") || package == "python-is-python3"
            }
        }
    }

    /// A Python from elsewhere (pyenv, conda, uv, a source build) may be the one pip uses.
    static func hasOtherPython(_ commands: [ShellCommand]) -> Bool {
        commands.contains { command in
            if command.is("pyenv", "conda", "mamba", "micromamba", "asdf", "mise", "add-apt-repository") { return true }
            if command.is("uv"), command.arguments.first?.value == "python" { return true }
            return command.is("make") && command.arguments.contains { $0.value == "altinstall" }
        }
    }

    /// An earlier command removed the marker or allowed system installs in pip's config.
    static func systemCheckLifted(_ commands: [ShellCommand]) -> Bool {
        commands.contains { command in
            command.arguments.contains { word in
                word.value.containsBytes("EXTERNALLY-MANAGED") || word.value.containsBytes("break-system-packages")
            } || command.redirections.contains { $0.target?.value.hasSuffix("pip.conf") == true }
        }
    }

    /// pip (or the interpreter running it) is the system one: a bare name or a path in a
    /// system folder, not `/opt/venv/bin/pip`.
    static func runsSystemPip(_ install: PackageInstall) -> Bool {
        guard let program = install.command.name?.value else { return false }
        guard program.containsBytes("/") else { return true }
        let folder = String(program[..<program.lastIndex(of: "/")!])
        return ["/usr/bin", "/bin", "/usr/local/bin"].contains(folder)
    }

    static func bypassesCheck(_ install: PackageInstall, model: DockerfileModel, index: Int) -> Bool {
        let command = install.command
        if command.hasAnyFlag(["break-system-packages", "target", "t", "prefix", "root"]) { return true }
        for name in ["PIP_BREAK_SYSTEM_PACKAGES", "UV_BREAK_SYSTEM_PACKAGES", "PIP_TARGET", "PIP_PREFIX"] {
            guard let value = model.environmentValue(name, for: command, at: index), !value.isEmpty else { continue }
            if name.hasSuffix("PACKAGES") {
                if value.containsBytes("$") || ["1", "true", "yes", "on", "y", "t"].contains(value.lowercased()) { return true }
            } else {
                return true
            }
        }
        return false
    }

    /// pip runs inside a virtual environment: `VIRTUAL_ENV` set, a venv's `bin` first on
    /// `PATH`, or one activated earlier in the same RUN.
    static func inVirtualEnvironment(_ install: PackageInstall, earlier: [ShellCommand], model: DockerfileModel, index: Int) -> Bool {
        if let virtualEnv = model.environmentValue("VIRTUAL_ENV", for: install.command, at: index), !virtualEnv.isEmpty { return true }
        let sameRun = model.commands(before: install.command, at: index)
        if sameRun.contains(where: { $0.is("source", ".") && $0.arguments.first?.value.hasSuffix("bin/activate") == true }) { return true }
        guard let path = model.environmentValue("PATH", for: install.command, at: index) else { return false }
        let created = Set(earlier.compactMap { createdVirtualEnvironment($0, model: model, index: index) })
        for component in path.split(separator: ":").map(String.init) {
            if ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].contains(component) { break }
            guard component.hasSuffix("/bin") else { continue }
            let folder = PathText.clean(String(component.dropLast(4)))
            if created.contains(folder) { return true }
            let last = ShellCommand.baseName(folder).lowercased()
            if last.containsBytes("venv") || last.containsBytes("env") || last.containsBytes("virtualenv") { return true }
        }
        return false
    }

    /// The folder `python3 -m venv X`, `virtualenv X` or `uv venv X` creates, made absolute.
    static func createdVirtualEnvironment(_ command: ShellCommand, model: DockerfileModel, index: Int) -> String? {
        var words = command.positionalArguments(skipping: ["p", "python", "prompt"]).map(\.value)
        if PackageInstall.isPython(command.commandName) {
            guard let module = command.optionValue("m"), module == "venv" || module == "virtualenv" else { return nil }
            words = words.filter { $0 != module }
        } else if command.is("virtualenv") {
        } else if command.is("uv"), words.first == "venv" {
            words.removeFirst()
            if words.isEmpty { words = [".venv"] }
        } else {
            return nil
        }
        guard let folder = words.first else { return nil }
        return model.absolutePath(folder, for: command, at: index)
    }
}
