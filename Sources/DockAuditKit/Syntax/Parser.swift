/// Turns bytes into a `Dockerfile`, reading them exactly as BuildKit's parser
/// (moby/buildkit `frontend/dockerfile/parser`) does, but recovering from errors: where
/// BuildKit stops, dockaudit records a diagnostic and goes on with the next line.
public enum DockerfileParser {
    /// bufio.Scanner's token limit in BuildKit: a longer physical line fails the parse.
    static let maximumLineLength = 65_536

    public static func parse(_ source: SourceFile) -> Dockerfile {
        var parser = ParserRun(source: source)
        parser.run()
        return parser.result
    }

    public static func parse(text: String, path: String = "Dockerfile") -> Dockerfile {
        parse(SourceFile(path: path, text: text))
    }
}

/// A physical line: `\n` ends it; `contentEnd` excludes every trailing `\r`/`\n` byte
/// (Go's `bytes.TrimRight(line, "\r\n")`).
struct PhysicalLine {
    var start: Int
    var contentEnd: Int
    var end: Int
}

private struct ParserRun {
    let source: SourceFile
    let bytes: [UInt8]
    var result: Dockerfile
    var lines: [PhysicalLine] = []
    var next = 0
    var escapeToken = UInt8(ascii: "\\")
    var directives = DirectiveReader()
    var precedingComments: [String] = []
    var reportedLongLine = false
    var reportedUnterminated = false

