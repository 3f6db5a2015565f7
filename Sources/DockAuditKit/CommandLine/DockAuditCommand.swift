/// What one run of `dockaudit` produced. The executable writes each stream once and
/// exits with the code; nothing is printed while the work is under way.
public struct CommandResult: Sendable, Hashable {
    public var standardOutput: String
    public var standardError: String
    public var exitCode: Int32

    /// No finding at or above the failure threshold.
    public static let success: Int32 = 0
    /// Findings at or above the failure threshold.
    public static let findingsAtThreshold: Int32 = 1
    /// A command line that makes no sense, or an input that could not be read.
    public static let usageOrInputError: Int32 = 2

    public init(standardOutput: String = "", standardError: String = "", exitCode: Int32) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.exitCode = exitCode
    }
}

/// Settings that cannot be used (a bad configuration file or variable): one message, exit 2.
struct LintSetupError: Error, Sendable {
    var message: String
}

/// The whole command line, as a function from arguments to output.
public enum DockAuditCommand {
    public static let version = "0.1.0"

    /// `standardInput` is called at most once, and only when `-` is among the inputs.
    /// `environment` is not read yet; it is where configuration lookups (`NO_COLOR`, a
    /// config file under `XDG_CONFIG_HOME`) will come from, so tests can pass their own.
    /// `standardOutputIsTerminal` decides `--color auto`. `stopRequests` is how `--fix`
    /// learns it should stop between two files (the executable passes `.signals`).
    public static func run(
        arguments: [String], standardInput: () throws -> [UInt8], environment: [String: String],
        standardOutputIsTerminal: Bool = false, stopRequests: StopRequests = .never
    ) -> CommandResult {
        run(
            arguments: arguments, standardInput: standardInput, environment: environment,
            rules: RuleRegistry.all, fileSystem: LocalFileSystem(), standardOutputIsTerminal: standardOutputIsTerminal,
            stopRequests: stopRequests)
    }

    /// The same, with the rules and the file system chosen by the caller (tests).
    static func run(
        arguments: [String], standardInput: () throws -> [UInt8], environment: [String: String],
        rules: [any Rule.Type], fileSystem: any FileSystem, standardOutputIsTerminal: Bool = false,
        stopRequests: StopRequests = .never
    ) -> CommandResult {
        let invocation: Invocation
        do throws(UsageError) {
            invocation = try ArgumentParser.parse(arguments)
        } catch {
            let hint = HelpText.pointer(to: error.topic)
            return CommandResult(
                standardError: "dockaudit: \(error.message)\n\(hint)\n", exitCode: CommandResult.usageOrInputError)
        }
        switch invocation {
        case .help(let topic):
            return CommandResult(standardOutput: HelpText.page(topic), exitCode: CommandResult.success)
        case .version:
            return CommandResult(standardOutput: "dockaudit \(version)\n", exitCode: CommandResult.success)
        case .lint(let commandLine, let paths, let configPath):
            var options: LintCommandOptions
            do throws(LintSetupError) {
                options = try lintOptions(
                    commandLine: commandLine, configPath: configPath, environment: environment, rules: rules,
                    fileSystem: fileSystem)
            } catch {
                return CommandResult(standardError: error.message + "\n", exitCode: CommandResult.usageOrInputError)
            }
            options.colorsStandardOutput = colors(options.color, terminal: standardOutputIsTerminal, environment: environment)
            let linter = Linter(rules: options.rules(from: rules))
            let command = LintCommand(
                options: options, paths: paths, linter: linter, fileSystem: fileSystem, stopRequests: stopRequests)
            return command.run(standardInput: standardInput)
        case .parse(_, let paths):
            return ParseCommand(paths: paths, fileSystem: fileSystem).run(standardInput: standardInput)
        case .rules(let format, let folder):
            return RulesCommand(format: format, docsFolder: folder, rules: rules, fileSystem: fileSystem).run()
        case .explain(let identifier):
            return RulesCommand.explain(identifier, rules: rules)
        case .debugLexTables(let envVarTable, let wordsTable):
            return debugLexTables(envVarTable: envVarTable, wordsTable: wordsTable, fileSystem: fileSystem)
        }
    }

