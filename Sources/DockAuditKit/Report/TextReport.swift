/// The default output: one line per finding, `path:line:col: severity: message [CODE name]`
/// (the shape compilers use, so editors and CI annotators jump to the spot), then, when the
/// file's text is at hand, the source line with a caret under the exact range, and one
/// summary line at the end. Nothing at all when the files are clean, as with hadolint.
enum TextReport {
    /// ANSI colours for a terminal, or none.
    struct Style: Sendable {
        var isColored: Bool

        static let plain = Style(isColored: false)
        static let colored = Style(isColored: true)

        func paint(_ text: String, _ code: String) -> String {
            isColored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }

        func severity(_ text: String, _ severity: Severity) -> String {
            switch severity {
            case .error: return paint(text, "1;31")
            case .warning: return paint(text, "1;33")
            case .info: return paint(text, "1;36")
            case .style: return paint(text, "1;35")
            }
        }

        func bold(_ text: String) -> String { paint(text, "1") }
        func dim(_ text: String) -> String { paint(text, "2") }
    }

    /// The most characters of a source line shown; a longer line is cut around the range.
    static let excerptWidth = 160

    static func render(_ findings: [Finding], sources: [String: [UInt8]] = [:], style: Style = .plain) -> String {
        let findings = findings.inReportOrder()
        guard !findings.isEmpty else { return "" }
        // One block per file, rendered on all cores (the excerpts are most of the work),
        // joined in report order.
        let blocks = fileRuns(of: findings).concurrentMap { run in
            block(findings[run], source: sources[findings[run.lowerBound].file], style: style)
        }
        return blocks.joined() + summary(findings) + "\n"
    }

    /// The lines of one file's findings (in report order), each with its excerpt when the
    /// file's bytes are given.
    static func block(_ findings: some Collection<Finding>, source: [UInt8]?, style: Style) -> String {
        var block = ""
        for finding in findings {
            let start = finding.range.start
            block += style.bold("\(finding.file):\(start.line):\(start.column):") + " "
            block += style.severity(finding.severity.rawValue + ":", finding.severity) + " "
            block += "\(finding.message) " + style.dim("[\(finding.code) \(finding.name)]") + "\n"
            if let source { block += excerpt(finding, in: source, style: style) }
        }
        return block
    }

    /// The index ranges of `findings` (in report order) that belong to one file each.
    static func fileRuns(of findings: [Finding]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        for index in findings.indices.dropFirst() where findings[index].file != findings[index - 1].file {
            runs.append(start..<index)
            start = index
        }
        if !findings.isEmpty { runs.append(start..<findings.count) }
        return runs
    }

    /// `  12 | RUN apt-get install curl` and a caret line under the range (to the end of
    /// the line when the range goes on). Tabs are kept in the caret line so it lines up.
    static func excerpt(_ finding: Finding, in bytes: [UInt8], style: Style) -> String {
        let startOffset = min(max(finding.range.start.offset, 0), bytes.count)
        var lineStart = startOffset
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = startOffset
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let rangeEnd = min(max(finding.range.end.offset, startOffset), lineEnd)
        let number = String(finding.range.start.line)
        let gutter = String(repeating: " ", count: number.count)
        // The usual line, ASCII and short, is cut and measured in bytes; otherwise in
        // Characters, as a terminal shows them.
        if lineEnd - lineStart <= excerptWidth, !bytes[lineStart..<lineEnd].contains(where: { $0 >= 0x80 }) {
            let markStart = min(startOffset, lineEnd)
            let padding = String(decoding: bytes[lineStart..<markStart].map { $0 == 0x09 ? 0x09 : 0x20 }, as: UTF8.self)
            let carets = String(repeating: "^", count: max(1, rangeEnd - markStart))
            return style.dim("  \(number) |") + " " + String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self) + "\n"
                + style.dim("  \(gutter) |") + " " + padding + style.severity(carets, finding.severity) + "\n"
        }
        var before = Array(String(decoding: bytes[lineStart..<min(startOffset, lineEnd)], as: UTF8.self))
        var marked = Array(String(decoding: bytes[min(startOffset, lineEnd)..<rangeEnd], as: UTF8.self))
        var after = Array(String(decoding: bytes[rangeEnd..<lineEnd], as: UTF8.self))
        // A BOM is not shown (nor counted as a column).
        if lineStart == 0, before.first == "\u{FEFF}" { before.removeFirst() }
        if before.count + marked.count + after.count > excerptWidth {
            let keepBefore = min(before.count, 40)
            if keepBefore < before.count { before = ["…"] + before.suffix(keepBefore) }
            marked = Array(marked.prefix(excerptWidth - before.count))
            after = after.count > excerptWidth - before.count - marked.count
                ? Array(after.prefix(max(0, excerptWidth - before.count - marked.count))) + ["…"] : after
        }
        let padding = String(before.map { $0 == "\t" ? "\t" : " " })
        let carets = String(repeating: "^", count: max(1, marked.count))
        return style.dim("  \(number) |") + " " + String(before + marked + after) + "\n"
            + style.dim("  \(gutter) |") + " " + padding + style.severity(carets, finding.severity) + "\n"
    }

    /// `3 findings (1 error, 2 warnings) in 2 files`: the files are those with findings.
    static func summary(_ findings: [Finding]) -> String {
        // One pass by index: the findings are tens of thousands over a corpus, and
        // iterating them by value copied each one.
        var bySeverity: [Severity: Int] = [:]
        var files: Set<String> = []
        for index in findings.indices {
            bySeverity[findings[index].severity, default: 0] += 1
            if index == 0 || findings[index].file != findings[index - 1].file { files.insert(findings[index].file) }
        }
        let counts = Severity.allCases.compactMap { severity -> String? in
            guard let count = bySeverity[severity] else { return nil }
            return counted(count, severity.rawValue, plural: severity == .error || severity == .warning)
        }
        return "\(counted(findings.count, "finding")) (\(counts.joined(separator: ", "))) in \(counted(files.count, "file"))"
    }

    /// `1 error`, `2 errors`; `2 info` and `2 style` stay as they are.
    static func counted(_ count: Int, _ noun: String, plural: Bool = true) -> String {
        "\(count) \(noun)\(count != 1 && plural ? "s" : "")"
    }
}
