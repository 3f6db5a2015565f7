import Foundation
import Testing
@testable import DockAuditKit

/// An unsafe fix for the command tests: `EXPOSE` → `expose` (the keyword's case).
struct UnsafeLowercaseExpose: Rule {
    static let description = RuleDescription(
        code: "DA911", name: "test-unsafe-expose", severity: .warning, category: .syntax,
        summary: "Test rule.", rationale: "Test rule.", howToFix: "Nothing.", badExamples: [], goodExamples: [])
    static let keywords: Set<InstructionKind> = [.expose]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard instruction.keyword != "expose" else { return }
        findings.report(
            instruction.keywordRange, "lower-case it",
            fix: Fix("lower-case", edits: [TextEdit(range: instruction.keywordRange.bytes, replacement: "expose")], safety: .unsafe))
    }
}

/// A fix that breaks the file: `RUN` → `RUN <<EOF`, a heredoc that never ends.
struct BreakingRunFix: Rule {
    static let description = RuleDescription(
        code: "DA912", name: "test-breaking-run", severity: .warning, category: .syntax,
        summary: "Test rule.", rationale: "Test rule.", howToFix: "Nothing.", badExamples: [], goodExamples: [])
    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        findings.report(
            instruction.keywordRange, "break it",
            fix: Fix("break", edits: [TextEdit(range: instruction.keywordRange.bytes, replacement: "RUN <<EOF")]))
    }
}

/// Reads the real file system, but reports other contents from the second read of one
/// path on: someone edited the file while dockaudit was fixing it.
final class EditedMeanwhileFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    let path: String
    private let lock = NSLock()
    private var reads = 0

    init(path: String) { self.path = path }

    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind {
        try base.kind(of: path, followingLinks: followingLinks)
    }
    func names(inDirectory path: String) throws(InputError) -> [String] { try base.names(inDirectory: path) }
    func identity(of path: String) throws(InputError) -> FileIdentity { try base.identity(of: path) }
    func contents(of path: String) throws(InputError) -> [UInt8] {
        let bytes = try base.contents(of: path)
        guard path == self.path else { return bytes }
        let count = lock.withLock { reads += 1; return reads }
        return count > 1 ? bytes + Array("# edited\n".utf8) : bytes
    }
    func makeDirectory(_ path: String) throws(InputError) { try base.makeDirectory(path) }
    func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) { try base.writeAtomically(bytes, to: path) }
    func currentDirectory() -> String? { base.currentDirectory() }
}

@Suite("lint --fix and --diff")
struct FixCommandTests {
    static let aptFile = "FROM ubuntu:24.04\r\nRUN apt update && \\\r\n    apt install -y curl\r\nEXPOSE 80\r\n"
    /// DA405's safe fix and DA404's unsafe one (which --fix leaves alone), so the tests do
    /// not change as other rules gain fixes.
    static let aptRules: [any Rule.Type] = [AptInsteadOfAptGet.self, AptInstallRecommends.self]
    static let aptFixed = "FROM ubuntu:24.04\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\nEXPOSE 80\r\n"

