import Testing
@testable import DockAuditKit

struct SourceFileTests {
    @Test func linesAndColumns() {
        let file = SourceFile(path: "f", text: "ab\ncé d\n")
        #expect(file.lineCount == 2)
        #expect(file.position(at: 0) == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(file.position(at: 3) == SourcePosition(line: 2, column: 1, offset: 3))
        // `é` is two bytes and one column.
        #expect(file.position(at: 7).column == 4)
    }

    @Test func endOfFileAfterFinalNewlineIsOnTheLastLine() {
        let file = SourceFile(path: "f", text: "FROM a\nRUN b\n")
        let end = file.position(at: file.bytes.count)
        #expect(end.line == 2)
        #expect(end.column == 7)
        let unterminated = SourceFile(path: "f", text: "FROM a\nRUN b")
        #expect(unterminated.position(at: unterminated.bytes.count) == SourcePosition(line: 2, column: 6, offset: 12))
    }

    @Test func byteOrderMarkIsNotAColumn() {
        let file = SourceFile(path: "f", bytes: [0xEF, 0xBB, 0xBF] + Array("FROM é\nRUN x\n".utf8))
        #expect(file.position(at: 3).column == 1)
        #expect(file.position(at: 8).column == 6)
        #expect(file.position(at: 11).column == 1)
    }

    /// Each invalid byte is one character, as Go decodes it (and as the parser's values
    /// show it, one U+FFFD per byte).
    @Test func invalidBytesCountOneColumnEach() {
        let file = SourceFile(path: "f", bytes: Array("RUN ".utf8) + [0x80, 0x80, 0xE2, 0x82] + Array(" x".utf8))
        #expect(file.position(at: 8).column == 9)
        #expect(file.position(at: 9).column == 10)
    }

    /// Long lines with non-ASCII text use checkpoints; columns must match a plain count.
    @Test(arguments: [0, 1, 255, 256, 257, 1000, 4095, 4096, 9999])
    func longNonASCIILineColumns(offsetIndex: Int) {
        var text = ""
        for index in 0..<3000 { text += index % 3 == 0 ? "é" : "a" }
        let file = SourceFile(path: "f", text: "x\n" + text + "\n")
        let bytes = Array(text.utf8)
        let offset = min(offsetIndex, bytes.count)
        // Expected: scalars before `offset` in the line, plus one.
        let expected = String(decoding: bytes[0..<offset], as: UTF8.self).unicodeScalars.count + 1
        // Offsets inside a two-byte character belong to that character's column.
        let insideCharacter = offset < bytes.count && bytes[offset] & 0xC0 == 0x80
        #expect(file.position(at: 2 + offset).column == (insideCharacter ? expected - 1 : expected))
        #expect(file.position(at: 2 + offset).line == 2)
    }
}

struct TextMapTests {
    @Test func mapsAcrossPieces() {
        var map = TextMap()
        map.append(fileRange: 10..<15)
        map.append(fileRange: 20..<23)
        #expect(map.length == 8)
        #expect(map.fileOffset(of: 0) == 10)
        #expect(map.fileOffset(of: 4) == 14)
        #expect(map.fileOffset(of: 5) == 20)
        #expect(map.fileRange(of: 3..<7) == 13..<22)
        #expect(map.fileRange(of: 0..<5) == 10..<15)
        #expect(map.fileOffset(of: 8) == 23)
        let suffix = map.suffix(from: 4)
        #expect(suffix.length == 4)
        #expect(suffix.fileOffset(of: 0) == 14)
        #expect(suffix.fileOffset(of: 1) == 20)
    }
}
