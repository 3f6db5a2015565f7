/// DA621: a virtualenv copied from a builder stage into a stage where it cannot work.
struct VenvCopiedAcrossInterpreters: Rule {
    static let description = RuleDescription(
        code: "DA621", name: "venv-copied-across-interpreters", severity: .error, category: .python,
        summary: "`COPY --from=STAGE` of a virtualenv made with another Python version than this stage's, or to another path than it was created at.",
        rationale: """
            A virtual environment is not self-contained: `bin/python` is a link to the \
            interpreter it was made with, `pyvenv.cfg` names that interpreter's folder, \
            site-packages sits under `lib/pythonX.Y`, and every console script (`gunicorn`, \
            `uvicorn`, `alembic`) starts with a shebang naming the environment's absolute \
            path. Copied into a stage whose base image has another Python version, the \
            environment runs the wrong interpreter or none ("It is important to use the image \
            that matches the builder", says the uv Docker example); copied to another path, \
            its scripts fail with "no such file or directory". The Python version is read \
            from each stage's base tag (`python:3.12-slim`) or the interpreter named when the \
            environment is made (`python3.11 -m venv`, `uv venv --python 3.11`); when either \
            side is unknown, dockaudit says nothing.
            """,
        howToFix: "Build the environment on the same Python image (same major.minor) as the stage that runs it, and copy it to the path it was created at (`COPY --from=build /opt/venv /opt/venv`).",
        badExamples: [
            "FROM python:3.11-slim AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install flask\nFROM python:3.12-slim\nCOPY --from=build ↓/opt/venv /opt/venv\n",
            "FROM python:3.12-slim AS build\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=build ↓/opt/venv /venv\n",
            "FROM python:3.12 AS build\nWORKDIR /app\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build ↓/app /srv\n",
            "ARG PY=3.10\nFROM python:${PY}-slim AS build\nENV VIRTUAL_ENV=/venv\nRUN python -m venv $VIRTUAL_ENV\nFROM python:3.13-slim\nCOPY --from=build ↓/venv /venv\n",
            "FROM python:3.12-slim AS build\nRUN python3.11 -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=build ↓/opt/venv /opt/venv\n",
        ],
        goodExamples: [
            "FROM python:3.12-bookworm AS build\nRUN python -m venv /opt/venv\nFROM python:3.12-slim-bookworm\nCOPY --from=build /opt/venv /opt/venv\n",
            "FROM python:3.12 AS build\nWORKDIR /app\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app /app\n",
            "FROM python:3.11 AS build\nRUN python -m venv /opt/venv\nFROM gcr.io/distroless/python3\nCOPY --from=build /opt/venv /opt/venv\n",
            "ARG PY\nFROM python:${PY}-slim AS build\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n",
            "FROM python:3.11 AS build\nRUN pip install --prefix=/install flask\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n",
            "FROM python:3.12 AS build\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=build /opt/venv/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages\n",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let copy = model.copies[index], case .stage(let sourceIndex) = copy.origin,
            let stageIndex = model.states[index].stage
        else { return }
        let sourceStage = model.stages[sourceIndex]
        let environments = model.virtualEnvironments(createdIn: sourceStage)
        guard !environments.isEmpty else { return }
        let destinationKnown = !copy.resolvedDestination.containsBytes("$")
            && (copy.destination.hasPrefix("/") || model.knownWorkingDirectory(at: index) != nil)
        let destination = PathText.clean(copy.resolvedDestination)
        let targetVersion = model.pythonVersion(of: model.stages[stageIndex])
        let stageName = sourceStage.name ?? String(sourceIndex)
        for source in copy.sources where source.kind == .path {
            guard !source.value.containsBytes("$"), !source.value.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else { continue }
            let path = PathText.clean("/" + source.value)
            for environment in environments {
                guard let relative = DockerfileModel.relativePath(environment.path, under: path) else { continue }
                if let from = environment.pythonVersion ?? model.pythonVersion(of: sourceStage), let to = targetVersion, from != to {
                    findings.report(
                        source.word.range,
                        "the virtual environment \(environment.path) was made with Python \(from) in stage \(stageName), but this stage runs Python \(to): its bin/python and compiled packages do not fit here; build it on the same Python version as this stage")
                    break
                }
                guard destinationKnown else { continue }
                let arrives = relative == "." ? destination : PathText.clean(destination + "/" + relative)
                if arrives != environment.path {
                    findings.report(
                        source.word.range,
                        "the virtual environment created at \(environment.path) in stage \(stageName) lands at \(arrives): its scripts' shebangs and activate still name \(environment.path), so console scripts fail; copy it to \(environment.path)")
                    break
                }
            }
        }
    }
}
