/// Small pieces of Dockerfile text that fixes write, so every rule spells them the same way.
enum FixText {
    /// `word` (an instruction keyword such as `COPY`) in the case style of `keyword` as
    /// written: lower case after a lower-case keyword, upper case otherwise (a mixed-case
    /// keyword is consistent-instruction-casing's business, and upper case is the norm).
    static func keyword(_ word: String, styledLike keyword: String) -> String {
        keyword == keyword.lowercased() ? word.lowercased() : word.uppercased()
    }

    /// `value` as a Dockerfile double-quoted string that BuildKit reads back as exactly
    /// `value`: inside double quotes its lexer treats `"`, `$` and the escape character
    /// as special, and the escape character before any of them stands for that character.
    static func doubleQuoted(_ value: String, escapeToken: UInt8) -> String {
        let escape = Unicode.Scalar(escapeToken)
        var result = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" || scalar == "$" || scalar == escape { result.unicodeScalars.append(escape) }
            result.unicodeScalars.append(scalar)
        }
        return result + "\""
    }

    /// Whether `word` is written in the file exactly as its value reads (no continuation
    /// line or comment inside it), so an edit can address its characters by offset.
    static func isVerbatim(_ word: Word, in source: SourceFile) -> Bool {
        isWritten(word.value, at: word.range.bytes, in: source)
    }

    /// Whether the file's bytes in `range` are exactly `text`: the check every fix makes
    /// before it edits a word by offset.
    static func isWritten(_ text: String, at range: Range<Int>, in source: SourceFile) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= source.bytes.count else { return false }
        return source.bytes[range].elementsEqual(text.utf8)
    }

    /// Whether the keyword is written in one piece (not split by a line continuation, as
    /// `RU\` then `N` on the next line would be).
    static func isVerbatimKeyword(of instruction: Instruction, in source: SourceFile) -> Bool {
        isVerbatim(Word(value: instruction.keyword, range: instruction.keywordRange), in: source)
    }

    /// The offset just past the blanks (spaces and tabs) that start at `offset`.
    static func endOfBlanks(from offset: Int, in source: SourceFile) -> Int {
        var end = offset
        while end < source.bytes.count, source.bytes[end] == UInt8(ascii: " ") || source.bytes[end] == UInt8(ascii: "\t") {
            end += 1
        }
        return end
    }
}
