/// A pip option in a requirements file, with where it was written.
public struct RequirementOption: Sendable, Hashable {
    /// The long name, even when written short or abbreviated (`-i` → `--index-url`).
    public let name: String
    public let value: String?
    public let file: String
    public let line: Int
}

/// One requirement line (or `-e` line) of a requirements file.
public struct RequirementEntry: Sendable, Hashable {
    public let file: String
    /// Line of the first physical line (continuations join onto it).
    public let line: Int
    /// The requirement part as pip reads it (comments and per-line options removed).
    public let text: String
    /// Nil when pip could not read the line (`problems` says why).
    public let requirement: PythonRequirement?
    /// `-e` / `--editable`.
    public let isEditable: Bool
    /// Read from a constraints file (`-c`): limits versions, installs nothing.
    public let isConstraint: Bool
    /// `--hash` values on the line (`sha256:…`).
    public let hashes: [String]
    /// Every per-line option, `--hash` included.
    public let options: [RequirementOption]

    public var isPinned: Bool { requirement?.isPinned ?? false }
    public var normalizedName: String? { requirement?.normalizedName }
}

/// `-r FILE` / `--requirement FILE` / `-c FILE` / `--constraint FILE`.
public struct RequirementInclude: Sendable, Hashable {
    public let file: String
    public let line: Int
    /// As written.
    public let target: String
    public let isConstraint: Bool
    /// Context-relative path of the target, resolved against the including file's
    /// folder as pip does; nil for a URL or an absolute path.
    public let resolvedPath: String?
}

public struct RequirementsProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case invalidRequirement, unknownOption, badQuoting
        case missingInclude, includeCycle, includeOutsideContext, includeNotFollowed
        case unreadable
    }

    public let kind: Kind
    public let file: String
    /// 0 when it is about the whole file.
    public let line: Int
    public let message: String
}

/// One requirements file (`requirements*.txt`, pip's format), read the way pip's
/// `req_file.py` reads it:
/// - a line ending in `\` continues on the next one (a comment line ends it);
/// - `#` at the start or after white space starts a comment; `pkg#frag` is not one;
/// - the requirement is everything before the first space-separated word starting with
///   `-`; the rest are options, split as a POSIX shell would (`shlex`);
/// - options: `-r/--requirement`, `-c/--constraint`, `-e/--editable`, `-i/--index-url`,
///   `--extra-index-url`, `--no-index`, `-f/--find-links`, `--trusted-host`,
///   `--require-hashes`, `--pre`, `--prefer-binary`, `--no-binary`, `--only-binary`,
///   `--use-feature`; per requirement `--hash`, `--config-settings`/`-C`,
///   `--global-option`. Long names may be abbreviated as optparse allows.
/// `${VAR}` references are left as written (their values are not known here).
public struct RequirementsFile: Sendable {
    public let path: String
    public let isConstraints: Bool
    public let entries: [RequirementEntry]
    public let includes: [RequirementInclude]
    /// File-wide options (everything but the per-requirement ones and `-r/-c/-e`).
    public let options: [RequirementOption]
    public let problems: [RequirementsProblem]

    public var requiresHashes: Bool { options.contains { $0.name == "--require-hashes" } }
    /// Some entry carries `--hash`.
    public var hasHashes: Bool { entries.contains { !$0.hashes.isEmpty } }

    struct OptionSpec {
        enum Role { case include, constraint, editable, global, perRequirement }
        let long: String
        let short: String?
        let takesValue: Bool
        let role: Role
    }

    static let optionSpecs: [OptionSpec] = [
        OptionSpec(long: "--requirement", short: "-r", takesValue: true, role: .include),
        OptionSpec(long: "--constraint", short: "-c", takesValue: true, role: .constraint),
        OptionSpec(long: "--editable", short: "-e", takesValue: true, role: .editable),
        OptionSpec(long: "--index-url", short: "-i", takesValue: true, role: .global),
        OptionSpec(long: "--extra-index-url", short: nil, takesValue: true, role: .global),
        OptionSpec(long: "--no-index", short: nil, takesValue: false, role: .global),
        OptionSpec(long: "--find-links", short: "-f", takesValue: true, role: .global),
        OptionSpec(long: "--no-binary", short: nil, takesValue: true, role: .global),
        OptionSpec(long: "--only-binary", short: nil, takesValue: true, role: .global),
        OptionSpec(long: "--prefer-binary", short: nil, takesValue: false, role: .global),
        OptionSpec(long: "--require-hashes", short: nil, takesValue: false, role: .global),
        OptionSpec(long: "--pre", short: nil, takesValue: false, role: .global),
        OptionSpec(long: "--trusted-host", short: nil, takesValue: true, role: .global),
        OptionSpec(long: "--use-feature", short: nil, takesValue: true, role: .global),
        OptionSpec(long: "--hash", short: nil, takesValue: true, role: .perRequirement),
        OptionSpec(long: "--config-settings", short: "-C", takesValue: true, role: .perRequirement),
        OptionSpec(long: "--global-option", short: nil, takesValue: true, role: .perRequirement),
    ]

