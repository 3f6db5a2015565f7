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

    /// The rules to run out of `all`: the default ones and those selected.
    func rules(from all: [any Rule.Type]) -> [any Rule.Type] {
        let selected = Set(selectedRules.flatMap { RuleRegistry.rules(matching: $0, in: all).map { $0.description.code } })
        return all.filter { !$0.description.isOptIn || selected.contains($0.description.code) }
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
        case .text: return TextReport.render(report.findings)
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
        self == .sarif || self == .gitlab
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
