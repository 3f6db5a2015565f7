/// The options of a command read as GNU `getopt_long` reads them: `--name=value`,
/// `--name value` for the long options that take one, clusters of short options (`-qO-`),
/// `-ovalue` / `-o value` for the short options that take one, and `--` ending the options.
/// curl and wget are read this way by several rules; each asks for the options it cares
/// about instead of walking the words itself.
struct CommandOptions {
    /// How a tool's options are spelled.
    struct Grammar: Sendable {
        /// Long options whose value may be the next word (`--output FILE`).
        var longWithValue: Set<String>
        /// Short options that take a value (`-o FILE`, `-oFILE`).
        var shortWithValue: Set<Character>
        /// A letter that starts a two-letter short option (wget's `-nv`, `-nc`).
        var twoLetterPrefix: Character?
    }

    struct Option: Sendable {
        /// The long name without dashes, one letter, or a two-letter short option.
        var name: String
        var isLong: Bool
        /// The value it takes, attached or from the next word; nil for a switch (or when
        /// the command line ends before the value).
        var value: String?
        /// The word the option is written in.
        var word: ShellWord
    }

    var options: [Option] = []

    init(_ words: [ShellWord], grammar: Grammar) {
        var index = 0
        while index < words.count {
            let word = words[index]
            let value = word.value
            if value == "--" { break }
            index += 1
            guard value.hasPrefix("-"), value.count > 1 else { continue }
            let nextWord = index < words.count ? words[index].value : nil
            if value.hasPrefix("--") {
                let body = value.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                if let equals = body.firstIndex(of: "=") {
                    options.append(Option(name: name, isLong: true, value: String(body[body.index(after: equals)...]), word: word))
                } else if grammar.longWithValue.contains(name) {
                    options.append(Option(name: name, isLong: true, value: nextWord, word: word))
                    index += 1
                } else {
                    options.append(Option(name: name, isLong: true, value: nil, word: word))
                }
                continue
            }
            var position = value.index(after: value.startIndex)
            while position < value.endIndex {
                let letter = value[position]
                let next = value.index(after: position)
                if letter == grammar.twoLetterPrefix {
                    let end = next < value.endIndex ? value.index(after: next) : next
                    options.append(Option(name: String(value[position..<end]), isLong: false, value: nil, word: word))
                    position = end
                    continue
                }
                if grammar.shortWithValue.contains(letter) {
                    let rest = String(value[next...])
                    options.append(Option(name: String(letter), isLong: false, value: rest.isEmpty ? nextWord : rest, word: word))
                    if rest.isEmpty { index += 1 }
                    break
                }
                options.append(Option(name: String(letter), isLong: false, value: nil, word: word))
                position = next
            }
        }
    }
}
