/// One `op version` clause of a PEP 440 version specifier (`>=1.2`, `==2.*`).
public struct VersionSpecifier: Sendable, Hashable {
    /// `===`, `~=`, `==`, `!=`, `<=`, `>=`, `<` or `>`.
    public let op: String
    public let version: String

    /// `==X` without a wildcard, or `===X`: names exactly one release.
    public var isExact: Bool {
        op == "===" || (op == "==" && !version.containsBytes("*"))
    }
}

/// How firmly a requirement names what gets installed.
///
/// Our choice for URLs (DA604/DA605 read it): a URL counts as pinned only when it names
/// something that cannot change —
/// - a VCS URL whose revision is a full commit id (`git+https://…@<40 hex>`, the test pip
///   itself uses to call a checkout immutable; Mercurial likewise; a numeric Subversion
///   revision). A branch, a tag or no revision is a moving reference;
/// - an archive URL that carries its hash (`…/x.tar.gz#sha256=…`);
/// - an archive whose file name carries a version (`pkg-1.2.3-py3-none-any.whl`,
///   `pkg-1.2.3.tar.gz`): it names one release of one project. A GitHub-style
///   `…/archive/<40 hex>.zip` counts as a commit;
/// - everything else (`…/archive/main.zip`, `…/latest.tar.gz`, a directory URL) is not.
/// Local paths (`.`, `./pkg`, `-e .`, `file:` URLs) install what the build context holds:
/// they are their own kind, and `isPinned` counts them as fixed.
public enum RequirementPin: Sendable, Hashable {
    /// `==X` (no wildcard) or `===X`.
    case exactVersion(String)
    case vcsCommit(String)
    case urlWithHash
    case versionedArchive
    case localPath
    /// Only ranges, wildcards, or nothing at all.
    case versionRange
    case unversioned
    /// A VCS URL on a branch or tag, or without a revision.
    case vcsMovingReference
    /// An archive or directory URL that could change behind the same address.
    case mutableURL
}

