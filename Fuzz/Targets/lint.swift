/// The whole lint pipeline on one Dockerfile (the input): parse, stage model, every rule
/// (opt-in ones too), every reporter, and `--fix` twice.
///
/// Checked: nothing traps; every finding's range (and every fix edit) lies in the file
/// with line and column fitting its offset; JSON reports parse and XML reports are
/// well-formed; fixing the fixed text again changes nothing (safe fixes, as `--fix`,
/// and with unsafe ones, as `--fix --unsafe-fixes`).
let linter = Linter(rules: RuleRegistry.all)
let lintOptions = LintOptions(asOf: CalendarDate(year: 2026, month: 11, day: 23), dockerfilePath: "Dockerfile")
/// A path that needs escaping in every format.
let path = "dir with space/<Docker&file>\"'.dockerfile"

func fuzzLint(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let findings = linter.lint(SourceFile(path: path, bytes: bytes), options: lintOptions)
    PositionOracle(bytes).check(findings)

    let report = LintReport(
        findings: findings, files: [path], sources: [path: bytes], rules: linter.rules.map { $0.description })
    ReportChecks.renderEveryFormat(report)

    for includingUnsafe in [false, true] {
        let fixer = FileFixer(includingUnsafe: includingUnsafe) { source in
            let dockerfile = DockerfileParser.parse(source)
            return (dockerfile, linter.lint(dockerfile, options: lintOptions))
        }
        let once = fixer.fix(path: path, bytes: bytes)
        PositionOracle(once.bytes).check(once.findings)
        _ = UnifiedDiff().render(old: bytes, new: once.bytes, path: path)
        guard once.bytes != bytes else { continue }
        let twice = fixer.fix(path: path, bytes: once.bytes)
        FuzzCheck.require(
            twice.bytes == once.bytes,
            """
            fixing (\(includingUnsafe ? "unsafe fixes too" : "safe fixes")) is not idempotent: the second run changed the text
            --- once:
            \(String(decoding: once.bytes, as: UTF8.self))
            --- twice:
            \(String(decoding: twice.bytes, as: UTF8.self))
            """)
    }
    return 0
}
