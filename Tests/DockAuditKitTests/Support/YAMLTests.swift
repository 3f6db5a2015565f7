import Testing
@testable import DockAuditKit

@Suite("YAML subset reader")
struct YAMLTests {
    /// A compact rendering to compare trees: `{k: v}`, `[a, b]`, `"q"` for quoted, `~` for null.
    static func render(_ node: YAMLNode) -> String {
        switch node.value {
        case .scalar(let text, let quoted): return quoted ? "\"\(text)\"" : text
        case .null: return "~"
        case .sequence(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .mapping(let entries): return "{" + entries.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func read(_ text: String) throws -> String { render(try YAMLReader.parse(text)) }

    @Test(arguments: [
        ("ignore:\n  - DL3008\n  - DA603\n", "{ignore: [DL3008, DA603]}"),
        ("ignore:\n- DL3008\n- DA603\n", "{ignore: [DL3008, DA603]}"),
        ("ignore: [DL3008, 'DA603', \"DA604\"]\n", "{ignore: [DL3008, \"DA603\", \"DA604\"]}"),
        ("ignore: []\nselect:\n", "{ignore: [], select: ~}"),
        ("failure-threshold: warning # fail on warnings\n", "{failure-threshold: warning}"),
        ("# comment\n\n---\nformat: json\n", "{format: json}"),
        ("override:\n  error:\n    - DL3001\n  info: [DL3032]\n", "{override: {error: [DL3001], info: [DL3032]}}"),
        ("overrides:\n  - files: [\"docker/dev/*\"]\n    ignore: [DA609]\n  - files: [x]\n", "{overrides: [{files: [\"docker/dev/*\"], ignore: [DA609]}, {files: [x]}]}"),
        ("label-schema:\n  author: text\n  url: url\n", "{label-schema: {author: text, url: url}}"),
        ("a: 'it''s'\nb: \"tab\\there \\u00e9\"\n", "{a: \"it's\", b: \"tab\there é\"}"),
        ("a: it's # not a quote\n", "{a: it's}"),
        ("a: x#not-a-comment\n", "{a: x#not-a-comment}"),
        ("url: https://example.com:8080/x\n", "{url: https://example.com:8080/x}"),
        ("\"quoted key\": 1\n", "{quoted key: 1}"),
        ("a:\r\n  - b\r\n", "{a: [b]}"),
        ("\u{FEFF}a: b\n", "{a: b}"),
        ("", "~"),
        ("# only a comment\n", "~"),
        ("- a\n-\n  - b\n-\n", "[a, [b], ~]"),
        ("trustedRegistries: [docker.io, \"*.gcr.io\"]\n", "{trustedRegistries: [docker.io, \"*.gcr.io\"]}"),
    ])
    func reads(text: String, expected: String) throws {
        #expect(try Self.read(text) == expected)
    }

    @Test(arguments: [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a:\n\t- b\n", 2, "tabs cannot indent YAML; use spaces"),
        ("a: [b, c\n", 1, "expected ',' or ']' in a list; a [list] must close on the line it opens"),
        ("a: \"open\n", 1, "unterminated double-quoted string"),
        ("a: &anchor b\n", 1, "anchors, aliases and tags (&) are not supported"),
        ("a: |\n  text\n", 1, "block scalars (|) are not supported; write the value on one line"),
        ("a: {b: c}\n", 1, "flow mappings ({…}) are not supported; write the keys on their own lines"),
        ("a: b\n  c: d\n", 2, "unexpected indentation after 'a: b'"),
        ("a:\n  - b\n    c\n", 3, "unexpected indentation in a list"),
        ("---\na: b\n---\nc: d\n", 3, "only one document is supported"),
        ("a: \"\\q\"\n", 1, "unknown escape '\\q'"),
        ("a:\n  b: c\n d: e\n", 3, "unexpected indentation"),
    ])
    func rejects(text: String, line: Int, message: String) {
        #expect(throws: YAMLError(line: line, message: message)) { try YAMLReader.parse(text) }
    }

    @Test func nodesKnowTheirLines() throws {
        let root = try YAMLReader.parse("# c\nignore:\n  - DL3008\nformat: json\n")
        #expect(root["ignore"]?.line == 3)
        #expect(root["format"]?.line == 4)
        guard case .sequence(let items)? = root["ignore"]?.value else {
            Issue.record("ignore is not a list")
            return
        }
        #expect(items.first?.line == 3)
        guard case .mapping(let entries) = root.value else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(entries.map(\.line) == [2, 4])
    }
}
