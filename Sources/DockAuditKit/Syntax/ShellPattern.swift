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

    /// The end of the preferred match of `tokens` at every start in the subject (nil
    /// where none starts), as a backtracking matcher would find it: tokens left to right,
    /// each `*` trying its longest (greedy) or shortest span first.
    ///
    /// The preferred end from "token t at position p" depends on nothing else, so it is
    /// computed for every p, one token at a time from the last: O(tokens × subject) time
    /// and O(subject) memory. Backtracking took exponential time on `*a*a*a*b` against a
    /// long value, and recursed once per literal of the pattern.
    static func matchEnds(_ tokens: [Token], in subject: [Unicode.Scalar], greedy: Bool) -> [Int?] {
        let count = subject.count
        // After the last token, a match ends where it is.
        var after: [Int?] = (0...count).map { $0 }
        var current = [Int?](repeating: nil, count: count + 1)
        for token in tokens.reversed() {
            switch token {
            case .literal(let scalar):
                for position in 0...count {
                    current[position] = position < count && subject[position] == scalar ? after[position + 1] : nil
                }
            case .anyCharacter:
                for position in 0...count {
                    current[position] = position < count && subject[position] != "\n" ? after[position + 1] : nil
                }
            case .anyString:
                // A `*` at p may end anywhere from p up to the next newline (it does not
                // cross one). Walking down, `chosen` is the end it prefers among those
                // where the rest of the pattern matches: the last one (greedy) or the first.
                var chosen: Int?
                var position = count
                while position >= 0 {
                    if position < count, subject[position] == "\n" { chosen = nil }
                    if after[position] != nil, !greedy || chosen == nil { chosen = position }
                    current[position] = chosen.flatMap { after[$0] }
                    position -= 1
                }
            }
            swap(&after, &current)
        }
        return after
    }

    /// The end of the preferred match of `tokens` starting exactly at `start`, or nil.
    static func matchEnd(_ tokens: [Token], in subject: [Unicode.Scalar], at start: Int, greedy: Bool) -> Int? {
        matchEnds(tokens, in: subject, greedy: greedy)[start]
    }

    /// The leftmost match at or after `start`, from the ends `matchEnds` computed.
    static func firstMatch(_ ends: [Int?], from start: Int) -> Range<Int>? {
        var begin = start
        while begin < ends.count {
            if let end = ends[begin] { return begin..<end }
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

    /// `limit`: the most bytes the result may have (a value with a match at every position
    /// and a long replacement multiplies their lengths).
    static func replace(
        _ pattern: [Unicode.Scalar], in value: [Unicode.Scalar], with replacement: String, all: Bool, limit: Int
    ) throws(ExpansionError) -> String {
        let tokens = try tokens(pattern)
        let ends = matchEnds(tokens, in: value, greedy: true)
        var output = String.UnicodeScalarView()
        if !all {
            guard let match = firstMatch(ends, from: 0) else {
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
        var outputBytes = 0
        while searchFrom <= value.count {
            guard let match = firstMatch(ends, from: searchFrom) else { break }
            output.append(contentsOf: value[lastMatchEnd..<match.lowerBound])
            outputBytes += match.lowerBound - lastMatchEnd
            if match.upperBound > lastMatchEnd || match.lowerBound == 0 {
                let expanded = expandTemplate(replacement, match: Array(value[match]))
                output.append(contentsOf: expanded.unicodeScalars)
                outputBytes += expanded.utf8.count
            }
            if outputBytes > limit { throw ExpansionError(message: "expansion is longer than \(limit) bytes") }
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
