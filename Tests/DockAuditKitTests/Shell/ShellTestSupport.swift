@testable import DockAuditKit

/// Compact views of parse results, so that tables of cases stay readable.
enum ShellTestSupport {
    /// Each command as `wrapper>wrapper>name arg arg` (values, not raw text); a command
    /// without a name shows its assignments (`A=1`).
    static func summary(_ script: ShellScript) -> [String] {
        script.commands.map(summary)
    }

    static func summary(_ command: ShellCommand) -> String {
        let prefix = command.wrappers.map { $0 + ">" }.joined()
        guard let name = command.name else {
            return prefix + command.assignments.map { "\($0.name)\($0.isAppend ? "+=" : "=")\($0.value.value)" }.joined(separator: " ")
        }
        return prefix + ([name.value] + command.arguments.map(\.value)).joined(separator: " ")
    }

    static func parse(_ script: String) -> ShellScript {
        ShellParser.parse(script)
    }

    /// The text of `range` in `source`.
    static func text(_ range: SourceRange, in source: String) -> String {
        String(decoding: Array(source.utf8)[range.bytes], as: UTF8.self)
    }

    static func dockerfileScripts(_ text: String, shell: ShellInvocation? = nil) -> (Dockerfile, [ShellScript]) {
        let dockerfile = DockerfileParser.parse(text: text)
        let scripts = dockerfile.instructions.compactMap { ShellScript.parse(instruction: $0, in: dockerfile, shell: shell) }
        return (dockerfile, scripts)
    }
}
