/// One piece of an instruction that BuildKit itself expands with the build's variables
/// before running the instruction (its `Expand`/`ExpandRaw` in dockerfile2llb), as
/// opposed to text a shell expands at run time (RUN, CMD) or no one expands (HEALTHCHECK).
public struct BuildKitExpandedWord: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Expanded with the file's escape token, quotes processed.
        case word
        /// A heredoc body of COPY/ADD: quotes are kept and the escape is always `\`.
        case heredocBody
    }

    /// The text BuildKit expands.
    public var text: String
    public var kind: Kind
    /// Where the word is in the file.
    public var range: SourceRange
    /// The file offset of `text`'s first byte when `text` stands in the file byte for
    /// byte (so a span inside it maps onto the file); nil when it was decoded (JSON
    /// form, a quoted flag, a word joined across lines).
    public var fileOffset: Int?

    /// The file range of `span` (byte offsets into `text`), or the whole word when
    /// `text` is not the file's text.
    public func range(of span: Range<Int>, in source: SourceFile) -> SourceRange {
        guard let fileOffset else { return range }
        return source.range((fileOffset + span.lowerBound)..<(fileOffset + span.upperBound))
    }
}

extension Instruction {
    /// What BuildKit expands in this instruction, in order: ENV and LABEL keys and values;
    /// ADD/COPY `--chown`, `--chmod` (ADD also `--checksum`), the sources and destination
    /// and expandable heredoc bodies; VOLUME paths; USER, WORKDIR and STOPSIGNAL; the field
    /// values of RUN `--mount`. FROM (expanded with the global ARGs only), ARG defaults
    /// (expanded one declaration at a time) and EXPOSE (whose unset names BuildKit does not
    /// track) are left to their own readers.
    public func buildKitExpandedWords(in source: SourceFile) -> [BuildKitExpandedWord] {
        var result: [BuildKitExpandedWord] = []
        func addWord(_ word: Word) {
            let inFile = source.text(word.range.start.offset..<word.range.end.offset) == word.value
            result.append(BuildKitExpandedWord(
                text: word.value, kind: .word, range: word.range, fileOffset: inFile ? word.range.start.offset : nil))
        }
        func addFlagValue(_ flag: Flag, value: String) {
            let written = source.text(flag.range.start.offset..<flag.range.end.offset)
            let inFile = written == flag.text
            let offset = flag.range.start.offset + flag.text.utf8.count - value.utf8.count
            result.append(BuildKitExpandedWord(text: value, kind: .word, range: flag.range, fileOffset: inFile ? offset : nil))
        }
        switch kind {
        case .env, .label:
            if case .keyValues(let pairs) = arguments {
                for pair in pairs {
                    addWord(pair.key)
                    addWord(pair.value)
                }
            }
        case .add, .copy:
            let expandedFlags: Set<String> = kind == .add ? ["chown", "chmod", "checksum"] : ["chown", "chmod"]
            for flag in flags where expandedFlags.contains(flag.name) {
                if let value = flag.value { addFlagValue(flag, value: value) }
            }
            // Heredoc sources are files written inline, not paths: their marker is not expanded.
            let markers = Set(heredocs.map(\.markerRange))
            for word in words where !markers.contains(word.range) { addWord(word) }
            for heredoc in heredocs where heredoc.expand {
                result.append(BuildKitExpandedWord(
                    text: heredoc.effectiveContent, kind: .heredocBody, range: heredoc.contentRange,
                    fileOffset: heredoc.chomp ? nil : heredoc.contentRange.start.offset))
            }
        case .volume, .user, .workdir, .stopsignal:
            for word in words { addWord(word) }
        case .run:
            for flag in flags where flag.name == "mount" {
                for field in RunMount.csvFields(flag.value ?? "") {
                    guard let equals = field.firstIndex(of: "=") else { continue }
                    let value = String(field[field.index(after: equals)...])
                    // The field's place in the flag is not tracked through CSV quoting.
                    result.append(BuildKitExpandedWord(text: value, kind: .word, range: flag.range, fileOffset: nil))
                }
            }
        default:
            break
        }
        return result
    }
}
