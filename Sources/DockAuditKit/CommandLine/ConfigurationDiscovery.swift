/// Where the configuration comes from when `--config` does not say:
/// 1. `.dockaudit.yaml` (or `.yml`) in the working directory, then in each parent up to the
///    repository root (the folder holding `.git`);
/// 2. `$XDG_CONFIG_HOME/dockaudit/config.yaml` (default `~/.config/dockaudit/config.yaml`);
/// 3. only when neither exists, hadolint's file, read with hadolint's keys:
///    `.hadolint.yaml`/`.yml` found the same way, then `$XDG_CONFIG_HOME/hadolint.yaml`
///    and `~/.hadolint.yaml`.
/// The first file found is used alone; files are not merged.
struct ConfigurationDiscovery {
    struct Found: Sendable, Hashable {
        var path: String
        var dialect: ConfigurationFile.Dialect
    }

    let fileSystem: any FileSystem
    let environment: [String: String]

    func find(from workingDirectory: String) -> Found? {
        if let path = nearest([".dockaudit.yaml", ".dockaudit.yml"], from: workingDirectory) {
            return Found(path: path, dialect: .dockaudit)
        }
        if let configHome, let path = first(["\(configHome)/dockaudit/config.yaml", "\(configHome)/dockaudit/config.yml"]) {
            return Found(path: path, dialect: .dockaudit)
        }
        if let path = nearest([".hadolint.yaml", ".hadolint.yml"], from: workingDirectory) {
            return Found(path: path, dialect: .hadolint)
        }
        var userFiles: [String] = []
        if let configHome { userFiles += ["\(configHome)/hadolint.yaml", "\(configHome)/hadolint.yml"] }
        if let home = environment["HOME"], !home.isEmpty { userFiles += ["\(home)/.hadolint.yaml", "\(home)/.hadolint.yml"] }
        return first(userFiles).map { Found(path: $0, dialect: .hadolint) }
    }

    /// `$XDG_CONFIG_HOME`, or `~/.config` when it is unset or empty.
    var configHome: String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config" }
        return nil
    }

    /// The first of `names` in `directory` or a parent, stopping at the repository root.
    func nearest(_ names: [String], from directory: String) -> String? {
        var folder = PathText.clean(directory)
        while true {
            if let found = first(names.map { folder == "/" ? "/" + $0 : folder + "/" + $0 }) { return found }
            let atRepositoryRoot = (try? fileSystem.kind(of: folder + "/.git", followingLinks: true)) != nil
            guard !atRepositoryRoot, folder != "/", let slash = folder.lastIndex(of: "/") else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    func first(_ paths: [String]) -> String? {
        paths.first(where: fileSystem.isRegularFile)
    }
}

/// `DOCKAUDIT_*` variables, each the same as the command-line option of the same name:
/// `DOCKAUDIT_IGNORE=DL3008,DA603`, `DOCKAUDIT_FAILURE_THRESHOLD=warning`,
/// `DOCKAUDIT_NO_FAIL=1`. A value that makes no sense is a usage error naming the variable.
enum EnvironmentSettings {
    static let prefix = "DOCKAUDIT_"

    static func read(_ environment: [String: String]) throws(UsageError) -> LintSettings {
        var settings = LintSettings()
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix) {
            let option = "--" + name.dropFirst(prefix.count).lowercased().replacingUnderscores()
            switch option {
            case "--config", "--update-docs", "--update-snapshots":
                continue
            case "--ignore": settings.ignore += list(value)
            case "--select": settings.select += list(value)
            case "--severity":
                for item in list(value) { settings.severities.append(try ArgumentParser.ruleLevel(item, option: name)) }
            case "--trusted-registries", "--trusted-registry": settings.trustedRegistries += list(value)
            case "--require-labels", "--require-label":
                for item in list(value) {
                    guard let requirement = LabelSchema.Requirement(parsing: item) else {
                        throw UsageError(message: "\(name): invalid label requirement '\(item)'; expected LABEL or LABEL:KIND", topic: .lint)
                    }
                    settings.requiredLabels.append(requirement)
                }
            case "--strict-labels": settings.strictLabels = try flag(value, name)
            case "--follow-symlinks": settings.followSymlinks = try flag(value, name)
            case "--disable-ignore-pragmas": settings.disableIgnorePragmas = try flag(value, name)
            case "--no-fail": settings.noFail = try flag(value, name)
            case "--statistics": settings.statistics = try flag(value, name)
            case "--quiet": settings.quiet = try flag(value, name)
            default:
                // The single-valued options read exactly as on the command line.
                var reader = OptionReader(ArraySlice([option + "=" + value]), topic: .lint)
                do throws(UsageError) {
                    guard case .option(let parsed)? = try reader.next() else { continue }
                    try ArgumentParser.applyValueOption(parsed, reader: &reader, to: &settings)
                } catch {
                    throw UsageError(message: "\(name): \(error.message)", topic: .lint)
                }
            }
        }
        return settings
    }

    /// `A, B,,C` → ["A", "B", "C"]: the comma lists of variables and of options such as
    /// `--ignore`.
    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingASCIISpace() }.filter { !$0.isEmpty }
    }

    /// hadolint's truthy words; an empty value is false.
    static func flag(_ value: String, _ name: String) throws(UsageError) -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on", "y": return true
        case "", "0", "false", "no", "off", "n": return false
        default: throw UsageError(message: "\(name) takes true or false, not '\(value)'", topic: .lint)
        }
    }
}

extension StringProtocol {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
