import Foundation
import Testing
@testable import DockAuditKit

/// Inputs that are not Dockerfiles at all: the parser must not crash, and the BuildKit
/// record it renders must be valid JSON.
@Suite("Bad input")
struct BadInputTests {
    /// Parses, renders the BuildKit record and reads it back with Foundation.
    @discardableResult
    static func parseAndRoundTrip(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Dockerfile {
        let file = DockerfileParser.parse(SourceFile(path: "input", bytes: bytes))
        let json = BuildKitRecord.record(for: file, file: "input").serialized()
        do {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            #expect(object is [String: Any], sourceLocation: sourceLocation)
        } catch {
            Issue.record("record is not valid JSON: \(error)", sourceLocation: sourceLocation)
        }
        // Every range must lie inside the file.
        for instruction in file.instructions {
            #expect(instruction.range.end.offset <= bytes.count, sourceLocation: sourceLocation)
            #expect(instruction.range.start.offset <= instruction.range.end.offset, sourceLocation: sourceLocation)
            for word in instruction.words {
                #expect(word.range.start.offset <= word.range.end.offset, sourceLocation: sourceLocation)
                #expect(word.range.end.offset <= bytes.count, sourceLocation: sourceLocation)
            }
        }
        return file
    }

    /// A small deterministic generator (64-bit LCG) so failures can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    @Test func emptyAndWhitespaceOnly() {
        for text in ["", " ", "\t\t", "\n", "\r", "\r\n", "\u{0B}\u{0C}\n", " \n \n "] {
            let file = Self.parseAndRoundTrip(Array(text.utf8))
            #expect(file.instructions.isEmpty)
            #expect(file.errorKinds.contains(.noInstructions))
        }
    }

    @Test func nulBytes() {
        let file = Self.parseAndRoundTrip([UInt8](repeating: 0, count: 64))
        #expect(file.instructions.count == 1)
        #expect(file.instructions[0].kind == .unknown)
        Self.parseAndRoundTrip(Array("FROM a\u{0}b\nRUN \u{0}\n".utf8))
    }

    @Test(arguments: 0..<40)
    func randomBytes(_ seed: Int) {
        var generator = Generator(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let count = 1 + Int(generator.next()) * 16
        var bytes = (0..<count).map { _ in generator.next() }
        // Sprinkle in structure so the interesting paths are taken too.
        let fragments = ["\n", "RUN ", "<<EOF\n", "EOF\n", "\\\n", "[\"", "\"]", "--x=", "# escape=`\n", "ENV a=", "ONBUILD "]
        for _ in 0..<(count / 8) {
            let position = Int(generator.next()) * bytes.count / 256
            let fragment = fragments[Int(generator.next()) % fragments.count]
            bytes.insert(contentsOf: Array(fragment.utf8), at: position)
        }
        Self.parseAndRoundTrip(bytes)
    }

    @Test func allByteValues() {
        let bytes = (0...255).map { UInt8($0) }
        Self.parseAndRoundTrip(bytes)
        Self.parseAndRoundTrip(Array("RUN ".utf8) + bytes)
        Self.parseAndRoundTrip(Array("COPY --chown=".utf8) + bytes + Array(" a b".utf8))
    }

    /// Invalid UTF-8 (a lone continuation byte, a truncated sequence, an overlong form and
    /// an encoded surrogate) placed in every part of a file.
    @Test(arguments: [[0x80], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE]] as [[UInt8]])
    func invalidUTF8Everywhere(_ bad: [UInt8]) throws {
        func file(_ parts: [[UInt8]]) -> [UInt8] { parts.flatMap { $0 } }
        let text = { (s: String) in Array(s.utf8) }
        let inputs: [[UInt8]] = [
            file([text("# syntax="), bad, text("\nFROM x\n")]),
            file([text("# "), bad, text("\nFROM x\n")]),
            file([text("FR"), bad, text("OM x\n")]),
            file([text("FROM --platform="), bad, text(" x\n")]),
            file([text("FROM "), bad, text(" AS b\n")]),
            file([text("RUN echo "), bad, text("\n")]),
            file([text("RUN a \\\n  "), bad, text("\n")]),
            file([text("ENV "), bad, text("="), bad, text("\n")]),
            file([text("ENV k "), bad, text("\n")]),
            file([text("ARG a="), bad, text("\n")]),
            file([text("CMD [\""), bad, text("\"]\n")]),
            file([text("RUN <<E"), bad, text("\n"), bad, text("\nE"), bad, text("\n")]),
            file([text("RUN <<EOF\n"), bad, text("\nEOF\n")]),
            file([text("ONBUILD RUN "), bad, text("\n")]),
            file([text("HEALTHCHECK CMD "), bad, text("\n")]),
            file([bad, text("\n")]),
        ]
        for input in inputs {
            Self.parseAndRoundTrip(input)
        }
    }

