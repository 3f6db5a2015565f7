/// DA613: a Python base image on an end-of-life Python.
struct PythonEOL: Rule {
    static let description = RuleDescription(
        code: "DA613", name: "python-eol", severity: .warning, category: .python,
        summary: "The base image runs an end-of-life Python version.",
        rationale: """
            Python versions get security fixes for five years; after that, vulnerabilities in \
            the interpreter and standard library stay unfixed, and new releases of your \
            dependencies stop supporting it. Python 3.9 ended in October 2025 and 3.10 in \
            October 2026. The version counts also when it comes from an ARG default \
            (`FROM python:${PYTHON_VERSION}-slim`).
            """,
        howToFix: "Move to a supported Python, e.g. `FROM python:3.12-slim`, and test your dependencies on it.",
        badExamples: [
            "FROM ↓python:3.9-slim\n",
            "ARG PYTHON_VERSION=3.8\nFROM ↓python:${PYTHON_VERSION}-slim-bookworm\n",
            "FROM ↓python:2.7\n",
            "FROM ↓mcr.microsoft.com/vscode/devcontainers/python:0.201.8-3.8\n",
            "FROM ↓docker.io/library/python:3.10.14-alpine AS build\nFROM python:3.12-slim\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\n",
            "FROM python:3-slim\n",
            "FROM python:latest\n",
            "ARG PYTHON_VERSION\nFROM python:${PYTHON_VERSION}-slim\n",
            "FROM pypy:3.9\n",
            "FROM mcr.microsoft.com/vscode/devcontainers/python:0.201.8-3.12\n",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let stageIndex = context.stageIndex(ofInstruction: index) else { return }
        let stage = context.model.stages[stageIndex]
        guard case .image(let reference) = stage.base, reference.name == "python", let tag = reference.tag,
            let word = stage.baseWord, let version = EndOfLife.pythonVersion(ofTag: tag),
            let release = EndOfLife.pythonRelease(version), release.endOfLife < context.today
        else { return }
        findings.report(
            word.range,
            "Python \(version) reached end of life on \(release.endOfLife) and gets no security fixes: use a supported version such as python:3.12")
    }
}
