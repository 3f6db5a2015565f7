/// `--format compact` (also `gnu`): `path:line:col: severity: message [CODE]`, one line
/// per finding and nothing else, the GNU error format editors and `grep`-style tools read.
enum CompactReport {
    static func render(_ findings: [Finding]) -> String {
        var output = ""
        for finding in findings.inReportOrder() {
            let start = finding.range.start
            output += "\(finding.file):\(start.line):\(start.column): \(finding.severity.rawValue): "
            output += "\(finding.message) [\(finding.code)]\n"
        }
        return output
    }
}
