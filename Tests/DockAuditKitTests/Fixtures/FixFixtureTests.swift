import Foundation
import Testing
@testable import DockAuditKit

/// Every folder under `fixtures/fixes/` holds a `Dockerfile` and what `dockaudit lint --fix`
/// makes of it (`expected.fixed`), with extra command-line flags in an optional `flags`
/// file (`--unsafe-fixes`). Each is fixed in a temporary copy, in-process, and must match
/// the snapshot, settle (a second `--fix` changes nothing), and read under BuildKit's parse
/// as the original plus the intended change: as many instructions, each one the fix did not
/// touch identical. Regenerate with `DOCKAUDIT_UPDATE_SNAPSHOTS=1 swift test --filter
/// FixFixtureTests` and review the diff.
struct FixFixtureTests {
    static let fixesFolder = FixtureSnapshotTests.fixturesFolder.appendingPathComponent("fixes")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixesFolder.path)) ?? []
        return names.filter { name in
            FileManager.default.fileExists(atPath: fixesFolder.appendingPathComponent(name).appendingPathComponent("Dockerfile").path)
        }.sorted()
    }

    /// `dockaudit lint --fix` on one file, with the fixture's flags.
    static func fix(_ path: String, flags: [String]) -> CommandResult {
        DockAuditCommand.run(
            arguments: ["lint", "--fix", "--no-context", "--as-of", "2026-11-23"] + flags + [path],
            standardInput: { [] }, environment: [:])
    }

    static func parseRecord(_ bytes: [UInt8]) -> JSONValue {
        BuildKitRecord.record(for: DockerfileParser.parse(SourceFile(path: "Dockerfile", bytes: bytes)), file: "Dockerfile")
    }

    static func field(_ name: String, of value: JSONValue) -> JSONValue? {
        guard case .object(let fields) = value else { return nil }
        return fields.first { $0.0 == name }?.1
    }

    /// An instruction's record without its line numbers, which move when a fix adds or
    /// removes lines above it; and the number of lines it spans.
    static func withoutPosition(_ instruction: JSONValue) -> (JSONValue, Int) {
        guard case .object(let fields) = instruction,
            case .int(let start)? = field("startLine", of: instruction), case .int(let end)? = field("endLine", of: instruction)
        else { return (instruction, 0) }
        return (.object(fields.filter { $0.0 != "startLine" && $0.0 != "endLine" }), end - start)
    }

    @Test func thereAreFixFixtures() {
        #expect(Self.fixtureNames.count >= 2)
    }

    @Test(arguments: fixtureNames)
    func fixMatchesSnapshotSettlesAndKeepsTheParse(fixture: String) throws {
        let source = Self.fixesFolder.appendingPathComponent(fixture)
        let flagsFile = source.appendingPathComponent("flags")
        let flags = (try? String(contentsOf: flagsFile, encoding: .utf8))?
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init) ?? []
        let original = try Data(contentsOf: source.appendingPathComponent("Dockerfile"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-fix-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("Dockerfile")
        try original.write(to: copy)

        let first = Self.fix(copy.path, flags: flags)
        #expect(first.exitCode != 2, "\(fixture): \(first.standardError)")
        let fixed = try Data(contentsOf: copy)
        let snapshot = source.appendingPathComponent("expected.fixed")
        if ProcessInfo.processInfo.environment["DOCKAUDIT_UPDATE_SNAPSHOTS"] == "1" {
            try fixed.write(to: snapshot)
        }
        let expected = try Data(contentsOf: snapshot)
        #expect(fixed == expected, "fixtures/fixes/\(fixture)/expected.fixed differs; regenerate with DOCKAUDIT_UPDATE_SNAPSHOTS=1 and review")
        #expect(fixed != original, "\(fixture): the fix changed nothing")

        let second = Self.fix(copy.path, flags: flags)
        #expect(second.exitCode != 2, "\(fixture): \(second.standardError)")
        #expect(try Data(contentsOf: copy) == fixed, "\(fixture): a second --fix changed the file")

        let before = Self.parseRecord(Array(original))
        let after = Self.parseRecord(Array(fixed))
        #expect(Self.field("ok", of: after) == Self.field("ok", of: before), "\(fixture): the fix changed whether BuildKit parses the file")
        #expect(Self.field("error", of: after) == Self.field("error", of: before))
        #expect(Self.field("escapeToken", of: after) == Self.field("escapeToken", of: before))
        guard case .array(let oldInstructions)? = Self.field("children", of: before),
            case .array(let newInstructions)? = Self.field("children", of: after)
        else { return }
        #expect(newInstructions.count >= oldInstructions.count, "\(fixture): the fix removed instructions")
        // Walk both lists: an instruction whose text is unchanged must read exactly as
        // before; a changed one is the fix's; an extra one in the new file (ENV added after
        // FROM) is an insertion.
        func sameText(_ old: JSONValue, _ new: JSONValue) -> Bool {
            Self.field("original", of: old) == Self.field("original", of: new)
                && Self.field("heredocs", of: old) == Self.field("heredocs", of: new)
        }
        var touched = 0
        var (oldIndex, newIndex) = (0, 0)
        while oldIndex < oldInstructions.count, newIndex < newInstructions.count {
            let (old, new) = (oldInstructions[oldIndex], newInstructions[newIndex])
            if sameText(old, new) {
                let (oldShape, newShape) = (Self.withoutPosition(old), Self.withoutPosition(new))
                #expect(oldShape.0 == newShape.0 && oldShape.1 == newShape.1, "\(fixture): an instruction the fix did not touch reads differently")
                (oldIndex, newIndex) = (oldIndex + 1, newIndex + 1)
            } else if newInstructions.count - newIndex > oldInstructions.count - oldIndex,
                newIndex + 1 < newInstructions.count, sameText(old, newInstructions[newIndex + 1]) {
                touched += 1
                newIndex += 1
            } else {
                touched += 1
                (oldIndex, newIndex) = (oldIndex + 1, newIndex + 1)
            }
        }
        touched += newInstructions.count - newIndex
        #expect(touched > 0, "\(fixture): no instruction was changed")
    }
}
