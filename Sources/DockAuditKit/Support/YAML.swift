/// A reader for the small part of YAML that configuration files use: block mappings and
/// sequences, flow sequences (`[a, b]`), plain, single- and double-quoted scalars, and
/// comments. Anything beyond that (anchors, tags, block scalars, multi-line flow
/// collections) is an error with its line, never a silent misreading: a config file that
/// is read wrong is worse than one that is refused.
public struct YAMLNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// A scalar as written, unquoted; `quoted` keeps `"true"` apart from `true`.
        case scalar(String, quoted: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
        /// A key with nothing after it (`ignore:`), or an empty document.
        case null
    }

    public var value: Value
    /// 1-based line the node starts on.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// The entry for `key` of a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }
}

public struct YAMLEntry: Sendable, Equatable {
    public var key: String
    public var line: Int
    public var value: YAMLNode
}

public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

public enum YAMLReader {
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        var lines: [SourceLine] = []
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        let rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (offset, raw) in rawLines.enumerated() {
            let number = offset + 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let content = try stripComment(line, line: number)
            let trimmed = content.trimmingTrailingBlanks()
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if trimmed == "---" || trimmed == "..." {
                if !lines.isEmpty { throw YAMLError(line: number, message: "only one document is supported") }
                continue
            }
            let indent = trimmed.prefix(while: { $0 == " " }).count
            if trimmed.dropFirst(indent).first == "\t" {
                throw YAMLError(line: number, message: "tabs cannot indent YAML; use spaces")
            }
            lines.append(SourceLine(number: number, indent: indent, text: String(trimmed.dropFirst(indent))))
        }
        var parser = BlockParser(lines: lines)
        guard let first = parser.lines.first else { return YAMLNode(.null, line: 1) }
        let node = try parser.parseBlock(indent: first.indent)
        if parser.position < parser.lines.count {
            let extra = parser.lines[parser.position]
            throw YAMLError(line: extra.number, message: "unexpected indentation")
        }
        return node
    }

    /// The line without its comment: a `#` at the start or after a blank, outside quotes.
    static func stripComment(_ line: Substring, line number: Int) throws(YAMLError) -> Substring {
        var quote: Character?
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open {
                    // '' inside single quotes is an escaped quote, not the end.
                    let next = line.index(after: index)
                    if open == "'", next < line.endIndex, line[next] == "'" {
                        index = line.index(after: next)
                        previous = "'"
                        continue
                    }
                    quote = nil
                } else if open == "\"", character == "\\" {
                    index = line.index(after: index)
                    if index < line.endIndex { index = line.index(after: index) }
                    previous = "x"
                    continue
                }
            } else if character == "#", previous == " " || previous == "\t" {
                return line[..<index]
            } else if (character == "\"" || character == "'") && startsScalar(line, at: index) {
                quote = character
            }
            previous = character
            index = line.index(after: index)
        }
        return line
    }

    /// A quote opens a quoted scalar only where a scalar can start: after a blank, `:`,
    /// `-`, `[`, `,` or at the start of the line (so `it's` stays plain text).
    static func startsScalar(_ line: Substring, at index: Substring.Index) -> Bool {
        guard index > line.startIndex else { return true }
        let before = line[line.index(before: index)]
        return before == " " || before == "\t" || before == "[" || before == ","
    }
}

struct SourceLine {
    var number: Int
    var indent: Int
    var text: String
}

struct BlockParser {
    var lines: [SourceLine]
    var position = 0

    /// The node whose lines start at the current position, all indented by `indent`.
    mutating func parseBlock(indent: Int) throws(YAMLError) -> YAMLNode {
        let line = lines[position]
        if isSequenceItem(line.text) { return try parseSequence(indent: indent) }
        if try splitKey(line) != nil { return try parseMapping(indent: indent) }
        position += 1
        if position < lines.count, lines[position].indent > indent {
            throw YAMLError(line: lines[position].number, message: "a scalar cannot span lines here; quote it on one line")
        }
        return try FlowParser.value(line.text, line: line.number)
    }

