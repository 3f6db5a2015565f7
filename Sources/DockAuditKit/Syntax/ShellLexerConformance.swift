/// Runs BuildKit's own variable-expansion tables (`frontend/dockerfile/shell/envVarTest`
/// and `wordsTest`, kept outside this repository) through `ShellLexer`, the way BuildKit's
/// lexer tests read them. Used by `Scripts/conformance`; the tables are data, passed in.
public enum ShellLexerConformance {
    /// The environment BuildKit's `envVarTest` cases are evaluated in.
    static let tableEnvironment = VariableTable(["PWD": "/home", "SHELL": "bash", "KOREAN": "한국어", "NULL": ""])

    public static func check(envVarTable: String, wordsTable: String) -> (report: String, failures: Int) {
        var report: [String] = []
        let (envPassed, envFailures) = checkEnvVarTable(envVarTable, report: &report)
        let (wordsPassed, wordsFailures) = checkWordsTable(wordsTable, report: &report)
        report.append("envVarTest: \(envPassed)/\(envPassed + envFailures) cases agree")
        report.append("wordsTest: \(wordsPassed)/\(wordsPassed + wordsFailures) cases agree")
        return (report.joined(separator: "\n"), envFailures + wordsFailures)
    }

    /// Lines `PLATFORM|INPUT|EXPECTED`, fields trimmed; `W` (Windows) cases are skipped
    /// because dockaudit expands with Linux semantics; `error` means expansion must fail.
    static func checkEnvVarTable(_ table: String, report: inout [String]) -> (passed: Int, failed: Int) {
        var passed = 0
        var failed = 0
        let lexer = ShellLexer(escapeToken: "\\")
        for line in table.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let platform = trimmed(fields[0])
            guard platform == "A" || platform == "U" else { continue }
            let input = trimmed(fields[1])
            let expected = trimmed(fields[2])
            let actual: String
            do {
                actual = try lexer.processWord(input, environment: tableEnvironment).value
            } catch {
                actual = "error"
            }
            if actual == expected {
                passed += 1
            } else {
                failed += 1
                report.append("envVarTest: \(GoQuote.quote(input)) gave \(GoQuote.quote(actual)), BuildKit \(GoQuote.quote(expected))")
            }
        }
        return (passed, failed)
    }

    /// Lines `INPUT | w1,w2`; `ENV k=v` lines add to the environment of later lines.
    static func checkWordsTable(_ table: String, report: inout [String]) -> (passed: Int, failed: Int) {
        var passed = 0
        var failed = 0
        var environment = VariableTable()
        let lexer = ShellLexer(escapeToken: "\\")
        for line in table.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("ENV ") {
                let assignment = line.dropFirst(3).drop { $0 == " " }
                let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                environment.values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                continue
            }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            let input = trimmed(fields[0])
            let expected = fields[1].drop { $0 == " " }.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let actual = (try? lexer.processWords(input, environment: environment)) ?? ["error"]
            if actual == expected {
                passed += 1
            } else {
                failed += 1
                report.append("wordsTest: \(GoQuote.quote(input)) gave \(actual), BuildKit \(expected)")
            }
        }
        return (passed, failed)
    }

    static func trimmed(_ text: Substring) -> String {
        String(text.drop { UTF8Text.isSpace($0.unicodeScalars.first!) }.reversed().drop { UTF8Text.isSpace($0.unicodeScalars.first!) }.reversed())
    }
}
