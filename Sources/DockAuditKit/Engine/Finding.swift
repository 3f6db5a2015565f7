/// One problem found in one file: plain data, handed to a reporter.
public struct Finding: Sendable, Hashable {
    /// The path as the user gave it (or `-` for standard input).
    public var file: String
    public var code: String
    public var name: String
    public var severity: Severity
    /// What is wrong and what to do, in the user's terms.
    public var message: String
    public var range: SourceRange
    /// The hadolint codes and BuildKit check names this finding stands for: its rule's
    /// aliases, or the part of them that fits this finding.
    public var aliases: [String]
    /// How to repair it, when the repair is mechanical (`--fix`).
    public var fix: Fix?

    public init(
        file: String, code: String, name: String, severity: Severity, message: String, range: SourceRange,
        aliases: [String] = [], fix: Fix? = nil
    ) {
        self.file = file
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.range = range
        self.aliases = aliases
        self.fix = fix
    }

    /// Report order: file, line, column, then code.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.range.start.line != rhs.range.start.line { return lhs.range.start.line < rhs.range.start.line }
        if lhs.range.start.column != rhs.range.start.column { return lhs.range.start.column < rhs.range.start.column }
        return lhs.code < rhs.code
    }
}

extension Array where Element == Finding {
    /// The findings in report order. Most lists arrive sorted (each file's findings are,
    /// and files are joined in path order), so it first checks, in one pass, and sorts
    /// only when needed: sorting 40,000 findings again in every reporter was a visible,
    /// single-threaded share of a corpus run.
    func inReportOrder() -> [Finding] {
        for index in indices.dropFirst() where Finding.reportOrder(self[index], self[index - 1]) {
            return sorted(by: Finding.reportOrder)
        }
        return self
    }
}
