/// How BuildKit expands the words of a FROM line (image and `--platform`): with the
/// global ARGs and the automatic platform arguments only. Used by the FROM rules.
public struct FromLookup: VariableLookup {
    public var globals: VariableScope
    /// Values for the automatic arguments, whose real values depend on the build.
    public var automatic: (String) -> String?
    /// Value for a global ARG declared without a default (nil: unset, as without build args).
    public var declaredWithoutValue: String?

    public init(globals: VariableScope, automatic: @escaping (String) -> String? = FromLookup.placeholder, declaredWithoutValue: String? = nil) {
        self.globals = globals
        self.automatic = automatic
        self.declaredWithoutValue = declaredWithoutValue
    }

    public func value(of name: String) -> String? {
        if let variable = globals[name] {
            if let value = variable.value { return value }
            if VariableScope.automaticArgs.contains(name) { return automatic(name) }
            return declaredWithoutValue
        }
        if VariableScope.automaticArgs.contains(name) { return automatic(name) }
        return nil
    }

    /// True for a name a FROM line may use: a global ARG or an automatic argument.
    public func isDeclared(_ name: String) -> Bool {
        globals[name] != nil || VariableScope.automaticArgs.contains(name)
    }

    /// Plausible values for the automatic arguments.
    public static func placeholder(_ name: String) -> String? {
        if name.hasSuffix("PLATFORM") { return "linux/amd64" }
        if name.hasSuffix("OS") { return "linux" }
        if name.hasSuffix("ARCH") { return "amd64" }
        if name == "TARGETSTAGE" { return "stage" }
        return ""
    }

    /// BuildKit's expansion (unset names become empty).
    public static func expand(_ text: String, with lookup: FromLookup, escapeToken: UInt8) -> Expansion? {
        let lexer = ShellLexer(escapeToken: Unicode.Scalar(escapeToken))
        return try? lexer.processWord(text, environment: lookup)
    }

    /// The span of `$name` / `${name…}` inside `range` of `source`, or nil.
    public static func rangeOfVariable(_ name: String, in range: SourceRange, source: SourceFile) -> SourceRange? {
        let bytes = Array(source.text(range.bytes).utf8)
        let nameBytes = Array(name.utf8)
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
        }
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "$") else { continue }
            var start = index + 1
            let braced = start < bytes.count && bytes[start] == UInt8(ascii: "{")
            if braced { start += 1 }
            let end = start + nameBytes.count
            guard end <= bytes.count, Array(bytes[start..<end]) == nameBytes else { continue }
            if braced {
                let close = end < bytes.count && bytes[end] == UInt8(ascii: "}") ? end + 1 : end
                return source.range((range.start.offset + index)..<(range.start.offset + close))
            }
            guard end == bytes.count || !isNameByte(bytes[end]) else { continue }
            return source.range((range.start.offset + index)..<(range.start.offset + end))
        }
        return nil
    }

    /// The closest of `candidates` to `name` (BuildKit suggests one for a typo), if close.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates.sorted() where candidate != name {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best, distance <= 2, distance < name.count else { return nil }
        return candidate
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A `--platform` value as containerd's `platforms.Parse` reads it: `os[/arch[/variant]]`,
/// or a lone OS or architecture.
public struct PlatformSpecifier: Sendable, Hashable {
    public var os: String
    public var architecture: String

    static let knownOS: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd",
        "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    ]
    static let knownArch: Set<String> = [
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le",
        "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64",
        "wasm", "i386", "x86_64", "x86-64", "aarch64", "armhf", "armel",
    ]

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { String($0) }
        guard (1...3).contains(parts.count) else { return nil }
        for part in parts {
            guard !part.isEmpty, part.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-") })
            else { return nil }
        }
        let first = parts[0].lowercased()
        if parts.count == 1 {
            if Self.knownOS.contains(first) {
                os = first
                architecture = "amd64"
            } else if Self.knownArch.contains(first) {
                os = "linux"
                architecture = Self.normalizeArch(first)
            } else {
                return nil
            }
        } else {
            os = first
            architecture = Self.normalizeArch(parts[1].lowercased())
        }
    }

    static func normalizeArch(_ arch: String) -> String {
        switch arch {
        case "i386": return "386"
        case "x86_64", "x86-64": return "amd64"
        case "aarch64": return "arm64"
        case "armhf", "armel": return "arm"
        default: return arch
        }
    }
}

