import Foundation
import Testing
@testable import DockAuditKit

struct CommandEnvironmentTests {
    func model(_ text: String) -> DockerfileModel {
        DockerfileModel(DockerfileParser.parse(text: text))
    }

    /// The pip install of the last RUN.
    func lastInstall(_ model: DockerfileModel) throws -> PackageInstall {
        try #require(model.packageInstalls.last)
    }

    @Test(arguments: [
        ("FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n", "1"),
        ("FROM python\nARG PIP_NO_CACHE_DIR=on\nRUN pip install x\n", "on"),
        ("FROM python\nRUN PIP_NO_CACHE_DIR=yes pip install x\n", "yes"),
        ("FROM python\nRUN export PIP_NO_CACHE_DIR=true && pip install x\n", "true"),
        ("FROM python\nRUN env PIP_NO_CACHE_DIR=t pip install x\n", "t"),
        ("FROM python AS base\nENV PIP_NO_CACHE_DIR=2\nFROM base\nRUN pip install x\n", "2"),
    ])
    func environmentValueSources(text: String, expected: String) throws {
        let model = self.model(text)
        let install = try lastInstall(model)
        #expect(model.environmentValue("PIP_NO_CACHE_DIR", for: install.command, at: install.instructionIndex) == expected)
    }

    @Test func environmentValueIsNilWhenUnset() throws {
        let model = self.model("FROM python\nRUN pip install x && export PIP_NO_CACHE_DIR=1\n")
        let install = try lastInstall(model)
        #expect(model.environmentValue("PIP_NO_CACHE_DIR", for: install.command, at: install.instructionIndex) == nil)
    }

    @Test(arguments: [
        ("FROM python\nWORKDIR /app\nRUN pip install -r requirements.txt\n", "/app/requirements.txt"),
        ("FROM python\nWORKDIR /app\nRUN cd src && pip install -r r.txt\n", "/app/src/r.txt"),
        ("FROM python\nRUN cd /opt && cd x && pip install -r ../r.txt\n", "/opt/r.txt"),
        ("FROM python\nARG D=/srv\nWORKDIR $D\nRUN pip install -r r.txt\n", "/srv/r.txt"),
        ("FROM python\nWORKDIR /app\nRUN (cd /tmp && true) && pip install -r r.txt\n", "/app/r.txt"),
        ("FROM python\nRUN pip install -r /abs/r.txt\n", "/abs/r.txt"),
    ])
    func absolutePathFollowsWorkdirAndCd(text: String, expected: String) throws {
        let model = self.model(text)
        let install = try lastInstall(model)
        let word = try #require(install.requirementFiles.first)
        #expect(model.absolutePath(word.value, for: install.command, at: install.instructionIndex) == expected)
    }

    @Test func absolutePathIsUnknownAfterCdToVariable() throws {
        let model = self.model("FROM python\nRUN cd $SOMEWHERE && pip install -r r.txt\n")
        let install = try lastInstall(model)
        #expect(model.absolutePath("r.txt", for: install.command, at: install.instructionIndex) == nil)
    }

    /// Lints nothing: builds a context folder and asks where the last install's `-r` file came from.
    func traced(_ text: String, files: [(String, String)]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-trace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let context = try BuildContext(root: folder.path)
        let model = self.model(text)
        let install = try lastInstall(model)
        return model.tracedRequirements(of: install, in: context).map(\.path)
    }

    @Test(arguments: [
        ("FROM python\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", ["requirements.txt"]),
        ("FROM python\nCOPY req/prod.txt /tmp/r.txt\nRUN pip install -r /tmp/r.txt\n", ["req/prod.txt"]),
        ("FROM python\nCOPY req /app/req\nRUN pip install -r /app/req/prod.txt\n", ["req/prod.txt"]),
        ("FROM python\nCOPY . /app\nWORKDIR /app\nRUN pip install -r req/prod.txt\n", ["req/prod.txt"]),
        ("FROM python\nCOPY req/*.txt /app/\nRUN pip install -r /app/prod.txt\n", ["req/prod.txt"]),
        ("FROM python\nRUN --mount=type=bind,source=req,target=/mnt pip install -r /mnt/prod.txt\n", ["req/prod.txt"]),
        ("FROM python AS base\nCOPY requirements.txt /r/\nFROM base\nRUN pip install -r /r/requirements.txt\n", ["requirements.txt"]),
        // Not traceable: another stage, a generated file, a bind mount from a stage, a missing COPY.
        ("FROM python AS b\nFROM python\nCOPY --from=b /requirements.txt /app/\nRUN pip install -r /app/requirements.txt\n", []),
        ("FROM python\nCOPY requirements.txt .\nRUN pip freeze > requirements.txt && pip install -r requirements.txt\n", []),
        ("FROM python\nCOPY requirements.txt .\nRUN poetry export -o requirements.txt\nRUN pip install -r requirements.txt\n", []),
        ("FROM python AS b\nFROM python\nRUN --mount=type=bind,from=b,target=/mnt pip install -r /mnt/requirements.txt\n", []),
        ("FROM python\nRUN pip install -r requirements.txt\n", []),
        ("FROM python\nCOPY requirements.txt /app/\nCOPY --from=python:3.12 /x /app\nRUN pip install -r /app/requirements.txt\n", []),
    ])
    func requirementsAreTracedToTheContext(text: String, expected: [String]) throws {
        let files = [("requirements.txt", "flask\n"), ("req/prod.txt", "flask\n"), ("req/dev.txt", "pytest\n")]
        #expect(try traced(text, files: files) == expected)
    }
}
