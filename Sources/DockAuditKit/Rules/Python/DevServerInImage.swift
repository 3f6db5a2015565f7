/// DA609: the shipped image starts a development server.
struct DevServerInImage: Rule {
    static let description = RuleDescription(
        code: "DA609", name: "dev-server-in-image", severity: .warning, category: .python,
        summary: "The final CMD/ENTRYPOINT starts a development server (flask run, manage.py runserver, uvicorn/gunicorn --reload, fastapi dev, python -m http.server).",
        rationale: """
            Development servers are built for one developer on one machine: `flask run` and \
            Django's `runserver` are single-process, unhardened and documented as "not for \
            production", `--reload` watches the file system and restarts workers (costing CPU \
            and dropping requests, for code that never changes inside an image), `fastapi dev` \
            is `uvicorn --reload` on 127.0.0.1, and `python -m http.server` has only basic \
            security checks. Snyk's Python container guide: "use a WSGI server for \
            production". Only the stage that is built is judged (with the CMD/ENTRYPOINT it \
            inherits), so a `dev` stage or a `--target` you never ship is fine.
            """,
        howToFix: "Start a production server: `gunicorn -b 0.0.0.0:8000 app:app` (Flask, Django: `project.wsgi`), `uvicorn app:app --host 0.0.0.0` without `--reload`, `fastapi run`; keep the development command in a dev stage or a compose override.",
        badExamples: [
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD [\"flask\", ↓\"run\", \"--host=0.0.0.0\"]\n",
            "FROM python:3.12-slim\nCMD python manage.py migrate && python manage.py ↓runserver 0.0.0.0:8000\n",
            "FROM python:3.12-slim\nENTRYPOINT [\"uvicorn\", \"main:app\"]\nCMD [\"--host\", \"0.0.0.0\", ↓\"--reload\"]\n",
            "FROM python:3.12-slim AS base\nCMD [\"fastapi\", ↓\"dev\", \"main.py\"]\nFROM base\nRUN pip install fastapi[standard]==0.115.0\n",
            "FROM python:3.12-slim\nCMD [\"python3\", \"-m\", ↓\"http.server\", \"8080\"]\n",
            "FROM python:3.12-slim\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", ↓\"--reload\", \"app:app\"]\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n",
            "FROM python:3.12-slim AS dev\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\nFROM python:3.12-slim AS prod\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n",
            "FROM python:3.12-slim\nCMD [\"fastapi\", \"run\", \"main.py\"]\n",
            "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--reload-dir\", \"src\"]\n",
            "FROM python:3.12-slim\nRUN python manage.py collectstatic --noinput\nCMD [\"gunicorn\", \"project.wsgi\"]\n",
            "FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"flask\", \"routes\"]\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        guard let stage = context.finalStage else { return }
        for command in context.model.startProcess(of: stage).commands {
            guard let program = InvokedProgram(command), let (word, message) = Self.devServer(program) else { continue }
            findings.report(word.range, message)
        }
    }

    /// The word that makes `program` a development server, with a message.
    static func devServer(_ program: InvokedProgram) -> (ShellWord, String)? {
        let call = program.asCommand
        switch program.name {
        case "flask":
            let positional = call.positionalArguments(skipping: ["A", "app", "e", "env-file"])
            if let run = positional.first, run.value == "run" {
                return (run, "flask run starts Flask's development server, which is not meant for production; serve the app with gunicorn (gunicorn -b 0.0.0.0:8000 app:app)")
            }
        case "manage.py", "django-admin", "django-admin.py", "django":
            let positional = call.positionalArguments(skipping: ["settings", "pythonpath"])
            if let command = positional.first, command.value == "runserver" || command.value == "runserver_plus" {
                return (command, "\(command.value) starts Django's development server, which is not meant for production; serve the project with gunicorn (gunicorn -b 0.0.0.0:8000 project.wsgi)")
            }
        case "uvicorn", "gunicorn", "hypercorn":
            if let reload = call.arguments.first(where: { $0.value == "--reload" }) {
                return (reload, "\(program.name) --reload restarts the server whenever files change: a development setting that costs CPU and drops requests in an image; remove --reload")
            }
        case "fastapi":
            if let dev = call.positionalArguments().first, dev.value == "dev" {
                return (dev, "fastapi dev is the development server (auto-reload, bound to 127.0.0.1); use fastapi run in the image")
            }
        case "http.server", "SimpleHTTPServer":
            if program.viaPython {
                return (program.word, "python -m \(program.name) is a basic development file server with only basic security checks; serve files with a real web server (nginx, caddy) or your app")
            }
        default:
            break
        }
        return nil
    }
}
