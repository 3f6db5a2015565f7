/// DA611: a local virtual environment copied from the context.
struct VirtualenvCopied: Rule {
    static let description = RuleDescription(
        code: "DA611", name: "virtualenv-copied", severity: .warning, category: .python,
        summary: "COPY/ADD of a virtual environment from the build context.",
        rationale: """
            A virtual environment is tied to the interpreter and the path it was created \
            with: its `bin/python` is a link to your machine's Python, its scripts' shebang \
            lines name your local path, and compiled wheels target your OS. Copied into an \
            image it breaks, or silently runs another interpreter. Create the environment \
            inside the build instead. (A whole-context copy that carries one along is \
            reported by DA701/DA702.)
            """,
        howToFix: "Remove the COPY and build the environment in the image (`RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt`), and list .venv in .dockerignore.",
        badExamples: [
            "FROM python:3.12-slim\nCOPY ↓.venv /app/.venv\n",
            "FROM python:3.12-slim\nCOPY ↓venv/ /opt/venv/\n",
            RuleExample("FROM python:3.12-slim\nCOPY ↓env /opt/env\n", context: [("env/pyvenv.cfg", "home = /usr/bin\n")]),
        ],
        goodExamples: [
            "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n",
            "FROM python:3.12-slim\nCOPY src /app/src\n",
            RuleExample("FROM python:3.12-slim\nCOPY env /opt/env\n", context: [("env/settings.py", "")]),
            "FROM python:3.12-slim\nCOPY . /app\n",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], copy.origin == .context else { return }
        for source in copy.sources where source.kind == .path && source.value != "." && source.value != "*" {
            guard Self.namesVirtualenv(source.value, context: context) else { continue }
            findings.report(
                source.word.range,
                "\(source.value) is a virtual environment from your machine: it is bound to your local interpreter and path; create it inside the image instead")
        }
    }

    static func namesVirtualenv(_ path: String, context: LintContext) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        if components.contains(where: { $0 == ".venv" || $0 == "venv" }) { return true }
        guard let buildContext = context.buildContext else { return false }
        // Any folder holding pyvenv.cfg is a virtual environment, whatever its name.
        return buildContext.isFile(path + "/pyvenv.cfg")
    }
}
