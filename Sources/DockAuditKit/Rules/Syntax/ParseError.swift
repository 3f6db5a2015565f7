/// DA100: what makes BuildKit's parser reject the file. `docker build` fails before any
/// instruction runs, so this is always an error.
struct ParseError: Rule {
    static let description = RuleDescription(
        code: "DA100", name: "parse-error", severity: .error, category: .syntax,
        aliases: ["DL1000"],
        summary: "The file cannot be parsed the way Docker BuildKit parses it.",
        rationale: """
            BuildKit stops at the first syntax error it meets: an unterminated heredoc, a \
            JSON array with a non-string element, an ENV or LABEL without a value, a repeated \
            or invalid parser directive, a line longer than 64 KiB, or a file with no \
            instructions. The build fails before anything runs. dockaudit reports each such \
            error and keeps linting the rest of the file.
            """,
        howToFix: "Correct the reported line: close the heredoc with its terminator line, quote every element of a JSON array, give ENV and LABEL a value (`KEY=value`), keep one of each parser directive at the very top.",
        badExamples: [
            "FROM alpine\nENV ↓NAME\n",
            "FROM alpine\nRUN ↓<<EOF\necho never ends\n",
            "FROM alpine\nCMD ↓[\"echo\", 1]\n",
            "# escape=↓x\nFROM alpine\n",
        ],
        goodExamples: [
            "FROM alpine\nENV NAME=value\n",
            "FROM alpine\nRUN <<EOF\necho done\nEOF\n",
            "FROM alpine\nCMD [\"echo\", \"1\"]\n",
        ],
        differences: [
            "differs from hadolint: hadolint reports a parse error as DL1000 and stops linting the file; dockaudit reports every error it finds and lints the rest.",
            "differs from hadolint: hadolint rejects some files BuildKit accepts (an instruction right after a heredoc terminator, empty continuation lines); dockaudit accepts exactly what BuildKit accepts.",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        for diagnostic in context.dockerfile.diagnostics where diagnostic.rejectedByBuildKit {
            findings.report(diagnostic.range, Self.message(for: diagnostic))
        }
    }

    static func message(for diagnostic: SyntaxDiagnostic) -> String {
        switch diagnostic.kind {
        case .noInstructions:
            return "the file has no instructions: docker build needs at least a FROM"
        case .keyValueSyntax:
            return "\(diagnostic.message): write KEY=value (quote values with spaces)"
        case .jsonNotStringArray:
            return "JSON arrays of arguments may only hold strings: quote every element, e.g. [\"sleep\", \"1\"]"
        default:
            return diagnostic.message
        }
    }
}
