import Testing
@testable import DockAuditKit

/// Inputs the fuzz targets (`Fuzz/Targets`, run with `Scripts/fuzz`) stopped on, each with
/// the check that stopped. So far both were the fuzz checks misreading documented
/// behaviour, not library bugs; the cases pin that behaviour, so the library and the
/// checks go on agreeing.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// parser: invalid UTF-8 in a continued RUN (the fuzzer's input was a 7 KB corpus file
    /// with 0x86 bytes pasted into one line). `original` is decoded, each bad byte a 3-byte
    /// U+FFFD, so it is longer than the logical line; `argumentsText` and `textMap` count
    /// the bytes as read, and every offset maps inside the file.
    @Test func invalidUTF8InAContinuedRunMapsInsideTheFile() {
        let bytes = Array("FROM alpine\nRUN \\\n    # a comment\n    echo ".utf8) + [0x86, 0x86, 0x86]
            + Array(" \\\n    && ls\n".utf8)
        let source = SourceFile(path: "Dockerfile", bytes: bytes)
        let dockerfile = DockerfileParser.parse(source)
        let run = dockerfile.instructions[1]
        #expect(run.original.utf8.count == run.textMap.length + 6)
        #expect(run.argumentsText.upperBound <= run.textMap.length)
        for offset in 0...run.textMap.length {
            #expect(run.textMap.fileOffset(of: offset) <= bytes.count)
        }
        for finding in Linter(rules: RuleRegistry.all).lint(source) {
            for position in [finding.range.start, finding.range.end] {
                #expect(position.offset >= 0 && position.offset <= bytes.count)
                #expect(source.position(at: position.offset) == position, "\(finding.code)")
            }
        }
    }

    /// requirements: pip numbers lines as Python's `splitlines` splits them, so a lone
    /// `\r` starts a line. The fuzzer's input, whose last entry is on line 6 though it
    /// has only four `\n`.
    @Test func requirementsLinesEndAtCarriageReturnsToo() {
        let bytes: [UInt8] = [
            0x66, 0x6C, 0x61, 0x73, 0x6B, 0x3D, 0x33, 0x0A, 0x33, 0x2E, 0x30, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x7F, 0xB7, 0xF8, 0xBE, 0x0D, 0x08, 0x27, 0x3D, 0x3D, 0x32, 0x32, 0x2E, 0x30, 0x27,
            0x00, 0x00, 0x00, 0x7F, 0xB7, 0xF8, 0xBE, 0x0D, 0x08, 0x27, 0x3D, 0x3D, 0x32, 0x32, 0x2E, 0x30, 0x27, 0x3D,
            0x3D, 0x72, 0x65, 0x27, 0x3D, 0x3D, 0x32, 0x32, 0x2E, 0x30, 0x2E, 0x30, 0x0A, 0x72, 0x65, 0x71, 0x75, 0x71,
            0x75, 0x65, 0x3D, 0x3D, 0x72, 0x65, 0x27, 0x3D, 0x3D, 0x32, 0x32, 0x2E, 0x30, 0x2E, 0x30, 0x0A, 0x72, 0x65,
            0x71, 0x75, 0x71, 0x75, 0x65, 0x73, 0x74, 0x3D, 0x0A,
        ]
        let file = RequirementsFile(text: String(decoding: bytes, as: UTF8.self), path: "requirements.txt")
        #expect(file.entries.allSatisfy { $0.line >= 1 && $0.line <= 6 })
        #expect(file.entries.last?.line == 6)
        let simple = RequirementsFile(text: "a==1\rb==2\u{0B}c==3\u{0C}d==4\r\ne==5\n", path: "requirements.txt")
        #expect(simple.entries.map(\.line) == [1, 2, 3, 4, 5])
    }
}
