import Testing
@testable import DockAuditKit

/// Scripts of Dockerfile instructions, with word ranges that point into the Dockerfile.
struct InstructionScriptTests {
    /// Each word's range must cover exactly `expected` in the file.
    static func expectRanges(_ words: [ShellWord], _ expected: [String], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(words.map { ShellTestSupport.text($0.range, in: text) } == expected, sourceLocation: sourceLocation)
    }

    @Test(arguments: [false, true])
    func continuationLinesKeepExactRanges(crlf: Bool) {
        var text = "FROM debian\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl \"git\" && \\\n    rm -rf /var/lib/apt/lists/*\n"
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        let script = scripts[0]
        #expect(script.origin == .shellForm)
        #expect(ShellTestSupport.summary(script) == ["apt-get update", "apt-get install -y curl git", "rm -rf /var/lib/apt/lists/*"])
        let install = script.commands[1]
        Self.expectRanges([install.name!] + install.arguments, ["apt-get", "install", "-y", "curl", "\"git\""], in: text)
        #expect(install.name!.range.start.line == 3)
        #expect(install.name!.range.start.column == 5)
        #expect(install.arguments[2].range.start.line == 4)
        #expect(install.arguments[2].range.start.column == 7)
        #expect(script.commands[2].name!.range.start.line == 5)
        #expect(script.errors.isEmpty)
    }

    @Test func wordSplitByAContinuationSpansBothLines() {
        let text = "RUN echo ab\\\ncd\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        let word = scripts[0].commands[0].arguments[0]
        #expect(word.value == "abcd")
        #expect(ShellTestSupport.text(word.range, in: text) == "ab\\\ncd")
    }

    @Test func singleQuotedShellStringMapsExactly() {
        let text = "RUN sh -c 'apt-get install -y curl && rm -rf /x'\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        let commands = scripts[0].commands
        #expect(ShellTestSupport.summary(scripts[0]) == ["sh>apt-get install -y curl", "sh>rm -rf /x"])
        Self.expectRanges([commands[0].name!] + commands[0].arguments, ["apt-get", "install", "-y", "curl"], in: text)
        Self.expectRanges(commands[1].arguments, ["-rf", "/x"], in: text)
        #expect(commands[0].wrapperCalls[0].words.map(\.value).prefix(2) == ["sh", "-c"])
    }

