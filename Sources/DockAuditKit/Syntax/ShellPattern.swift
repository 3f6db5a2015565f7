/// The glob patterns of `${v#p}`, `${v%p}` and `${v/p/r}`: `*`, `?` and `\` escapes, no
/// bracket classes. BuildKit turns them into Go regular expressions; this matcher gives
/// the same answers (leftmost match, then Perl-style preference: a `*` takes as much as it
/// can when greedy, as little as it can otherwise; no wildcard crosses a newline).
enum ShellPattern {
    enum Token: Equatable {
        case literal(Unicode.Scalar)
        case anyCharacter
        case anyString
    }

    static func tokens(_ pattern: [Unicode.Scalar]) throws(ExpansionError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            let scalar = pattern[index]
            index += 1
            switch scalar {
            case "*":
                tokens.append(.anyString)
            case "?":
                tokens.append(.anyCharacter)
            case "\\":
                // `\}` and `\/` only protect the ${…} delimiters; the backslash goes.
                if index < pattern.count, pattern[index] == "}" || pattern[index] == "/" { continue }
                guard index < pattern.count, ["*", "?", "\\"].contains(pattern[index]) else {
                    let shown = index < pattern.count ? String(pattern[index]) : "\u{FFFD}"
                    throw ExpansionError(message: "invalid pattern (\(String(String.UnicodeScalarView(pattern)))) in substitution: invalid escape '\\\(shown)'")
                }
                tokens.append(.literal(pattern[index]))
                index += 1
            default:
                tokens.append(.literal(scalar))
            }
        }
        return tokens
    }

    /// The end of the preferred match of `tokens` starting exactly at `start`, or nil.
    static func matchEnd(_ tokens: [Token], in subject: [Unicode.Scalar], at start: Int, greedy: Bool) -> Int? {
        var failed = Set<Int>()
        let width = subject.count + 1
        func attempt(_ tokenIndex: Int, _ position: Int) -> Int? {
            if tokenIndex == tokens.count { return position }
            let key = tokenIndex * width + position
            if failed.contains(key) { return nil }
            var result: Int?
            switch tokens[tokenIndex] {
            case .literal(let scalar):
                if position < subject.count, subject[position] == scalar {
                    result = attempt(tokenIndex + 1, position + 1)
                }
            case .anyCharacter:
                if position < subject.count, subject[position] != "\n" {
                    result = attempt(tokenIndex + 1, position + 1)
                }
            case .anyString:
                var limit = position
                while limit < subject.count, subject[limit] != "\n" { limit += 1 }
                if greedy {
                    var end = limit
                    while end >= position {
                        if let found = attempt(tokenIndex + 1, end) { result = found; break }
                        end -= 1
                    }
                } else {
                    for end in position...limit {
                        if let found = attempt(tokenIndex + 1, end) { result = found; break }
                    }
                }
            }
            if result == nil { failed.insert(key) }
            return result
        }
        return attempt(0, start)
    }

    /// The leftmost match: its start and end.
    static func firstMatch(_ tokens: [Token], in subject: [Unicode.Scalar], from start: Int, greedy: Bool) -> Range<Int>? {
        var begin = start
        while begin <= subject.count {
            if let end = matchEnd(tokens, in: subject, at: begin, greedy: greedy) { return begin..<end }
            begin += 1
        }
        return nil
    }

    static func trimPrefix(_ pattern: [Unicode.Scalar], from value: [Unicode.Scalar], longest: Bool) throws(ExpansionError) -> String {
        let tokens = try tokens(pattern)
        guard let end = matchEnd(tokens, in: value, at: 0, greedy: longest) else {
            return String(String.UnicodeScalarView(value))
        }
        return String(String.UnicodeScalarView(value[end...]))
    }

    /// Suffix removal reverses pattern and value so that it becomes a prefix match, as
    /// BuildKit does (escapes stay in front of the character they escape).
    static func trimSuffix(_ pattern: [Unicode.Scalar], from value: [Unicode.Scalar], longest: Bool) throws(ExpansionError) -> String {
        var reversed = [Unicode.Scalar](repeating: " ", count: pattern.count)
        let last = pattern.count - 1
        var index = 0
        while index <= last {
            let scalar = pattern[index]
            if scalar == "\\", index != last {
                reversed[last - index - 1] = scalar
                reversed[last - index] = pattern[index + 1]
                index += 2
            } else {
                reversed[last - index] = scalar
                index += 1
            }
        }
        let trimmed = try trimPrefix(reversed, from: value.reversed(), longest: longest)
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.reversed()))
    }

    static func replace(_ pattern: [Unicode.Scalar], in value: [Unicode.Scalar], with replacement: String, all: Bool) throws(ExpansionError) -> String {
        let tokens = try tokens(pattern)
        var output = String.UnicodeScalarView()
        if !all {
            guard let match = firstMatch(tokens, in: value, from: 0, greedy: true) else {
                return String(String.UnicodeScalarView(value))
            }
            output.append(contentsOf: value[..<match.lowerBound])
            output.append(contentsOf: replacement.unicodeScalars)
            output.append(contentsOf: value[match.upperBound...])
            return String(output)
        }
        // Go's ReplaceAllString: an empty match right after a match is skipped, the search
        // always advances, and `$` in the replacement is a template reference.
        var searchFrom = 0
        var lastMatchEnd = 0
        while searchFrom <= value.count {
            guard let match = firstMatch(tokens, in: value, from: searchFrom, greedy: true) else { break }
            output.append(contentsOf: value[lastMatchEnd..<match.lowerBound])
            if match.upperBound > lastMatchEnd || match.lowerBound == 0 {
                output.append(contentsOf: expandTemplate(replacement, match: Array(value[match])).unicodeScalars)
            }
            lastMatchEnd = match.upperBound
            searchFrom = searchFrom + 1 > match.upperBound ? searchFrom + 1 : match.upperBound
        }
        if lastMatchEnd < value.count { output.append(contentsOf: value[lastMatchEnd...]) }
        return String(output)
    }

    /// Go's `regexp.Expand` for an expression without groups: `$0` is the match, `$$` a
    /// dollar, any other reference is empty, a malformed one stays literal.
    static func expandTemplate(_ template: String, match: [Unicode.Scalar]) -> String {
        let scalars = Array(template.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "$" else { output.append(scalar); continue }
            if index < scalars.count, scalars[index] == "$" {
                output.append("$")
                index += 1
                continue
            }
            var cursor = index
            let braced = cursor < scalars.count && scalars[cursor] == "{"
            if braced { cursor += 1 }
            let nameStart = cursor
            while cursor < scalars.count,
                UTF8Text.isLetter(scalars[cursor]) || UTF8Text.isDigit(scalars[cursor]) || scalars[cursor] == "_"
            {
                cursor += 1
            }
            let name = scalars[nameStart..<cursor]
            if name.isEmpty || (braced && (cursor >= scalars.count || scalars[cursor] != "}")) {
                output.append("$")
                continue
            }
            if braced { cursor += 1 }
            index = cursor
            if name.count == 1, name.first == "0" { output.append(contentsOf: match) }
        }
        return String(output)
    }
}
