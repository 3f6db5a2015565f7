import Foundation
import Testing
@testable import DockAuditKit

struct RulesCommandTests {
    func run(_ arguments: [String]) -> CommandResult {
        DockAuditCommand.run(arguments: arguments, standardInput: { [] }, environment: [:])
    }

    @Test func tableListsEveryRule() {
        let result = run(["rules"])
        #expect(result.exitCode == 0)
        for rule in RuleRegistry.all {
            #expect(result.standardOutput.contains(rule.description.code + "  " + rule.description.name))
        }
    }

    @Test func jsonCatalogParses() throws {
        let result = run(["rules", "--format", "json"])
        #expect(result.exitCode == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(array.count == RuleRegistry.all.count)
        let maintainer = try #require(array.first { $0["code"] as? String == "DA105" })
        #expect(maintainer["name"] as? String == "maintainer-deprecated")
        #expect((maintainer["aliases"] as? [String]) == ["DL4000", "MaintainerDeprecated"])
        #expect(maintainer["severity"] as? String == "warning")
        #expect(maintainer["category"] as? String == "syntax")
    }

    @Test(arguments: ["DA105", "maintainer-deprecated", "DL4000", "maintainerdeprecated"])
    func explainFindsByCodeNameOrAlias(identifier: String) {
        let result = run(["explain", identifier])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix("DA105 maintainer-deprecated"))
        #expect(result.standardOutput.contains("Fix:"))
    }

    @Test func explainUnknownRuleIsAnError() {
        let result = run(["explain", "DL9999"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("DL9999"))
        #expect(run(["explain"]).exitCode == 2)
    }

    @Test func writeDocsWritesEveryPage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-docs-\(UUID().uuidString)/rules")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let result = run(["rules", "--write-docs", folder.path])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == RuleRegistry.all.count + 1)
        let page = try String(contentsOf: folder.appendingPathComponent("DA105-maintainer-deprecated.md"), encoding: .utf8)
        #expect(page == RuleDocumentation.markdownPage(for: MaintainerDeprecated.description))
        #expect(!names.contains { $0.contains("dockaudit-") }, "no temporary file left behind")
    }

    @Test func asOfIsValidatedAndUsed() {
        #expect(run(["lint", "--as-of", "2026-13-01", "-"]).exitCode == 2)
        let text = "FROM python:3.10-slim\nUSER 1000\n"
        let before = DockAuditCommand.run(arguments: ["lint", "--as-of", "2026-10-01", "-"], standardInput: { Array(text.utf8) }, environment: [:])
        let after = DockAuditCommand.run(arguments: ["lint", "--as-of", "2026-11-01", "-"], standardInput: { Array(text.utf8) }, environment: [:])
        #expect(!before.standardOutput.contains("DA613"))
        #expect(after.standardOutput.contains("DA613"))
    }
}

struct DisableIgnorePragmasOptionTests {
    @Test func flagReportsSuppressedFindings() {
        let text = "FROM alpine:3.22\n# dockaudit ignore=DA105\nMAINTAINER a\nUSER 1000\n"
        let quiet = DockAuditCommand.run(arguments: ["lint", "-"], standardInput: { Array(text.utf8) }, environment: [:])
        let loud = DockAuditCommand.run(arguments: ["lint", "--disable-ignore-pragmas", "-"], standardInput: { Array(text.utf8) }, environment: [:])
        #expect(quiet.exitCode == 0)
        #expect(loud.exitCode == 1)
        #expect(loud.standardOutput.contains("DA105"))
    }
}
