import Testing
@testable import DockAuditKit

/// Every rule with a fix: its documented `before` becomes `after` with `--fix` (unsafe
/// fixes included when the fix is unsafe), a second round changes nothing, the result
/// parses as BuildKit would without a new error, and the rule is silent on it.
@Suite("Rule fixes")
struct RuleFixTests {
    static let codes = RuleRegistry.all.filter { $0.description.fixes != nil }.map { $0.description.code }

    static func rule(_ code: String) -> any Rule.Type {
        RuleRegistry.all.first { $0.description.code == code }!
    }

    /// Lints with `rule` and applies its fixes until nothing changes (at most 10 rounds).
    static func fixed(_ text: String, rule: any Rule.Type, unsafe: Bool) -> (text: String, rounds: Int) {
        var bytes = Array(text.utf8)
        for round in 0..<10 {
            let findings = Linter(rules: [rule]).lint(
                SourceFile(path: "Dockerfile", bytes: bytes), options: LintOptions(asOf: CalendarDate("2026-11-23")))
            let (next, applied) = FixApplier.apply(findings.compactMap(\.fix), to: bytes, includingUnsafe: unsafe)
            if applied == 0 { return (String(decoding: bytes, as: UTF8.self), round) }
            bytes = next
        }
        return (String(decoding: bytes, as: UTF8.self), 10)
    }

    @Test(arguments: codes)
    func beforeBecomesAfter(code: String) throws {
        let fixes = try #require(Self.rule(code).description.fixes)
        let unsafe = fixes.safety == .unsafe
        let result = Self.fixed(fixes.before, rule: Self.rule(code), unsafe: unsafe)
        #expect(result.text == fixes.after)
        #expect(result.rounds < 10, "fixing settles")
        if unsafe {
            #expect(Self.fixed(fixes.before, rule: Self.rule(code), unsafe: false).text == fixes.before, "an unsafe fix needs --unsafe-fixes")
        }
    }

    @Test(arguments: codes)
    func theResultParsesAndTheRuleIsSilent(code: String) throws {
        let fixes = try #require(Self.rule(code).description.fixes)
        let after = Self.fixed(fixes.before, rule: Self.rule(code), unsafe: true).text
        let before = DockerfileParser.parse(SourceFile(path: "Dockerfile", text: fixes.before))
        let parsed = DockerfileParser.parse(SourceFile(path: "Dockerfile", text: after))
        #expect(parsed.diagnostics.count <= before.diagnostics.count, "no new parse error")
        let left = Linter(rules: [Self.rule(code)]).lint(
            SourceFile(path: "Dockerfile", text: after), options: LintOptions(asOf: CalendarDate("2026-11-23")))
        #expect(left.allSatisfy { $0.fix == nil }, "nothing left to fix")
        #expect(Self.fixed(after, rule: Self.rule(code), unsafe: true).text == after, "a second --fix changes nothing")
    }
}
