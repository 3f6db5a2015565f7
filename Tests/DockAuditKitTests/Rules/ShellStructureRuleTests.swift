import Testing
@testable import DockAuditKit

/// Edge cases of the rules on how a RUN uses the shell: `cd` (DA408), `sudo` (DA409),
/// pipes without pipefail (DA410), consecutive RUNs (DA411) and `/bin/sh` links (DA412),
/// including the cases where dockaudit reads a file differently from hadolint.
struct ShellStructureRuleTests: RulePositionTests {
    typealias Case = PositionCase

    @Test(arguments: [
        Case(text: "FROM alpine\nRUN cd /src && make\n", at: ["2:5"]),
        Case(text: "FROM alpine\nRUN make -C /a && cd /b && make && cd /c\n", at: ["2:19"]),
        Case(text: "FROM alpine\nRUN (cd /a && make) && cd /b && make\nRUN cd /c\n", at: ["2:24", "3:5"]),
        Case(text: "FROM alpine\nRUN (cd /src && make)\n", at: []),
        Case(text: "FROM alpine\nRUN echo $(cd /src; pwd) `cd /x; ls`\n", at: []),
        Case(text: "FROM alpine\nRUN for d in a b; do cd $d; make; cd ..; done\n", at: []),
        Case(text: "FROM alpine\nRUN while read -r d; do cd \"$d\"; done < list\n", at: []),
        Case(text: "FROM alpine\nRUN cd \"$(mktemp -d)\" && make\n", at: []),
        Case(text: "FROM alpine\nRUN cd \"$HOME\" && make\n", at: ["2:5"]),
        Case(text: "FROM alpine\nRUN sudo sh -c 'cd /src && make'\n", at: ["2:17"]),
        Case(text: "FROM alpine\nRUN bash <<EOF\ncd /src\nmake\nEOF\n", at: ["3:1"]),
        Case(text: "FROM alpine\nRUN <<EOF\n  cd /src\nEOF\n", at: ["3:3"]),
        Case(text: "FROM alpine\nRUN [\"cd\", \"/src\"]\n", at: ["2:6"]),
        Case(text: "FROM alpine\nRUN echo cd /src\n", at: []),
        Case(text: "FROM alpine\nCMD cd /src && ./run\n", at: []),
        Case(text: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN cd C:/src; make\n", at: []),
    ])
    func cdInsteadOfWorkdir(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CdInsteadOfWorkdir.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM debian\nRUN sudo apt-get update\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN /usr/bin/sudo -u app make && sudo -E make install\n", at: ["2:5", "2:34"]),
        Case(text: "FROM debian\nRUN sudo sh -c 'make && make install'\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN sh -c 'sudo make'\n", at: ["2:12"]),
        Case(text: "FROM debian\nRUN sudo -l\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN echo sudo make\n", at: []),
        Case(text: "FROM debian\nRUN apt-get install -y sudo && chmod 0440 /etc/sudoers.d/app\n", at: []),
        Case(text: "FROM debian\nRUN $SUDO make\n", at: []),
        Case(text: "FROM debian\nENTRYPOINT sudo -u app server\n", at: []),
        Case(text: "FROM debian\nRUN cat <<EOF | sudo tee /etc/app.conf\nkey=value\nEOF\n", at: ["2:17"]),
    ])
    func sudoInRun(_ testCase: Case) {
        #expect(positions(testCase.text, rule: SudoInRun.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM debian\nRUN curl -fsSL x | tar -xz\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN make && curl -fsSL x | tar -xz && wget -qO- y | sh\n", at: ["2:13"]),
        Case(text: "FROM debian\nSHELL [\"bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL x | tar -xz\n", at: []),
        Case(text: "FROM debian\nSHELL [\"/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL x | tar -xz\n", at: []),
        Case(text: "FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nSHELL [\"/bin/bash\", \"-c\"]\nRUN curl -fsSL x | tar -xz\n", at: ["4:5"]),
        Case(text: "FROM debian\nSHELL [\"/bin/bash\", \"+o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL x | tar -xz\n", at: ["3:5"]),
        Case(text: "FROM debian\nRUN set -euxo pipefail; curl -fsSL x | tar -xz\n", at: []),
        Case(text: "FROM debian\nRUN set -o pipefail; set +o pipefail; curl -fsSL x | tar -xz\n", at: ["2:39"]),
        Case(text: "FROM debian\nRUN (set -o pipefail); curl -fsSL x | tar -xz\n", at: ["2:24"]),
        Case(text: "FROM debian\nRUN bash -c 'set -o pipefail; curl -fsSL x | tar -xz'\n", at: []),
        Case(text: "FROM debian\nRUN sudo bash -c 'set -o pipefail; curl -fsSL x | tar -xz'\n", at: []),
        Case(text: "FROM debian\nRUN bash -c 'set -o pipefail' && curl -fsSL x | tar -xz\n", at: ["2:34"]),
        Case(text: "FROM debian\nRUN set -o pipefail && bash -c 'curl -fsSL x | tar -xz'\n", at: ["2:33"]),
        Case(text: "FROM debian\nRUN bash -eo pipefail <<EOF\ncurl -fsSL x | tar -xz\nEOF\n", at: []),
        Case(text: "FROM debian\nRUN bash <<EOF\ncurl -fsSL x | tar -xz\nEOF\n", at: ["3:1"]),
        Case(text: "FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN <<EOF\ncurl -fsSL x | tar -xz\nEOF\n", at: []),
        Case(text: "FROM debian\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN <<EOF\n#!/bin/sh\ncurl -fsSL x | tar -xz\nEOF\n", at: ["5:1"]),
        Case(text: "FROM debian\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1 | 2)\nEOF\n", at: []),
        Case(text: "FROM debian\nRUN printf 'a\\nb\\n' | sort && yes | apt-get install x && true | cat\n", at: []),
        Case(text: "FROM debian\nRUN cat <<EOF | tee /etc/x.conf\nkey=value\nEOF\n", at: []),
        Case(text: "FROM debian\nRUN cat /etc/os-release | grep ID\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN { echo a; false; } | sort\n", at: ["2:15"]),
        Case(text: "FROM debian\nRUN [\"sh\", \"-c\", \"curl -fsSL x | tar -xz\"]\n", at: ["2:19"]),
        Case(text: "FROM debian\nRUN [\"bash\", \"-o\", \"pipefail\", \"-c\", \"curl -fsSL x | tar -xz\"]\n", at: []),
        Case(text: "FROM debian\nRUN curl -fsSL x || tar -xz\n", at: []),
        Case(text: "FROM debian\nSHELL [\"cmd\", \"/S\", \"/C\"]\nRUN type a | findstr b\n", at: []),
        // `# escape=`` marks a Windows image: cmd runs the RUN, not sh.
        Case(text: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a | findstr b\n", at: []),
        Case(text: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"bash\", \"-c\"]\nRUN type a | findstr b\n", at: ["4:5"]),
    ])
    func pipeWithoutPipefail(_ testCase: Case) {
        #expect(positions(testCase.text, rule: PipeWithoutPipefail.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM debian\nRUN a\nRUN b\nRUN c\n", at: ["3:1", "4:1"]),
        Case(text: "FROM debian\nRUN a\n\n# note\n\nRUN b\n", at: ["6:1"]),
        Case(text: "FROM debian\nRUN a\nENV X=1\nRUN b\n", at: []),
        Case(text: "FROM debian\nRUN a && b\nRUN c\nRUN d\n", at: ["4:1"]),
        Case(text: "FROM debian\nRUN a\nRUN b | c\n", at: []),
        Case(text: "FROM debian\nRUN a\nRUN b $(c)\n", at: []),
        Case(text: "FROM debian\nRUN a\nRUN sh -c 'b; c'\n", at: []),
        Case(text: "FROM debian\nRUN --network=none a\nRUN --network=none b\nRUN c\n", at: ["3:1"]),
        Case(text: "FROM debian\nRUN --mount=type=cache,target=/a --network=none a\nRUN --network=none --mount=type=cache,target=/a b\n", at: ["3:1"]),
        Case(text: "FROM debian\nRUN <<EOF\na\nEOF\nRUN b\nRUN c\n", at: ["6:1"]),
        Case(text: "FROM debian\nRUN cat <<EOF > /x\nk=v\nEOF\nRUN b\n", at: []),
        Case(text: "FROM debian\nRUN a\nONBUILD RUN b\nRUN c\n", at: []),
        Case(text: "FROM debian\nRUN a\nFROM debian\nRUN b\n", at: []),
        Case(text: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a\nRUN b & c\nRUN d\nRUN e\n", at: ["6:1"]),
        Case(text: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"pwsh\", \"-Command\"]\nRUN $x = 1; Write-Host $x\nRUN Write-Host 2\n", at: []),
    ])
    func consecutiveRun(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ConsecutiveRun.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM debian\nRUN ln -sf /bin/bash /bin/sh\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN ln -s -f bash /bin//sh\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN ln -sf /opt/sh /bin/\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN ln -sf --target-directory=/usr/bin /opt/sh\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN ln -sf /opt/bash /bin/\n", at: []),
        Case(text: "FROM debian\nRUN ln -sf /bin/sh /usr/local/bin/sh\n", at: []),
        Case(text: "FROM debian\nRUN ln -sf --suffix /bin/sh /bin/bash /usr/local/bin/sh\n", at: []),
        Case(text: "FROM debian\nRUN echo ln -sf /bin/bash /bin/sh\n", at: []),
        Case(text: "FROM debian\nRUN sh -c 'ln -sf /bin/bash /bin/sh'\n", at: ["2:12"]),
    ])
    func shellChangedBySymlink(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ShellChangedBySymlink.self) == testCase.at)
    }

    @Test(arguments: [
        ("FROM debian\nRUN curl -fsSL x | tar -xz\n", "(/bin/ash on Alpine) before the RUN"),
        ("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN curl -fsSL x | tar -xz\n", "or start the RUN with set -o pipefail &&"),
        ("FROM debian\nRUN sh -c 'curl -fsSL x | tar -xz'\n", "run the script with `bash -o pipefail -c`"),
        ("FROM debian\nRUN <<EOF\n#!/bin/sh\ncurl -fsSL x | tar -xz\nEOF\n", "make it a `#!/bin/bash` script"),
        ("FROM debian\nRUN su app -c 'curl -fsSL x | tar -xz'\n", "the `su` started here does not inherit pipefail; begin its script"),
        ("FROM debian\nRUN bash <<EOF\ncurl -fsSL x | tar -xz\nEOF\n", "run it as `bash -o pipefail`"),
        ("FROM debian\nRUN <<EOF\n#!/bin/bash\ncurl -fsSL x | tar -xz\nEOF\n", "runs as a `bash` script"),
    ])
    func pipeMessageNamesTheShellToFix(_ text: String, _ advice: String) {
        let messages = findings(text, rule: PipeWithoutPipefail.self).map(\.message)
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { $0.contains(advice) && $0.contains("`curl`") })
    }

    /// Under the default `/bin/sh` (dash on Debian), `set -o pipefail` would break the
    /// build, so the message must not suggest it.
    @Test func pipeMessageUnderPlainShDoesNotSuggestSet() {
        let messages = findings("FROM debian\nRUN curl -fsSL x | tar -xz\n", rule: PipeWithoutPipefail.self).map(\.message)
        #expect(messages.count == 1)
        #expect(!messages.contains { $0.contains("set -o pipefail") })
    }

    @Test func runsCommandsInWordSeesOnlySubstitutionsThatRunCommands() {
        let script = ShellTestSupport.parse("cd \"$(mktemp -d)\" && cd \"$HOME\" && cd `dirname x`")
        let directories = script.commands(named: "cd").compactMap(\.arguments.first)
        #expect(directories.map { script.runsCommands(in: $0) } == [true, false, true])
    }

    @Test(arguments: [
        // (script, SHELL, index of the command asked about, expected)
        ("a | b", ["/bin/sh", "-c"], 0, false),
        ("a | b", ["/bin/sh", "-o", "pipefail", "-c"], 0, true),
        ("set -o pipefail; a | b", ["/bin/sh", "-c"], 1, true),
        ("sh -c 'a | b'", ["/bin/bash", "-o", "pipefail", "-c"], 0, false),
        ("sh -o pipefail -c 'a | b'", ["/bin/sh", "-c"], 0, true),
        ("set -o pipefail; sh -c 'a | b'", ["/bin/sh", "-c"], 1, false),
        ("sh -c 'set -o pipefail; a | b'", ["/bin/sh", "-c"], 1, true),
        ("(set -o pipefail; a | b)", ["/bin/sh", "-c"], 1, true),
        ("(set -o pipefail); a | b", ["/bin/sh", "-c"], 1, false),
        ("x=$(set -o pipefail); a | b", ["/bin/sh", "-c"], 1, false),
        ("set -o pipefail; x=$(a | b)", ["/bin/sh", "-c"], 2, true),
    ] as [(String, [String], Int, Bool)])
    func pipefailEnabledFollowsTheShellThatRunsTheCommand(_ text: String, _ shell: [String], _ index: Int, _ expected: Bool) {
        let script = ShellTestSupport.parse(text)
        #expect(script.pipefailEnabled(at: index, shell: ShellInvocation(shell)) == expected)
    }

    @Test func windowsEscapeDirectiveMakesCmdTheDefaultShell() {
        let text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nRUN dir\nFROM base\nRUN dir\nFROM alpine\nSHELL [\"/bin/sh\", \"-c\"]\nRUN ls\n"
        let model = DockerfileModel(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text)))
        #expect(model.states[1].shell == ["cmd", "/S", "/C"])
        #expect(model.scripts[1]?.isShell == false)
        #expect(model.scripts[3]?.isShell == false)
        #expect(model.states[6].shell == ["/bin/sh", "-c"])
        #expect(model.scripts[6]?.isShell == true)
        let posix = DockerfileModel(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: "FROM alpine\nRUN ls\n")))
        #expect(posix.states[1].shell == ["/bin/sh", "-c"])
    }

    @Test func windowsShellTextGetsARoughCommandCount() {
        let text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host 'a'; Write-Host \"$(Get-Date)\"\nRUN Write-Host 'a; b'\nRUN dir\n"
        let model = DockerfileModel(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text)))
        #expect(model.scripts[2]?.isShell == false)
        #expect(model.scripts[2]?.commands.isEmpty == true)
        #expect(model.scripts[2]?.approximateCommandCount == 2)
        #expect(model.scripts[3]?.approximateCommandCount == 1)
        let posix = DockerfileModel(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: "FROM alpine\nRUN a; b\n")))
        #expect(posix.scripts[1]?.approximateCommandCount == nil)
    }

    @Test func heredocShebangIsRecorded() {
        let text = "FROM debian\nRUN <<EOF\n#!/usr/bin/env bash\necho hi\nEOF\nRUN <<EOF\necho hi\nEOF\n"
        let model = DockerfileModel(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text)))
        #expect(model.scripts[1]?.shebang == "bash")
        #expect(model.scripts[2]?.shebang == nil)
    }
}
