/// `--statistics`: how many findings each rule has, most first, then the summary line;
/// for a first look at a large tree before reading the findings one by one.
enum StatisticsReport {
    static func render(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var counts: [String: (name: String, severity: Severity, count: Int)] = [:]
        for finding in findings {
            counts[finding.code, default: (finding.name, finding.severity, 0)].count += 1
        }
        let rows = counts.sorted { lhs, rhs in
            lhs.value.count != rhs.value.count ? lhs.value.count > rhs.value.count : lhs.key < rhs.key
        }
        let width = String(rows.first?.value.count ?? 0).count
        var output = ""
        for (code, row) in rows {
            let count = String(row.count)
            output += String(repeating: " ", count: width - count.count) + count + "  \(code) \(row.name)\n"
        }
        return output + TextReport.summary(findings) + "\n"
    }
}
