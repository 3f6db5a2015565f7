import Testing
@testable import DockAuditKit

/// The helpers rules use to read a command's options.
struct ShellCommandHelperTests {
    static func command(_ text: String) -> ShellCommand {
        ShellTestSupport.parse(text).commands[0]
    }

    @Test(arguments: [
        ("apt-get install -y --no-install-recommends curl", ["y", "no-install-recommends"]),
        ("tar -xzf a.tgz --strip-components=1", ["x", "z", "f", "strip-components"]),
        ("cat - -- -n", []),
        ("rm -rf -- -file", ["r", "f"]),
        ("pip install --index-url=https://x --no-cache-dir", ["index-url", "no-cache-dir"]),
    ])
    func flagsAreHadolintStyle(_ text: String, _ flags: [String]) {
        #expect(Self.command(text).flags == flags)
    }

    @Test func hasFlagAndHasAnyFlag() {
        let command = Self.command("apt-get -qy install --no-install-recommends x")
        #expect(command.hasFlag("y"))
        #expect(command.hasFlag("q"))
        #expect(command.hasFlag("no-install-recommends"))
        #expect(!command.hasFlag("yes"))
        #expect(command.hasAnyFlag("yes", "y", "assume-yes"))
        #expect(!command.hasAnyFlag(["force-yes"]))
        #expect(command.hasArgument("install"))
        #expect(command.is("apt-get", "apt"))
    }

    @Test(arguments: [
        ("docker build -t img:1 .", ["t", "tag"], "img:1"),
        ("docker build --tag=img:2 .", ["t", "tag"], "img:2"),
        ("docker build --tag img:3 .", ["t", "tag"], "img:3"),
        ("docker build -qtimg:4 .", ["t"], "img:4"),
        ("pip install -r req.txt", ["r", "requirement"], "req.txt"),
        ("find . -name '*.pyc' -delete", ["-name"], "*.pyc"),
        ("docker build .", ["t"], nil),
        ("docker build -- -t x", ["t"], nil),
    ] as [(String, [String], String?)])
    func optionValue(_ text: String, _ names: [String], _ expected: String?) {
        let command = Self.command(text)
        #expect(command.optionValue(names.first!, names.count > 1 ? names[1] : names[0]) == expected)
    }

    @Test func optionValuesAndWords() {
        let text = "pip install -r a.txt --requirement=b.txt -c c.txt pkg"
        let command = Self.command(text)
        #expect(command.optionValues("r", "requirement") == ["a.txt", "b.txt"])
        #expect(command.optionWord("c").map { ShellTestSupport.text($0.range, in: text) } == "c.txt")
        #expect(command.optionWord("requirement").map { ShellTestSupport.text($0.range, in: text) } == "--requirement=b.txt")
    }

    @Test(arguments: [
        ("pip install -r req.txt --no-cache-dir flask==2.0 -i https://x requests", ["r", "i", "index-url"], ["install", "flask==2.0", "requests"]),
        ("apk add --no-cache --virtual .deps gcc musl-dev", ["virtual", "t"], ["add", "gcc", "musl-dev"]),
        ("apt-get install -y -o Dpkg::Options::=--force-confold pkg", ["o"], ["install", "pkg"]),
        ("rm -rf -- -weird name", [], ["-weird", "name"]),
        ("cat - file", [], ["-", "file"]),
    ] as [(String, [String], [String])])
    func positionalArguments(_ text: String, _ valued: [String], _ expected: [String]) {
        #expect(Self.command(text).positionalArguments(skipping: valued).map(\.value) == expected)
    }

    @Test func commandNameDropsTheDirectory() {
        #expect(Self.command("/usr/local/bin/pip3 install x").commandName == "pip3")
        #expect(Self.command("./configure --prefix=/usr").commandName == "configure")
        #expect(Self.command("A=1").commandName == "")
    }

    @Test(arguments: [
        ("set -o pipefail; a | b", true),
        ("set -euo pipefail; a | b", true),
        ("set -eo pipefail && a | b", true),
        ("set -Eeuxo pipefail\na | b", true),
        ("set -o errexit -o pipefail; a | b", true),
        ("set -e; a | b", false),
        ("a | b; set -o pipefail", false),
        ("set -o pipefail; set +o pipefail; a | b", false),
        ("set -o pipefail", true),
        ("bash -c 'set -o pipefail'; a | b", false),
        ("a | b", false),
    ])
    func pipefail(_ text: String, _ expected: Bool) {
        #expect(ShellTestSupport.parse(text).setsPipefail == expected)
    }

    @Test func pipefailEnabledBeforeACommand() {
        let script = ShellTestSupport.parse("a | b; set -o pipefail; c | d")
        #expect(!script.pipefailEnabled(before: 0))
        #expect(script.pipefailEnabled(before: 3))
        #expect(script.hasPipes)
        #expect(!ShellTestSupport.parse("a && b").hasPipes)
        #expect(ShellTestSupport.parse("x=$(a | b)").hasPipes)
    }

    @Test(arguments: [
        (["/bin/bash", "-o", "pipefail", "-c"], "bash", true, true),
        (["/bin/ash", "-eo", "pipefail", "-c"], "ash", true, true),
        (["/bin/sh", "-c"], "sh", true, false),
        (["powershell", "-Command"], "powershell", false, false),
        (["C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "-c"], "powershell", false, false),
        (["pwsh", "-c"], "pwsh", false, false),
        (["cmd", "/S", "/C"], "cmd", false, false),
        (["/usr/bin/zsh", "-c"], "zsh", true, false),
    ] as [([String], String, Bool, Bool)])
    func shellInvocation(_ words: [String], _ name: String, _ isPOSIX: Bool, _ pipefail: Bool) {
        let shell = ShellInvocation(words)
        #expect(shell.name == name)
        #expect(shell.isPOSIX == isPOSIX)
        #expect(shell.enablesPipefail == pipefail)
    }
}