    init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
        self.result = Dockerfile(source: source)
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(Self.physicalLine(bytes, start, index + 1))
            start = index + 1
        }
        if start < bytes.count { lines.append(Self.physicalLine(bytes, start, bytes.count)) }
    }

    static func physicalLine(_ bytes: [UInt8], _ start: Int, _ end: Int) -> PhysicalLine {
        var contentEnd = end
        while contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\n") || bytes[contentEnd - 1] == UInt8(ascii: "\r") {
            contentEnd -= 1
        }
        return PhysicalLine(start: start, contentEnd: contentEnd, end: end)
    }

    // MARK: Diagnostics

    mutating func error(_ kind: SyntaxDiagnostic.Kind, _ message: String, _ range: Range<Int>, rejected: Bool = true) {
        result.diagnostics.append(SyntaxDiagnostic(
            kind: kind, severity: .error, message: message, range: source.range(range), rejectedByBuildKit: rejected))
    }

    /// Takes the next physical line, noting BuildKit's line-length limit.
    mutating func takeLine() -> PhysicalLine {
        let line = lines[next]
        next += 1
        let length = line.end - line.start
        let terminated = line.end > line.start && bytes[line.end - 1] == UInt8(ascii: "\n")
        if !reportedLongLine, terminated ? length > DockerfileParser.maximumLineLength : length >= DockerfileParser.maximumLineLength {
            reportedLongLine = true
            error(.lineTooLong, "line \(next) is longer than BuildKit's limit of 65535 bytes; docker build fails on it",
                  line.start..<line.contentEnd)
        }
        return line
    }

    func isComment(_ range: Range<Int>) -> Bool {
        let first = bytes.firstNonSpace(from: range.lowerBound, to: range.upperBound)
        return first < range.upperBound && bytes[first] == UInt8(ascii: "#")
    }

    func isBlank(_ range: Range<Int>) -> Bool {
        bytes.firstNonSpace(from: range.lowerBound, to: range.upperBound) == range.upperBound
    }

    /// Removes a line-continuation escape (and the blanks after it) at the end of `range`.
    /// An escape preceded by another escape is not a continuation (`a\\`).
    func trimContinuation(_ range: Range<Int>) -> (Range<Int>, continues: Bool) {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > range.lowerBound, bytes[end - 1] == escapeToken else { return (range, false) }
        if end - 1 > range.lowerBound, bytes[end - 2] == escapeToken { return (range, false) }
        return (range.lowerBound..<(end - 1), true)
    }

    mutating func recordComment(_ line: PhysicalLine, contentStart: Int, inside: Bool) {
        let hash = bytes.firstNonSpace(from: contentStart, to: line.contentEnd)
        let text = bytes.trimmedSpaceBounds((hash + 1)..<line.contentEnd)
        result.comments.append(Comment(
            text: UTF8Text.decode(bytes[text]), range: source.range(hash..<line.contentEnd), insideInstruction: inside))
    }

    // MARK: The main loop

    mutating func run() {
        while next < lines.count {
            let isFirstLine = next == 0
            let line = takeLine()
            let lineNumber = next
            var start = line.start
            if isFirstLine, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                start = 3
            }
            let content = start..<line.contentEnd
            let commentLine = isComment(content)
            if commentLine {
                // BuildKit's PrevComment: text after the first byte, trimmed; a bare `#`
                // clears the list, a blank line does not.
                let text = bytes.trimmedSpaceBounds(min(start + 1, line.end)..<line.end)
                if text.isEmpty { precedingComments = [] } else { precedingComments.append(UTF8Text.decode(bytes[text])) }
                recordComment(line, contentStart: start, inside: false)
            }
            let trimmedStart = bytes.firstNonSpace(from: content.lowerBound, to: content.upperBound)
            readDirective(trimmedStart..<content.upperBound, commentLine: commentLine)
            if commentLine { continue }

            let (firstPiece, continues) = trimContinuation(trimmedStart..<content.upperBound)
            if !continues, firstPiece.isEmpty { continue }

            var logical = LogicalLine()
            logical.append(bytes, firstPiece)
            var emptyLines: [Int] = []
            var more = continues
            while more, next < lines.count {
                let continuation = takeLine()
                let range = continuation.start..<continuation.contentEnd
                if isComment(range) {
                    recordComment(continuation, contentStart: continuation.start, inside: true)
                    continue
                }
                if isBlank(range) {
                    emptyLines.append(next)
                    continue
                }
                let (piece, continuesAgain) = trimContinuation(range)
                logical.append(bytes, piece)
                more = continuesAgain
            }
            finishInstruction(logical, startLine: lineNumber, keywordStart: trimmedStart, emptyLines: emptyLines)
        }
        if result.instructions.isEmpty {
            // BuildKit reports this at the last line it read, not past the final newline.
            let end = bytes.isEmpty ? 0 : source.lineBytes(source.lineCount).upperBound
            error(.noInstructions, "the file has no instructions", end..<end)
        }
        result.escapeToken = escapeToken
    }

    mutating func readDirective(_ range: Range<Int>, commentLine: Bool) {
        switch directives.read(bytes, range) {
        case .none:
            return
        case .duplicate(let name):
            error(.duplicateDirective, "only one \(name) parser directive can be used", range)
        case .directive(let name, let valueRange):
            let value = UTF8Text.decode(bytes[valueRange])
            if name == "escape" {
                // Compare bytes: Swift's String == is canonical equivalence, under which
                // U+1FEF (GREEK VARIA) equals "`".
                let token = bytes[valueRange]
                guard token.elementsEqual([UInt8(ascii: "\\")]) || token.elementsEqual([UInt8(ascii: "`")]) else {
                    // BuildKit lists the directive, then rejects its value.
                    result.directives.append(ParserDirective(
                        name: name, value: value, range: source.range(range), valueRange: source.range(valueRange)))
                    error(.invalidEscapeToken, "invalid escape token '\(value)' does not match ` or \\", valueRange)
                    return
                }
                escapeToken = bytes[valueRange.lowerBound]
            }
            result.directives.append(ParserDirective(
                name: name, value: value, range: source.range(range), valueRange: source.range(valueRange)))
        }
        // A directive line is not a comment for the instruction that follows.
        if commentLine, !precedingComments.isEmpty { precedingComments.removeLast() }
    }

    mutating func finishInstruction(_ logical: LogicalLine, startLine: Int, keywordStart: Int, emptyLines: [Int]) {
        var builder = InstructionBuilder(source: source, line: logical, escapeToken: escapeToken)
        var instruction = builder.build(0..<logical.bytes.count, isTrigger: false)
        for failure in builder.errors {
            error(failure.kind, failure.message, logical.fileRange(of: failure.span))
        }
        if !emptyLines.isEmpty {
            let lastLine = next
            result.diagnostics.append(SyntaxDiagnostic(
                kind: .emptyContinuationLine, severity: .warning,
                message: "empty continuation line: a blank line inside a continued instruction will become an error in a future Docker release",
                range: source.range(source.lineBytes(lastLine)), rejectedByBuildKit: false))
        }

        let heredocTarget = instruction.trigger ?? instruction
        if heredocTarget.kind.acceptsHeredocs, !heredocTarget.isJSONForm, logical.bytes.contains(subsequence: [0x3C, 0x3C]) {
            let found = HeredocMarkers.find(in: logical)
            for failure in found.errors {
                error(.heredocMarker, failure, logical.fileRange(of: 0..<logical.bytes.count))
            }
            for marker in found.markers {
                instruction.heredocs.append(readHeredocBody(marker, markerRange: logical.fileRange(of: marker.span)))
            }
        }

        let endLine = next
        let endOffset = endLine > 0 ? source.lineBytes(endLine).upperBound : 0
        instruction.range = source.range(keywordStart..<max(keywordStart, endOffset))
        instruction.startLine = startLine
        instruction.endLine = endLine
        instruction.precedingComments = precedingComments
        instruction.emptyContinuationLines = emptyLines
        precedingComments = []
        result.instructions.append(instruction)
    }

    /// Reads a heredoc body: raw lines up to the terminator (for `<<-`, leading tabs
    /// ignored when looking for it). Without a terminator the body runs to the end of
    /// the file, as BuildKit reads it before failing.
    mutating func readHeredocBody(_ marker: HeredocMarkers.Marker, markerRange: Range<Int>) -> Heredoc {
        let terminator = Array(marker.name.utf8)
        let bodyStart = next < lines.count ? lines[next].start : bytes.count
        var bodyEnd = bodyStart
        var terminatorRange: Range<Int>?
        while next < lines.count {
            let line = takeLine()
            var candidate = line.start
            if marker.chomp {
                while candidate < line.contentEnd, bytes[candidate] == 0x09 { candidate += 1 }
            }
            if bytes[candidate..<line.contentEnd].elementsEqual(terminator) {
                terminatorRange = line.start..<line.contentEnd
                break
            }
            bodyEnd = line.end
        }
        // The first unterminated heredoc consumed the rest of the file; any after it are
        // empty, and one error says it all.
        if terminatorRange == nil, !reportedUnterminated {
            reportedUnterminated = true
            error(.unterminatedHeredoc, "heredoc '\(marker.name)' has no terminator line '\(marker.name)' before the end of the file",
                  markerRange)
        }
        return Heredoc(
            name: marker.name, fileDescriptor: marker.fileDescriptor, expand: marker.expand, chomp: marker.chomp,
            content: UTF8Text.decode(bytes[bodyStart..<bodyEnd]),
            markerRange: source.range(markerRange), contentRange: source.range(bodyStart..<bodyEnd),
            terminatorRange: terminatorRange.map { source.range($0) })
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard needle.count <= count, let first = needle.first else { return needle.isEmpty }
        var index = 0
        while index + needle.count <= count {
            if self[index] == first, self[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
