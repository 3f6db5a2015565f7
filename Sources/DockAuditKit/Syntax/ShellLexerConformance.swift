/// Checks the shell lexer against BuildKit's variable-expansion tables
/// (`buildkit-testfiles/shell-lex/`). Placeholder until the lexer's conformance checker
/// lands; `dockaudit debug-lex-tables` calls it.
public enum ShellLexerConformance {
    public static func check(envVarTable: String, wordsTable: String) -> (report: String, failures: Int) {
        ("not implemented", 1)
    }
}
