/// DA601: the shipped image runs Python with buffered output.
struct PythonUnbufferedMissing: Rule {
    static let description = RuleDescription(
        code: "DA601", name: "python-unbuffered-missing", severity: .warning, category: .python,
        summary: "The final stage runs Python and PYTHONUNBUFFERED is not set to a non-empty value.",
        rationale: """
            In a container Python's standard output is a pipe, not a terminal, so Python \
            buffers it in blocks: `print()` output and logs sent to stdout show up in \
            `docker logs` late, in bursts, and whatever is still in the buffer is lost when the \
            process is killed or crashes. "The flag `ENV PYTHONUNBUFFERED 1` is needed so that \
            logs come out of containers properly" (source 001); Docker's own Python template \
            sets it. Python reads any non-empty value (even `0`) as `-u`. The rule judges the \
            stage that is built, with what it inherits from the stages it builds on; starting \
            the interpreter with `python -u` (or `PYTHONUNBUFFERED=1 cmd` in the start command) \
            counts too. "Runs Python" is DESIGN's definition: a `python`/`pypy` base image, a \
            Python package install in the stage chain, or a start command that is `python`, \
            `gunicorn`, `uvicorn`, `celery`, `daphne`, `hypercorn`, `flask` or `django-admin`. \
            Two kinds of image are left alone: development containers (built on a \
            `devcontainers` image), used from a terminal, and images whose command is the bare \
            interpreter (`CMD ["python3"]`, as the official Python images): a REPL reads a \
            terminal, and the application built on such an image sets its own environment.
            """,
        howToFix: "Add `ENV PYTHONUNBUFFERED=1` to the final stage (or to the stage it builds on).",
        badExamples: [
            "FROM ↓python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
            "FROM python:3.12-slim AS build\nENV PYTHONUNBUFFERED=1\nRUN pip install --prefix=/install flask==3.0.3\nFROM ↓python:3.12-slim\nCOPY --from=build /install /usr/local\nCMD [\"flask\", \"run\"]\n",
            "FROM ↓debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3-venv && python3 -m venv /venv && /venv/bin/pip install gunicorn==22.0.0\nCMD [\"/venv/bin/gunicorn\", \"app:app\"]\n",
            "ARG BUFFER=\nFROM ↓python:3.12-slim\nARG BUFFER\nENV PYTHONUNBUFFERED=${BUFFER}\nCMD [\"python\", \"-B\", \"main.py\"]\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD [\"python\", \"app.py\"]\n",
            "FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED 1\nFROM base\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n",
            "FROM python:3.12-slim\nCMD [\"python\", \"-u\", \"app.py\"]\n",
            "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels flask==3.0.3\nFROM nginx:1.27\nCOPY --from=build /wheels /usr/share/nginx/html\n",
            "FROM python:3.12-slim\nARG UNBUFFERED=1\nENV PYTHONUNBUFFERED=$UNBUFFERED\n",
            "FROM python:3.12-slim\nCMD PYTHONUNBUFFERED=1 exec python app.py\n",
            "FROM buildpack-deps:bookworm\nRUN ./configure && make install\nCMD [\"python3\"]\n",
            "FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN pip install --no-cache-dir black==24.8.0\n",
        ],
        fixes: FixDescription(
            "Adds `ENV PYTHONUNBUFFERED=1` on a new line right after the final stage's FROM (and its continuation lines), in the FROM keyword's case and with the file's line ending; only when the stage sets no PYTHONUNBUFFERED at all. Safe: Python writes its output as it goes instead of in blocks, which is the change asked for.",
            before: "FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir --prefix=/install gunicorn==22.0.0\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n",
            after: "FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir --prefix=/install gunicorn==22.0.0\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY --from=build /install /usr/local\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n"))

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = context.finalStage, stage.index < model.endStates.count, model.runsPython(stage),
            !model.isDevContainer(stage), !model.startsInteractiveInterpreter(stage)
        else { return }
        let variable = model.endStates[stage.index].variables["PYTHONUNBUFFERED"]
        if let variable, variable.origin == .env, let value = variable.value, !value.isEmpty { return }
        let start = model.startProcess(of: stage)
        for command in start.commands {
            if PythonInvocation(command)?.isUnbuffered == true { return }
            if command.assignments.contains(where: { $0.name == "PYTHONUNBUFFERED" && !$0.value.value.isEmpty }) { return }
        }
        let range = stage.baseWord?.range ?? context.instructions[stage.fromIndex].range
        let detail = variable?.origin == .env ? "PYTHONUNBUFFERED is set to an empty value, which Python ignores" : "PYTHONUNBUFFERED is not set"
        // Only when nothing sets it: an ENV added after FROM would not outlast a later one.
        let edit = variable == nil ? FixEdits.insertLine(keyword: "ENV", arguments: "PYTHONUNBUFFERED=1", afterFromOf: stage, dockerfile: context.dockerfile) : nil
        findings.report(
            range,
            "the final stage runs Python and \(detail): its output is block-buffered, so logs reach docker logs late and are lost on a crash; add ENV PYTHONUNBUFFERED=1",
            fix: edit.map { Fix("add ENV PYTHONUNBUFFERED=1", edits: [$0]) })
    }
}
