import Foundation
import Testing
@testable import DockAuditKit

@Suite("File discovery")
struct FileDiscoveryTests {
    @Test(arguments: [
        "Dockerfile", "Dockerfile.dev", "Dockerfile.prod.arm64", "api.Dockerfile", "api.dockerfile",
        "Containerfile", "Containerfile.test",
    ])
    func matchingNames(name: String) {
        #expect(FileDiscovery.isDockerfileName(name))
    }

    @Test(arguments: [
        "dockerfile", "Dockerfiles", "MyDockerfile", "Dockerfile-dev", ".Dockerfile", ".dockerfile",
        "Dockerfile~", "containerfile",
        "README.md", "docker-compose.yml",
    ])
    func otherNames(name: String) {
        #expect(!FileDiscovery.isDockerfileName(name))
    }

    @Test(arguments: [
        (".", "Dockerfile", "Dockerfile"), ("./", "Dockerfile", "Dockerfile"), ("dir", "Dockerfile", "dir/Dockerfile"),
        ("dir/", "Dockerfile", "dir/Dockerfile"), ("/", "Dockerfile", "/Dockerfile"), ("./dir", "x", "./dir/x"),
    ])
    func joining(directory: String, name: String, expected: String) {
        #expect(FileDiscovery.join(directory, name) == expected)
    }

    /// The tree every walk test reads.
    static func makeTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        for file in [
            "Dockerfile", "b/Dockerfile.dev", "b/app.dockerfile", "b/notes.txt", "a/Containerfile",
            "a/deep/er/x.Dockerfile", ".git/Dockerfile", ".github/Dockerfile", "a/.venv/Dockerfile",
            "a/.hidden.Dockerfile", "outside/Dockerfile", "Dockerfile-old",
        ] {
            try tree.write(file, "FROM scratch\n")
        }
        try tree.link("linked-dir", to: tree.path("outside"))
        try tree.link("b/Containerfile", to: tree.path("b/app.dockerfile"))
        try tree.link("b/Dockerfile.dangling", to: tree.path("b/missing"))
        _ = try tree.makeNamedPipe("a/Dockerfile.pipe")
        return tree
    }

    @Test func walksTheTreeSortedAndSkipsHiddenAndLinkedFolders() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let inputs = FileDiscovery(fileSystem: LocalFileSystem()).inputs(for: [tree.root])
        let relative = inputs.map { input -> String in
            guard case .file(let path, let explicit) = input else { return "unexpected \(input)" }
            #expect(!explicit)
            return String(path.dropFirst(tree.root.count + 1))
        }
        #expect(relative == [
            "Dockerfile",
            "a/Containerfile",
            "a/deep/er/x.Dockerfile",
            "b/Containerfile",
            "b/Dockerfile.dangling",
            "b/Dockerfile.dev",
            "b/app.dockerfile",
            "outside/Dockerfile",
        ])
        #expect(!relative.contains { $0.hasPrefix("linked-dir") }, "a symbolic link to a folder is not followed")
    }

    @Test func explicitFilesWhateverTheirNameAndDuplicatesOnce() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let discovery = FileDiscovery(fileSystem: LocalFileSystem())
        let notes = tree.path("b/notes.txt")
        let inputs = discovery.inputs(for: [notes, "-", notes, "-", tree.path("b")])
        #expect(inputs == [
            .file(path: notes, explicit: true),
            .standardInput,
            .file(path: tree.path("b/Containerfile"), explicit: false),
            .file(path: tree.path("b/Dockerfile.dangling"), explicit: false),
            .file(path: tree.path("b/Dockerfile.dev"), explicit: false),
            .file(path: tree.path("b/app.dockerfile"), explicit: false),
        ])
    }

    @Test func anExplicitLinkToAFolderIsFollowed() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let inputs = FileDiscovery(fileSystem: LocalFileSystem()).inputs(for: [tree.path("linked-dir")])
        #expect(inputs == [.file(path: tree.path("linked-dir/Dockerfile"), explicit: false)])
    }

    @Test func missingPathsAndEmptyFolders() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("src/main.py", "print()\n")
        let discovery = FileDiscovery(fileSystem: LocalFileSystem())
        #expect(discovery.inputs(for: [tree.path("nope")]) == [.unreadable(InputError(path: tree.path("nope"), problem: .notFound))])
        #expect(discovery.inputs(for: [tree.root]) == [.noDockerfiles(directory: tree.root)])
    }

    @Test func anUnreadableFolderInAWalkIsSkippedAndTheRestStillFound() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("a/Dockerfile", "FROM scratch\n")
        try tree.write("b/Dockerfile", "FROM scratch\n")
        let fileSystem = FailingFileSystem(failures: [tree.path("a"): .permissionDenied])
        let inputs = FileDiscovery(fileSystem: fileSystem).inputs(for: [tree.root, tree.path("a")])
        #expect(inputs == [
            .skipped(InputError(path: tree.path("a"), problem: .permissionDenied)),
            .file(path: tree.path("b/Dockerfile"), explicit: false),
            // Named on the command line, the same folder is a failure.
            .unreadable(InputError(path: tree.path("a"), problem: .permissionDenied)),
        ])
        let result = runCommand(["lint", tree.root], fileSystem: fileSystem)
        #expect(result == CommandResult(
            standardError: "dockaudit: \(tree.path("a")): skipped: permission denied\n", exitCode: 0))
    }

    @Test func filesUnderTheCurrentFolderAreNamedWithoutDotSlash() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        // Binary files found in a walk are skipped with a note naming them: the note shows
        // the name `lint .` gives a file.
        try tree.write("Dockerfile.gz", bytes: [0x1F, 0x8B, 0x08, 0x00])
        try tree.write("api/Dockerfile.gz", bytes: [0x1F, 0x8B, 0x08, 0x00])
        let executable = try #require(executablePath(), "build the dockaudit executable first")
        let output = try runProcess(executable, ["lint", "."], in: tree.root)
        #expect(output.exitCode == 0, "a binary file met in a walk is not the user's mistake")
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == """
            dockaudit: Dockerfile.gz: skipped: binary file, not a Dockerfile
            dockaudit: api/Dockerfile.gz: skipped: binary file, not a Dockerfile

            """)
        let names = FileDiscovery(fileSystem: LocalFileSystem()).inputs(for: [tree.root + "/"]).map(\.displayPath)
        #expect(names == [tree.root + "/Dockerfile.gz", tree.root + "/api/Dockerfile.gz"])
    }
}
