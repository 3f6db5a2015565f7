import Testing
@testable import DockAuditKit

/// PythonInvocation / InvokedProgram, DownloadCommand and SystemPackageCommand.
struct RuntimeHelperTests {
    func command(_ script: String, at position: Int = 0) throws -> ShellCommand {
        let commands = ShellParser.parse(script).commands
        return try #require(position < commands.count ? commands[position] : nil)
    }

    @Test(arguments: [
        ("python app.py --port 1", nil, nil, "app.py", ["--port", "1"], false),
        ("python3 -u -m uvicorn main:app", nil, "uvicorn", nil, ["main:app"], false),
        ("python -mhttp.server 8000", nil, "http.server", nil, ["8000"], false),
        ("python3 -X dev -W ignore -c 'print(1)' a", "print(1)", nil, nil, ["a"], false),
        ("python3 -", nil, nil, nil, [], true),
        ("python3 - --version 1.8", nil, nil, nil, ["--version", "1.8"], true),
        ("python", nil, nil, nil, [], true),
        ("pypy3 -B manage.py runserver", nil, nil, "manage.py", ["runserver"], false),
    ] as [(String, String?, String?, String?, [String], Bool)])
    func readsPythonCommandLines(script: String, code: String?, module: String?, file: String?, arguments: [String], stdin: Bool) throws {
        let python = try #require(PythonInvocation(try command(script)))
        #expect(python.code?.value == code)
        #expect(python.moduleName == module)
        #expect(python.script?.value == file)
        #expect(python.arguments.map(\.value) == arguments)
        #expect(python.readsStandardInput == stdin)
    }

    @Test(arguments: [("python -u app.py", true), ("python -Bu app.py", true), ("python -X utf8 app.py", false), ("python app.py -u", false), ("python -W u app.py", false)])
    func unbufferedOption(script: String, unbuffered: Bool) throws {
        #expect(PythonInvocation(try command(script))?.isUnbuffered == unbuffered)
    }

    @Test func nonPythonCommandsAreNotInvocations() throws {
        #expect(PythonInvocation(try command("pip install x")) == nil)
        #expect(PythonInvocation(try command("python-config --cflags")) == nil)
    }

    @Test(arguments: [
        ("python -m gunicorn app:app", "gunicorn", true),
        ("/venv/bin/uvicorn main:app", "uvicorn", false),
        ("python /srv/manage.py runserver", "manage.py", true),
        ("./manage.py runserver", "manage.py", false),
        ("python -c 'import app'", nil, false),
    ] as [(String, String?, Bool)])
    func invokedPrograms(script: String, name: String?, viaPython: Bool) throws {
        let program = InvokedProgram(try command(script))
        #expect(program?.name == name)
        if name != nil { #expect(program?.viaPython == viaPython) }
    }

    @Test(arguments: [
        ("curl -fsSL https://x", true, nil),
        ("curl -fsSLo /tmp/x https://x", false, nil),
        ("curl -o - https://x", true, nil),
        ("curl -O https://x/a.sh", false, nil),
        ("curl --output=/tmp/a https://x", false, nil),
        ("curl -sk https://x", true, "-sk"),
        ("curl --insecure https://x", true, "--insecure"),
        ("curl -u admin:k -H 'X: -k' https://x", true, nil),
        ("curl -XPOST -d k https://x", true, nil),
        ("wget https://x", false, nil),
        ("wget -qO- https://x", true, nil),
        ("wget -q -O - https://x", true, nil),
        ("wget --output-document=- https://x", true, nil),
        ("wget -O /dev/stdout https://x", true, nil),
        ("wget -nv -O /tmp/x https://x", false, nil),
        ("wget --no-check-certificate https://x", false, "--no-check-certificate"),
    ] as [(String, Bool, String?)])
    func readsDownloads(script: String, toStdout: Bool, insecure: String?) throws {
        let download = try #require(DownloadCommand(try command(script)))
        #expect(download.writesToStandardOutput == toStdout)
        #expect(download.insecureWord?.value == insecure)
    }

    @Test(arguments: [
        ("apt-get install -y --no-install-recommends gcc libpq-dev=15.1", SystemPackageCommand.Manager.apt, SystemPackageCommand.Action.install, ["gcc", "libpq-dev"], nil),
        ("apt-get -o Dpkg::Options::=--force-confnew -y install make", .apt, .install, ["make"], nil),
        ("apt-get purge -y --auto-remove gcc", .apt, .remove(autoRemove: true), ["gcc"], nil),
        ("apt-get autoremove -y", .apt, .autoRemove, [], nil),
        ("apk add --no-cache --virtual .build-deps gcc musl-dev", .apk, .install, ["gcc", "musl-dev"], ".build-deps"),
        ("apk add -t .deps gcc>=12", .apk, .install, ["gcc"], ".deps"),
        ("apk del .build-deps", .apk, .remove(autoRemove: false), [".build-deps"], nil),
        ("yum install -y --setopt=tsflags=nodocs gcc-c++", .dnf, .install, ["gcc-c++"], nil),
        ("zypper --non-interactive in -y gcc", .zypper, .install, ["gcc"], nil),
    ] as [(String, SystemPackageCommand.Manager, SystemPackageCommand.Action, [String], String?)])
    func readsSystemPackageCommands(script: String, manager: SystemPackageCommand.Manager, action: SystemPackageCommand.Action, packages: [String], group: String?) throws {
        let packageCommand = try #require(SystemPackageCommand(try command(script)))
        #expect(packageCommand.manager == manager)
        #expect(packageCommand.action == action)
        #expect(packageCommand.packages.map { SystemPackageCommand.packageName($0.value) } == packages)
        #expect(packageCommand.virtualGroup == group)
    }

    @Test func otherPackageCommandsAreIgnored() throws {
        #expect(SystemPackageCommand(try command("apt-get update")) == nil)
        #expect(SystemPackageCommand(try command("apk upgrade")) == nil)
        #expect(SystemPackageCommand(try command("pip install gcc")) == nil)
    }

    @Test(arguments: [
        ("FROM mcr.microsoft.com/devcontainers/python:3.12\n", true, false),
        ("FROM mcr.microsoft.com/vscode/devcontainers/python:0.109.0-3.7 AS base\nFROM base\n", true, false),
        ("FROM python:3.12-slim\n", false, false),
        ("FROM buildpack-deps:bookworm\nCMD [\"python3\"]\n", false, true),
        ("FROM python:3.12-slim\nCMD [\"python3\", \"app.py\"]\n", false, false),
        ("FROM python:3.12-slim\nCMD [\"python3\", \"-\", \"x\"]\n", false, false),
    ])
    func developmentAndInterpreterImages(text: String, devContainer: Bool, interpreter: Bool) throws {
        let model = DockerfileModel(DockerfileParser.parse(text: text))
        let stage = try #require(model.stages.last)
        #expect(model.isDevContainer(stage) == devContainer)
        #expect(model.startsInteractiveInterpreter(stage) == interpreter)
    }
}
