/// Checks of the value formats a label schema may require (`--require-label L:KIND`).
/// Each scans the text by hand to the grammar of its standard.
public enum ValueFormats {
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }

    // MARK: URL

    /// An absolute URI (RFC 3986 `absolute-URI`, a fragment allowed): a scheme
    /// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), `:`, and a non-empty rest made only
    /// of URI characters, with well-formed `%HH` escapes and at most one `#`.
    public static func isAbsoluteURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isAlpha(bytes[0]) else { return false }
        let schemePunctuation = Set("+-.".utf8)
        guard bytes[1..<colon].allSatisfy({ isAlphanumeric($0) || schemePunctuation.contains($0) }) else { return false }
        let uriPunctuation = Set("-._~:/?#[]@!$&'()*+,;=".utf8)
        var index = colon + 1
        guard index < bytes.count else { return false }
        var hashes = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isAlphanumeric(byte) || uriPunctuation.contains(byte) else { return false }
            if byte == UInt8(ascii: "#") { hashes += 1 }
            index += 1
        }
        return hashes <= 1
    }

    // MARK: RFC 3339

    /// An RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, with a real
    /// calendar day, `T`/`Z` in either case, and second 60 allowed (a leap second).
    public static func isRFC3339DateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count, bytes[index..<(index + width)].allSatisfy(isDigit) else { return nil }
            let value = bytes[index..<(index + width)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            index += width
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            expect("Tt"), let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        if expect("Zz") { return index == bytes.count }
        guard expect("+-"), let offsetHours = number(2), expect(":"), let offsetMinutes = number(2),
            offsetHours <= 23, offsetMinutes <= 59
        else { return false }
        return index == bytes.count
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Git hash

    /// A git commit hash as label schemas want it: 7 (short) or 40 lower-case hex digits.
    public static func isGitHash(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (bytes.count == 7 || bytes.count == 40) && bytes.allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    // MARK: SemVer

    /// A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH`, numbers without leading
    /// zeros, an optional `-pre.release` (numeric parts without leading zeros) and an
    /// optional `+build.metadata`. No `v` prefix.
    public static func isSemanticVersion(_ text: String) -> Bool {
        var core = Substring(text)
        var build: Substring?
        if let plus = core.firstIndex(of: "+") {
            build = core[core.index(after: plus)...]
            core = core[..<plus]
        }
        var prerelease: Substring?
        if let dash = core.firstIndex(of: "-") {
            prerelease = core[core.index(after: dash)...]
            core = core[..<dash]
        }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy(isNumericIdentifier) else { return false }
        func identifiers(_ text: Substring, numericRule: Bool) -> Bool {
            text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                guard !part.isEmpty, part.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else { return false }
                // A numeric pre-release identifier has no leading zero.
                return !numericRule || !part.utf8.allSatisfy(isDigit) || isNumericIdentifier(part)
            }
        }
        if let prerelease, !identifiers(prerelease, numericRule: true) { return false }
        if let build, !identifiers(build, numericRule: false) { return false }
        return true
    }

    static func isNumericIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isDigit) && (text == "0" || text.first != "0")
    }

    // MARK: E-mail

    /// An RFC 5322 `addr-spec`: `local@domain`, where the local part is a dot-atom or a
    /// quoted string and the domain a dot-atom or a `[literal]`. No display name, no
    /// comments.
    public static func isEmailAddress(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        let localIsValid: Bool
        if local.first == UInt8(ascii: "\""), local.count >= 2, local.last == UInt8(ascii: "\"") {
            localIsValid = isQuotedStringBody(local.dropFirst().dropLast())
        } else {
            localIsValid = isDotAtom(local)
        }
        guard localIsValid else { return false }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]"), domain.count >= 2 {
            // dtext: printable ASCII except `[`, `]` and `\`.
            return domain.dropFirst().dropLast().allSatisfy { $0 >= 33 && $0 <= 126 && $0 != 0x5B && $0 != 0x5D && $0 != 0x5C }
        }
        return isDotAtom(domain)
    }

    /// `atext` characters: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static let atextPunctuation = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    static func isDotAtom(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        return bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isAlphanumeric($0) || atextPunctuation.contains($0) }
        }
    }

    /// Inside `"…"`: printable ASCII and spaces, with `"` and `\` only escaped by `\`.
    static func isQuotedStringBody(_ bytes: ArraySlice<UInt8>) -> Bool {
        var escaped = false
        for byte in bytes {
            if escaped {
                guard byte >= 32 && byte <= 126 else { return false }
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x22 || byte < 32 || byte > 126 {
                return false
            }
        }
        return !escaped
    }

    // MARK: SPDX

    /// An SPDX license expression (SPDX 2.3 annex D): license ids (optionally with `+`),
    /// `LicenseRef-…`/`DocumentRef-…:LicenseRef-…`, joined by `AND`/`OR`, `WITH` an
    /// exception id, in parentheses. Each id must be well-formed (`[A-Za-z0-9.-]+`, starting
    /// with a letter or digit); the ids themselves are not looked up in the SPDX list.
    public static func isSPDXExpression(_ text: String) -> Bool {
        var tokens: [Substring] = []
        var current: Substring.Index?
        let scalars = Substring(text)
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let character = scalars[index]
            if character == " " || character == "(" || character == ")" {
                if let start = current { tokens.append(scalars[start..<index]); current = nil }
                if character != " " { tokens.append(scalars[index...index]) }
            } else if current == nil {
                current = index
            }
            index = scalars.index(after: index)
        }
        if let start = current { tokens.append(scalars[start...]) }
        var parser = SPDXParser(tokens: tokens)
        return parser.parseExpression() && parser.position == tokens.count
    }

    struct SPDXParser {
        var tokens: [Substring]
        var position = 0

        var peek: Substring? { position < tokens.count ? tokens[position] : nil }

        static func isOperator(_ token: Substring, _ name: String) -> Bool {
            token == name || token == name.lowercased()
        }

        /// expression := term (("AND" | "OR") term)*
        mutating func parseExpression() -> Bool {
            guard parseTerm() else { return false }
            while let token = peek, Self.isOperator(token, "AND") || Self.isOperator(token, "OR") {
                position += 1
                guard parseTerm() else { return false }
            }
            return true
        }

        /// term := "(" expression ")" | license ["WITH" exception]
        mutating func parseTerm() -> Bool {
            guard let token = peek else { return false }
            if token == "(" {
                position += 1
                guard parseExpression(), peek == ")" else { return false }
                position += 1
                return true
            }
            guard Self.isLicense(token) else { return false }
            position += 1
            if let next = peek, Self.isOperator(next, "WITH") {
                position += 1
                guard let exception = peek, Self.isIdString(exception) else { return false }
                position += 1
            }
            return true
        }

        static func isReserved(_ token: Substring) -> Bool {
            ["AND", "OR", "WITH"].contains { isOperator(token, $0) }
        }

        static func isLicense(_ token: Substring) -> Bool {
            if isReserved(token) { return false }
            if token.hasPrefix("DocumentRef-") {
                guard let colon = token.firstIndex(of: ":") else { return false }
                let document = token[token.index(token.startIndex, offsetBy: "DocumentRef-".count)..<colon]
                let license = token[token.index(after: colon)...]
                return isIdString(document) && license.hasPrefix("LicenseRef-") && isIdString(license.dropFirst("LicenseRef-".count))
            }
            if token.hasPrefix("LicenseRef-") { return isIdString(token.dropFirst("LicenseRef-".count)) }
            let id = token.hasSuffix("+") ? token.dropLast() : token
            return isIdString(id) && ValueFormats.isAlphanumeric(id.utf8.first ?? 0)
        }

        /// `idstring = 1*(ALPHA / DIGIT / "-" / ".")`
        static func isIdString(_ text: Substring) -> Bool {
            !text.isEmpty && text.utf8.allSatisfy { ValueFormats.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        }
    }
}
