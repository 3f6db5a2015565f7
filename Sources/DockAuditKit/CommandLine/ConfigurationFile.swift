/// A configuration file that cannot be used: printed as `path:line: message`, exit 2.
struct ConfigurationError: Error, Sendable, Hashable {
    var path: String
    var line: Int?
    var message: String

    var text: String { "dockaudit: \(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Reads `.dockaudit.yaml`, or hadolint's `.hadolint.yaml` (whose keys and DL codes are
/// mapped onto dockaudit's), into `LintSettings`. Every problem is an error with its line:
/// unknown keys, values of the wrong shape, unknown rules. hadolint drops a bad file and
/// lints with defaults, which hides the mistake; a CI gate should not.
struct ConfigurationFile {
    enum Dialect: Sendable {
        case dockaudit, hadolint
    }

    let path: String
    let dialect: Dialect
    /// The rules a rule name may refer to.
    let rules: [any Rule.Type]
    /// Absolute: the folder holding the file (relative paths in it are relative to it).
    let folder: String
    /// Absolute: where dockaudit runs (relative Dockerfile paths are relative to it).
    let workingDirectory: String

    static let dockauditKeys = [
        "ignore", "select", "severity", "failure-threshold", "min-severity", "trusted-registries", "label-schema",
        "strict-labels", "as-of", "disable-ignore-pragmas", "no-fail", "format", "context", "target", "overrides",
        "follow-symlinks",
    ]
    static let hadolintKeys = [
        "ignored", "override", "trustedRegistries", "failure-threshold", "label-schema", "strict-labels",
        "disable-ignore-pragma", "no-fail", "format", "no-color", "verbose",
    ]

    func settings(fromText text: String) throws(ConfigurationError) -> LintSettings {
        let root: YAMLNode
        do throws(YAMLError) {
            root = try YAMLReader.parse(text)
        } catch {
            throw ConfigurationError(path: path, line: error.line, message: error.message)
        }
        if case .null = root.value { return LintSettings() }
        let entries = try mapping(root, what: "the file")
        switch dialect {
        case .dockaudit: return try dockauditSettings(entries)
        case .hadolint: return try hadolintSettings(entries)
        }
    }

    private func dockauditSettings(_ entries: [YAMLEntry]) throws(ConfigurationError) -> LintSettings {
        var settings = LintSettings()
        for entry in entries {
            let node = entry.value
            switch entry.key {
            case "ignore": settings.ignore = try ruleList(node, key: entry.key)
            case "select": settings.select = try ruleList(node, key: entry.key)
            case "severity": settings.severities = try ruleLevels(node, key: entry.key)
            case "failure-threshold": settings.failureThreshold = try threshold(node)
            case "min-severity":
                let name = try scalar(node, key: entry.key)
                guard let severity = Severity(rawValue: name) else {
                    throw invalid(node, "min-severity", expected: Severity.allCases.map(\.rawValue))
                }
                settings.minimumSeverity = severity
            case "trusted-registries": settings.trustedRegistries = try stringList(node, key: entry.key)
            case "label-schema": settings.requiredLabels = try labelSchema(node)
            case "strict-labels": settings.strictLabels = try boolean(node, key: entry.key)
            case "as-of":
                let text = try scalar(node, key: entry.key)
                guard let date = CalendarDate(text) else { throw error(node, "as-of takes a date as YYYY-MM-DD, not '\(text)'") }
                settings.asOf = date
            case "disable-ignore-pragmas": settings.disableIgnorePragmas = try boolean(node, key: entry.key)
            case "no-fail": settings.noFail = try boolean(node, key: entry.key)
            case "format": settings.format = try format(node)
            case "context":
                let directory = try scalar(node, key: entry.key)
                guard !directory.isEmpty else { throw error(node, "context needs a directory") }
                settings.context = .directory(directory.hasPrefix("/") ? directory : PathText.clean(folder + "/" + directory))
            case "target":
                let stage = try scalar(node, key: entry.key)
                guard ArgumentParser.isValidStageName(stage) else { throw error(node, "invalid stage name '\(stage)' for target") }
                settings.target = stage.lowercased()
            case "overrides": settings.pathOverrides = try overrides(node)
            case "follow-symlinks": settings.followSymlinks = try boolean(node, key: entry.key)
            default:
                throw error(node, "unknown key '\(entry.key)'; the keys are " + Self.dockauditKeys.joined(separator: ", "), line: entry.line)
            }
        }
        return settings
    }

    private func hadolintSettings(_ entries: [YAMLEntry]) throws(ConfigurationError) -> LintSettings {
        var settings = LintSettings()
        for entry in entries {
            let node = entry.value
            switch entry.key {
            case "ignored": settings.ignore = try ruleList(node, key: entry.key)
            case "override":
                for level in try mapping(node, what: "override") {
                    guard let severity = Severity(rawValue: level.key) else {
                        throw error(level.value, "override has error, warning, info and style lists, not '\(level.key)'", line: level.line)
                    }
                    settings.severities += try ruleList(level.value, key: "override.\(level.key)").map {
                        RuleLevel(rule: $0, level: .severity(severity))
                    }
                }
                // hadolint: when a rule is in several lists, the most severe wins.
                settings.severities.sort { lhs, rhs in
                    guard case .severity(let left) = lhs.level, case .severity(let right) = rhs.level else { return false }
                    return left < right
                }
            case "trustedRegistries": settings.trustedRegistries = try stringList(node, key: entry.key)
            case "failure-threshold": settings.failureThreshold = try threshold(node)
            case "label-schema": settings.requiredLabels = try labelSchema(node)
            case "strict-labels": settings.strictLabels = try boolean(node, key: entry.key)
            case "disable-ignore-pragma": settings.disableIgnorePragmas = try boolean(node, key: entry.key)
            case "no-fail": settings.noFail = try boolean(node, key: entry.key)
            case "format": settings.format = try format(node)
            case "no-color": if try boolean(node, key: entry.key) { settings.color = ColorChoice.never }
            case "verbose": _ = try boolean(node, key: entry.key)
            default:
                throw error(node, "unknown key '\(entry.key)' for a hadolint configuration; the keys are "
                    + Self.hadolintKeys.joined(separator: ", "), line: entry.line)
            }
        }
        return settings
    }

    // MARK: Values

    private func mapping(_ node: YAMLNode, what: String) throws(ConfigurationError) -> [YAMLEntry] {
        guard case .mapping(let entries) = node.value else { throw error(node, "expected keys and values for \(what)") }
        return entries
    }

    private func scalar(_ node: YAMLNode, key: String) throws(ConfigurationError) -> String {
        guard case .scalar(let text, _) = node.value else { throw error(node, "\(key) takes a single value") }
        return text
    }

    private func boolean(_ node: YAMLNode, key: String) throws(ConfigurationError) -> Bool {
        let text = try scalar(node, key: key)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(key) takes true or false, not '\(text)'")
        }
    }

    /// A list, or one scalar taken as a list of one (`ignore: DL3008`).
    private func stringList(_ node: YAMLNode, key: String) throws(ConfigurationError) -> [String] {
        switch node.value {
        case .null: return []
        case .scalar(let text, _): return [text]
        case .sequence(let items):
            var values: [String] = []
            for item in items {
                guard case .scalar(let text, _) = item.value else { throw error(item, "\(key) lists single values") }
                values.append(text)
            }
            return values
        case .mapping: throw error(node, "\(key) takes a list")
        }
    }

    private func ruleList(_ node: YAMLNode, key: String) throws(ConfigurationError) -> [String] {
        let names = try stringList(node, key: key)
        for name in names { try checkRule(name, node: node) }
        return names
    }

    private func checkRule(_ name: String, node: YAMLNode) throws(ConfigurationError) {
        guard RuleRegistry.rules(matching: name, in: rules).isEmpty, !Pragmas.isKnownForeignName(name) else { return }
        throw error(node, "no rule is called '\(name)'; 'dockaudit rules' lists them")
    }

    private func ruleLevels(_ node: YAMLNode, key: String) throws(ConfigurationError) -> [RuleLevel] {
        var levels: [RuleLevel] = []
        for entry in try mapping(node, what: key) {
            try checkRule(entry.key, node: entry.value)
            let name = try scalar(entry.value, key: "\(key).\(entry.key)")
            guard let level = RuleLevel.Level(name: name) else {
                throw invalid(entry.value, "\(key).\(entry.key)", expected: RuleLevel.Level.names)
            }
            levels.append(RuleLevel(rule: entry.key, level: level))
        }
        return levels
    }

    private func threshold(_ node: YAMLNode) throws(ConfigurationError) -> FailureThreshold {
        let name = try scalar(node, key: "failure-threshold")
        // hadolint's `ignore` threshold means what dockaudit's `none` says.
        guard let threshold = FailureThreshold(name: name == "ignore" ? "none" : name) else {
            throw invalid(node, "failure-threshold", expected: FailureThreshold.names)
        }
        return threshold
    }

    private func format(_ node: YAMLNode) throws(ConfigurationError) -> OutputFormat {
        let name = try scalar(node, key: "format")
        // hadolint calls its default terminal output `tty`.
        guard let format = OutputFormat(rawValue: name == "tty" ? "text" : name) else {
            throw invalid(node, "format", expected: OutputFormat.allCases.map(\.rawValue))
        }
        return format
    }

    private func labelSchema(_ node: YAMLNode) throws(ConfigurationError) -> [LabelSchema.Requirement] {
        var requirements: [LabelSchema.Requirement] = []
        for entry in try mapping(node, what: "label-schema") {
            let kindName = try scalar(entry.value, key: "label-schema.\(entry.key)")
            guard let kind = kindName.isEmpty ? .text : LabelSchema.ValueKind(rawValue: kindName) else {
                throw invalid(entry.value, "label-schema.\(entry.key)", expected: LabelSchema.ValueKind.allCases.map(\.rawValue))
            }
            requirements.append(LabelSchema.Requirement(label: entry.key, kind: kind))
        }
        return requirements
    }

    private func overrides(_ node: YAMLNode) throws(ConfigurationError) -> [PathOverride] {
        guard case .sequence(let items) = node.value else { throw error(node, "overrides takes a list of {files, ignore, severity}") }
        var result: [PathOverride] = []
        for item in items {
            var override = PathOverride(files: [], baseFolder: folder, workingDirectory: workingDirectory)
            for entry in try mapping(item, what: "an override") {
                switch entry.key {
                case "files": override.files = try stringList(entry.value, key: "files")
                case "ignore": override.ignore = try ruleList(entry.value, key: "ignore")
                case "severity": override.severities = try ruleLevels(entry.value, key: "severity")
                default: throw error(entry.value, "an override has files, ignore and severity, not '\(entry.key)'", line: entry.line)
                }
            }
            guard !override.files.isEmpty else { throw error(item, "an override needs files: [patterns]") }
            result.append(override)
        }
        return result
    }

    private func error(_ node: YAMLNode, _ message: String, line: Int? = nil) -> ConfigurationError {
        ConfigurationError(path: path, line: line ?? node.line, message: message)
    }

    private func invalid(_ node: YAMLNode, _ key: String, expected: [String]) -> ConfigurationError {
        let text: String
        if case .scalar(let value, _) = node.value { text = "'\(value)'" } else { text = "this value" }
        return error(node, "invalid \(key) \(text); expected " + expected.joined(separator: ", "))
    }
}