/// A requirement as pip reads it on one line: PEP 508 (`name[extras] specifiers ; marker`,
/// `name @ url`), a bare URL (`https://…/x.whl`, `git+https://…#egg=name`) or a local
/// path (`.`, `./pkg`, `dist/x.whl`).
public struct PythonRequirement: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// From an index, by name and specifiers.
        case index
        /// A URL (`name @ url` or bare); `vcs` is `git`, `hg`, `svn` or `bzr` for VCS URLs.
        case url(String, vcs: String?)
        /// A local directory or archive, as written.
        case localPath(String)
    }

    /// The project name as written; nil for an unnamed URL or path.
    public var name: String?
    public var extras: [String]
    public var specifiers: [VersionSpecifier]
    public var marker: String?
    public var source: Source
    public var pin: RequirementPin

    /// PEP 503 normalized name (`Django_REST.framework` → `django-rest-framework`).
    public var normalizedName: String? { name.map(PythonRequirement.normalize) }

    /// Installs one fixed thing: an exact version, an immutable URL (see `RequirementPin`)
    /// or a local path from the build context.
    public var isPinned: Bool {
        switch pin {
        case .exactVersion, .vcsCommit, .urlWithHash, .versionedArchive, .localPath: return true
        case .versionRange, .unversioned, .vcsMovingReference, .mutableURL: return false
        }
    }

    public var isLocal: Bool {
        if case .localPath = source { return true }
        return false
    }

    public var url: String? {
        if case .url(let url, _) = source { return url }
        return nil
    }

    /// PEP 503: lower case, runs of `-`, `_`, `.` become one `-`.
    public static func normalize(_ name: String) -> String {
        var out = ""
        var lastWasSeparator = false
        for scalar in name.unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                lastWasSeparator = false
            }
        }
        return out
    }

    public struct ParseError: Error, Sendable, Equatable {
        public let message: String
    }

    /// Reads one requirement the way pip's `install_req_from_line` does. `editable` is
    /// for `-e` targets, which are always a path or a URL.
    public static func parse(_ text: String, editable: Bool = false) throws(ParseError) -> PythonRequirement {
        var body = text.trimmingASCIISpace()
        let isURL = PythonRequirement.urlScheme(of: body) != nil
        // pip splits the marker off first: at "; " for a URL (URLs may hold ";"), else at ";".
        var marker: String?
        if let (cut, resume) = markerSplit(body, isURL: isURL) {
            let markerText = Substring(body.unicodeScalars[resume...]).trimmingASCIISpace()
            marker = markerText.isEmpty ? nil : markerText
            body = Substring(body.unicodeScalars[..<cut]).trimmingASCIISpace()
        }
        if body.isEmpty { throw ParseError(message: "empty requirement") }

        if isURL {
            return fromURL(body, name: nil, extras: [], marker: marker)
        }
        var scanner = PEP508Scanner(body)
        if let name = scanner.name() {
            let extras = try scanner.extras()
            scanner.skipSpace()
            if scanner.consume("@") {
                scanner.skipSpace()
                let url = scanner.rest().trimmingASCIISpace()
                if url.isEmpty { throw ParseError(message: "missing URL after @") }
                if urlScheme(of: url) == nil {
                    return PythonRequirement(name: name, extras: extras, specifiers: [], marker: marker,
                                             source: .localPath(url), pin: .localPath)
                }
                return fromURL(url, name: name, extras: extras, marker: marker)
            }
            if !editable, !looksLikePath(body), !isArchive(body) {
                let specifiers = try scanner.specifiers()
                scanner.skipSpace()
                if !scanner.atEnd {
                    throw ParseError(message: "unexpected text \"\(scanner.rest())\" after the requirement")
                }
                let exact = specifiers.first { $0.isExact }
                let pin: RequirementPin = exact.map { .exactVersion($0.version) }
                    ?? (specifiers.isEmpty ? .unversioned : .versionRange)
                return PythonRequirement(name: name, extras: extras, specifiers: specifiers, marker: marker,
                                         source: .index, pin: pin)
            }
        }
        if looksLikePath(body) || isArchive(body) || editable {
            // `./pkg[extra]`: pip strips the extras from a path.
            var path = body
            var extras: [String] = []
            if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
                extras = path[path.index(after: open)..<path.index(before: path.endIndex)]
                    .split(separator: ",").map { normalize($0.trimmingASCIISpace()) }.filter { !$0.isEmpty }
                path = String(path[..<open])
            }
            return PythonRequirement(name: archiveProjectName(path), extras: extras, specifiers: [], marker: marker,
                                     source: .localPath(path), pin: .localPath)
        }
        throw ParseError(message: "not a valid requirement: \(body)")
    }

    /// Where the environment marker starts: at the first `;` (`; ` in a URL); the index of
    /// the `;` and of the marker text after the separator.
    static func markerSplit(_ body: String, isURL: Bool) -> (String.Index, String.Index)? {
        let scalars = body.unicodeScalars
        var index = scalars.startIndex
        while let semicolon = scalars[index...].firstIndex(of: ";") {
            let after = scalars.index(after: semicolon)
            if !isURL { return (semicolon, after) }
            if after < scalars.endIndex, scalars[after] == " " { return (semicolon, scalars.index(after: after)) }
            index = after
        }
        return nil
    }

    // MARK: URLs

    static let archiveExtensions = [".zip", ".whl", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz", ".tar.xz", ".txz",
                                    ".tlz", ".tar.lz", ".tar.lzma"]

    /// The scheme when `text` starts with one pip takes as a URL (pip's `is_url`).
    static func urlScheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        return urlSchemes.contains(scheme) ? scheme : nil
    }

    static let urlSchemes: Set<String> = [
        "http", "https", "file", "ftp",
        "git+http", "git+https", "git+ssh", "git+git", "git+file",
        "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
        "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
        "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
    ]

    /// pip's `_looks_like_path`: holds a `/` or starts with `.`.
    static func looksLikePath(_ text: String) -> Bool {
        text.containsBytes("/") || text.hasPrefix(".")
    }

    static func isArchive(_ text: String) -> Bool {
        let lower = text.lowercased()
        return archiveExtensions.contains { lower.hasSuffix($0) }
    }

    static func fromURL(_ url: String, name: String?, extras: [String], marker: String?) -> PythonRequirement {
        let scheme = urlScheme(of: url) ?? ""
        let vcs = scheme.containsBytes("+") ? String(scheme.prefix { $0 != "+" }) : nil
        var withoutFragment = url
        var fragment: [String: String] = [:]
        if let hash = url.firstIndex(of: "#") {
            withoutFragment = String(url[..<hash])
            for pair in url[url.index(after: hash)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { fragment[String(parts[0]).lowercased()] = String(parts[1]) }
            }
        }
        var resolvedName = name ?? fragment["egg"]
        var pin: RequirementPin
        if scheme == "file" {
            let path = String(withoutFragment.dropFirst("file://".count))
            return PythonRequirement(name: resolvedName ?? archiveProjectName(path), extras: extras, specifiers: [],
                                     marker: marker, source: .localPath(path), pin: .localPath)
        }
        if let vcs {
            pin = .vcsMovingReference
            if let revision = vcsRevision(withoutFragment) {
                let isHex = !revision.isEmpty && revision.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
                let isFullCommit = isHex && (revision.count == 40 || revision.count == 64)
                let isSVNRevision = vcs == "svn" && revision.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
                if (isFullCommit && vcs != "bzr" && vcs != "svn") || isSVNRevision { pin = .vcsCommit(revision) }
            }
        } else {
            let hashNames = ["sha1", "sha224", "sha256", "sha384", "sha512", "md5"]
            let file = lastPathComponent(withoutFragment)
            if hashNames.contains(where: { fragment[$0] != nil }) {
                pin = .urlWithHash
            } else if let stem = archiveStem(file), stem.count == 40 || stem.count == 64,
                      stem.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit })
            {
                pin = .vcsCommit(stem)
            } else if archiveProjectName(file) != nil {
                pin = .versionedArchive
            } else {
                pin = .mutableURL
            }
            if resolvedName == nil { resolvedName = archiveProjectName(file) }
        }
        return PythonRequirement(name: resolvedName, extras: extras, specifiers: [], marker: marker,
                                 source: .url(url, vcs: vcs), pin: pin)
    }

    /// The revision after the last `@` of a VCS URL's path (not of its user part).
    static func vcsRevision(_ url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        guard let pathStart = afterScheme.firstIndex(of: "/") else { return nil }
        let path = afterScheme[pathStart...]
        guard let at = path.lastIndex(of: "@") else { return nil }
        let revision = path[path.index(after: at)...]
        return revision.isEmpty ? nil : String(revision)
    }

    static func lastPathComponent(_ url: String) -> String {
        var text = Substring(url)
        if let query = text.firstIndex(of: "?") { text = text[..<query] }
        return String(text.split(separator: "/").last ?? "")
    }

    /// The file name without its archive extension, when it has one.
    static func archiveStem(_ file: String) -> String? {
        let lower = file.lowercased()
        guard let ext = archiveExtensions.filter({ lower.hasSuffix($0) }).max(by: { $0.count < $1.count }) else { return nil }
        return String(file.dropLast(ext.count))
    }

    /// The project name of an archive whose file name carries a version: a wheel
    /// (`name-version-…whl`) or an sdist (`name-1.2.3.tar.gz`); nil otherwise.
    static func archiveProjectName(_ path: String) -> String? {
        let file = lastPathComponent(path)
        guard let stem = archiveStem(file) else { return nil }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        if file.lowercased().hasSuffix(".whl") {
            return parts.count >= 3 ? String(parts[0]) : nil
        }
        // sdist: the version is the part after the last "-" and starts with a digit.
        guard parts.count >= 2, let version = parts.last, let first = version.unicodeScalars.first,
              first.value >= 0x30, first.value <= 0x39
        else { return nil }
        return parts.dropLast().joined(separator: "-")
    }
}

