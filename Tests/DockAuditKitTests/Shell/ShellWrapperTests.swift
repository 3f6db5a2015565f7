import Testing
@testable import DockAuditKit

/// Wrappers are seen through: the command reported is the one that really runs, and
/// `wrappers` says what it ran inside.
struct ShellWrapperTests {
    static let cases: [(script: String, commands: [String])] = [
        ("sudo apt-get install -y curl", ["sudo>apt-get install -y curl"]),
        ("sudo -u app -E pip install x", ["sudo>pip install x"]),
        ("sudo -i", ["sudo -i"]),
        ("sudo -l", ["sudo -l"]),
        ("sudo -- rm -rf /tmp/x", ["sudo>rm -rf /tmp/x"]),
        ("env", ["env"]),
        ("env -i A=1 B=2 make all", ["env>make all"]),
        ("env -u NAME --unset=OTHER -C /src - cmd", ["env>cmd"]),
        ("time make", ["time>make"]),
        ("time -p make", ["time>make"]),
        ("nice -n 10 make", ["nice>make"]),
        ("nice -19 make", ["nice>make"]),
        ("nohup server --port 80 &", ["nohup>server --port 80"]),
        ("exec gunicorn app:app", ["exec>gunicorn app:app"]),
        ("exec -a name prog", ["exec>prog"]),
        ("command -p ls", ["command>ls"]),
        ("command -v apt-get", ["command -v apt-get"]),
        ("find . -name x | xargs rm -f", ["find . -name x", "xargs>rm -f"]),
        ("xargs -r -n 1 -I {} cp {} /dst", ["xargs>cp {} /dst"]),
        ("xargs -0", ["xargs -0"]),
        ("timeout 10 curl x", ["timeout>curl x"]),
        ("timeout -s KILL 10s curl x", ["timeout>curl x"]),
        ("gosu app python manage.py", ["gosu>python manage.py"]),
        ("su-exec app:app node index.js", ["su-exec>node index.js"]),
        ("busybox wget http://x", ["busybox>wget http://x"]),
        ("tini -- node app.js", ["tini>node app.js"]),
        ("/usr/bin/sudo /usr/bin/apt-get update", ["sudo>/usr/bin/apt-get update"]),
        ("sudo env A=1 nice -n 5 apt-get update", ["sudo>env>nice>apt-get update"]),
        // Shells with -c: the string is a script.
        ("sh -c 'apt-get update && apt-get install -y git'", ["sh>apt-get update", "sh>apt-get install -y git"]),
        ("bash -c \"echo \\\"$HOME\\\" | tee f\"", ["bash>echo $HOME", "bash>tee f"]),
        ("/bin/bash -euo pipefail -c 'curl x | sh'", ["bash>curl x", "bash>sh"]),
        ("bash -lc 'make'", ["bash>make"]),
        ("ash -c a; dash -c b; zsh -c c; ksh -c d", ["ash>a", "dash>b", "zsh>c", "ksh>d"]),
        ("sh -c 'a \"$1\"' sh arg", ["sh>a $1"]),
        ("bash script.sh arg", ["bash script.sh arg"]),
        ("sh", ["sh"]),
        ("sudo sh -c 'echo x > /etc/y'", ["sudo>sh>echo x"]),
        ("sudo -u app bash -c 'cd /app && pip install -r req.txt'", ["sudo>bash>cd /app", "sudo>bash>pip install -r req.txt"]),
        ("sh -c \"sh -c 'inner'\"", ["sh>sh>inner"]),
        ("sh -c \"echo $(date)\"", ["sh>echo $(date)", "sh>date"]),
        ("su -c 'make install'", ["su>make install"]),
        ("su app -c \"npm ci\"", ["su>npm ci"]),
        ("su - app -s /bin/bash -c 'whoami'", ["su>whoami"]),
        ("su app", ["su app"]),
        ("$SUDO apt-get install x", ["$SUDO apt-get install x"]),
    ]

    @Test(arguments: cases)
    func seesThroughWrappers(_ testCase: (script: String, commands: [String])) {
        let script = ShellTestSupport.parse(testCase.script)
        #expect(ShellTestSupport.summary(script) == testCase.commands)
        #expect(script.errors.isEmpty, "\(script.errors.map(\.message))")
    }

    @Test func wrapperCallsKeepTheWrapperWords() {
        let text = "sudo -u app apt-get install x"
        let command = ShellTestSupport.parse(text).commands[0]
        #expect(command.wrappers == ["sudo"])
        #expect(command.wrapperCalls.count == 1)
        #expect(command.wrapperCalls[0].words.map(\.value) == ["sudo", "-u", "app"])
        #expect(ShellTestSupport.text(command.wrapperCalls[0].words[0].range, in: text) == "sudo")
        #expect(ShellTestSupport.text(command.name!.range, in: text) == "apt-get")
        // The command's range covers its wrappers.
        #expect(ShellTestSupport.text(command.range, in: text) == text)
    }

    @Test func envAssignmentsBelongToTheCommand() {
        let command = ShellTestSupport.parse("env DEBIAN_FRONTEND=noninteractive apt-get install -y x").commands[0]
        #expect(command.commandName == "apt-get")
        #expect(command.assignments.map(\.name) == ["DEBIAN_FRONTEND"])
        #expect(command.assignments[0].value.value == "noninteractive")
    }

    @Test func scriptCommandsTakeTheOperatorsAroundTheWrapper() {
        let script = ShellTestSupport.parse("a && sh -c 'b; c' && d")
        #expect(ShellTestSupport.summary(script) == ["a", "sh>b", "sh>c", "d"])
        #expect(script.commands[1].context.operatorBefore == .and)
        #expect(script.commands[1].context.operatorAfter == .semicolon)
        #expect(script.commands[2].context.operatorAfter == .and)
        #expect(script.commands[3].context.operatorBefore == .and)
    }

    @Test func shellStringInAPipeline() {
        let script = ShellTestSupport.parse("curl -fsSL x | sudo sh -c 'cat > /f; echo $(date)' | tee log")
        #expect(ShellTestSupport.summary(script) == ["curl -fsSL x", "sudo>sh>cat", "sudo>sh>echo $(date)", "sudo>sh>date", "tee log"])
        #expect(script.commands.map(\.context.pipelineIndex) == [0, 1, 1, 0, 2])
        #expect(script.commands.map(\.context.pipelineLength) == [3, 3, 3, 1, 3])
        #expect(script.commands[1].context.operatorBefore == .pipe)
        #expect(script.commands[2].context.operatorAfter == .pipe)
    }

    @Test func shellReadingHereDocumentIsAWrapper() {
        let script = ShellTestSupport.parse("sudo bash <<EOF\napt-get update\nEOF")
        #expect(ShellTestSupport.summary(script) == ["sudo>bash", "sudo>bash>apt-get update"])
    }
}
