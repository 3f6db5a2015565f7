import Foundation
import Testing
@testable import DockAuditKit

/// Every hadolint 2.15 code and every BuildKit check is a dockaudit rule's alias, or is named
/// in docs/omitted-rules.md with the reason it is left out.
@Suite("Parity coverage")
struct ParityCoverageTests {
    static let omissionDoc = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/omitted-rules.md")

    /// hadolint 2.15.1's rule codes (`src/Hadolint/Rule/DL*.hs`), and the numbers in its
    /// ranges it has retired or never used.
    static let hadolintCodes = ["DL1001"] + (3000...3067).map { "DL\($0)" } + (4000...4006).map { "DL\($0)" }

    /// BuildKit's checks (frontend/dockerfile/linter/ruleset.go).
    static let buildKitChecks = [
        "ConsistentInstructionCasing", "CopyIgnoredFile", "DuplicateStageName", "ExposeInvalidFormat", "ExposeProtoCasing",
        "FromAsCasing", "FromPlatformFlagConstDisallowed", "InvalidBaseImagePlatform", "InvalidDefaultArgInFrom",
        "InvalidDefinitionDescription", "JSONArgsRecommended", "LegacyKeyValueFormat", "MaintainerDeprecated",
        "MultipleInstructionsDisallowed", "NoEmptyContinuation", "RedundantTargetPlatform", "ReservedStageName",
        "SecretsUsedInArgOrEnv", "StageNameCasing", "UndefinedArgInFrom", "UndefinedVar", "WorkdirRelativePath",
    ]

    static let aliases = Set(RuleRegistry.all.flatMap { $0.description.aliases })

    @Test(arguments: hadolintCodes + buildKitChecks)
    func isAnAliasOrOmittedOnPurpose(name: String) throws {
        if Self.aliases.contains(name) { return }
        let doc = try String(contentsOf: Self.omissionDoc, encoding: .utf8)
        #expect(doc.contains("| \(name) |"), "\(name) is neither a rule's alias nor a row of docs/omitted-rules.md")
    }

    @Test func omittedCodesHaveNoRule() throws {
        let doc = try String(contentsOf: Self.omissionDoc, encoding: .utf8)
        for name in Self.hadolintCodes + Self.buildKitChecks where doc.contains("| \(name) |") {
            #expect(!Self.aliases.contains(name), "\(name) is listed as omitted but a rule stands for it")
        }
    }
}
