import Testing
@testable import DockAuditKit

/// The model's answers to "is this file in the image here?", "where are the virtual
/// environments?" and "which Python does this stage have?".
struct FileSupplyTests {
    func model(_ text: String) -> DockerfileModel {
        DockerfileModel(DockerfileParser.parse(text: text))
    }

    /// (Dockerfile, path asked about at the last instruction, provided, uncertain).
    @Test(arguments: [
        ("FROM python:3.12\nCOPY req.txt /app/\nRUN true\n", "/app/req.txt", true, false),
        ("FROM python:3.12\nCOPY req.txt /app/r.txt\nRUN true\n", "/app/r.txt", true, false),
        ("FROM python:3.12\nCOPY a.txt b.txt /app/\nRUN true\n", "/app/c.txt", false, false),
        ("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN true\n", "/app/x/req.txt", true, false),
        ("FROM python:3.12\nCOPY src /app\nRUN true\n", "/app/req.txt", true, false),
        ("FROM python:3.12\nCOPY r*.txt /app/\nRUN true\n", "/app/req.txt", true, false),
        ("FROM python:3.12\nCOPY --from=build /app /app\nRUN true\n", "/app/req.txt", false, true),
        ("FROM org/base\nRUN true\n", "/app/req.txt", false, true),
        ("FROM python:3.12\nRUN git clone https://x/y /app\nRUN true\n", "/app/req.txt", false, true),
        ("FROM python:3.12\nRUN --mount=type=bind,source=r.txt,target=/tmp/r.txt true\n", "/tmp/r.txt", true, false),
        ("FROM python:3.12\nRUN --mount=type=bind,source=r.txt,target=/tmp/r.txt true\nRUN true\n", "/tmp/r.txt", false, false),
        ("FROM python:3.12\nCOPY $DIR/req.txt /app/\nRUN true\n", "/app/req.txt", false, true),
    ])
    func supply(dockerfile: String, path: String, provided: Bool, uncertain: Bool) {
        let model = self.model(dockerfile)
        let supply = model.supply(ofFile: path, at: model.dockerfile.instructions.count - 1)
        #expect(supply.isProvided == provided)
        #expect(supply.isUncertain == uncertain)
    }

    @Test func contextPathsOfCopies() {
        let model = self.model("FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY conf/ settings/\nRUN true\n")
        let supply = model.supply(ofFile: "/app/settings/prod.toml", at: 4)
        #expect(supply.contextCandidates.compactMap(\.contextPath) == ["conf/prod.toml", "settings/prod.toml"])
    }

    @Test(arguments: [
        ("FROM python:3.12\nRUN true\n", "/"),
        ("FROM python:3.12\nWORKDIR app\nRUN true\n", "/app"),
        ("FROM node:20\nRUN true\n", nil),
        ("FROM node:20\nWORKDIR /srv\nRUN true\n", "/srv"),
    ] as [(String, String?)])
    func workingDirectory(dockerfile: String, expected: String?) {
        let model = self.model(dockerfile)
        #expect(model.knownWorkingDirectory(at: model.dockerfile.instructions.count - 1) == expected)
    }

    @Test func cdInTheSameRunChangesTheDirectory() throws {
        let model = self.model("FROM python:3.12\nWORKDIR /app\nRUN cd sub && pip install -r r.txt\n")
        let install = try #require(model.packageInstalls.first)
        #expect(model.workingDirectory(of: install.command, at: 2) == "/app/sub")
    }

    @Test(arguments: [
        ("FROM python:3.11-slim-bookworm\n", "3.11"),
        ("FROM ghcr.io/astral-sh/uv:python3.13-alpine\n", "3.13"),
        ("FROM pypy:3.10\n", "3.10"),
        ("FROM python:3\n", nil),
        ("FROM ubuntu:24.04\n", nil),
        ("ARG V=3.9\nFROM python:$V AS a\nFROM a\n", "3.9"),
    ] as [(String, String?)])
    func pythonVersion(dockerfile: String, expected: String?) throws {
        let model = self.model(dockerfile)
        #expect(model.pythonVersion(of: try #require(model.stages.last)) == expected)
    }

    @Test func virtualEnvironments() throws {
        let model = self.model("""
            FROM python:3.12 AS b
            ENV VIRTUAL_ENV=/opt/venv
            RUN python3.11 -m venv $VIRTUAL_ENV
            WORKDIR /app
            RUN uv venv && UV_PROJECT_ENVIRONMENT=/x uv sync
            RUN virtualenv --python=python3.10 env2
            """)
        let environments = model.virtualEnvironments(createdIn: try #require(model.stages.last))
        #expect(environments.map(\.path) == ["/opt/venv", "/app/.venv", "/x", "/app/env2"])
        #expect(environments.map(\.pythonVersion) == ["3.11", nil, nil, "3.10"])
    }
}