    /// Parses the text of one file. `path` is its context-relative path (includes are
    /// resolved against its folder).
    public init(text: String, path: String, isConstraints: Bool = false) {
        self.path = path
        self.isConstraints = isConstraints
        var entries: [RequirementEntry] = []
        var includes: [RequirementInclude] = []
        var options: [RequirementOption] = []
        var problems: [RequirementsProblem] = []
        func problem(_ kind: RequirementsProblem.Kind, _ line: Int, _ message: String) {
            problems.append(RequirementsProblem(kind: kind, file: path, line: line, message: message))
        }

        for (line, content) in RequirementsFile.logicalLines(text) {
            let (args, optionText) = RequirementsFile.splitArgumentsAndOptions(content)
            var parsed: [(OptionSpec, String?)] = []
            switch RequirementsFile.shellSplit(optionText) {
            case .failure(let message):
                problem(.badQuoting, line, message)
                continue
            case .success(let words):
                var index = 0
                while index < words.count {
                    let word = words[index]
                    index += 1
                    switch RequirementsFile.readOption(word, following: index < words.count ? words[index] : nil) {
                    case .unknown:
                        problem(.unknownOption, line, "pip does not accept \(word) in a requirements file")
                    case .missingValue(let spec):
                        problem(.unknownOption, line, "\(spec.long) needs a value")
                    case .option(let spec, let value, let usedNext):
                        if usedNext { index += 1 }
                        parsed.append((spec, value))
                    }
                }
            }
            let lineOptions = parsed.map { RequirementOption(name: $0.0.long, value: $0.1, file: path, line: line) }
            let hashes = parsed.filter { $0.0.long == "--hash" }.compactMap { $0.1 }
            let perRequirement = zip(parsed, lineOptions).filter { $0.0.0.role == .perRequirement }.map(\.1)

            if !args.isEmpty {
                var requirement: PythonRequirement?
                do {
                    requirement = try PythonRequirement.parse(args)
                } catch {
                    problem(.invalidRequirement, line, error.message)
                }
                entries.append(RequirementEntry(file: path, line: line, text: args, requirement: requirement,
                                                isEditable: false, isConstraint: isConstraints, hashes: hashes,
                                                options: perRequirement))
                continue
            }
            for ((spec, value), option) in zip(parsed, lineOptions) {
                switch spec.role {
                case .include, .constraint:
                    guard let value else { continue }
                    // pip: `-r` inside a constraints file still reads requirements; only `-c` constrains.
                    let constraint = spec.role == .constraint
                    includes.append(RequirementInclude(file: path, line: line, target: value, isConstraint: constraint,
                                                       resolvedPath: RequirementsFile.resolve(value, from: path)))
                case .editable:
                    guard let value else { continue }
                    var requirement: PythonRequirement?
                    do {
                        requirement = try PythonRequirement.parse(value, editable: true)
                    } catch {
                        problem(.invalidRequirement, line, error.message)
                    }
                    entries.append(RequirementEntry(file: path, line: line, text: value, requirement: requirement,
                                                    isEditable: true, isConstraint: isConstraints, hashes: hashes,
                                                    options: perRequirement))
                case .global:
                    options.append(option)
                case .perRequirement:
                    break
                }
            }
        }
        self.entries = entries
        self.includes = includes
        self.options = options
        self.problems = problems
    }

    /// Where pip looks for an included file: relative to the including file's folder,
    /// unless it is a URL or absolute (then nil: not in the context as such).
    static func resolve(_ target: String, from includingFile: String) -> String? {
        if PythonRequirement.urlScheme(of: target) != nil || target.hasPrefix("/") { return nil }
        let folder = String(decoding: GoPath.dir(Array(includingFile.utf8)), as: UTF8.self)
        return GoPath.clean(folder == "." ? target : folder + "/" + target)
    }

    // MARK: Lines

    /// pip's `join_lines` + `ignore_comments`: (first line number, text) per logical line.
    static func logicalLines(_ text: String) -> [(Int, String)] {
        var physical: [Substring] = []
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // Python's splitlines: \n, \r\n, \r, \v, \f (and a few rarer separators we skip).
        var lineStart = body.startIndex
        let scalars = body.unicodeScalars
        var scalarIndex = scalars.startIndex
        while scalarIndex < scalars.endIndex {
            let scalar = scalars[scalarIndex]
            if scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" {
                physical.append(body[lineStart..<scalarIndex])
                var next = scalars.index(after: scalarIndex)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                lineStart = next
                scalarIndex = next
                continue
            }
            scalarIndex = scalars.index(after: scalarIndex)
        }
        if lineStart < scalars.endIndex { physical.append(body[lineStart..<scalars.endIndex]) }