    func isSequenceItem(_ text: String) -> Bool { text == "-" || text.hasPrefix("- ") }

    mutating func parseSequence(indent: Int) throws(YAMLError) -> YAMLNode {
        let start = lines[position].number
        var items: [YAMLNode] = []
        while position < lines.count, lines[position].indent == indent, isSequenceItem(lines[position].text) {
            let line = lines[position]
            let rest = line.text.dropFirst(1).drop(while: { $0 == " " })
            if rest.isEmpty {
                position += 1
                if position < lines.count, lines[position].indent > indent {
                    items.append(try parseBlock(indent: lines[position].indent))
                } else {
                    items.append(YAMLNode(.null, line: line.number))
                }
                continue
            }
            // `- key: value` opens a mapping whose keys line up with `key`.
            let contentIndent = indent + (line.text.count - rest.count)
            lines[position] = SourceLine(number: line.number, indent: contentIndent, text: String(rest))
            items.append(try parseBlock(indent: contentIndent))
        }
        if position < lines.count, lines[position].indent > indent {
            throw YAMLError(line: lines[position].number, message: "unexpected indentation in a list")
        }
        return YAMLNode(.sequence(items), line: start)
    }

    mutating func parseMapping(indent: Int) throws(YAMLError) -> YAMLNode {
        let start = lines[position].number
        var entries: [YAMLEntry] = []
        while position < lines.count, lines[position].indent == indent {
            let line = lines[position]
            guard let (key, rest) = try splitKey(line) else {
                throw YAMLError(line: line.number, message: "expected 'key: value'")
            }
            if entries.contains(where: { $0.key == key }) {
                throw YAMLError(line: line.number, message: "duplicate key '\(key)'")
            }
            position += 1
            let value: YAMLNode
            if !rest.isEmpty {
                value = try FlowParser.value(rest, line: line.number)
                if position < lines.count, lines[position].indent > indent {
                    throw YAMLError(line: lines[position].number, message: "unexpected indentation after '\(key): \(rest)'")
                }
            } else if position < lines.count, lines[position].indent > indent {
                value = try parseBlock(indent: lines[position].indent)
            } else if position < lines.count, lines[position].indent == indent, isSequenceItem(lines[position].text) {
                // YAML lets a list under a key start at the key's own indentation.
                value = try parseSequence(indent: indent)
            } else {
                value = YAMLNode(.null, line: line.number)
            }
            entries.append(YAMLEntry(key: key, line: line.number, value: value))
        }
        if position < lines.count, lines[position].indent > indent {
            throw YAMLError(line: lines[position].number, message: "unexpected indentation")
        }
        return YAMLNode(.mapping(entries), line: start)
    }

    /// `key: rest` (rest may be empty); nil when the line is not a mapping entry.
    func splitKey(_ line: SourceLine) throws(YAMLError) -> (String, String)? {
        let text = line.text
        if let quote = text.first, quote == "\"" || quote == "'" {
            var scanner = FlowScanner(text: Array(text), line: line.number)
            let key = try scanner.quoted()
            scanner.skipBlanks()
            guard scanner.peek() == ":" else { return nil }
            scanner.index += 1
            guard scanner.atEnd || scanner.peek() == " " else { return nil }
            return (key, String(scanner.rest).trimmingBlanks())
        }
        var previous: Character?
        for index in text.indices {
            if text[index] == ":", previous != nil {
                let after = text.index(after: index)
                if after == text.endIndex || text[after] == " " {
                    let key = String(text[..<index]).trimmingBlanks()
                    guard !key.hasPrefix("["), !key.hasPrefix("{") else { return nil }
                    return (key, String(text[after...]).trimmingBlanks())
                }
            }
            previous = text[index]
        }
        return nil
    }
}

/// Scalars and flow sequences on one line.
enum FlowParser {
    static func value(_ text: String, line: Int) throws(YAMLError) -> YAMLNode {
        var scanner = FlowScanner(text: Array(text), line: line)
        let node = try scanner.node()
        scanner.skipBlanks()
        guard scanner.atEnd else {
            throw YAMLError(line: line, message: "unexpected '\(String(scanner.rest))' after the value")
        }
        return node
    }
}