    static func temporaryFile(_ text: String, permissions: Int = 0o644) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("Dockerfile").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        return path
    }

    static func run(
        _ arguments: [String], rules: [any Rule.Type] = aptRules, stdin: String = "",
        fileSystem: any FileSystem = LocalFileSystem()
    ) -> CommandResult {
        DockAuditCommand.run(
            arguments: ["lint", "--no-context", "--as-of", "2026-11-23"] + arguments, standardInput: { Array(stdin.utf8) },
            environment: [:], rules: rules, fileSystem: fileSystem)
    }

    static func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func fixWritesTheFileKeepingPermissionsAndLineEnds() throws {
        let path = try Self.temporaryFile(Self.aptFile, permissions: 0o640)
        // DA405's safe fix, and DA404's unsafe one that --fix leaves alone.
        let rules: [any Rule.Type] = [AptInsteadOfAptGet.self, AptInstallRecommends.self]
        let result = Self.run(["--fix", path], rules: rules)
        #expect(try Self.contents(path) == Self.aptFixed)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(!result.standardOutput.contains("DA405"), "fixed findings are not reported")
        #expect(result.standardOutput.contains("DA404"), "findings left are reported")
        #expect(result.standardError.contains("fixed 2 findings in 1 file"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["Dockerfile"], "no temporary file left behind")
        let again = Self.run(["--fix", path], rules: rules)
        #expect(try Self.contents(path) == Self.aptFixed, "a second --fix changes nothing")
        #expect(again.standardError.contains("no fixes applied"))
    }

    @Test func diffPrintsAUnifiedDiffAndWritesNothing() throws {
        let path = try Self.temporaryFile(Self.aptFile)
        let result = Self.run(["--diff", path])
        #expect(try Self.contents(path) == Self.aptFile)
        #expect(result.exitCode == 1, "a file would change")
        #expect(
            result.standardOutput == """
                --- a\(path)\n+++ b\(path)\n@@ -1,4 +1,4 @@\n FROM ubuntu:24.04\r\n-RUN apt update && \\\r\n-    apt install -y curl\r\n\
                +RUN apt-get update && \\\r\n+    apt-get install -y curl\r\n EXPOSE 80\r\n
                """)
        #expect(result.standardError.contains("would fix 2 findings in 1 file"))
        let clean = Self.run(["--diff", "-"], stdin: Self.aptFixed)
        #expect(clean.exitCode == 0)
        #expect(clean.standardOutput.isEmpty)
    }

    @Test func fixOnStandardInputPrintsTheFixedTextAndReportsOnStandardError() {
        let result = Self.run(["--fix", "-"], stdin: Self.aptFile)
        #expect(result.standardOutput == Self.aptFixed)
        #expect(result.standardError.contains("DA404"))
        #expect(!result.standardError.contains("DA405"))
        #expect(result.exitCode == 1, "findings are left at the threshold")
        let nothing = Self.run(["--fix", "-"], rules: [UnsafeLowercaseExpose.self], stdin: "FROM a\n")
        #expect(nothing.standardOutput == "FROM a\n", "the text is printed even when nothing changed")
    }

    @Test func unsafeFixesNeedTheirOption() {
        let text = "FROM a\nEXPOSE 80\n"
        let safeOnly = Self.run(["--fix", "-"], rules: [UnsafeLowercaseExpose.self], stdin: text)
        #expect(safeOnly.standardOutput == text)
        #expect(safeOnly.standardError.contains("no fixes applied (1 unsafe fix not applied; rerun with --unsafe-fixes)"))
        let unsafe = Self.run(["--fix", "--unsafe-fixes", "-"], rules: [UnsafeLowercaseExpose.self], stdin: text)
        #expect(unsafe.standardOutput == "FROM a\nexpose 80\n")
        #expect(unsafe.standardError.contains("fixed 1 finding in 1 file"))
    }

    @Test func ignoredRulesOfferNoFixes() {
        let result = Self.run(["--fix", "--ignore", "DA405", "-"], stdin: Self.aptFile)
        #expect(result.standardOutput == Self.aptFile)
    }

    @Test func aRoundThatBreaksTheParseIsDropped() {
        let text = "FROM a\nRUN true\n"
        let result = Self.run(["--fix", "-"], rules: [BreakingRunFix.self], stdin: text)
        #expect(result.standardOutput == text)
        #expect(result.standardError.contains("-: fixing stopped: the fixed text would not parse"))
    }

    @Test func aFileEditedMeanwhileIsNotWritten() throws {
        let path = try Self.temporaryFile(Self.aptFile)
        let result = Self.run(["--fix", path], fileSystem: EditedMeanwhileFileSystem(path: path))
        #expect(try Self.contents(path) == Self.aptFile)
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("\(path): changed on disk while being fixed; not written"))
    }

    @Test func fixFollowsASymbolicLink() throws {
        let path = try Self.temporaryFile(Self.aptFile)
        let link = path + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        _ = Self.run(["--fix", link])
        #expect(try Self.contents(path) == Self.aptFixed)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
    }

    @Test func optionsParse() throws {
        #expect(throws: Never.self) { try ArgumentParser.parse(["lint", "--fix", "--unsafe-fixes", "--diff", "x"]) }
        guard case .lint(let settings, _, _) = try ArgumentParser.parse(["lint", "--diff", "--fix", "x"]) else {
            Issue.record("not a lint invocation")
            return
        }
        #expect(settings.fixMode == .diff, "--diff wins: it writes nothing")
        #expect(HelpText.lint.contains("--fix"))
    }
}

