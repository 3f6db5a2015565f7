/// Everything `dockaudit lint` was told besides its paths.
struct LintCommandOptions: Sendable, Hashable {
    var format: OutputFormat = .text
    var context: BuildContextChoice = .besideDockerfile
    /// The stage that is built (`--target`), lower-cased as BuildKit compares stage
    /// names; nil means the last stage.
    var target: String?
    var failureThreshold: FailureThreshold = .severity(.info)
    /// The day end-of-life rules compare with (`--as-of`); nil for today.
    var asOf: CalendarDate?
    /// `--disable-ignore-pragmas`: report what ignore comments would hide.
    var disableIgnorePragmas = false
    /// `--select`: opt-in rules to run as well, as the user named them (code, name or alias).
    var selectedRules: [String] = []
    /// `--trusted-registry`: the registries images may come from; empty means any.
    var trustedRegistries: [String] = []
    /// `--require-label` and `--strict-labels`.
    var labelSchema = LabelSchema()
    /// `--ignore`: rules whose findings are dropped (code, name or alias).
    var ignoredRules: [String] = []
    /// `--severity RULE=LEVEL` (and hadolint's `--error RULE`…): per-rule severities; the
    /// last one naming a rule wins.
    var ruleLevels: [RuleLevel] = []
    /// `--min-severity`: findings below it are neither shown nor counted.
    var minimumSeverity: Severity?
    /// `--follow-symlinks`: directory walks follow links to folders (cycles excepted).
    var followSymlinks = false
    /// `--no-fail`: exit 0 even with findings (2 still means bad input).
    var noFail = false
    /// Configuration for Dockerfiles matching a pattern (`overrides:` in the config file).
    var pathOverrides: [PathOverride] = []
    /// Reports written to files (`--output`).
    var fileOutputs: [FileOutput] = []
    /// Whether the `format` report goes to standard output (not when `--output` took it).
    var writesStandardOutput = true
    /// `--statistics`: standard output gets a count per rule instead of the findings.
    var statistics = false
    /// `--quiet`: nothing on standard output; the exit code (and `--output` files) say it all.
    var quiet = false
    /// `--color`.
    var color = ColorChoice.auto
    /// Whether the text report on standard output is coloured: `color` decided against
    /// the terminal and `NO_COLOR`, when the command starts.
    var colorsStandardOutput = false
    var textStyle: TextReport.Style { colorsStandardOutput ? .colored : .plain }
    /// `--fix` or `--diff`.
    var fixMode = FixMode.report
    /// `--unsafe-fixes`: unsafe fixes are applied too (with `--fix` or `--diff`).
    var unsafeFixes = false

    /// Whether some report fingerprints findings by their text, so the bytes of every
    /// linted file must be kept until the end of the run.
    var needsSources: Bool {
        format.needsSources || fileOutputs.contains { ($0.format ?? format).needsSources }
    }

    /// Whether the whole output is the text report on standard output, so each file's
    /// part of it can be rendered as soon as the file is linted, on the core that linted
    /// it, and its bytes let go (the excerpts need them, nothing later does).
    var rendersTextPerFile: Bool {
        fixMode == .report && format == .text && writesStandardOutput && fileOutputs.isEmpty && !quiet && !statistics
    }

    /// The rules to run out of `all`: the default ones, those selected, and opt-in rules
    /// given a severity (as hadolint turns DL3057 on with `--warning DL3057`).
    func rules(from all: [any Rule.Type]) -> [any Rule.Type] {
        let levels = ruleLevels + pathOverrides.flatMap(\.severities)
        let named = selectedRules + levels.filter { $0.level != .off }.map(\.rule)
        let selected = Set(named.flatMap { RuleRegistry.rules(matching: $0, in: all).map { $0.description.code } })
        return all.filter { !$0.description.isOptIn || selected.contains($0.description.code) }
    }

    /// The findings as configured: ignored rules dropped, severities overridden, and
    /// findings below `--min-severity` left out.
    func adjusted(_ findings: [Finding]) -> [Finding] {
        // Nothing configured (the usual case): no per-finding work.
        if ignoredRules.isEmpty, ruleLevels.isEmpty, pathOverrides.isEmpty, minimumSeverity == nil { return findings }
        return findings.compactMap { original in
            var finding = original
            let overrides = pathOverrides.filter { $0.applies(toFile: finding.file) }
            if (ignoredRules + overrides.flatMap(\.ignore)).contains(where: finding.isNamed(by:)) { return nil }
            let levels = ruleLevels + overrides.flatMap(\.severities)
            if let level = levels.last(where: { finding.isNamed(by: $0.rule) })?.level {
                switch level {
                case .off: return nil
                case .severity(let severity): finding.severity = severity
                }
            }
            if let minimumSeverity, finding.severity < minimumSeverity { return nil }
            return finding
        }
    }

    /// The build context for one Dockerfile: nil when there is none to read (standard
    /// input without `--context`, or `--no-context`).
    func contextDirectory(forDockerfileAt path: String?) -> String? {
        switch context {
        case .none: return nil
        case .directory(let directory): return directory
        case .besideDockerfile: return path.map(Self.parentDirectory)
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = path[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}

/// What `lint` does with the fixes its findings offer.
enum FixMode: Sendable, Hashable {
    /// Report the findings; change nothing.
    case report
    /// `--fix`: write the fixed files (standard input: print the fixed text).
    case write
    /// `--diff`: print what `--fix` would change as a unified diff; write nothing.
    case diff
}

enum BuildContextChoice: Sendable, Hashable {
    /// The Dockerfile's own folder, as `docker build -f DIR/Dockerfile DIR` would use.
    case besideDockerfile
    /// `--context DIR`.
    case directory(String)
    /// `--no-context`: context checks are skipped, not failed.
    case none
}

enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    case text, json, compact, gnu, sarif, checkstyle, gitlab, github, junit

    func render(_ report: LintReport) -> String {
        switch self {
        case .text: return TextReport.render(report.findings, sources: report.sources, style: report.textStyle)
        case .json: return JSONReport.render(report.findings)
        case .compact, .gnu: return CompactReport.render(report.findings)
        case .sarif: return SARIFReport.render(report)
        case .checkstyle: return CheckstyleReport.render(report)
        case .gitlab: return GitLabReport.render(report)
        case .github: return GitHubReport.render(report.findings)
        case .junit: return JUnitReport.render(report)
        }
    }

    /// Whether the report fingerprints findings by their text, and so needs the bytes of
    /// every linted file kept until the end of the run.
    var needsSources: Bool {
        self == .sarif || self == .gitlab || self == .text
    }
}

/// The least serious severity that makes the run fail, or `none` to never fail.
///
/// Unlike hadolint, where `none` (and `ignore`) fail on any finding, `none` here means
/// what it says.
enum FailureThreshold: Sendable, Hashable {
    case severity(Severity)
    case none

    static let names = Severity.allCases.map(\.rawValue) + ["none"]

    init?(name: String) {
        if name == "none" {
            self = .none
        } else if let severity = Severity(rawValue: name) {
            self = .severity(severity)
        } else {
            return nil
        }
    }

    func isReached(by findings: [Finding]) -> Bool {
        guard case .severity(let minimum) = self else { return false }
        return findings.contains { $0.severity >= minimum }
    }
}

/// `parse --format`: the only shape so far is BuildKit's parse record.
enum ParseFormat: String, Sendable, Hashable, CaseIterable {
    case buildkitJSON = "buildkit-json"
}
