import Foundation
import Testing
@testable import DockAuditKit

/// Edge cases of the project-tool rules (DA607, DA608, DA610, DA619, DA621, DA705) beyond
/// their documented examples. Each case lists the lines the rule must report, in order.
struct ProjectToolsRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var code: String
        var dockerfile: String
        var lines: [Int]
        var context: [(path: String, contents: String)] = []
        var target: String? = nil
        var dockerfilePath: String = "Dockerfile"

        var testDescription: String { "\(code) \(lines) \(dockerfile.split(separator: "\n").last ?? "")" }
    }

    static func lint(_ test: Case) -> [Finding] {
        let rule = RuleRegistry.all.first { $0.description.code == test.code }!
        var options = LintOptions(target: test.target, asOf: RuleExampleTests.exampleDay, dockerfilePath: test.dockerfilePath)
        guard !test.context.isEmpty else {
            return Linter(rules: [rule]).lint(SourceFile(path: test.dockerfilePath, text: test.dockerfile), options: options)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-tools-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in test.context {
            let url = folder.appendingPathComponent(file.path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        options.buildContext = try? BuildContext(root: folder.path)
        options.dockerfilePath = folder.appendingPathComponent(test.dockerfilePath).path
        return Linter(rules: [rule]).lint(SourceFile(path: test.dockerfilePath, text: test.dockerfile), options: options)
    }

    static let py = "FROM python:3.12-slim\n"
    static let poetryProject = "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"^3.12\"\n"

    static let devDependencies: [Case] = [
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install --with dev --only main\n", lines: [3]),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install --only main\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install --without dev,test\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install --no-dev\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install --only-root\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install --without dev\n", lines: [3],
             context: [("pyproject.toml", poetryProject + "[tool.poetry.group.dev.dependencies]\npytest = \"*\"\n[tool.poetry.group.test.dependencies]\ncoverage = \"*\"\n")]),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install\n", lines: [],
             context: [("pyproject.toml", poetryProject + "[tool.poetry.group.docs]\noptional = true\n[tool.poetry.group.docs.dependencies]\nsphinx = \"*\"\n")]),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN poetry install\n", lines: [3],
             context: [("pyproject.toml", poetryProject + "[tool.poetry.dev-dependencies]\npytest = \"*\"\n")]),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN uv sync --no-dev --locked\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN UV_NO_DEV=1 uv sync --locked\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN uv sync --locked --group dev --no-dev\n", lines: [3]),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN uv sync --locked --only-group prod\n", lines: []),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN uv sync --locked\n", lines: [],
             context: [("pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"flask\"]\n")]),
        Case(code: "DA607", dockerfile: py + "COPY . .\nRUN uv sync --locked\n", lines: [3],
             context: [("pyproject.toml", "[project]\nname = \"app\"\n[dependency-groups]\ndev = [\"pytest\"]\n")]),
        Case(code: "DA607", dockerfile: py + "ENV PIPENV_DEV=1\nRUN pipenv install --deploy --system\n", lines: [3]),
        Case(code: "DA607", dockerfile: py + "RUN pip install -rrequirements/test.txt\n", lines: [2]),
        Case(code: "DA607", dockerfile: py + "RUN pip install \"pkg[testing]==1.0\"\n", lines: [2]),
        Case(code: "DA607", dockerfile: py + "RUN pip install \".[server]\" -r requirements.txt\n", lines: []),
        Case(code: "DA607", dockerfile: py + "RUN pip install -r requirements.txt && pip install -r requirements-dev.txt\n", lines: [2]),
        Case(code: "DA607", dockerfile: py + "ARG INSTALL_DEV=false\nRUN if [ \"$INSTALL_DEV\" = true ]; then poetry install; else poetry install --only main; fi\n", lines: []),
        Case(code: "DA607", dockerfile: py + "RUN pip install -r requirements-dev.txt\nFROM python:3.12-slim AS prod\nRUN pip install -r requirements.txt\n", lines: []),
        Case(code: "DA607", dockerfile: "FROM python:3.12 AS runtime\nRUN pip install -r requirements-dev.txt\nFROM python:3.12-slim AS other\n", lines: [2], target: "runtime"),
        Case(code: "DA607", dockerfile: "FROM python:3.12 AS runtime\nRUN pip install -r requirements-dev.txt\nFROM python:3.12-slim AS other\n", lines: []),
        Case(code: "DA607", dockerfile: py + "RUN pip install -r requirements-dev.txt\n", lines: [], dockerfilePath: "docker/dev/Dockerfile"),
        Case(code: "DA607", dockerfile: py + "RUN pip install -r requirements-dev.txt\n", lines: [], dockerfilePath: "Dockerfile.test"),
        Case(code: "DA607", dockerfile: "FROM python:3.12 AS build\nRUN python -m venv /v && /v/bin/pip install -r requirements-dev.txt\nFROM python:3.12-slim\nCOPY --from=build /v /v\n", lines: [2]),
        Case(code: "DA607", dockerfile: "FROM python:3.12 AS build\nRUN pip install -r requirements-dev.txt\nFROM python:3.12-slim\nCOPY --from=build /app/dist /dist\n", lines: []),
    ]

    static let lockfiles: [Case] = [
        Case(code: "DA608", dockerfile: py + "COPY Pipfile* ./\nRUN pipenv install --ignore-pipfile\n", lines: []),
        Case(code: "DA608", dockerfile: py + "COPY Pipfile* ./\nRUN pipenv install flask\n", lines: []),
        Case(code: "DA608", dockerfile: py + "COPY Pipfile* ./\nRUN pipenv install --system --dev\n", lines: [3]),
        Case(code: "DA608", dockerfile: py + "COPY . .\nRUN UV_FROZEN=1 uv sync\n", lines: []),
        Case(code: "DA608", dockerfile: py + "ENV UV_LOCKED=true\nCOPY . .\nRUN uv sync\n", lines: []),
        Case(code: "DA608", dockerfile: py + "COPY . .\nRUN uv sync --no-install-project\n", lines: [3]),
        Case(code: "DA608", dockerfile: py + "WORKDIR /app\nCOPY pyproject.toml poetry.lock* ./\nRUN poetry install\n", lines: []),
        Case(code: "DA608", dockerfile: py + "WORKDIR /app\nCOPY pyproject.toml .\nWORKDIR /app/src\nRUN poetry install\n", lines: [5]),
        Case(code: "DA608", dockerfile: py + "WORKDIR /app\nCOPY . .\nRUN poetry install\n", lines: [4], context: [("pyproject.toml", poetryProject)]),
        Case(code: "DA608", dockerfile: py + "WORKDIR /app\nCOPY . .\nRUN poetry install\n", lines: [], context: [("pyproject.toml", poetryProject), ("poetry.lock", "")]),
        Case(code: "DA608", dockerfile: "FROM company/poetry-base\nRUN poetry install\n", lines: []),
        Case(code: "DA608", dockerfile: py + "WORKDIR /app\nRUN poetry install\n", lines: []),
    ]

    static let copyAll: [Case] = [
        Case(code: "DA610", dockerfile: py + "COPY . /app\nRUN pip install /app\n", lines: [2]),
        Case(code: "DA610", dockerfile: py + "COPY . /app\nRUN pip install --no-deps /app\n", lines: []),
        Case(code: "DA610", dockerfile: py + "COPY . /app\nRUN pip install -U pip setuptools\n", lines: []),
        Case(code: "DA610", dockerfile: py + "COPY --from=build . .\nRUN pip install -r requirements.txt\n", lines: []),
        Case(code: "DA610", dockerfile: py + "COPY . .\nRUN pip install /wheels/*.whl\n", lines: []),
        Case(code: "DA610", dockerfile: py + "COPY . .\nRUN pipenv install --deploy --system\n", lines: [2]),
        Case(code: "DA610", dockerfile: py + "COPY . .\nRUN pdm install --prod\n", lines: [2]),
        Case(code: "DA610", dockerfile: py + "COPY . .\nRUN pip install -r a.txt\nFROM python:3.12-slim\nCOPY ./ /srv\nRUN pip install -e /srv\n", lines: [2, 5]),
        Case(code: "DA610", dockerfile: py + "COPY . .\nFROM python:3.12-slim\nRUN pip install -r requirements.txt\n", lines: []),
        Case(code: "DA610", dockerfile: py + "RUN pip install -r /tmp/r.txt\nCOPY . .\nRUN pip install -r requirements.txt\n", lines: []),
        Case(code: "DA610", dockerfile: "FROM python:3.12-slim AS base\nCOPY . .\nFROM base AS a\nRUN pip install .\nFROM base AS b\nRUN pip install .\n", lines: [2]),
    ]

    static let activation: [Case] = [
        Case(code: "DA619", dockerfile: py + "RUN bash -c \"source /v/bin/activate\"\n", lines: [2]),
        Case(code: "DA619", dockerfile: py + "RUN source activate myenv\n", lines: []),
        Case(code: "DA619", dockerfile: py + "RUN . venv/bin/activate && python -m pip install x\n", lines: []),
        Case(code: "DA619", dockerfile: py + "RUN python -m venv /v; . /v/bin/activate\nENV VIRTUAL_ENV=/v\n", lines: []),
        Case(code: "DA619", dockerfile: py + "WORKDIR /app\nRUN python -m venv .venv && . .venv/bin/activate\nENV PATH=/app/.venv/bin:$PATH\n", lines: []),
        Case(code: "DA619", dockerfile: py + "RUN python -m venv /v && . /v/bin/activate\nENV PATH=/usr/local/bin:$PATH\n", lines: [2]),
        Case(code: "DA619", dockerfile: py + "RUN if [ -d /v ]; then . /v/bin/activate; fi\n", lines: [2]),
        Case(code: "DA619", dockerfile: py + "CMD . /v/bin/activate && exec gunicorn app:app\n", lines: []),
    ]

    static let interpreters: [Case] = [
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nRUN uv venv /opt/venv --python 3.11\nFROM python:3.12-slim\nCOPY --from=b /opt/venv /opt/venv\n", lines: [4]),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=b /opt/venv /opt/venv/\n", lines: []),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nWORKDIR /app\nCOPY --from=b /opt/venv .venv\n", lines: [5]),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nWORKDIR /app\nRUN poetry install --only main\nFROM python:3.12-slim\nCOPY --from=b /app/.venv /app/.venv\n", lines: []),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nWORKDIR /app\nRUN poetry install --only main\nFROM python:3.12-slim\nCOPY --from=b /app/.venv /venv\n", lines: [6]),
        Case(code: "DA621", dockerfile: "FROM ghcr.io/astral-sh/uv:python3.11-bookworm-slim AS b\nWORKDIR /app\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=b /app /app\n", lines: [5]),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=b /opt/venv $VENV\n", lines: []),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nENV UV_PROJECT_ENVIRONMENT=/venv\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=b /venv /venv\n", lines: []),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nRUN virtualenv -p python3.10 /venv\nFROM python:3.12-slim\nCOPY --from=b /venv /venv\n", lines: [4]),
        Case(code: "DA621", dockerfile: "FROM python:3.12 AS b\nRUN cd /srv && python -m venv env\nFROM python:3.12-slim\nCOPY --from=b /srv/env /env\n", lines: [4]),
    ]

    static let installFiles: [Case] = [
        Case(code: "DA705", dockerfile: py + "COPY requirements.txt /app/\nWORKDIR /app\nRUN pip install -r requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY requirements.txt .\nRUN pip install -r requirements.txt -c constraints.txt\n", lines: [3]),
        Case(code: "DA705", dockerfile: py + "RUN --mount=type=bind,target=/src pip install -r /src/requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY requirements/ /app/requirements/\nRUN pip install -r /app/requirements/prod.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY app.py /app/\nRUN pip install -r /app/requirements.txt\n", lines: [3]),
        Case(code: "DA705", dockerfile: "FROM python:3.6-onbuild\nRUN pip install -r requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY pyproject.toml .\nRUN poetry export -o requirements.txt && pip install -r requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "RUN echo flask > requirements.txt && pip install -r requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "WORKDIR /app\nCOPY backend/pyproject.toml backend/\nRUN uv sync --project backend\n", lines: []),
        Case(code: "DA705", dockerfile: py + "WORKDIR /app\nCOPY pyproject.toml /srv/\nRUN uv sync --project backend\n", lines: [4]),
        Case(code: "DA705", dockerfile: py + "WORKDIR /app\nCOPY pyproject.toml .\nRUN uv sync --project backend\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY pyproject.toml /srv/\nRUN poetry -C /srv install --only main\n", lines: []),
        Case(code: "DA705", dockerfile: py + "RUN pip install -r https://example.com/requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "ADD app.tar.gz /app/\nRUN pip install -r /app/requirements.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY . /app\nRUN pip install -r /srv/requirements.txt\n", lines: [3]),
        Case(code: "DA705", dockerfile: "FROM python:3.12-slim AS base\nCOPY req.txt /r/\nFROM base\nRUN pip install -r /r/req.txt\n", lines: []),
        Case(code: "DA705", dockerfile: py + "COPY <<EOF /app/requirements.txt\nflask\nEOF\nRUN pip install -r /app/requirements.txt\n", lines: []),
    ]

    @Test(arguments: devDependencies + lockfiles + copyAll + activation + interpreters + installFiles)
    func reportsExactlyTheseLines(_ test: Case) {
        let findings = Self.lint(test)
        #expect(findings.map(\.range.start.line) == test.lines, "\(test.code) on:\n\(test.dockerfile)\n\(findings.map(\.message))")
    }
}
