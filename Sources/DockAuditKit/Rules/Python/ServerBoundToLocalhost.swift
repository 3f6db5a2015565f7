/// DA617: the shipped server listens on 127.0.0.1 inside the container.
struct ServerBoundToLocalhost: Rule {
    static let description = RuleDescription(
        code: "DA617", name: "server-bound-to-localhost", severity: .warning, category: .python,
        summary: "The final CMD/ENTRYPOINT starts a server that listens on 127.0.0.1 by default and is not told another address.",
        rationale: """
            Inside a container, 127.0.0.1 is the container's own loopback: a port published \
            with `-p 8000:8000` forwards to the container's network interface, where nothing \
            listens, so the service is unreachable ("connection reset") although it runs. \
            gunicorn binds `127.0.0.1:8000` unless given `-b`/`--bind`, `GUNICORN_CMD_ARGS` \
            or a `PORT` variable (then `0.0.0.0:$PORT`); uvicorn binds 127.0.0.1 without \
            `--host` (or `UVICORN_HOST`); `flask run` without `--host` (or `FLASK_RUN_HOST`); \
            Django's `runserver` without an address (a port alone, `runserver 8000`, still \
            means 127.0.0.1); hypercorn without `--bind`; daphne without `-b`; `fastapi dev` \
            without `--host`. A configuration file may set the address: with `-c`/`--config` \
            (or gunicorn's `gunicorn.conf.py`, read from the working directory, copied in or \
            possibly carried by a whole-context COPY when the context is unknown) the rule \
            stays silent. Docker's Python template passes `--host=0.0.0.0` explicitly.
            """,
        howToFix: "Tell the server to listen on every interface: `gunicorn -b 0.0.0.0:8000 …`, `uvicorn … --host 0.0.0.0`, `flask run --host=0.0.0.0`, `manage.py runserver 0.0.0.0:8000`, `hypercorn -b 0.0.0.0:8000 …`, `daphne -b 0.0.0.0 …`.",
        badExamples: [
            "FROM python:3.12-slim\nCMD [↓\"gunicorn\", \"app:app\"]\n",
            "FROM python:3.12-slim\nCMD [↓\"uvicorn\", \"main:app\", \"--port\", \"8000\"]\n",
            "FROM python:3.12-slim\nENV FLASK_APP=app.py\nCMD flask ↓run --port 5000\n",
            "FROM python:3.12-slim\nCMD [\"python\", \"manage.py\", ↓\"runserver\", \"8000\"]\n",
            "FROM python:3.12-slim AS base\nENV GUNICORN_CMD_ARGS=\"--workers=3\"\nFROM base\nCMD [\"python\", \"-m\", ↓\"gunicorn\", \"app:app\"]\n",
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [↓\"gunicorn\", \"app:app\"]\n", context: [("app.py", "")]),
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
            "FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS=\"--bind=0.0.0.0:8000 --workers=3\"\nCMD [\"gunicorn\", \"app:app\"]\n",
            "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n",
            "FROM python:3.12-slim\nENV FLASK_RUN_HOST=0.0.0.0\nCMD [\"flask\", \"run\"]\n",
            "FROM python:3.12-slim\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n",
            "FROM python:3.12-slim\nCOPY gunicorn.conf.py /app/\nWORKDIR /app\nCMD [\"gunicorn\", \"app:app\"]\n",
            "FROM python:3.12-slim\nCMD [\"gunicorn\", \"-c\", \"config/gunicorn.py\", \"app:app\"]\n",
            "FROM python:3.12-slim AS dev\nCMD [\"uvicorn\", \"main:app\"]\nFROM python:3.12-slim\nARG PORT=8080\nENV PORT=$PORT\nCMD [\"gunicorn\", \"app:app\"]\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n",
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n", context: [("app.py", ""), ("gunicorn.conf.py", "bind = '0.0.0.0:8000'\n")]),
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = context.finalStage, stage.index < model.endStates.count else { return }
        let variables = model.endStates[stage.index].variables
        for command in model.startProcess(of: stage).commands {
            guard let program = InvokedProgram(command) else { continue }
            func environment(_ name: String) -> String? {
                if let assignment = command.assignments.last(where: { $0.name == name }) { return assignment.value.value }
                guard let variable = variables[name], variable.origin == .env else { return nil }
                return variable.value ?? "$\(name)"
            }
            guard let (word, message) = Self.localhostServer(program, environment: environment, context: context, stage: stage) else { continue }
            findings.report(word.range, message)
        }
    }

    static func localhostServer(
        _ program: InvokedProgram, environment: (String) -> String?, context: LintContext, stage: Stage
    ) -> (ShellWord, String)? {
        let call = program.asCommand
        let fix = "the container cannot be reached through its published port"
        switch program.name {
        case "gunicorn":
            if call.hasAnyFlag("b", "bind", "c", "config") { return nil }
            if let arguments = environment("GUNICORN_CMD_ARGS"), setsBindOrConfig(arguments) { return nil }
            if environment("PORT") != nil { return nil }
            if mayHaveGunicornConfig(context: context, stage: stage) { return nil }
            return (program.word, "gunicorn listens on 127.0.0.1:8000 unless told otherwise, so \(fix); add --bind 0.0.0.0:8000")
        case "uvicorn":
            if call.hasAnyFlag("host", "uds", "fd") || environment("UVICORN_HOST") != nil { return nil }
            return (program.word, "uvicorn listens on 127.0.0.1 unless told otherwise, so \(fix); add --host 0.0.0.0")
        case "hypercorn":
            if call.hasAnyFlag("b", "bind", "c", "config") { return nil }
            return (program.word, "hypercorn listens on 127.0.0.1:8000 unless told otherwise, so \(fix); add --bind 0.0.0.0:8000")
        case "daphne":
            if call.hasAnyFlag("b", "bind", "u", "unix-socket", "e", "endpoint", "fd") { return nil }
            return (program.word, "daphne listens on 127.0.0.1 unless told otherwise, so \(fix); add -b 0.0.0.0")
        case "flask":
            let positional = call.positionalArguments(skipping: ["A", "app", "e", "env-file"])
            guard let run = positional.first, run.value == "run" else { return nil }
            if call.hasAnyFlag("h", "host") || environment("FLASK_RUN_HOST") != nil { return nil }
            return (run, "flask run listens on 127.0.0.1 unless told otherwise, so \(fix); add --host=0.0.0.0 (and serve with gunicorn in production)")
        case "fastapi":
            guard let dev = call.positionalArguments().first, dev.value == "dev" else { return nil }
            if call.hasAnyFlag("host") { return nil }
            return (dev, "fastapi dev listens on 127.0.0.1 unless told otherwise, so \(fix); use fastapi run (which listens on 0.0.0.0)")
        case "manage.py", "django-admin", "django-admin.py", "django":
            let positional = call.positionalArguments(skipping: ["settings", "pythonpath"])
            guard let runserver = positional.first, runserver.value == "runserver" || runserver.value == "runserver_plus" else { return nil }
            guard positional.count >= 2 else {
                return (runserver, "\(runserver.value) listens on 127.0.0.1:8000 unless given an address, so \(fix); use \(runserver.value) 0.0.0.0:8000")
            }
            let address = positional[1].value
            if !positional[1].isLiteral || address.containsBytes(":") || address.containsBytes("$") { return nil }
            if address.allSatisfy(\.isNumber) {
                return (runserver, "\(runserver.value) \(address) still listens on 127.0.0.1 (a port alone keeps the default address), so \(fix); use \(runserver.value) 0.0.0.0:\(address)")
            }
            return nil
        default:
            return nil
        }
    }

    /// Whether GUNICORN_CMD_ARGS gives an address or a config file (or is not known here).
    static func setsBindOrConfig(_ arguments: String) -> Bool {
        if arguments.containsBytes("$") { return true }
        return arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).contains { word in
            word.hasPrefix("--bind") || word.hasPrefix("--config") || (!word.hasPrefix("--") && (word.hasPrefix("-b") || word.hasPrefix("-c")))
        }
    }

    /// Whether gunicorn may find a `gunicorn.conf.py` in its working directory: one was
    /// copied in by name, or a whole-context COPY may carry one (the context has one, or is
    /// unknown).
    static func mayHaveGunicornConfig(context: LintContext, stage: Stage) -> Bool {
        let model = context.model
        for current in [stage] + model.ancestors(of: stage) {
            for index in current.instructionIndices {
                guard let copy = model.copies[index] else { continue }
                for source in copy.sources where source.kind == .path {
                    if ShellCommand.baseName(source.value) == "gunicorn.conf.py" { return true }
                }
                if copy.wholeContextSource != nil {
                    guard let buildContext = context.buildContext else { return true }
                    if buildContext.exists("gunicorn.conf.py") { return true }
                }
            }
        }
        return false
    }
}