/// Docker's reference grammar as `reference.ParseNormalizedNamed` applies it.
public enum ReferenceGrammar {
    /// nil when `text` is a valid image reference, else why not.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.utf8.count == 64, text.utf8.allSatisfy({ isHex($0) }) { return "a 64-digit hex string is an image ID, not a name" }
        // splitDockerDomain
        var domain = "docker.io"
        var remainder = Substring(text)
        if let slash = text.firstIndex(of: "/") {
            let first = text[..<slash]
            if first.containsBytes(".") || first.containsBytes(":") || first == "localhost" || first.lowercased() != first {
                domain = String(first)
                remainder = text[text.index(after: slash)...]
            }
        }
        let remoteName = remainder.firstIndex(of: ":").map { remainder[..<$0] } ?? remainder
        if remoteName.lowercased() != remoteName { return "the repository name must be lower-case" }
        return referenceProblem(domain + "/" + remainder)
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    static func isLowerAlnum(_ c: Character) -> Bool { c.isASCII && (c.isNumber || (c.isLetter && c.isLowercase)) }
    static func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c.isLetter) }

    static func referenceProblem(_ text: String) -> String? {
        var name = Substring(text)
        var digest: Substring?
        if let at = name.firstIndex(of: "@") {
            digest = name[name.index(after: at)...]
            name = name[..<at]
        }
        var tag: Substring?
        if let colon = name.lastIndex(of: ":"), !name[colon...].containsBytes("/") {
            tag = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        if let digest, !isDigest(digest) { return "'\(digest)' is not a valid digest" }
        if let tag, !isTag(tag) { return tag.isEmpty ? "the tag is empty" : "'\(tag)' is not a valid tag" }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        let domain = components.removeFirst()
        if !isDomain(domain) { return "'\(domain)' is not a valid registry" }
        if components.isEmpty { return "the repository name is empty" }
        for component in components where !isPathComponent(component) {
            return component.isEmpty ? "the repository name has an empty part" : "'\(component)' is not a valid repository name part"
        }
        if name.utf8.count > 255 { return "the name is longer than 255 characters" }
        return nil
    }

    static func isPathComponent(_ text: Substring) -> Bool {
        // [a-z0-9]+ ((?:[._]|__|[-]+) [a-z0-9]+)*
        let chars = Array(text)
        guard let first = chars.first, let last = chars.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        var index = 0
        while index < chars.count {
            if isLowerAlnum(chars[index]) { index += 1; continue }
            var end = index
            while end < chars.count, !isLowerAlnum(chars[end]) { end += 1 }
            let separator = String(chars[index..<end])
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" }) else { return false }
            index = end
        }
        return true
    }

    static func isTag(_ text: Substring) -> Bool {
        guard let first = text.first, text.count <= 128 else { return false }
        let word: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return word(first) && text.allSatisfy { word($0) || $0 == "." || $0 == "-" }
    }

    static func isDigest(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let algorithm = text[..<colon], hex = text[text.index(after: colon)...]
        guard let first = algorithm.first, first.isASCII, first.isLetter else { return false }
        guard algorithm.allSatisfy({ isAlnum($0) || "-_+.".contains($0) }) else { return false }
        return hex.utf8.count >= 32 && hex.utf8.allSatisfy { isHex($0) }
    }

    static func isDomain(_ text: Substring) -> Bool {
        var host = text
        if let colon = text.lastIndex(of: ":"), !text[colon...].containsBytes("]") {
            let port = text[text.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = text[..<colon]
        }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return false }
            return host.dropFirst().dropLast().allSatisfy { $0 == ":" || ($0.isASCII && $0.isHexDigit) }
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, isAlnum(first), isAlnum(last) else { return false }
            return label.allSatisfy { isAlnum($0) || $0 == "-" }
        }
    }
}