    /// A combining mark right after each syntax character, in every kind of line: Swift
    /// glues them into one Character, BuildKit (and the parser) must not.
    @Test(arguments: ["\u{301}", "\u{20DD}", "\u{200D}", "\u{FE0F}"])
    func combiningMarksAfterSyntaxCharacters(_ mark: String) {
        let lines = [
            "# escape=`", "FROM x", "ENV a=1 b=", "ENV k ", "LABEL \"q\"=", "ARG a=", "COPY --chown=", "RUN echo \\", "RUN <<EOF",
            "CMD [\"a\", \"", "HEALTHCHECK CMD ", "ONBUILD ENV x=", "EXPOSE $", "RUN ${A:-", "COPY <<'Q' /",
        ]
        for punctuation in ["=", "\"", "'", "\\", "`", "-", "<", "[", "#", "$", "{", "/", " ", "\t"] {
            let text = lines.map { $0 + punctuation + mark + "v" }.joined(separator: "\n") + "\nEOF\nQ\n"
            Self.parseAndRoundTrip(Array(text.utf8))
        }
    }

    @Test func invalidUTF8DecodesLikeGo() throws {
        // Go replaces each invalid byte with U+FFFD: a truncated sequence gives two.
        let file = Self.parseAndRoundTrip(Array("RUN echo ".utf8) + [0xE2, 0x82] + Array("\nCMD [\"".utf8) + [0xFF] + Array("\"]\n".utf8))
        #expect(file.instructions[0].argumentValues == ["echo \u{FFFD}\u{FFFD}"])
        #expect(file.instructions[1].isJSONForm)
        #expect(file.instructions[1].argumentValues == ["\u{FFFD}"])
    }

    @Test func invalidUTF8InHeredocBody() throws {
        let file = Self.parseAndRoundTrip(Array("RUN <<EOF\n".utf8) + [0x61, 0xFF, 0x0A] + Array("EOF\n".utf8))
        #expect(file.instructions[0].heredocs.first?.content == "a\u{FFFD}\n")
        #expect(file.errors.isEmpty)
    }

    @Test func fiveMegabyteFile() {
        var text = "FROM alpine AS base\n"
        var index = 0
        while text.utf8.count < 5_000_000 {
            text += "RUN echo step \(index) && \\\n    touch /tmp/file-\(index)\n"
            text += "ENV VAR_\(index)=value_\(index) OTHER=\"x y\"\n"
            text += "COPY <<EOF /etc/conf-\(index)\nline \(index)\nEOF\n"
            index += 1
        }
        let file = DockerfileParser.parse(text: text)
        #expect(file.instructions.count == 1 + index * 3)
        #expect(file.diagnostics.isEmpty)
        #expect(file.instructions.last?.heredocs.first?.content == "line \(index - 1)\n")
    }

    /// A lone escape starts a continuation that ends at EOF with nothing in it: BuildKit
    /// still adds a node, with an empty keyword, so the file is not "without instructions".
    @Test func loneEscapeAtEndOfFile() throws {
        for text in ["\\", "\\\n", "FROM alpine\n\\", "# escape=`\nFROM alpine\n`"] {
            let file = Self.parseAndRoundTrip(Array(text.utf8))
            let last = try #require(file.instructions.last)
            #expect(last.keyword == "")
            #expect(last.kind == .unknown)
            #expect(last.arguments == .ignored)
            #expect(last.original == "")
            #expect(file.errors.isEmpty)
            #expect(last.startLine == file.source.lineCount)
        }
    }

    @Test func recordOfARejectedFileIsValidJSON() throws {
        let file = Self.parseAndRoundTrip(Array("FROM x\nENV A\n".utf8))
        let json = BuildKitRecord.record(for: file, file: "f").serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["error"] as? String == "ENV must have two arguments")
    }
}
