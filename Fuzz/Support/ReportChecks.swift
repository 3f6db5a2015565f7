import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that each reporter's output is what its consumers parse.
enum ReportChecks {
    static let jsonFormats: Set<OutputFormat> = [.json, .sarif, .gitlab]
    static let xmlFormats: Set<OutputFormat> = [.checkstyle, .junit]

    /// Renders the report in every format (and the text report in colour): none may trap,
    /// JSON must parse and XML must be well-formed.
    static func renderEveryFormat(_ report: LintReport) {
        var report = report
        for format in OutputFormat.allCases {
            let output = format.render(report)
            if jsonFormats.contains(format) {
                let parsed = try? JSONSerialization.jsonObject(with: Data(output.utf8))
                FuzzCheck.require(parsed != nil, "--format \(format.rawValue) is not JSON:\n\(output)")
            }
            if xmlFormats.contains(format) {
                let problem = xmlProblem(output)
                FuzzCheck.require(problem == nil, "--format \(format.rawValue) is not well-formed XML (\(problem ?? "")):\n\(output)")
            }
        }
        report.textStyle = .colored
        _ = OutputFormat.text.render(report)
        _ = StatisticsReport.render(report.findings)
    }

    /// Why `text` is not well-formed XML, or nil when it is.
    static func xmlProblem(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        if parser.parse() { return nil }
        return parser.parserError.map { "\($0)" } ?? "unknown error"
    }
}
