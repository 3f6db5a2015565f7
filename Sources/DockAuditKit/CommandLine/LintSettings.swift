/// Lint settings from one source — a configuration file, the environment or the command
/// line — each one optional, so the sources can be layered: file, then environment, then
/// command line. A scalar set by a later source replaces the earlier one; lists (`ignore`,
/// `select`, severities, registries, labels, per-path overrides) add up, as in hadolint.
struct LintSettings: Sendable, Hashable {
    var format: OutputFormat?
    var context: BuildContextChoice?
    var target: String?
    var failureThreshold: FailureThreshold?
    var minimumSeverity: Severity?
    var asOf: CalendarDate?
    var disableIgnorePragmas: Bool?
    var noFail: Bool?
    var strictLabels: Bool?
    var followSymlinks: Bool?
    var ignore: [String] = []
    var select: [String] = []
    var severities: [RuleLevel] = []
    var trustedRegistries: [String] = []
    var requiredLabels: [LabelSchema.Requirement] = []
    var pathOverrides: [PathOverride] = []
    /// `--output FILE` pairs: each report written to a file, in its format (nil: the
    /// format in force).
    var fileOutputs: [FileOutput] = []
    /// false when `--output` took every `--format` given, so nothing goes to standard output.
    var writesStandardOutput: Bool?
    var statistics: Bool?
    var quiet: Bool?
    var color: ColorChoice?
    /// `--fix`, `--diff` and `--unsafe-fixes`: command line only, as a file should not
    /// rewrite what it lints behind the user's back.
    var fixMode: FixMode?
    var unsafeFixes: Bool?

    /// Lays these settings over `options`.
    func apply(to options: inout LintCommandOptions) {
        if let format { options.format = format }
        if let context { options.context = context }
        if let target { options.target = target }
        if let failureThreshold { options.failureThreshold = failureThreshold }
        if let minimumSeverity { options.minimumSeverity = minimumSeverity }
        if let asOf { options.asOf = asOf }
        if let disableIgnorePragmas { options.disableIgnorePragmas = disableIgnorePragmas }
        if let noFail { options.noFail = noFail }
        if let strictLabels { options.labelSchema.isStrict = strictLabels }
        if let followSymlinks { options.followSymlinks = followSymlinks }
        options.ignoredRules += ignore
        options.selectedRules += select
        options.ruleLevels += severities
        options.trustedRegistries += trustedRegistries
        options.labelSchema.requirements += requiredLabels
        options.pathOverrides += pathOverrides
        options.fileOutputs += fileOutputs
        if let writesStandardOutput { options.writesStandardOutput = writesStandardOutput }
        if let statistics { options.statistics = statistics }
        if let quiet { options.quiet = quiet }
        if let color { options.color = color }
        if let fixMode { options.fixMode = fixMode }
        if let unsafeFixes { options.unsafeFixes = unsafeFixes }
    }
}

/// `--color`: whether the text report is coloured.
enum ColorChoice: String, Sendable, Hashable, CaseIterable {
    /// Only on a terminal, and not when `NO_COLOR` is set or `TERM` is `dumb`.
    case auto
    case always
    case never
}

/// One report written to a file (`--format sarif --output results.sarif`).
struct FileOutput: Sendable, Hashable {
    /// nil: the format in force (`--output` without a `--format` before it).
    var format: OutputFormat?
    var path: String
}

/// A severity given to a rule by configuration, or `off`.
struct RuleLevel: Sendable, Hashable {
    enum Level: Sendable, Hashable {
        case severity(Severity)
        /// Drops the rule's findings (hadolint's `ignore` level).
        case off

        init?(name: String) {
            let lowered = name.lowercased()
            if lowered == "off" || lowered == "ignore" {
                self = .off
            } else if let severity = Severity(rawValue: lowered) {
                self = .severity(severity)
            } else {
                return nil
            }
        }

        static let names = Severity.allCases.map(\.rawValue) + ["off"]
    }

    /// A rule code, name or alias.
    var rule: String
    var level: Level
}

/// Settings that apply only to Dockerfiles whose path matches `files` (Docker's
/// `.dockerignore` pattern syntax, relative to the configuration file's folder).
struct PathOverride: Sendable, Hashable {
    var files: [String]
    var ignore: [String] = []
    var severities: [RuleLevel] = []
    /// The folder the patterns are relative to (the configuration file's), absolute.
    var baseFolder: String = ""
    /// The working directory relative paths are resolved against, absolute.
    var workingDirectory: String = ""

    /// Whether a Dockerfile path, as the user gave it, matches the patterns.
    func applies(toFile file: String) -> Bool {
        guard let relative = pathInBaseFolder(file) else { return false }
        return Dockerignore(patterns: files).isExcluded(relative)
    }

    /// `file` relative to `baseFolder`; nil outside it (or for standard input).
    func pathInBaseFolder(_ file: String) -> String? {
        guard file != "-" else { return nil }
        let absolute = PathText.clean(file.hasPrefix("/") ? file : workingDirectory + "/" + file)
        let base = PathText.clean(baseFolder)
        if base == "/" { return String(absolute.dropFirst()) }
        guard absolute.hasPrefix(base + "/") else { return nil }
        return String(absolute.dropFirst(base.count + 1))
    }
}

extension Finding {
    /// Whether a rule identifier (code, name or alias, as a user writes it) names the rule
    /// of this finding. An alias matches only when this finding stands for it: ignoring
    /// DL3033 (yum) keeps DA426's dnf findings (DL3041).
    func isNamed(by identifier: String) -> Bool {
        let upper = identifier.uppercased()
        let lower = identifier.lowercased()
        return code == upper || name == lower || aliases.contains { $0.lowercased() == lower }
    }
}
