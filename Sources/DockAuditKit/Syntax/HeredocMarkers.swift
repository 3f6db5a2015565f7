/// Finds heredoc markers (`<<EOF`, `<<-"EOF"`, `3<<EOF`) on an instruction line the way
/// BuildKit does: the whole line is split into words by the shell lexer (escape `\`
/// whatever `# escape` says, quotes and escapes kept, unset variables left as written);
/// a word that is optional digits, `<<`, optional `-`, blanks and one more word is a
/// marker. Any lexing error on the line means "no heredocs at all".
enum HeredocMarkers {
    struct Marker {
        var name: String
        var fileDescriptor: Int
        var expand: Bool
        var chomp: Bool
        /// Span of the marker word in the logical line.
        var span: Range<Int>
    }

    static let empty = VariableTable()

    static func find(in line: LogicalLine) -> (markers: [Marker], errors: [String]) {
        var lexer = ShellLexer(escapeToken: "\\")
        lexer.rawQuotes = true
        lexer.rawEscapes = true
        lexer.skipUnsetEnv = true
        let text = line.text(0..<line.bytes.count)
        // Spans from the lexer are offsets into `text`; they equal offsets into the line
        // unless invalid UTF-8 was widened to U+FFFD while decoding.
        let offsetsAlign = text.utf8.count == line.bytes.count
        guard let words = try? lexer.processWordsWithSpans(text, environment: empty) else { return ([], []) }
        var markers: [Marker] = []
        var errors: [String] = []
        for word in words {
            do {
                guard var marker = try parse(word.value) else { continue }
                marker.span = offsetsAlign ? word.span : 0..<line.bytes.count
                markers.append(marker)
            } catch {
                errors.append(error.message)
            }
        }
        return (markers, errors)
    }

    /// Matches `^(\d*)<<(-?)\s*([^<]*)$` and reads the name; nil when the word is no marker.
    static func parse(_ word: String) throws(ExpansionError) -> Marker? {
        let scalars = Array(word.unicodeScalars)
        var index = 0
        var fileDescriptor = 0
        while index < scalars.count, scalars[index].value >= 0x30, scalars[index].value <= 0x39 {
            fileDescriptor = fileDescriptor &* 10 &+ Int(scalars[index].value - 0x30)
            index += 1
        }
        guard index + 1 < scalars.count, scalars[index] == "<", scalars[index + 1] == "<" else { return nil }
        index += 2
        let chomp = index < scalars.count && scalars[index] == "-"
        if chomp { index += 1 }
        while index < scalars.count, [" ", "\t", "\n", "\u{0C}", "\r"].contains(scalars[index]) { index += 1 }
        let rest = scalars[index...]
        if rest.contains("<") || rest.isEmpty { return nil }
        let restText = String(String.UnicodeScalarView(rest))

        var lexer = ShellLexer(escapeToken: "\\")
        lexer.skipUnsetEnv = true
        let words = try lexer.processWords(restText, environment: empty)
        guard words.count == 1 else { return nil }
        lexer.rawQuotes = true
        let rawWords = try lexer.processWords(restText, environment: empty)
        guard rawWords.count == words.count else {
            throw ExpansionError(message: "internal lexing of heredoc produced inconsistent results: \(restText)")
        }
        // Quotes removed by the lexer mean part of the delimiter was quoted: no expansion.
        func quoteCount(_ text: String) -> Int { text.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
        return Marker(
            name: words[0], fileDescriptor: fileDescriptor, expand: quoteCount(words[0]) == quoteCount(rawWords[0]),
            chomp: chomp, span: 0..<0)
    }
}