@Suite("Unified diff")
struct UnifiedDiffTests {
    static func diff(_ old: String, _ new: String, context: Int = 3) -> String {
        UnifiedDiff(context: context).render(old: Array(old.utf8), new: Array(new.utf8), path: "Dockerfile")
    }

    @Test func sameTextGivesNothing() {
        #expect(Self.diff("a\n", "a\n") == "")
    }

    @Test func oneChangedLineWithContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "LINE 5\n")
        #expect(
            Self.diff(old, new) == """
                --- a/Dockerfile
                +++ b/Dockerfile
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +LINE 5
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test func distantChangesMakeTwoHunks() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "\n2\n", with: "\nTWO\n").replacingOccurrences(of: "\n19\n", with: "\n")
        let text = Self.diff(old, new, context: 1)
        #expect(text.components(separatedBy: "\n@@").count == 3)
        #expect(text.contains("@@ -1,3 +1,3 @@\n 1\n-2\n+TWO\n 3\n"))
        #expect(text.contains("@@ -18,3 +18,2 @@\n 18\n-19\n 20\n"))
    }

    @Test func insertionsAndDeletionsAtTheEdges() {
        #expect(Self.diff("", "a\n") == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -0,0 +1 @@\n+a\n")
        #expect(Self.diff("a\n", "") == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +0,0 @@\n-a\n")
        #expect(Self.diff("b\n", "a\nb\n") == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1,2 @@\n+a\n b\n")
    }

    @Test func missingFinalNewlineIsMarked() {
        #expect(
            Self.diff("a\nb", "a\nc")
                == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
        #expect(
            Self.diff("a\nb", "a\nb\n")
                == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    }

    @Test func carriageReturnsStay() {
        #expect(Self.diff("a\r\nb\r\n", "a\r\nc\r\n") == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    }

    @Test func theEditScriptIsMinimal() {
        let old = ["a", "b", "c", "a", "b", "b", "a"].map { Array(($0 + "\n").utf8)[...] }
        let new = ["c", "b", "a", "b", "a", "c"].map { Array(($0 + "\n").utf8)[...] }
        let steps = UnifiedDiff.editScript(old, new)
        let changes = steps.filter { if case .keep = $0 { return false } else { return true } }
        #expect(changes.count == 5, "Myers' example: distance 5")
        // Replaying the script on the old lines gives the new ones.
        var replayed: [ArraySlice<UInt8>] = []
        for step in steps {
            switch step {
            case .keep(let o, _): replayed.append(old[o])
            case .insert(let n): replayed.append(new[n])
            case .delete: break
            }
        }
        #expect(replayed == new)
    }
}

@Suite("Fix documentation")
struct FixDocumentationTests {
    static let apt = RuleRegistry.all.first { $0.description.code == "DA405" }!.description
    static let noFix = RuleRegistry.all.first { $0.description.fixes == nil }!.description

    @Test func rulePageHasAFixSection() {
        let page = RuleDocumentation.markdownPage(for: Self.apt)
        #expect(page.contains("## Fix\n\nReplace `apt` with `apt-get`"))
        #expect(page.contains("Safety: safe."))
        #expect(page.contains("RUN apt-get update && apt-get install -y curl"))
        #expect(!RuleDocumentation.markdownPage(for: Self.noFix).contains("## Fix"))
    }

    @Test func explainShowsTheFix() {
        let text = RuleDocumentation.explanation(for: Self.apt)
        #expect(text.contains("Automatic fix, safe: replace `apt` with `apt-get`"))
        #expect(text.contains("After:\n\n    FROM ubuntu:24.04\n    RUN apt-get update"))
    }

    @Test func indexAndCatalogMarkFixes() {
        let index = RuleDocumentation.index(for: [Self.apt, Self.noFix])
        #expect(index.contains("| apt-instead-of-apt-get | warning | safe |"))
        let json = RuleDocumentation.catalog(for: [Self.apt, Self.noFix]).serialized(pretty: false)
        #expect(json.contains("\"fix\": \"safe\""))
        #expect(json.contains("\"fix\": null"))
    }
}
