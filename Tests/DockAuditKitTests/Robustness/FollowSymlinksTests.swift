import Foundation
import Testing
@testable import DockAuditKit

/// `--follow-symlinks`: linked folders are walked, a cycle ends with a note.
@Suite("Directory walks and symbolic links")
struct FollowSymlinksTests {
    /// `project/` with a link to a shared folder outside it, a link back to its own root
    /// (a cycle), a link to itself, and a self-referencing pair deeper down.
    static func makeTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("project/Dockerfile", "FROM alpine:3.22\nUSER 10001\n")
        try tree.write("project/app/Dockerfile.dev", "FROM alpine:3.22\nUSER 10001\n")
        try tree.write("shared/base.Dockerfile", "FROM alpine:3.22\nUSER 10001\n")
        try tree.link("project/shared", to: "../shared")
        try tree.link("project/app/root", to: "..")
        try tree.link("project/self", to: "self")
        try tree.link("shared/back", to: "../project")
        return tree
    }

    static func relativePaths(_ inputs: [LintInput], under root: String) -> [String] {
        inputs.map { input in
            let path = input.displayPath
            let shown = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
            switch input {
            case .file: return shown
            case .skipped(let error): return "skipped \(shown): \(error.reason)"
            default: return "\(input)"
            }
        }
    }

    @Test func linkedFoldersAreNotFollowedByDefault() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let inputs = FileDiscovery(fileSystem: LocalFileSystem()).inputs(for: [tree.path("project")])
        #expect(Self.relativePaths(inputs, under: tree.root) == ["project/Dockerfile", "project/app/Dockerfile.dev"])
    }

    @Test func followedLinksEndAtACycle() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let discovery = FileDiscovery(fileSystem: LocalFileSystem(), followsLinkedFolders: true)
        let inputs = discovery.inputs(for: [tree.path("project")])
        #expect(Self.relativePaths(inputs, under: tree.root) == [
            "project/Dockerfile",
            "project/app/Dockerfile.dev",
            "skipped project/app/root: symbolic link back to a folder above it (a cycle)",
            "skipped project/shared/back: symbolic link back to a folder above it (a cycle)",
            "project/shared/base.Dockerfile",
        ])
    }

    @Test func theCommandNotesACycleAndDoesNotFail() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let project = tree.path("project")
        for arguments in [["--follow-symlinks"], []] {
            let result = runCommand(["lint", "--no-context"] + arguments + [project], rules: RuleRegistry.all)
            #expect(result.exitCode == 0, "\(arguments): \(result.standardError)")
            let cycles = result.standardError.split(separator: "\n").filter { $0.hasSuffix("(a cycle)") }
            #expect(cycles.count == (arguments.isEmpty ? 0 : 2))
        }
        // The same from the environment and from the configuration file.
        let fromEnvironment = DockAuditCommand.run(
            arguments: ["lint", "--no-context", project], standardInput: { [] },
            environment: ["DOCKAUDIT_FOLLOW_SYMLINKS": "1"], rules: RuleRegistry.all, fileSystem: LocalFileSystem())
        #expect(fromEnvironment.standardError.contains("project/shared/back: skipped: symbolic link back to a folder above it (a cycle)"))
        let config = try tree.write("config.yaml", "follow-symlinks: true\n")
        let fromFile = runCommand(["lint", "--no-context", "--config", config, project], rules: RuleRegistry.all)
        #expect(fromFile.standardError.contains("project/app/root: skipped: symbolic link back to a folder above it (a cycle)"))
    }

    @Test func aDirectoryLinkedTwiceIsWalkedUnderEachName() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("real/Dockerfile", "FROM alpine:3.22\n")
        try tree.link("one", to: "real")
        try tree.link("two", to: "real")
        let inputs = FileDiscovery(fileSystem: LocalFileSystem(), followsLinkedFolders: true).inputs(for: [tree.root])
        // Not a cycle: each link is a sibling, so each is walked (as `find -L` does).
        #expect(Self.relativePaths(inputs, under: tree.root) == ["one/Dockerfile", "real/Dockerfile", "two/Dockerfile"])
    }

    @Test func helpAndReadmeDescribeTheFlag() throws {
        #expect(HelpText.lint.contains("--follow-symlinks"))
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(text.contains("`--follow-symlinks`"))
        #expect(text.contains("follow-symlinks: false"))
    }
}
