/// A TOML value. Numbers and dates are kept as their text: dockaudit only needs to
/// know they are there.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(String)
    case float(String)
    case boolean(Bool)
    /// Offset or local date-time, local date or local time, as written.
    case datetime(String)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var array: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var table: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    public var boolean: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The strings of an array of strings (other items are skipped).
    public var strings: [String]? { array?.compactMap(\.string) }
}

/// A TOML table: keys in the order they were first defined.
public struct TOMLTable: Sendable, Equatable {
    public var keys: [String]
    public var values: [String: TOMLValue]

    public init(keys: [String] = [], values: [String: TOMLValue] = [:]) {
        self.keys = keys
        self.values = values
    }

    public subscript(key: String) -> TOMLValue? { values[key] }

    /// The value at a dotted path of keys (`["tool", "poetry", "dependencies"]`).
    public func value(at path: [String]) -> TOMLValue? {
        guard let first = path.first else { return .table(self) }
        guard let value = values[first] else { return nil }
        if path.count == 1 { return value }
        return value.table?.value(at: Array(path.dropFirst()))
    }

    public func table(at path: [String]) -> TOMLTable? { value(at: path)?.table }
}

/// Why a TOML document could not be read, and on which line (1-based).
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

/// A TOML 1.0 reader, enough for real `pyproject.toml` files: tables, dotted keys,
/// arrays of tables, inline tables, arrays (multi-line, trailing commas), the four kinds
/// of strings with their escapes, numbers, booleans and dates. Redefining a table or a
/// key is an error, as the specification says. Strictly 1.0 (no TOML 1.1 newlines in
/// inline tables, no `\e` or `\x` escapes), as Python's `tomllib`, so that dockaudit
/// reads a file exactly when Python tools can.
public enum TOML {
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }
}

private final class TableNode {
    enum Origin { case implicit, header, dotted, inline, arrayElement }
    var origin: Origin
    var keys: [String] = []
    var entries: [String: Entry] = [:]

    enum Entry {
        case value(TOMLValue)
        case table(TableNode)
        /// Created by `[[…]]` headers (a static array is a `.value`).
        case tableArray([TableNode])
    }

    init(_ origin: Origin) { self.origin = origin }

    func set(_ key: String, _ entry: Entry) {
        if entries[key] == nil { keys.append(key) }
        entries[key] = entry
    }

    func freeze() -> TOMLTable {
        var values: [String: TOMLValue] = [:]
        for key in keys {
            switch entries[key]! {
            case .value(let value): values[key] = value
            case .table(let node): values[key] = .table(node.freeze())
            case .tableArray(let nodes): values[key] = .array(nodes.map { .table($0.freeze()) })
            }
        }
        return TOMLTable(keys: keys, values: values)
    }
}

private struct TOMLParser {
    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    func error(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    mutating func skipBlanks() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    mutating func skipComment() throws(TOMLError) {
        guard peek == UInt8(ascii: "#") else { return }
        while let byte = peek, byte != 0x0A {
            if byte == 0x0D, peek(1) == 0x0A { break }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw error("control character in a comment") }
            index += 1
        }
    }

    /// Consumes a newline (LF or CRLF); false when there is none here.
    mutating func consumeNewline() -> Bool {
        if peek == 0x0A {
            index += 1
            line += 1
            return true
        }
        if peek == 0x0D, peek(1) == 0x0A {
            index += 2
            line += 1
            return true
        }
        return false
    }

    /// After a key/value pair or a header: blanks, maybe a comment, then the end of the line.
    mutating func expectEndOfLine() throws(TOMLError) {
        skipBlanks()
        try skipComment()
        if atEnd { return }
        if !consumeNewline() { throw error("expected the end of the line, found \(describe(peek))") }
    }

