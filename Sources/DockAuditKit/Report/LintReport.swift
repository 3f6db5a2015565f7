/// What a reporter is handed: the findings and what some formats need around them.
/// Plain data; every format turns one of these into a string and prints nothing.
struct LintReport: Sendable {
    /// In report order (`Finding.reportOrder`).
    var findings: [Finding]
    /// Every file that was linted, as the user named it (`-` for standard input), with or
    /// without findings: JUnit and Checkstyle list clean files too.
    var files: [String]
    /// The bytes of each linted file, by path, for the formats that fingerprint a
    /// finding by the text it flags; empty when the format does not need them.
    var sources: [String: [UInt8]]
    /// The rules that ran, for the formats that describe them (SARIF).
    var rules: [RuleDescription]
    /// Colours for the text report (only ever on a terminal).
    var textStyle = TextReport.Style.plain

    init(findings: [Finding], files: [String] = [], sources: [String: [UInt8]] = [:], rules: [RuleDescription] = []) {
        self.findings = findings.inReportOrder()
        self.files = files
        self.sources = sources
        self.rules = rules
    }

    /// The linted files and those with findings, sorted, each once.
    var allFiles: [String] {
        Array(Set(files).union(findings.map(\.file))).sorted()
    }

    func rule(code: String) -> RuleDescription? {
        rules.first { $0.code == code }
    }
}

/// A fingerprint for each finding that survives edits elsewhere in the file: it hashes
/// the path, the rule code, the flagged text (not its line number) and which occurrence
/// of that same (path, code, text) it is, so inserting lines above leaves it unchanged.
enum FindingFingerprints {
    /// One 16-hex-digit fingerprint per finding, in the order of `report.findings`.
    static func compute(_ report: LintReport) -> [String] {
        var occurrences: [String: Int] = [:]
        return report.findings.map { finding in
            let text = flaggedText(finding, in: report.sources[finding.file] ?? [])
            var key = FNV1a64()
            key.combine(finding.file)
            key.combine([0])
            key.combine(finding.code)
            key.combine([0])
            key.combine(text)
            let identity = key.hexDigest
            let occurrence = occurrences[identity, default: 0]
            occurrences[identity] = occurrence + 1
            key.combine([0])
            key.combine(String(occurrence))
            return key.hexDigest
        }
    }

    /// The bytes the finding covers, or the whole line when its span is empty; carriage
    /// returns dropped, so a switch to CRLF line endings does not change the fingerprint.
    static func flaggedText(_ finding: Finding, in bytes: [UInt8]) -> [UInt8] {
        let count = bytes.count
        var start = min(max(finding.range.start.offset, 0), count)
        var end = min(max(finding.range.end.offset, start), count)
        if start == end {
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            while end < count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        }
        return bytes[start..<end].filter { $0 != UInt8(ascii: "\r") }
    }
}
