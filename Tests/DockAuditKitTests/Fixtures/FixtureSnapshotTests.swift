import Foundation
import Testing
@testable import DockAuditKit

/// Every folder under `fixtures/` is a build context with a Dockerfile. Its expected
/// output is stored beside it (`expected.txt`, `expected.json`), produced by
/// `dockaudit lint --as-of 2026-11-23 --context DIR DIR/Dockerfile` in each format (the day
/// is pinned so end-of-life findings do not change as time passes). Regenerate with
/// `DOCKAUDIT_UPDATE_SNAPSHOTS=1 swift test --filter FixtureSnapshotTests` and review the diff.
struct FixtureSnapshotTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixturesFolder = repositoryRoot.appendingPathComponent("fixtures")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesFolder.path)) ?? []
        return names.filter { name in
            FileManager.default.fileExists(atPath: fixturesFolder.appendingPathComponent(name).appendingPathComponent("Dockerfile").path)
        }.sorted()
    }

    static let formats: [(format: String, file: String)] = [("text", "expected.txt"), ("json", "expected.json")]

    /// Runs the command in-process and makes its paths relative to the repository, so the
    /// snapshot does not depend on where the checkout lives.
    static func lint(fixture: String, format: String) -> CommandResult {
        let folder = fixturesFolder.appendingPathComponent(fixture).path
        var result = DockAuditCommand.run(
            arguments: ["lint", "--format", format, "--as-of", "2026-11-23", "--context", folder, folder + "/Dockerfile"],
            standardInput: { [] }, environment: [:])
        let prefix = repositoryRoot.path + "/"
        result.standardOutput = result.standardOutput.replacingOccurrences(of: prefix, with: "")
        return result
    }

    @Test func thereAreFixtures() {
        #expect(Self.fixtureNames.count >= 1)
    }

    @Test(arguments: fixtureNames)
    func matchesSnapshot(fixture: String) throws {
        for (format, file) in Self.formats {
            let result = Self.lint(fixture: fixture, format: format)
            #expect(result.exitCode != 2, "\(fixture): \(result.standardError)")
            let snapshot = Self.fixturesFolder.appendingPathComponent(fixture).appendingPathComponent(file)
            if ProcessInfo.processInfo.environment["DOCKAUDIT_UPDATE_SNAPSHOTS"] == "1" {
                try result.standardOutput.write(to: snapshot, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: snapshot, encoding: .utf8)
            #expect(result.standardOutput == expected, "fixtures/\(fixture)/\(file) differs; regenerate with DOCKAUDIT_UPDATE_SNAPSHOTS=1 and review")
            if format == "json" {
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) }
            }
        }
    }
}
