/// DA612: debug mode switched on in the image that ships.
struct DebugEnabled: Rule {
    static let description = RuleDescription(
        code: "DA612", name: "debug-enabled", severity: .warning, category: .python,
        summary: "The final stage sets DEBUG, FLASK_DEBUG, DJANGO_DEBUG or FLASK_ENV=development.",
        rationale: """
            Debug modes show stack traces, settings and sometimes an interactive console to \
            anyone who triggers an error (the Werkzeug debugger runs arbitrary code), and they \
            slow the service down. They belong in a development override, not in the image \
            you deploy. Only the stage that is built is judged, including ENV it inherits; a \
            plain `DEBUG` counts when that stage runs Python.
            """,
        howToFix: "Remove the ENV from the image (or set it to 0/False) and enable debugging through the environment of your development setup, e.g. docker compose.",
        badExamples: [
            "FROM python:3.12-slim\nENV ↓DEBUG=1\n",
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 ↓FLASK_DEBUG=true\n",
            "FROM python:3.12-slim\nENV ↓FLASK_ENV development\n",
            "FROM python:3.12-slim AS base\nENV ↓DJANGO_DEBUG=True\nFROM base\nCMD [\"gunicorn\", \"app.wsgi\"]\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nENV DEBUG=0 FLASK_ENV=production\n",
            "FROM python:3.12-slim AS dev\nENV DEBUG=1\nFROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n",
            "FROM python:3.12-slim\nENV DEBUG=1\nENV DEBUG=false\n",
            "FROM python:3.12-slim\nENV DEBIAN_FRONTEND=noninteractive\n",
            "FROM debian:bookworm\nENV DEBUG 1\nRUN make && make install\nCMD [\"mdp\"]\n",
        ])

    static let truthy: Set<String> = ["1", "true", "yes", "on"]

    func finish(context: LintContext, findings: inout FindingSink) {
        guard let stage = context.finalStage, stage.index < context.model.endStates.count else { return }
        let variables = context.model.endStates[stage.index].variables
        // A bare DEBUG means something only to the program that reads it: count it when
        // the image runs Python (FLASK_DEBUG, DJANGO_DEBUG and the like always count).
        let runsPython = context.model.runsPython(stage)
        for variable in variables.variables.values.sorted(by: { $0.name < $1.name }) {
            guard variable.origin == .env, let value = variable.value, let declaredAt = variable.declaredAt,
                Self.enablesDebug(name: variable.name, value: value),
                runsPython || variable.name.uppercased() != "DEBUG"
            else { continue }
            let range = Self.pairRange(named: variable.name, in: context.instructions[declaredAt]) ?? context.instructions[declaredAt].range
            findings.report(range, "\(variable.name)=\(value) turns on debug mode in the image you ship: remove it and enable debugging only in development")
        }
    }

    static func enablesDebug(name: String, value: String) -> Bool {
        let upper = name.uppercased()
        let lowered = value.lowercased()
        if upper == "FLASK_ENV" || upper == "DJANGO_ENV" { return lowered == "development" || lowered == "dev" }
        if upper == "DEBUG" || upper.hasSuffix("_DEBUG") { return truthy.contains(lowered) }
        return false
    }

    static func pairRange(named name: String, in instruction: Instruction) -> SourceRange? {
        guard case .keyValues(let pairs) = instruction.arguments else { return nil }
        return pairs.last { $0.key.value == name }?.key.range
    }
}
