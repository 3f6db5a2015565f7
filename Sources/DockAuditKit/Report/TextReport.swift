/// The default output: one line per finding, `path:line:col: severity: message [CODE name]`
/// (the shape compilers use, so editors and CI annotators jump to the spot), then one
/// summary line. Nothing at all when the files are clean, as with hadolint.
enum TextReport {
    static func render(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var output = ""
        for finding in findings.sorted(by: Finding.reportOrder) {
            let start = finding.range.start
            output += "\(finding.file):\(start.line):\(start.column): \(finding.severity.rawValue): "
            output += "\(finding.message) [\(finding.code) \(finding.name)]\n"
        }
        output += summary(findings) + "\n"
        return output
    }

    /// `3 findings (1 error, 2 warnings) in 2 files`: the files are those with findings.
    static func summary(_ findings: [Finding]) -> String {
        let counts = Severity.allCases.compactMap { severity -> String? in
            let count = findings.count(where: { $0.severity == severity })
            guard count > 0 else { return nil }
            return counted(count, severity.rawValue, plural: severity == .error || severity == .warning)
        }
        let files = Set(findings.map(\.file)).count
        return "\(counted(findings.count, "finding")) (\(counts.joined(separator: ", "))) in \(counted(files, "file"))"
    }

    /// `1 error`, `2 errors`; `2 info` and `2 style` stay as they are.
    static func counted(_ count: Int, _ noun: String, plural: Bool = true) -> String {
        "\(count) \(noun)\(count != 1 && plural ? "s" : "")"
    }
}
