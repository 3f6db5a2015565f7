/// `--format checkstyle`: Checkstyle's XML, read by Jenkins' warnings plugin, reviewdog,
/// SonarQube and most CI dashboards. Every linted file gets a `<file>` element, clean or
/// not; Checkstyle has no `style` severity, so style findings are `info`.
enum CheckstyleReport {
    static func render(_ report: LintReport) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        let byFile = Dictionary(grouping: report.findings, by: \.file)
        for file in report.allFiles {
            let findings = byFile[file] ?? []
            guard !findings.isEmpty else {
                output += "  <file name=\"\(XMLText.attribute(file))\"/>\n"
                continue
            }
            output += "  <file name=\"\(XMLText.attribute(file))\">\n"
            for finding in findings {
                output += "    <error line=\"\(finding.range.start.line)\" column=\"\(finding.range.start.column)\""
                output += " severity=\"\(severity(finding.severity))\""
                output += " message=\"\(XMLText.attribute(finding.message))\""
                output += " source=\"dockaudit.\(XMLText.attribute(finding.code))\"/>\n"
            }
            output += "  </file>\n"
        }
        output += "</checkstyle>\n"
        return output
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info, .style: return "info"
        }
    }
}
