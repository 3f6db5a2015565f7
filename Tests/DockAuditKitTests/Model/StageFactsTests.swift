import Testing
@testable import DockAuditKit

struct StageFactsTests {
    func model(_ text: String) -> DockerfileModel {
        DockerfileModel(DockerfileParser.parse(text: text))
    }

    @Test func execEntrypointAndCmdCombine() throws {
        let model = self.model("FROM python:3.12\nENTRYPOINT [\"gunicorn\"]\nCMD [\"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n")
        let process = model.startProcess(of: try #require(model.stages.last))
        #expect(process.entrypointIndex == 1)
        #expect(process.cmdIndex == 2)
        #expect(process.commands.count == 1)
        #expect(process.commands[0].commandName == "gunicorn")
        #expect(process.commands[0].arguments.map(\.value) == ["--bind", "0.0.0.0:8000", "app:app"])
    }

    @Test func wrapperEntrypointKeepsCmdSeparate() throws {
        let model = self.model("FROM python:3.12\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"uvicorn\", \"app:app\"]\n")
        let commands = model.startProcess(of: try #require(model.stages.last)).commands
        #expect(commands.map(\.commandName) == ["tini", "uvicorn"])
    }

    @Test func entrypointClearsInheritedCmd() throws {
        let model = self.model("FROM python:3.12 AS base\nCMD [\"python\", \"a.py\"]\nFROM base\nENTRYPOINT [\"/run.sh\"]\n")
        let process = model.startProcess(of: try #require(model.stages.last))
        #expect(process.entrypointIndex == 3)
        #expect(process.cmdIndex == nil)
        let sameStage = self.model("FROM python:3.12\nCMD [\"python\", \"a.py\"]\nENTRYPOINT [\"/run.sh\"]\n")
        #expect(sameStage.startProcess(of: try #require(sameStage.stages.last)).cmdIndex == 1)
        let inherited = self.model("FROM python:3.12 AS base\nCMD [\"python\", \"a.py\"]\nFROM base\nRUN true\n")
        #expect(inherited.startProcess(of: try #require(inherited.stages.last)).cmdIndex == 1)
    }

    @Test func shellFormStartCommandIsParsed() throws {
        let model = self.model("FROM alpine\nCMD exec gunicorn --bind 0.0.0.0 app:app\n")
        let commands = model.startProcess(of: try #require(model.stages.last)).commands
        #expect(commands.map(\.commandName) == ["gunicorn"])
    }

    @Test(arguments: [
        ("RUN pip install flask", PackageInstall.Tool.pip, ["flask"]),
        ("RUN pip3.12 install --no-cache-dir -r requirements.txt flask==3.0", .pip, ["flask==3.0"]),
        ("RUN python -m pip install -U pip", .pip, ["pip"]),
        ("RUN /opt/venv/bin/pip install -e . gunicorn", .pip, ["gunicorn"]),
        ("RUN uv pip install --system ruff", .uvPip, ["ruff"]),
        ("RUN uv sync --locked --no-dev", .uv, []),
        ("RUN poetry install --only main --no-root", .poetry, []),
        ("RUN pipenv install --deploy --system", .pipenv, []),
        ("RUN pipx install poetry==1.8.3", .pipx, ["poetry==1.8.3"]),
        ("RUN sudo -H pip install awscli", .pip, ["awscli"]),
        ("RUN set -eux; apt-get update && pip install --user black", .pip, ["black"]),
    ])
    func recognisesPackageInstalls(run: String, tool: PackageInstall.Tool, packages: [String]) throws {
        let model = self.model("FROM python:3.12\n\(run)\n")
        let install = try #require(model.packageInstalls.first)
        #expect(install.tool == tool)
        #expect(install.packages.map(\.value) == packages)
    }

    @Test func requirementAndConstraintFiles() throws {
        let model = self.model("FROM python:3.12\nRUN pip install -r requirements.txt --requirement=dev.txt -c constraints.txt -rextra.txt\n")
        let install = try #require(model.packageInstalls.first)
        #expect(install.requirementFiles.map(\.value) == ["requirements.txt", "dev.txt", "extra.txt"])
        #expect(install.constraintFiles.map(\.value) == ["constraints.txt"])
        #expect(install.packages.isEmpty)
    }

    @Test func notPackageInstalls() {
        let model = self.model("FROM python:3.12\nRUN pip --version && pip list && python -m venv /opt/venv && echo pip install x\n")
        #expect(model.packageInstalls.isEmpty)
    }

    @Test(arguments: [
        ("FROM python:3.12-slim\nRUN true\n", true),
        ("FROM debian:bookworm\nRUN pip install flask\n", true),
        ("FROM debian:bookworm AS base\nRUN pip install flask\nFROM base\n", true),
        ("FROM debian:bookworm\nCMD [\"gunicorn\", \"app:app\"]\n", true),
        ("FROM debian:bookworm\nCMD [\"python3\", \"-m\", \"http.server\"]\n", true),
        ("FROM node:22\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n", false),
        ("FROM python:3.12 AS build\nRUN pip wheel .\nFROM nginx\nCOPY --from=build /out /usr/share/nginx/html\n", false),
    ])
    func runsPython(text: String, expected: Bool) throws {
        let model = self.model(text)
        #expect(model.runsPython(try #require(model.stages.last)) == expected)
    }
}
