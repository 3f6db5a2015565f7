import Testing
@testable import DockAuditKit

@Suite("Command options (getopt_long)")
struct CommandOptionsTests {
    static func read(_ script: String, _ grammar: CommandOptions.Grammar) -> [String] {
        let command = ShellTestSupport.parse(script).commands[0]
        return CommandOptions(command.arguments, grammar: grammar).options.map { option in
            (option.isLong ? "--" : "-") + option.name + (option.value.map { "=" + $0 } ?? "")
        }
    }

    @Test(arguments: [
        ("wget -qO- https://x", ["-q", "-O=-"]),
        ("wget -nv -O out https://x", ["-nv", "-O=out"]),
        ("wget -ncq https://x", ["-nc", "-q"]),
        ("wget --output-document out --progress=dot:giga url", ["--output-document=out", "--progress=dot:giga"]),
        ("wget -e robots=off url", ["-e=robots=off"]),
        ("wget --header 'A: b' -- -q", ["--header=A: b"]),
        ("wget -O", ["-O"]),
    ])
    func wget(script: String, options: [String]) {
        #expect(Self.read(script, DownloadCommand.wgetGrammar) == options)
    }

    @Test(arguments: [
        ("curl -fsSLo out https://x", ["-f", "-s", "-S", "-L", "-o=out"]),
        ("curl -k --output - url", ["-k", "--output=-"]),
        ("curl -nv url", ["-n", "-v"]),
    ])
    func curl(script: String, options: [String]) {
        #expect(Self.read(script, DownloadCommand.curlGrammar) == options)
    }
}