        var joined: [(Int, String)] = []
        var pending: [String] = []
        var primary = 0
        for (offset, raw) in physical.enumerated() {
            let number = offset + 1
            var line = String(raw)
            let isCommentLine = line.unicodeScalars.first { !isSpace($0) } == "#"
            if !line.hasSuffix("\\") || isCommentLine {
                if isCommentLine { line = " " + line }
                if !pending.isEmpty {
                    pending.append(line)
                    joined.append((primary, pending.joined()))
                    pending.removeAll()
                } else {
                    joined.append((number, line))
                }
            } else {
                if pending.isEmpty { primary = number }
                pending.append(stripBackslashes(line))
            }
        }
        if !pending.isEmpty { joined.append((primary, pending.joined())) }

        return joined.compactMap { number, line in
            let cleaned = removeComment(line).trimmingASCIISpace()
            return cleaned.isEmpty ? nil : (number, cleaned)
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { UTF8Text.isSpace(scalar) }

    /// Python's `line.strip("\\")`.
    static func stripBackslashes(_ line: String) -> String {
        var scalars = Substring(line).unicodeScalars[...]
        while scalars.first == "\\" { scalars = scalars.dropFirst() }
        while scalars.last == "\\" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `re.sub(r"(^|\s+)#.*$", "", line)`: cut at the first `#` that starts the line or
    /// follows white space, together with that white space.
    static func removeComment(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        for index in scalars.indices where scalars[index] == "#" {
            if index == 0 { return "" }
            if isSpace(scalars[index - 1]) {
                var start = index - 1
                while start > 0, isSpace(scalars[start - 1]) { start -= 1 }
                return String(String.UnicodeScalarView(scalars[..<start]))
            }
        }
        return line
    }

    /// pip's `break_args_options`: words (split on single spaces) up to the first one
    /// starting with `-` are the requirement.
    static func splitArgumentsAndOptions(_ line: String) -> (String, String) {
        let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
        var args: [Substring] = []
        var index = 0
        while index < tokens.count, !tokens[index].hasPrefix("-") {
            args.append(tokens[index])
            index += 1
        }
        return (args.joined(separator: " ").trimmingASCIISpace(), tokens[index...].joined(separator: " "))
    }

    enum SplitResult {
        case success([String])
        case failure(String)
    }

    /// Python's `shlex.split` (POSIX mode, no comments).
    static func shellSplit(_ text: String) -> SplitResult {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if let open = quote {
                if scalar == open {
                    quote = nil
                } else if open == "\"", scalar == "\\" {
                    guard let next = scalars.next() else { return .failure("No escaped character") }
                    // shlex escapes only the quote and the backslash inside "…".
                    if next != "\"", next != "\\" { current.append(scalar) }
                    current.append(next)
                } else {
                    current.append(scalar)
                }
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    inWord = false
                }
            case "'", "\"":
                quote = scalar
                inWord = true
            case "\\":
                guard let next = scalars.next() else { return .failure("No escaped character") }
                current.append(next)
                inWord = true
            default:
                current.append(scalar)
                inWord = true
            }
        }
        if quote != nil { return .failure("No closing quotation") }
        if inWord { words.append(String(current)) }
        return .success(words)
    }

    enum OptionRead {
        case option(OptionSpec, String?, usedNext: Bool)
        case missingValue(OptionSpec)
        case unknown
    }

    /// optparse's reading of one word: `--name=value`, `--name value`, `-xvalue`,
    /// `-x value`, and unambiguous prefixes of long names.
    static func readOption(_ word: String, following: String?) -> OptionRead {
        if word.hasPrefix("--") {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let attached = parts.count == 2 ? String(parts[1]) : nil
            var spec = optionSpecs.first { $0.long == name }
            if spec == nil {
                let candidates = optionSpecs.filter { $0.long.hasPrefix(name) }
                if candidates.count == 1 { spec = candidates[0] }
            }
            guard let spec else { return .unknown }
            if !spec.takesValue { return attached == nil ? .option(spec, nil, usedNext: false) : .unknown }
            if let attached { return .option(spec, attached, usedNext: false) }
            guard let following else { return .missingValue(spec) }
            return .option(spec, following, usedNext: true)
        }
        if word.hasPrefix("-"), word.count >= 2 {
            let short = String(word.prefix(2))
            guard let spec = optionSpecs.first(where: { $0.short == short }) else { return .unknown }
            let attached = String(word.dropFirst(2))
            if !attached.isEmpty { return .option(spec, attached, usedNext: false) }
            guard let following else { return .missingValue(spec) }
            return .option(spec, following, usedNext: true)
        }
        return .unknown
    }
}