struct FlowScanner {
    let text: [Character]
    let line: Int
    var index = 0
    /// Inside `[…]`, where `,` and `]` end a plain scalar.
    var depth = 0

    init(text: [Character], line: Int) {
        self.text = text
        self.line = line
    }

    var atEnd: Bool { index >= text.count }
    var rest: ArraySlice<Character> { text[min(index, text.count)...] }
    func peek() -> Character? { atEnd ? nil : text[index] }
    mutating func skipBlanks() { while let character = peek(), character == " " || character == "\t" { index += 1 } }

    mutating func node() throws(YAMLError) -> YAMLNode {
        skipBlanks()
        guard let first = peek() else { return YAMLNode(.scalar("", quoted: false), line: line) }
        switch first {
        case "[": return try sequence()
        case "{": throw YAMLError(line: line, message: "flow mappings ({…}) are not supported; write the keys on their own lines")
        case "\"", "'": return YAMLNode(.scalar(try quoted(), quoted: true), line: line)
        case "&", "*", "!": throw YAMLError(line: line, message: "anchors, aliases and tags (\(first)) are not supported")
        case "|", ">": throw YAMLError(line: line, message: "block scalars (\(first)) are not supported; write the value on one line")
        default: return YAMLNode(.scalar(plain(), quoted: false), line: line)
        }
    }

    mutating func sequence() throws(YAMLError) -> YAMLNode {
        index += 1
        depth += 1
        defer { depth -= 1 }
        var items: [YAMLNode] = []
        skipBlanks()
        if peek() == "]" {
            index += 1
            return YAMLNode(.sequence(items), line: line)
        }
        while true {
            items.append(try node())
            skipBlanks()
            switch peek() {
            case ",":
                index += 1
                skipBlanks()
                if peek() == "]" {
                    index += 1
                    return YAMLNode(.sequence(items), line: line)
                }
            case "]":
                index += 1
                return YAMLNode(.sequence(items), line: line)
            default:
                throw YAMLError(line: line, message: "expected ',' or ']' in a list; a [list] must close on the line it opens")
            }
        }
    }

    mutating func plain() -> String {
        let start = index
        while let character = peek() {
            if depth > 0, character == "," || character == "]" { break }
            index += 1
        }
        return String(text[start..<index]).trimmingBlanks()
    }

    mutating func quoted() throws(YAMLError) -> String {
        let quote = text[index]
        index += 1
        var result = ""
        while let character = peek() {
            index += 1
            if character == quote {
                if quote == "'", peek() == "'" {
                    index += 1
                    result.append("'")
                    continue
                }
                return result
            }
            if quote == "\"", character == "\\" {
                result += try escape()
                continue
            }
            result.append(character)
        }
        throw YAMLError(line: line, message: "unterminated \(quote == "\"" ? "double" : "single")-quoted string")
    }

    mutating func escape() throws(YAMLError) -> String {
        guard let character = peek() else { throw YAMLError(line: line, message: "a '\\' ends the line") }
        index += 1
        switch character {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "\\", "\"", "/", " ": return String(character)
        case "u", "x", "U":
            let length = character == "x" ? 2 : character == "u" ? 4 : 8
            guard index + length <= text.count, let scalar = UInt32(String(text[index..<index + length]), radix: 16),
                let unicode = Unicode.Scalar(scalar)
            else { throw YAMLError(line: line, message: "invalid \\\(character) escape") }
            index += length
            return String(Character(unicode))
        default:
            throw YAMLError(line: line, message: "unknown escape '\\\(character)'")
        }
    }
}

extension StringProtocol {
    func trimmingBlanks() -> String {
        let characters = Array(self)
        var start = 0
        var end = characters.count
        while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
        while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
        return String(characters[start..<end])
    }

    func trimmingTrailingBlanks() -> Substring {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
