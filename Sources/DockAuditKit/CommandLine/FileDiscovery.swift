/// One thing `lint` was asked to read.
enum LintInput: Sendable, Hashable {
    /// A file named on the command line (`explicit`) or found in a directory.
    case file(path: String, explicit: Bool)
    case standardInput
    /// A path named on the command line that could not be looked at or listed.
    case unreadable(InputError)
    /// An entry inside a walk that could not be looked at or listed (a database volume
    /// owned by another user, say): worth a note, not a failure, as no Dockerfile was
    /// named there.
    case skipped(InputError)
    /// A directory with no Dockerfile in it: worth a note, not a failure.
    case noDockerfiles(directory: String)

    /// The name shown in output.
    var displayPath: String {
        switch self {
        case .file(let path, _): return path
        case .standardInput: return "-"
        case .unreadable(let error), .skipped(let error): return error.path
        case .noDockerfiles(let directory): return directory
        }
    }
}

/// Turns `lint`'s PATH arguments into the files to lint.
///
/// A file named on the command line is linted whatever its name. A directory is searched
/// recursively for Dockerfile names; hidden entries (`.git`, `.venv`, …) are skipped and
/// symbolic links to directories are not followed, so the walk ends and never leaves the
/// tree. With `followsLinkedFolders` (`--follow-symlinks`) they are followed, except a
/// link back to a folder the walk is already inside (compared by device and inode): a
/// cycle is noted and the walk goes on. Each directory's files come sorted by path, so
/// output does not depend on the order the file system lists them in.
struct FileDiscovery {
    let fileSystem: any FileSystem
    var followsLinkedFolders = false

    /// The inputs of all arguments, in argument order; a file named twice (or named and
    /// found in a folder) is linted once.
    func inputs(for arguments: [String]) -> [LintInput] {
        var unique: [LintInput] = []
        var readPaths: Set<String> = []
        var reported: Set<LintInput> = []
        for argument in arguments {
            for input in inputs(for: argument) {
                let isNew: Bool
                switch input {
                case .file, .standardInput: isNew = readPaths.insert(input.displayPath).inserted
                default: isNew = reported.insert(input).inserted
                }
                if isNew { unique.append(input) }
            }
        }
        return unique
    }

    func inputs(for argument: String) -> [LintInput] {
        if argument == "-" { return [.standardInput] }
        let names: [String]
        var ancestors: Set<FileIdentity> = []
        do throws(InputError) {
            // An explicit link to a directory is followed: the user named it.
            guard try fileSystem.kind(of: argument, followingLinks: true) == .directory else {
                return [.file(path: argument, explicit: true)]
            }
            names = try fileSystem.names(inDirectory: argument)
            if followsLinkedFolders { ancestors.insert(try fileSystem.identity(of: argument)) }
        } catch {
            return [.unreadable(error)]
        }
        var found: [LintInput] = []
        walk(argument, names: names, ancestors: ancestors, into: &found)
        if found.isEmpty { return [.noDockerfiles(directory: argument)] }
        return found.sorted { $0.displayPath < $1.displayPath }
    }

    /// `ancestors`: the folders the walk is inside, when it follows linked folders.
    private func walk(_ directory: String, names: [String], ancestors: Set<FileIdentity>, into found: inout [LintInput]) {
        for name in names where !name.hasPrefix(".") {
            let path = Self.join(directory, name)
            do throws(InputError) {
                try visit(path, name: name, ancestors: ancestors, into: &found)
            } catch {
                found.append(.skipped(error))
            }
        }
    }

    private func visit(
        _ path: String, name: String, ancestors: Set<FileIdentity>, into found: inout [LintInput]
    ) throws(InputError) {
        switch try fileSystem.kind(of: path, followingLinks: false) {
        case .directory:
            try descend(path, ancestors: ancestors, into: &found)
        case .regular where Self.isDockerfileName(name):
            found.append(.file(path: path, explicit: false))
        case .symbolicLink:
            // A link to a file is linted; a link to a directory is followed only when
            // asked. A dangling link is kept, so the read names it.
            let target = try? fileSystem.kind(of: path, followingLinks: true)
            if target == .directory {
                if followsLinkedFolders { try descend(path, ancestors: ancestors, into: &found) }
            } else if Self.isDockerfileName(name) {
                found.append(.file(path: path, explicit: false))
            }
        default:
            // Pipes, sockets and devices are never Dockerfiles, whatever their name.
            return
        }
    }

    private func descend(_ path: String, ancestors: Set<FileIdentity>, into found: inout [LintInput]) throws(InputError) {
        guard followsLinkedFolders else {
            walk(path, names: try fileSystem.names(inDirectory: path), ancestors: ancestors, into: &found)
            return
        }
        var inside = ancestors
        guard inside.insert(try fileSystem.identity(of: path)).inserted else {
            throw InputError(path: path, problem: .linkCycle)
        }
        walk(path, names: try fileSystem.names(inDirectory: path), ancestors: inside, into: &found)
    }

    /// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`,
    /// `Containerfile.*`. Case matters, as it does for `docker build -f`.
    static func isDockerfileName(_ name: String) -> Bool {
        if name == "Dockerfile" || name == "Containerfile" { return true }
        if name.hasPrefix("Dockerfile.") || name.hasPrefix("Containerfile.") { return true }
        for suffix in [".Dockerfile", ".dockerfile"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return true
        }
        return false
    }

    /// `dir` + `name`, without doubling a slash; files found under `.` are shown as
    /// `Dockerfile` and `api/Dockerfile`, the way the user would type them.
    static func join(_ directory: String, _ name: String) -> String {
        if directory == "." || directory == "./" { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