/// What reading one context file gave.
public enum ContextFileRead: Sendable, Equatable {
    case text(String)
    case missing
    /// The path (or a symlink on it) leads outside the context: Docker would not send it.
    case outsideContext
    case notRegularFile
    case tooLarge(bytes: Int)
    case notUTF8

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// A requirements file with every `-r` / `-c` include followed (each file read once,
/// cycles and missing files reported, never looped on).
public struct RequirementSet: Sendable {
    /// The file the set was read from.
    public let root: String
    /// Every file read, the root first, then includes depth-first in order.
    public let files: [RequirementsFile]
    /// The files' own problems and those of following their includes.
    public let problems: [RequirementsProblem]

    /// Requirements (not constraints), in reading order.
    public var requirements: [RequirementEntry] { files.flatMap(\.entries).filter { !$0.isConstraint } }
    public var constraints: [RequirementEntry] { files.flatMap(\.entries).filter { $0.isConstraint } }
    public var includes: [RequirementInclude] { files.flatMap(\.includes) }
    public var options: [RequirementOption] { files.flatMap(\.options) }
    /// `--require-hashes` in any file read.
    public var requiresHashes: Bool { files.contains { $0.requiresHashes } }
    /// Some requirement carries `--hash`.
    public var hasHashes: Bool { requirements.contains { !$0.hashes.isEmpty } }

    /// Requirements that do not install one fixed thing, leaving out those a constraints
    /// file pins to an exact version.
    public var unpinnedRequirements: [RequirementEntry] {
        let pinnedByConstraint = Set(constraints.filter(\.isPinned).compactMap(\.normalizedName))
        return requirements.filter { entry in
            guard let requirement = entry.requirement else { return false }
            if requirement.isPinned { return false }
            if let name = requirement.normalizedName, pinnedByConstraint.contains(name) { return false }
            return true
        }
    }

    /// Reads `root` and what it includes through `read` (context-relative paths).
    public static func load(_ root: String, read: (String) -> ContextFileRead) -> RequirementSet {
        var files: [RequirementsFile] = []
        var problems: [RequirementsProblem] = []
        var visited: Set<String> = []

        func visit(_ path: String, isConstraints: Bool, stack: [String], from include: RequirementInclude?) {
            if stack.contains(path) {
                let chain = (stack + [path]).joined(separator: " → ")
                problems.append(RequirementsProblem(kind: .includeCycle, file: include?.file ?? path, line: include?.line ?? 0,
                                                    message: "include cycle: \(chain)"))
                return
            }
            if visited.contains(path) { return }
            visited.insert(path)
            func fail(_ kind: RequirementsProblem.Kind, _ message: String) {
                problems.append(RequirementsProblem(kind: kind, file: include?.file ?? path, line: include?.line ?? 0,
                                                    message: message))
            }
            switch read(path) {
            case .text(let text):
                let file = RequirementsFile(text: text, path: path, isConstraints: isConstraints)
                files.append(file)
                problems.append(contentsOf: file.problems)
                for nested in file.includes {
                    guard let target = nested.resolvedPath else {
                        problems.append(RequirementsProblem(kind: .includeNotFollowed, file: nested.file, line: nested.line,
                                                            message: "\(nested.target) is a URL or an absolute path: not followed"))
                        continue
                    }
                    if target == ".." || target.hasPrefix("../") {
                        problems.append(RequirementsProblem(kind: .includeOutsideContext, file: nested.file, line: nested.line,
                                                            message: "\(nested.target) is outside the build context"))
                        continue
                    }
                    visit(target, isConstraints: nested.isConstraint, stack: stack + [path], from: nested)
                }
            case .missing:
                fail(.missingInclude, include == nil ? "\(path) does not exist" : "\(include!.target) (\(path)) does not exist")
            case .outsideContext:
                fail(.includeOutsideContext, "\(path) leads outside the build context")
            case .notRegularFile:
                fail(.unreadable, "\(path) is not a regular file")
            case .tooLarge(let bytes):
                fail(.unreadable, "\(path) is too large to read (\(bytes) bytes)")
            case .notUTF8:
                fail(.unreadable, "\(path) is not UTF-8 text")
            }
        }
        visit(GoPath.clean(root), isConstraints: false, stack: [], from: nil)
        return RequirementSet(root: GoPath.clean(root), files: files, problems: problems)
    }
}
