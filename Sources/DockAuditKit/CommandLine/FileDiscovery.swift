/// One thing `lint` was asked to read.
enum LintInput: Sendable, Hashable {
    /// A file named on the command line (`explicit`) or found in a directory.
    case file(path: String, explicit: Bool)
    case standardInput
    /// A path that could not be looked at or listed.
    case unreadable(InputError)
    /// A directory with no Dockerfile in it: worth a note, not a failure.
    case noDockerfiles(directory: String)

    /// The name shown in output, and the key that removes duplicates.
    var displayPath: String {
        switch self {
        case .file(let path, _): return path
        case .standardInput: return "-"
        case .unreadable(let error): return error.path
        case .noDockerfiles(let directory): return directory
        }
    }
}

/// Turns `lint`'s PATH arguments into the files to lint.
///
/// A file named on the command line is linted whatever its name. A directory is searched
/// recursively for Dockerfile names; hidden entries (`.git`, `.venv`, …) are skipped and
/// symbolic links to directories are not followed, so the walk ends and never leaves the
/// tree. Each directory's files come sorted by path, so output does not depend on the
/// order the file system lists them in.
struct FileDiscovery {
    let fileSystem: any FileSystem

    func inputs(for arguments: [String]) -> [LintInput] {
        var unique: [LintInput] = []
        var seen: Set<String> = []
        for argument in arguments {
            for input in inputs(for: argument) where seen.insert(input.displayPath).inserted {
                unique.append(input)
            }
        }
        return unique
    }

    func inputs(for argument: String) -> [LintInput] {
        if argument == "-" { return [.standardInput] }
        do throws(InputError) {
            // An explicit link to a directory is followed: the user named it.
            guard try fileSystem.kind(of: argument, followingLinks: true) == .directory else {
                return [.file(path: argument, explicit: true)]
            }
        } catch {
            return [.unreadable(error)]
        }
        var found: [LintInput] = []
        walk(argument, into: &found)
        if found.isEmpty { return [.noDockerfiles(directory: argument)] }
        return found.sorted { $0.displayPath < $1.displayPath }
    }

    private func walk(_ directory: String, into found: inout [LintInput]) {
        let names: [String]
        do throws(InputError) {
            names = try fileSystem.names(inDirectory: directory)
        } catch {
            found.append(.unreadable(error))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = Self.join(directory, name)
            let kind: FileKind
            do throws(InputError) {
                kind = try fileSystem.kind(of: path, followingLinks: false)
            } catch {
                found.append(.unreadable(error))
                continue
            }
            switch kind {
            case .directory:
                walk(path, into: &found)
            case .regular where Self.isDockerfileName(name):
                found.append(.file(path: path, explicit: false))
            case .symbolicLink where Self.isDockerfileName(name):
                // A link to a file is linted; a link to a directory is not followed. A
                // dangling link is kept, so the read names it.
                let target = try? fileSystem.kind(of: path, followingLinks: true)
                if target != .directory { found.append(.file(path: path, explicit: false)) }
            default:
                // Pipes, sockets and devices are never Dockerfiles, whatever their name.
                continue
            }
        }
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