    func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    // MARK: Document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        // tomllib (and so pip and build front-ends) rejects a byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw error("the file starts with a byte-order mark, which TOML readers reject") }
        let root = TableNode(.header)
        var current = root
        while true {
            skipBlanks()
            guard let byte = peek else { break }
            if byte == UInt8(ascii: "#") {
                try skipComment()
                continue
            }
            if consumeNewline() { continue }
            if byte == 0x0D { throw error("carriage return without line feed") }
            if byte == UInt8(ascii: "[") {
                if peek(1) == UInt8(ascii: "[") {
                    index += 2
                    skipBlanks()
                    let path = try parseKey()
                    skipBlanks()
                    guard peek == UInt8(ascii: "]"), peek(1) == UInt8(ascii: "]") else { throw error("expected ]] after the table name") }
                    index += 2
                    current = try openArrayTable(root, path)
                } else {
                    index += 1
                    skipBlanks()
                    let path = try parseKey()
                    skipBlanks()
                    guard peek == UInt8(ascii: "]") else { throw error("expected ] after the table name") }
                    index += 1
                    current = try openTable(root, path)
                }
                try expectEndOfLine()
                continue
            }
            try parseKeyValue(into: current)
            try expectEndOfLine()
        }
        return root.freeze()
    }

    func dotted(_ path: [String]) -> String { path.joined(separator: ".") }

    /// Walks the header path's parents, creating implicit tables.
    func walkParents(_ root: TableNode, _ path: [String]) throws(TOMLError) -> TableNode {
        var node = root
        for (depth, key) in path.dropLast().enumerated() {
            switch node.entries[key] {
            case nil:
                let child = TableNode(.implicit)
                node.set(key, .table(child))
                node = child
            case .table(let child):
                if child.origin == .inline { throw error("cannot extend inline table \(dotted(Array(path[...depth])))") }
                node = child
            case .tableArray(let elements):
                node = elements[elements.count - 1]
            case .value:
                throw error("\(dotted(Array(path[...depth]))) is already a value, not a table")
            }
        }
        return node
    }

    func openTable(_ root: TableNode, _ path: [String]) throws(TOMLError) -> TableNode {
        let parent = try walkParents(root, path)
        let key = path[path.count - 1]
        switch parent.entries[key] {
        case nil:
            let node = TableNode(.header)
            parent.set(key, .table(node))
            return node
        case .table(let node):
            guard node.origin == .implicit else { throw error("table [\(dotted(path))] is defined twice") }
            node.origin = .header
            return node
        case .tableArray:
            throw error("[\(dotted(path))] is an array of tables")
        case .value:
            throw error("\(dotted(path)) is already a value, not a table")
        }
    }

    func openArrayTable(_ root: TableNode, _ path: [String]) throws(TOMLError) -> TableNode {
        let parent = try walkParents(root, path)
        let key = path[path.count - 1]
        let element = TableNode(.arrayElement)
        switch parent.entries[key] {
        case nil:
            parent.set(key, .tableArray([element]))
        case .tableArray(let elements):
            parent.set(key, .tableArray(elements + [element]))
        case .table:
            throw error("[[\(dotted(path))]] is already a table")
        case .value:
            throw error("\(dotted(path)) is already a value (a static array cannot be extended)")
        }
        return element
    }

    mutating func parseKeyValue(into table: TableNode) throws(TOMLError) {
        let keyLine = line
        func fail(_ message: String) -> TOMLError { TOMLError(line: keyLine, message: message) }
        let path = try parseKey()
        skipBlanks()
        guard peek == UInt8(ascii: "=") else { throw error("expected = after the key \(dotted(path)), found \(describe(peek))") }
        index += 1
        skipBlanks()
        let value = try parseValue()
        var node = table
        for (depth, key) in path.dropLast().enumerated() {
            switch node.entries[key] {
            case nil:
                let child = TableNode(.dotted)
                node.set(key, .table(child))
                node = child
            case .table(let child):
                guard child.origin == .dotted || child.origin == .implicit else {
                    throw fail("cannot add keys to table \(dotted(Array(path[...depth]))) with a dotted key")
                }
                child.origin = .dotted
                node = child
            default:
                throw fail("\(dotted(Array(path[...depth]))) is already a value, not a table")
            }
        }
        let key = path[path.count - 1]
        if node.entries[key] != nil { throw fail("key \(dotted(path)) is defined twice") }
        switch value {
        case .inline(let inline): node.set(key, .table(inline))
        case .plain(let plain): node.set(key, .value(plain))
        }
    }

    // MARK: Keys

    mutating func parseKey() throws(TOMLError) -> [String] {
        var parts = [try parseSimpleKey()]
        while true {
            let save = index
            skipBlanks()
            if peek == UInt8(ascii: ".") {
                index += 1
                skipBlanks()
                parts.append(try parseSimpleKey())
            } else {
                index = save
                return parts
            }
        }
    }

    mutating func parseSimpleKey() throws(TOMLError) -> String {
        guard let byte = peek else { throw error("expected a key, found the end of the file") }
        if byte == UInt8(ascii: "\"") {
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { throw error("a key cannot be a multi-line string") }
            return try parseBasicString()
        }
        if byte == UInt8(ascii: "'") {
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { throw error("a key cannot be a multi-line string") }
            return try parseLiteralString()
        }
        let start = index
        while let byte = peek, isBareKeyByte(byte) { index += 1 }
        guard index > start else { throw error("expected a key, found \(describe(peek))") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: Values

    enum Parsed {
        case plain(TOMLValue)
        case inline(TableNode)

        var frozen: TOMLValue {
            switch self {
            case .plain(let value): return value
            case .inline(let node): return .table(node.freeze())
            }
        }
    }

    mutating func parseValue() throws(TOMLError) -> Parsed {
        guard let byte = peek else { throw error("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { return .plain(.string(try parseMultilineString(literal: false))) }
            return .plain(.string(try parseBasicString()))
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { return .plain(.string(try parseMultilineString(literal: true))) }
            return .plain(.string(try parseLiteralString()))
        case UInt8(ascii: "["):
            return .plain(try parseArray())
        case UInt8(ascii: "{"):
            return .inline(try parseInlineTable())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if matchWord("true") { return .plain(.boolean(true)) }
            if matchWord("false") { return .plain(.boolean(false)) }
            return .plain(try parseScalarToken())
        default:
            return .plain(try parseScalarToken())
        }
    }

    mutating func matchWord(_ word: String) -> Bool {
        let wordBytes = Array(word.utf8)
        guard bytes.count - index >= wordBytes.count, Array(bytes[index..<(index + wordBytes.count)]) == wordBytes else { return false }
        if let next = peek(wordBytes.count), isBareKeyByte(next) { return false }
        index += wordBytes.count
        return true
    }

    /// Numbers, `inf`/`nan` and dates.
    mutating func parseScalarToken() throws(TOMLError) -> TOMLValue {
        let start = index
        func isTokenByte(_ byte: UInt8) -> Bool {
            isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }
        while let byte = peek, isTokenByte(byte) { index += 1 }
        // A date and a time may be separated by one space: `1979-05-27 07:32:00`.
        if peek == 0x20, index - start == 10, let digit = peek(1), digit >= 0x30, digit <= 0x39,
           bytes[start + 4] == UInt8(ascii: "-")
        {
            index += 1
            while let byte = peek, isTokenByte(byte) { index += 1 }
        }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !token.isEmpty else { throw error("expected a value, found \(describe(peek))") }
        if let value = classify(token) { return value }
        throw error("invalid value \(token)")
    }

    func classify(_ token: String) -> TOMLValue? {
        let scalars = Array(token.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        // Dates and times: 1979-05-27, 07:32:00, 1979-05-27T07:32:00Z, …
        if scalars.count >= 10, scalars[0...3].allSatisfy(isDigit), scalars[4] == "-", isDigit(scalars[5]), isDigit(scalars[6]),
           scalars[7] == "-", isDigit(scalars[8]), isDigit(scalars[9])
        {
            return .datetime(token)
        }
        if scalars.count >= 5, isDigit(scalars[0]), isDigit(scalars[1]), scalars[2] == ":" { return .datetime(token) }
        var body = scalars[...]
        if let sign = body.first, sign == "+" || sign == "-" { body = body.dropFirst() }
        let bodyText = String(String.UnicodeScalarView(body))
        if bodyText == "inf" || bodyText == "nan" { return .float(token) }
        if body.count > 2, body.first == "0", let radix = body.dropFirst().first, "xob".unicodeScalars.contains(radix) {
            guard scalars.first != "+", scalars.first != "-" else { return nil }
            let digits = body.dropFirst(2)
            let valid: (Unicode.Scalar) -> Bool = {
                switch radix {
                case "x": return $0.properties.isASCIIHexDigit || $0 == "_"
                case "o": return ($0.value >= 0x30 && $0.value <= 0x37) || $0 == "_"
                default: return $0 == "0" || $0 == "1" || $0 == "_"
                }
            }
            return digits.allSatisfy(valid) && digits.first != "_" && digits.last != "_" ? .integer(token) : nil
        }
        guard let first = body.first, isDigit(first) else { return nil }
        var sawDot = false, sawExponent = false
        var previous: Unicode.Scalar = "+"
        for scalar in body {
            switch scalar {
            case "0"..."9":
                break
            case "_":
                guard isDigit(previous) else { return nil }
            case ".":
                guard isDigit(previous), !sawDot, !sawExponent else { return nil }
                sawDot = true
            case "e", "E":
                guard isDigit(previous), !sawExponent else { return nil }
                sawExponent = true
            case "+", "-":
                guard previous == "e" || previous == "E" else { return nil }
            default:
                return nil
            }
            previous = scalar
        }
        guard isDigit(previous) else { return nil }
        // Leading zeros are not allowed in decimal integers (nor in a float's integer part).
        let integerPart = body.prefix { isDigit($0) || $0 == "_" }
        if integerPart.count > 1, integerPart.first == "0" { return nil }
        return sawDot || sawExponent ? .float(token) : .integer(token)
    }

    /// Skips blanks, newlines and comments between the items of an array.
    mutating func skipArraySpace() throws(TOMLError) {
        while true {
            skipBlanks()
            if peek == UInt8(ascii: "#") {
                try skipComment()
                continue
            }
            if consumeNewline() { continue }
            return
        }
    }

    mutating func parseArray() throws(TOMLError) -> TOMLValue {
        let openLine = line
        index += 1  // [
        var items: [TOMLValue] = []
        while true {
            try skipArraySpace()
            guard let byte = peek else { throw TOMLError(line: openLine, message: "array is not closed") }
            if byte == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            items.append(try parseValue().frozen)
            try skipArraySpace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if peek == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            if atEnd { throw TOMLError(line: openLine, message: "array is not closed") }
            throw error("expected , or ] in an array, found \(describe(peek))")
        }
    }

    /// TOML 1.0: on one line, no trailing comma (Python's `tomllib` rejects both, so
    /// Python tools would not read such a file either).
    mutating func parseInlineTable() throws(TOMLError) -> TableNode {
        index += 1  // {
        let node = TableNode(.dotted)
        skipBlanks()
        if peek == UInt8(ascii: "}") {
            index += 1
            markInline(node)
            return node
        }
        while true {
            skipBlanks()
            try parseKeyValue(into: node)
            skipBlanks()
            if peek == UInt8(ascii: ",") {
                index += 1
                skipBlanks()
                if peek == UInt8(ascii: "}") { throw error("an inline table cannot end with a comma") }
                continue
            }
            if peek == UInt8(ascii: "}") {
                index += 1
                break
            }
            if peek == 0x0A || peek == 0x0D || peek == UInt8(ascii: "#") {
                throw error("an inline table must be on one line")
            }
            throw error("expected , or } in an inline table, found \(describe(peek))")
        }
        markInline(node)
        return node
    }

    /// Inline tables (and the tables their dotted keys made) cannot be extended later.
    func markInline(_ node: TableNode) {
        node.origin = .inline
        for key in node.keys {
            if case .table(let child) = node.entries[key]! { markInline(child) }
        }
    }

    // MARK: Strings

    mutating func parseLiteralString() throws(TOMLError) -> String {
        index += 1  // '
        let start = index
        while let byte = peek, byte != UInt8(ascii: "'") {
            if byte == 0x0A || byte == 0x0D { throw error("literal string is not closed on its line") }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw error("control character in a string") }
            index += 1
        }
        guard peek == UInt8(ascii: "'") else { throw error("literal string is not closed") }
        let value = try decodeUTF8(start..<index)
        index += 1
        return value
    }

    mutating func parseBasicString() throws(TOMLError) -> String {
        index += 1  // "
        var out: [UInt8] = []
        while true {
            guard let byte = peek else { throw error("string is not closed") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if byte == 0x0A || byte == 0x0D { throw error("string is not closed on its line") }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &out)
                continue
            }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw error("control character in a string") }
            out.append(byte)
            index += 1
        }
        return try decodeUTF8(out)
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        index += 1  // backslash
        guard let letter = peek else { throw error("string is not closed") }
        index += 1
        func appendScalar(_ value: UInt32) throws(TOMLError) {
            guard let scalar = Unicode.Scalar(value) else { throw error("\\u escape is not a Unicode scalar value") }
            UTF8Text.append(scalar, to: &out)
        }
        switch letter {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = letter == UInt8(ascii: "u") ? 4 : 8
            guard index + count <= bytes.count else { throw error("incomplete escape") }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + count)] {
                guard let digit = hexDigit(byte) else { throw error("invalid escape: expected \(count) hexadecimal digits") }
                value = value * 16 + digit
            }
            index += count
            try appendScalar(value)
        default:
            throw error("invalid escape \\\(Character(Unicode.Scalar(letter)))")
        }
    }

    func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    mutating func parseMultilineString(literal: Bool) throws(TOMLError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        let openLine = line
        index += 3
        // A newline right after the opening quotes is dropped.
        _ = consumeNewline()
        var out: [UInt8] = []
        while true {
            guard let byte = peek else { throw TOMLError(line: openLine, message: "multi-line string is not closed") }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                // Up to two more quotes belong to the content: `""""` ends with one `"`.
                var run = 3
                while run < 5, peek(run) == quote { run += 1 }
                out.append(contentsOf: repeatElement(quote, count: run - 3))
                index += run
                return try decodeUTF8(out)
            }
            if byte == 0x0A || (byte == 0x0D && peek(1) == 0x0A) {
                if byte == 0x0D { out.append(0x0D) }
                out.append(0x0A)
                _ = consumeNewline()
                continue
            }
            if !literal, byte == UInt8(ascii: "\\") {
                // A backslash at the end of a line trims the newline and the white space after it.
                var probe = index + 1
                while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe < bytes.count, bytes[probe] == 0x0A || (bytes[probe] == 0x0D && probe + 1 < bytes.count && bytes[probe + 1] == 0x0A) {
                    index = probe
                    while true {
                        if consumeNewline() { continue }
                        if let next = peek, next == 0x20 || next == 0x09 {
                            index += 1
                            continue
                        }
                        break
                    }
                    continue
                }
                try parseEscape(into: &out)
                continue
            }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw error("control character in a string") }
            out.append(byte)
            index += 1
        }
    }

    func decodeUTF8(_ range: Range<Int>) throws(TOMLError) -> String {
        try decodeUTF8(Array(bytes[range]))
    }

    func decodeUTF8(_ data: [UInt8]) throws(TOMLError) -> String {
        guard let text = String(validating: data, as: UTF8.self) else { throw error("string is not valid UTF-8") }
        return text
    }
}