    @Test func escapedShellStringMapsEachByte() {
        let text = #"RUN bash -c "echo \"a b\" \$HOME && touch \"/tmp/x\"""# + "\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["bash>echo a b $HOME", "bash>touch /tmp/x"])
        Self.expectRanges(scripts[0].commands[0].arguments, [#"\"a b\""#, #"\$HOME"#], in: text)
        Self.expectRanges(scripts[0].commands[1].arguments, [#"\"/tmp/x\""#], in: text)
    }

    @Test func shellStringOverContinuationLines() {
        let text = "RUN sh -c 'set -e; \\\n    apt-get update; \\\n    apt-get install -y vim'\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["sh>set -e", "sh>apt-get update", "sh>apt-get install -y vim"])
        let vim = scripts[0].commands[2].arguments[2]
        #expect(ShellTestSupport.text(vim.range, in: text) == "vim")
        #expect(vim.range.start.line == 3)
    }

    @Test func heredocScriptMapsIntoTheBody() {
        let text = "FROM alpine\nRUN <<EOF\nset -eux\napk add --no-cache \\\n  curl\nEOF\nRUN echo after\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(scripts.count == 2)
        #expect(scripts[0].origin == .heredoc)
        #expect(ShellTestSupport.summary(scripts[0]) == ["set -eux", "apk add --no-cache curl"])
        let apk = scripts[0].commands[1]
        Self.expectRanges([apk.name!] + apk.arguments, ["apk", "add", "--no-cache", "curl"], in: text)
        #expect(apk.arguments[2].range.start.line == 5)
        #expect(ShellTestSupport.summary(scripts[1]) == ["echo after"])
    }

    @Test(arguments: [
        ("#!/usr/bin/env python3\nimport os\n", false, "python3"),
        ("#!/usr/bin/python\nprint(1)\n", false, "python"),
        ("#!/bin/bash\nset -o pipefail\n", true, "bash"),
        ("#!/usr/bin/env bash\necho hi\n", true, "bash"),
        ("#!/bin/sh -e\necho hi\n", true, "sh"),
        ("echo no shebang\n", true, "sh"),
    ])
    func heredocShebangDecidesTheLanguage(_ body: String, _ isShell: Bool, _ interpreter: String) {
        let (_, scripts) = ShellTestSupport.dockerfileScripts("FROM x\nRUN <<EOF\n\(body)EOF\n")
        #expect(scripts[0].isShell == isShell)
        #expect(scripts[0].interpreter == interpreter)
        #expect(scripts[0].commands.isEmpty == !isShell)
    }

    @Test func commandWithHeredocBody() {
        let text = "FROM x\nRUN cat <<EOF > /etc/conf && echo done\nrm -rf /\nEOF\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["cat", "echo done"])
        let document = scripts[0].commands[0].redirections[0].hereDocument
        #expect(document?.content == "rm -rf /\n")
        #expect(document.map { ShellTestSupport.text($0.range, in: text) } == "rm -rf /\n")
    }

    @Test(arguments: ["RUN bash <<EOF", "RUN <<EOF bash", "RUN <<EOF sh -e"])
    func shellReadingTheHeredoc(_ line: String) {
        let text = "FROM x\n\(line)\nset -o pipefail\ncurl -fsSL x | sh\nEOF\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        let script = scripts[0]
        #expect(script.commands.map(\.commandName) == [line.contains("bash") ? "bash" : "sh", "set", "curl", "sh"])
        #expect(script.commands[2].wrappers.count == 1)
        let curl = script.commands[2]
        #expect(ShellTestSupport.text(curl.name!.range, in: text) == "curl")
        #expect(curl.name!.range.start.line == 4)
    }

    @Test func chompedHeredoc() {
        let text = "FROM x\nRUN <<-EOF\n\tapt-get update\n\tapt-get install -y x\n\tEOF\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["apt-get update", "apt-get install -y x"])
        #expect(scripts[0].commands[1].name!.range.start.column == 2)
    }

    @Test func twoHeredocsOnOneLine() {
        let text = "FROM x\nRUN cat <<A > a && bash <<B\nnot a command\nA\necho in-b\nB\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["cat", "bash", "bash>echo in-b"])
        #expect(scripts[0].commands[2].name!.range.start.line == 5)
    }

    @Test func execFormIsOneCommand() {
        let text = #"CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]"# + "\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(scripts[0].origin == .execForm)
        #expect(ShellTestSupport.summary(scripts[0]) == ["gunicorn --bind 0.0.0.0:8000 app:app"])
        Self.expectRanges(scripts[0].commands[0].arguments, [#""--bind""#, #""0.0.0.0:8000""#, #""app:app""#], in: text)
        #expect(scripts[0].commands[0].arguments.allSatisfy { $0.isLiteral })
    }

    @Test func execFormShellString() {
        let text = #"RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y \"vim\" \u0026\u0026 echo ok"]"# + "\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["sh>apt-get update", "sh>apt-get install -y vim", "sh>echo ok"])
        let install = scripts[0].commands[1]
        Self.expectRanges([install.name!] + install.arguments, ["apt-get", "install", "-y", #"\"vim\""#], in: text)
        Self.expectRanges(scripts[0].commands[2].arguments, ["ok"], in: text)
    }

    @Test func entrypointAndHealthcheck() {
        let text = """
            FROM x
            ENTRYPOINT ["tini", "--", "gosu", "app", "python", "-m", "app"]
            HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1
            HEALTHCHECK CMD ["wget", "-q", "-O-", "http://x"]
            HEALTHCHECK NONE
            ENV A=1
            ONBUILD RUN sudo make install
            """
        let dockerfile = DockerfileParser.parse(text: text)
        let scripts = dockerfile.instructions.map { ShellScript.parse(instruction: $0, in: dockerfile) }
        #expect(scripts[0] == nil)
        #expect(scripts[1].map(ShellTestSupport.summary) == ["tini>gosu>python -m app"])
        #expect(scripts[2].map(ShellTestSupport.summary) == ["curl -f http://localhost/", "exit 1"])
        #expect(scripts[2].map { ShellTestSupport.text($0.commands[0].name!.range, in: text) } == "curl")
        #expect(scripts[3].map(ShellTestSupport.summary) == ["wget -q -O- http://x"])
        #expect(scripts[4] == nil)
        #expect(scripts[5] == nil)
        #expect(scripts[6].map(ShellTestSupport.summary) == ["sudo>make install"])
        #expect(scripts[6].map { ShellTestSupport.text($0.commands[0].name!.range, in: text) } == "make")
    }

    @Test func onbuildHeredoc() {
        let text = "FROM x\nONBUILD RUN <<EOF\npip install x\nEOF\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["pip install x"])
        #expect(scripts[0].commands[0].name!.range.start.line == 3)
    }

    @Test func runFlagsAreNotPartOfTheScript() {
        let text = "RUN --mount=type=cache,target=/root/.cache pip install -r req.txt\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellTestSupport.summary(scripts[0]) == ["pip install -r req.txt"])
    }

    @Test func nonPOSIXShellsAreNotParsed() {
        let text = "FROM mcr.microsoft.com/windows\nRUN Invoke-WebRequest -Uri $url -OutFile x.zip; Expand-Archive x.zip\n"
        let dockerfile = DockerfileParser.parse(text: text)
        let script = ShellScript.parse(instruction: dockerfile.instructions[1], in: dockerfile, shell: ShellInvocation(["powershell", "-Command"]))
        #expect(script?.isShell == false)
        #expect(script?.interpreter == "powershell")
        #expect(script?.commands.isEmpty == true)
        // Exec form is not run by the shell: still one command.
        let exec = DockerfileParser.parse(text: #"RUN ["powershell", "-Command", "Write-Host hi"]"#)
        let execScript = ShellScript.parse(instruction: exec.instructions[0], in: exec, shell: ShellInvocation(["powershell"]))
        #expect(execScript.map(ShellTestSupport.summary) == ["powershell -Command Write-Host hi"])
    }

    @Test func backtickEscapeMeansWindowsByDefault() {
        let text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN echo hello `\n    && echo done\n"
        let (dockerfile, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(ShellInvocation.default(for: dockerfile) == .windows)
        #expect(scripts[0].isShell == false)
        #expect(scripts[0].interpreter == "cmd")
        // Told that the shell is sh, the script is parsed (the continuation was the backtick).
        let posix = ShellScript.parse(instruction: dockerfile.instructions[1], in: dockerfile, shell: .posix)
        #expect(posix.map(ShellTestSupport.summary) == ["echo hello", "echo done"])
    }

    @Test func lowLevelEntryPoint() {
        let text = "RUN a && \\\n  b c\n"
        let dockerfile = DockerfileParser.parse(text: text)
        let instruction = dockerfile.instructions[0]
        let utf8 = Array(instruction.original.utf8)
        let scriptText = String(decoding: utf8[instruction.argumentsText], as: UTF8.self)
        let script = ShellParser.parse(
            text: scriptText, map: instruction.textMap.suffix(from: instruction.argumentsText.lowerBound), source: dockerfile.source)
        #expect(ShellTestSupport.summary(script) == ["a", "b c"])
        #expect(ShellTestSupport.text(script.commands[1].arguments[0].range, in: text) == "c")
    }

    @Test func nonASCIIColumnsCountCharacters() {
        let text = "RUN echo \"héllo wörld\" && \\\n  touch ünï\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(scripts[0].commands[0].context.operatorAfter == .and)
        let touch = scripts[0].commands[1].arguments[0]
        #expect(touch.value == "ünï")
        #expect(ShellTestSupport.text(touch.range, in: text) == "ünï")
        #expect(touch.range.start.column == 9)
        #expect(touch.range.end.column == 12)
    }
}
