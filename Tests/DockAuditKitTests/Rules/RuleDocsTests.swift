import Foundation
import Testing
@testable import DockAuditKit

/// `rules/` holds the generated rule pages; this test fails when they are out of date.
/// Regenerate with `swift run dockaudit rules --write-docs rules/` (or run the tests with
/// DOCKAUDIT_UPDATE_DOCS=1).
struct RuleDocsTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    @Test func rulesFolderIsInSync() throws {
        let pages = RuleDocumentation.allPages(for: RuleRegistry.all.map { $0.description })
        if ProcessInfo.processInfo.environment["DOCKAUDIT_UPDATE_DOCS"] == "1" {
            try FileManager.default.createDirectory(at: Self.rulesFolder, withIntermediateDirectories: true)
            for page in pages {
                try page.contents.write(to: Self.rulesFolder.appendingPathComponent(page.name), atomically: true, encoding: .utf8)
            }
        }
        let existing = Set(try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path).filter { $0.hasSuffix(".md") })
        #expect(existing == Set(pages.map(\.name)), "rules/ has stale or missing pages: run `swift run dockaudit rules --write-docs rules/`")
        for page in pages {
            let onDisk = try? String(contentsOf: Self.rulesFolder.appendingPathComponent(page.name), encoding: .utf8)
            #expect(onDisk == page.contents, "rules/\(page.name) is out of date: run `swift run dockaudit rules --write-docs rules/`")
        }
    }

    @Test func explanationHasEverySection() {
        for rule in RuleRegistry.all {
            let text = RuleDocumentation.explanation(for: rule.description)
            #expect(text.contains(rule.description.code))
            #expect(text.contains("Why:") && text.contains("Fix:") && text.contains("Flagged:"))
            #expect(!text.contains("↓"))
        }
    }

    /// Each difference line says whom it differs from, so the rule pages read alike and a
    /// reader searching for "differs from hadolint" finds every correction.
    @Test func differencesSayWhomTheyDifferFrom() {
        let openings = ["differs from hadolint: ", "differs from BuildKit: ", "differs from hadolint and BuildKit: ", "as in hadolint: "]
        for rule in RuleRegistry.all {
            for line in rule.description.differences {
                #expect(openings.contains(where: line.hasPrefix), "\(rule.description.code): \(line)")
            }
        }
    }

    @Test func catalogListsCodesAndAliases() {
        let json = RuleDocumentation.catalog(for: RuleRegistry.all.map { $0.description }).serialized()
        #expect(json.contains("\"code\": \"DA105\""))
        #expect(json.contains("\"DL4000\""))
    }
}
