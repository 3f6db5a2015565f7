import Testing
@testable import DockAuditKit

struct RuleRegistryTests {
    let descriptions = RuleRegistry.all.map { $0.description }

    @Test func codesAndNamesAreUniqueAndWellFormed() {
        #expect(Set(descriptions.map(\.code)).count == descriptions.count)
        #expect(Set(descriptions.map(\.name)).count == descriptions.count)
        for description in descriptions {
            let code = Array(description.code.utf8)
            #expect(code.count == 5 && description.code.hasPrefix("DA") && code[2...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 },
                    "bad code \(description.code)")
            #expect(description.name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D },
                    "name must be kebab-case: \(description.name)")
            #expect(!description.summary.isEmpty && !description.rationale.isEmpty)
        }
    }

    @Test func registryIsSortedByCode() {
        #expect(descriptions.map(\.code) == descriptions.map(\.code).sorted())
    }

    /// DESIGN.md: the hundreds digit of the code is the category.
    @Test func categoryMatchesCodeRange() {
        let categories: [Character: RuleCategory] = [
            "1": .syntax, "2": .baseImage, "3": .files, "4": .shell, "5": .security, "6": .python, "7": .context,
        ]
        for description in descriptions {
            let digit = description.code[description.code.index(description.code.startIndex, offsetBy: 2)]
            #expect(categories[digit] == description.category, "\(description.code) is in category \(description.category)")
        }
    }

    @Test func lookupByCodeNameOrAlias() {
        #expect(RuleRegistry.rules(matching: "DA105").map { $0.description.code } == ["DA105"])
        #expect(RuleRegistry.rules(matching: "maintainer-deprecated").map { $0.description.code } == ["DA105"])
        #expect(RuleRegistry.rules(matching: "DL4000").map { $0.description.code } == ["DA105"])
        #expect(RuleRegistry.rules(matching: "MaintainerDeprecated").map { $0.description.code } == ["DA105"])
        #expect(RuleRegistry.rules(matching: "MultipleInstructionsDisallowed").count == 3)
        #expect(RuleRegistry.rules(matching: "DA999").isEmpty)
    }

    /// Every `struct …: Rule` in Sources/DockAuditKit/Rules is registered.
    @Test func everyRuleFileIsRegistered() throws {
        let rulesFolder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/DockAuditKit/Rules")
        var declared: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: rulesFolder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("struct ") && line.contains(": Rule {") {
                let name = line.dropFirst("struct ".count).prefix { $0 != ":" }
                declared.insert(String(name))
            }
        }
        let registered = Set(RuleRegistry.all.map { String(describing: $0) })
        #expect(!declared.isEmpty)
        #expect(declared == registered, "declared but not registered: \(declared.subtracting(registered)); registered but not found: \(registered.subtracting(declared))")
    }
}

import Foundation
