/// DA619: a virtualenv activated in a RUN, as if it stayed active for later instructions.
struct VenvActivationNotPersisted: Rule {
    static let description = RuleDescription(
        code: "DA619", name: "venv-activation-not-persisted", severity: .warning, category: .python,
        summary: "A RUN activates a virtualenv (`source …/bin/activate`) with nothing after it: the activation ends with the RUN.",
        rationale: """
            Every RUN starts a new shell, and `activate` only changes that shell's variables \
            (`PATH`, `VIRTUAL_ENV`). A RUN that only activates, or activates last, changes \
            nothing for the RUNs after it, nor for CMD: their `pip` and `python` are the \
            system ones, so packages land outside the environment and the app runs without \
            them. Activating and using the environment in the same RUN (`. /venv/bin/activate \
            && pip install …`) works and is not reported. The way to activate for good is to \
            put the environment's `bin` first on PATH with ENV.
            """,
        howToFix: "Replace the activation with `ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"` after creating the environment, or activate and use it in the same RUN.",
        badExamples: [
            "FROM python:3.12-slim\nRUN python -m venv /opt/venv\nRUN ↓. /opt/venv/bin/activate\nRUN pip install flask\n",
            "FROM python:3.12-slim\nRUN python -m venv /opt/venv && ↓source /opt/venv/bin/activate\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim\nARG VENV=/venv\nWORKDIR /app\nRUN python3 -m venv $VENV\nRUN pip install -U pip; ↓. $VENV/bin/activate\n",
            "FROM python:3.12-slim AS base\nWORKDIR /app\nRUN python -m venv .venv\nFROM base\nRUN ↓source .venv/bin/activate\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN python -m venv /opt/venv\nRUN . /opt/venv/bin/activate && pip install flask\n",
            "FROM python:3.12-slim\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\nRUN pip install flask\n",
            "FROM python:3.12-slim\nRUN python -m venv venv && . venv/bin/activate && pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nRUN echo 'source /opt/venv/bin/activate' >> /root/.bashrc\n",
            "FROM python:3.12-slim\nRUN python -m venv /opt/venv && . /opt/venv/bin/activate\nENV PATH=/opt/venv/bin:$PATH\n",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let commands = context.model.scripts[index]?.commands, let last = commands.last else { return }
        guard last.commandName == "source" || last.commandName == ".", let script = last.arguments.first,
            ShellCommand.baseName(script.value) == "activate", script.value.containsBytes("/"),
            !last.context.inCommandSubstitution
        else { return }
        let model = context.model
        let expanded = model.expand(script.raw, at: index)
        let folder = PathText.clean(expanded + "/../..")
        if let stage = model.states[index].stage, stage < model.endStates.count {
            let variables = model.endStates[stage].variables
            if variables["VIRTUAL_ENV"] != nil { return }
            if let path = variables.value(of: "PATH"), Self.putsOnPath(path, folder: folder, workdir: model.workingDirectory(of: last, at: index)) {
                return
            }
        }
        findings.report(
            last.range,
            "activating \(expanded.containsBytes("$") ? script.value : folder) here ends with this RUN: later RUNs and CMD do not see it; set ENV VIRTUAL_ENV and PATH=\"<venv>/bin:$PATH\" instead, or run the commands that need it in this RUN")
    }

    /// Whether PATH already lists the environment's bin folder.
    static func putsOnPath(_ path: String, folder: String, workdir: String?) -> Bool {
        let absolute = folder.hasPrefix("/") ? folder : workdir.map { PathText.clean($0 + "/" + folder) }
        return path.split(separator: ":").contains { entry in
            let cleaned = PathText.clean(String(entry))
            return cleaned == PathText.clean(folder + "/bin") || absolute.map { cleaned == $0 + "/bin" } ?? false
        }
    }
}
