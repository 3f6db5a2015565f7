/// `--format github`: GitHub Actions workflow commands, which the runner turns into
/// annotations on the pull request's diff:
/// `::warning file=F,line=L,col=C,endLine=…,endColumn=…,title=CODE name::message`.
enum GitHubReport {
    static func render(_ findings: [Finding]) -> String {
        var output = ""
        for finding in findings.inReportOrder() {
            let start = finding.range.start
            var properties = [("file", finding.file), ("line", String(start.line))]
            let end = finding.range.end
            if end.line == start.line {
                // GitHub takes columns only on a single line; its end column is the
                // last one covered, ours the one after it.
                properties += [("col", String(start.column)), ("endColumn", String(max(start.column, end.column - 1)))]
            } else {
                properties.append(("endLine", String(lastLine(of: finding.range))))
            }
            properties.append(("title", "\(finding.code) \(finding.name)"))
            let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
            output += "::\(command(finding.severity)) \(list)::\(escapeData(finding.message))\n"
        }
        return output
    }

    /// The last line the span touches: a span that ends at the very start of a line
    /// (after a newline) ends on the line before.
    static func lastLine(of range: SourceRange) -> Int {
        range.end.column == 1 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info, .style: return "notice"
        }
    }

    /// The escaping the Actions runner undoes in a command's message.
    static func escapeData(_ text: String) -> String {
        var output = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    /// The same for a property value, where `:` and `,` are separators.
    static func escapeProperty(_ text: String) -> String {
        var output = ""
        for character in escapeData(text).unicodeScalars {
            switch character {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
