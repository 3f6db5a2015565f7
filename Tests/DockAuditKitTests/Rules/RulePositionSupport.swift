import Testing
@testable import DockAuditKit

/// A Dockerfile and the `line:column` where each finding of the rule under test must start.
struct PositionCase: Sendable, CustomTestStringConvertible {
    var text: String
    /// `line:column` of each finding, in order.
    var at: [String]
    var testDescription: String { text.replacingOccurrences(of: "\n", with: "⏎") }
}

/// Helpers for rule test suites that check where findings start.
protocol RulePositionTests {}

extension RulePositionTests {
    func findings(_ text: String, rule: any Rule.Type) -> [Finding] {
        Linter(rules: [rule]).lint(SourceFile(path: "Dockerfile", text: text), options: LintOptions())
    }

    func positions(_ text: String, rule: any Rule.Type) -> [String] {
        findings(text, rule: rule).map { "\($0.range.start.line):\($0.range.start.column)" }
    }
}