    /// Colour on a terminal, unless `NO_COLOR` is set to anything (no-color.org) or the
    /// terminal is `dumb`; `--color always`/`never` decide regardless.
    static func colors(_ choice: ColorChoice, terminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            return terminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }

    /// The lint options: defaults, then the configuration file, then `DOCKAUDIT_*`
    /// variables, then the command line.
    static func lintOptions(
        commandLine: LintSettings, configPath: String?, environment: [String: String], rules: [any Rule.Type],
        fileSystem: any FileSystem
    ) throws(LintSetupError) -> LintCommandOptions {
        let fromEnvironment: LintSettings
        do throws(UsageError) {
            fromEnvironment = try EnvironmentSettings.read(environment)
        } catch {
            throw LintSetupError(message: "dockaudit: \(error.message)\n" + HelpText.pointer(to: .lint))
        }
        for settings in [fromEnvironment, commandLine] {
            let named = settings.select + settings.ignore + settings.severities.map(\.rule)
            if let unknown = named.first(where: { RuleRegistry.rules(matching: $0, in: rules).isEmpty && !Pragmas.isKnownForeignName($0) }) {
                throw LintSetupError(
                    message: "dockaudit: no rule is called '\(unknown)'; 'dockaudit rules' lists them\n" + HelpText.pointer(to: .lint))
            }
        }
        var options = LintCommandOptions()
        let workingDirectory = fileSystem.currentDirectory() ?? "/"
        let explicitPath = configPath ?? environment["DOCKAUDIT_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let found: ConfigurationDiscovery.Found?
        if let explicitPath {
            let name = explicitPath.split(separator: "/").last.map(String.init) ?? explicitPath
            found = .init(path: explicitPath, dialect: name.lowercased().containsBytes("hadolint") ? .hadolint : .dockaudit)
        } else {
            found = ConfigurationDiscovery(fileSystem: fileSystem, environment: environment).find(from: workingDirectory)
        }
        if let found {
            let bytes: [UInt8]
            do throws(InputError) {
                bytes = try fileSystem.contents(of: found.path)
            } catch {
                throw LintSetupError(message: error.message + (explicitPath != nil ? "" : " (configuration file)"))
            }
            let absolute = found.path.hasPrefix("/") ? found.path : workingDirectory + "/" + found.path
            let folder = PathText.clean(absolute + "/..")
            let file = ConfigurationFile(
                path: found.path, dialect: found.dialect, rules: rules, folder: folder, workingDirectory: workingDirectory)
            do throws(ConfigurationError) {
                try file.settings(fromText: String(decoding: bytes, as: UTF8.self)).apply(to: &options)
            } catch {
                throw LintSetupError(message: error.text)
            }
        }
        fromEnvironment.apply(to: &options)
        commandLine.apply(to: &options)
        return options
    }

    /// Hidden conformance hook: the shell lexer against BuildKit's expansion tables.
    static func debugLexTables(envVarTable: String, wordsTable: String, fileSystem: any FileSystem) -> CommandResult {
        let reader = InputReader(fileSystem: fileSystem, readsStandardInput: false, standardInput: { [] })
        let tables: (String, String)
        do throws(InputError) {
            tables = (
                String(decoding: try reader.bytes(of: envVarTable), as: UTF8.self),
                String(decoding: try reader.bytes(of: wordsTable), as: UTF8.self)
            )
        } catch {
            return CommandResult(standardError: error.message + "\n", exitCode: CommandResult.usageOrInputError)
        }
        let (report, failures) = ShellLexerConformance.check(envVarTable: tables.0, wordsTable: tables.1)
        let output = report.isEmpty || report.hasSuffix("\n") ? report : report + "\n"
        return CommandResult(
            standardOutput: output,
            exitCode: failures == 0 ? CommandResult.success : CommandResult.findingsAtThreshold)
    }
}