/// A small cursor over a PEP 508 requirement.
struct PEP508Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { index >= scalars.count }

    mutating func skipSpace() {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    mutating func consume(_ text: String) -> Bool {
        var position = index
        for wanted in text.unicodeScalars {
            guard position < scalars.count, scalars[position] == wanted else { return false }
            position += 1
        }
        index = position
        return true
    }

    func rest() -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[index...])
        return String(out)
    }

    static func isNameChar(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
            || (s.value >= 0x30 && s.value <= 0x39) || s == "-" || s == "_" || s == "."
    }

    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
    }

    /// `[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?`
    mutating func name() -> String? {
        skipSpace()
        let start = index
        guard index < scalars.count, PEP508Scanner.isAlnum(scalars[index]) else { return nil }
        while index < scalars.count, PEP508Scanner.isNameChar(scalars[index]) { index += 1 }
        while index > start + 1, !PEP508Scanner.isAlnum(scalars[index - 1]) { index -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<index])
        return String(out)
    }

    mutating func extras() throws(PythonRequirement.ParseError) -> [String] {
        skipSpace()
        guard consume("[") else { return [] }
        var extras: [String] = []
        while true {
            skipSpace()
            if consume("]") { return extras }
            guard let extra = name() else { throw PythonRequirement.ParseError(message: "bad extras") }
            extras.append(PythonRequirement.normalize(extra))
            skipSpace()
            if consume(",") { continue }
            if consume("]") { return extras }
            throw PythonRequirement.ParseError(message: "bad extras")
        }
    }

    /// Comma-separated `op version`, optionally in parentheses (the old PEP 508 form).
    mutating func specifiers() throws(PythonRequirement.ParseError) -> [VersionSpecifier] {
        skipSpace()
        let parenthesized = consume("(")
        var out: [VersionSpecifier] = []
        while true {
            skipSpace()
            var op: String?
            for candidate in ["===", "~=", "==", "!=", "<=", ">=", "<", ">"] where consume(candidate) {
                op = candidate
                break
            }
            guard let op else {
                if out.isEmpty, !parenthesized { return [] }
                throw PythonRequirement.ParseError(message: "expected a version operator")
            }
            skipSpace()
            let start = index
            while index < scalars.count, !" \t,;)".unicodeScalars.contains(scalars[index]) { index += 1 }
            guard index > start else { throw PythonRequirement.ParseError(message: "missing version after \(op)") }
            var version = String.UnicodeScalarView()
            version.append(contentsOf: scalars[start..<index])
            out.append(VersionSpecifier(op: op, version: String(version)))
            skipSpace()
            if consume(",") { continue }
            break
        }
        if parenthesized, !consume(")") { throw PythonRequirement.ParseError(message: "missing )") }
        return out
    }
}

extension StringProtocol {
    /// Trims ASCII white space (space, tab, CR, LF, VT, FF) from both ends.
    func trimmingASCIISpace() -> String {
        // Steps over the scalar view in place: copying it into an array first made this
        // the largest cost of reading a `pip install` line.
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || (s.value >= 0x09 && s.value <= 0x0D) }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start {
            let before = scalars.index(before: end)
            guard isSpace(scalars[before]) else { break }
            end = before
        }
        if start == scalars.startIndex, end == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
