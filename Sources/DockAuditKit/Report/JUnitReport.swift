/// `--format junit`: JUnit XML, which nearly every CI system shows as test results. One
/// failing test case per finding; each linted file without findings is one passing case,
/// so a clean run still reports what was checked (and an empty run an empty suite).
enum JUnitReport {
    static func render(_ report: LintReport) -> String {
        let byFile = Dictionary(grouping: report.findings, by: \.file)
        let withFindings = Set(byFile.keys)
        let cleanFiles = report.allFiles.filter { !withFindings.contains($0) }
        let tests = report.findings.count + cleanFiles.count
        let failures = report.findings.count
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"dockaudit\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        output += "  <testsuite name=\"dockaudit\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in report.allFiles {
            if !withFindings.contains(file) {
                output += "    <testcase name=\"\(XMLText.attribute(file))\" classname=\"\(XMLText.attribute(file))\"/>\n"
                continue
            }
            for finding in byFile[file] ?? [] {
                let start = finding.range.start
                let location = "\(finding.file):\(start.line):\(start.column)"
                output += "    <testcase name=\"\(XMLText.attribute("\(location) \(finding.code)"))\""
                output += " classname=\"\(XMLText.attribute(file))\">\n"
                output += "      <failure message=\"\(XMLText.attribute(finding.message))\" type=\"\(finding.severity.rawValue)\">"
                output += XMLText.content("\(location): \(finding.severity.rawValue): \(finding.message) [\(finding.code) \(finding.name)]")
                output += "</failure>\n"
                output += "    </testcase>\n"
            }
        }
        output += "  </testsuite>\n</testsuites>\n"
        return output
    }
}
