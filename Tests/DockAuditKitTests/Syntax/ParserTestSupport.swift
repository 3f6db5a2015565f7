@testable import DockAuditKit

/// Renders a parsed file the way BuildKit's `Node.Dump()` prints its AST: one line per
/// instruction, `(<keyword lower-cased>[ <flags>] <args…>)`, flags as Go's `%q` of a
/// string slice, every argument Go-quoted, ONBUILD nested. Heredoc bodies, comments and
/// line numbers are not part of it.
enum BuildKitDump {
    static func dump(_ dockerfile: Dockerfile) -> String {
        dockerfile.instructions.map { dump($0) }.joined(separator: "\n")
    }

    static func dump(_ instruction: Instruction) -> String {
        var parts = [goLowercased(instruction.keyword)]
        if !instruction.flags.isEmpty {
            parts.append("[" + instruction.flags.map { GoQuote.quote($0.text) }.joined(separator: " ") + "]")
        }
        switch instruction.arguments {
        case .none:
            break
        case .words(let words):
            parts += words.map { GoQuote.quote($0.value) }
        case .keyValues(let pairs):
            for pair in pairs {
                parts += [GoQuote.quote(pair.key.value), GoQuote.quote(pair.value.value), GoQuote.quote(pair.hasEquals ? "=" : "")]
            }
        case .healthcheck(let type, let command):
            parts.append(GoQuote.quote(type.value))
            parts += command.map { GoQuote.quote($0.value) }
        case .onbuild(let trigger):
            parts.append(dump(trigger))
        case .ignored:
            parts.append(GoQuote.quote(""))
        }
        return "(" + parts.joined(separator: " ") + ")"
    }
}

/// Go's `strings.ToLower`: simple per-scalar mapping (`İ` becomes `i`, not `i̇`).
func goLowercased(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{130}" ? "i" : $0 })).lowercased()
}

/// Parses text written as lines (joined with `\n`, plus a final newline).
func parsed(lines: String...) -> Dockerfile {
    DockerfileParser.parse(text: lines.joined(separator: "\n") + "\n")
}

func parsed(_ text: String) -> Dockerfile {
    DockerfileParser.parse(text: text)
}

func parsed(bytes: [UInt8]) -> Dockerfile {
    DockerfileParser.parse(SourceFile(path: "Dockerfile", bytes: bytes))
}

extension Dockerfile {
    var errors: [SyntaxDiagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [SyntaxDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    var errorKinds: [SyntaxDiagnostic.Kind] { errors.map(\.kind) }
}

extension Instruction {
    /// Argument values as BuildKit's `Node.Next` list holds them.
    var argumentValues: [String] {
        switch arguments {
        case .none: return []
        case .words(let words): return words.map(\.value)
        case .keyValues(let pairs): return pairs.flatMap { [$0.key.value, $0.value.value, $0.hasEquals ? "=" : ""] }
        case .healthcheck(let type, let command): return [type.value] + command.map(\.value)
        case .onbuild: return []
        case .ignored: return [""]
        }
    }
    var flagTexts: [String] { flags.map(\.text) }
}

extension SourceRange {
    /// `line:column-line:column` for compact assertions.
    var compact: String { "\(start.line):\(start.column)-\(end.line):\(end.column)" }
}
