/// What the command line asks for, once its arguments are read.
enum Invocation: Sendable, Hashable {
    case help(HelpTopic)
    case version
    /// The command line's own settings; the configuration file and `DOCKAUDIT_*`
    /// variables are layered under them when the command runs.
    case lint(LintSettings, paths: [String], configPath: String?)
    case parse(ParseFormat, paths: [String])
    case rules(RulesFormat, writeDocsTo: String?)
    case explain(String)
    /// Hidden: the shell lexer's conformance check against BuildKit's tables.
    case debugLexTables(envVarTable: String, wordsTable: String)
}

enum HelpTopic: Sendable, Hashable {
    case general, lint, parse, rules, explain
}

enum RulesFormat: String, Sendable, Hashable, CaseIterable {
    case text, json
}

/// A command line that makes no sense: printed with a pointer to the help, exit 2.
struct UsageError: Error, Sendable, Hashable {
    var message: String
    /// Which help page to point at.
    var topic: HelpTopic = .general
}

/// Reads the command line by hand: a command word, then options and operands in any
/// order. Options take `--name value` or `--name=value`; `--` ends the options, and `-`
/// alone is an operand (standard input).
enum ArgumentParser {
    static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        guard let command = arguments.first else { throw UsageError(message: "no command given") }
        let rest = ArraySlice(arguments.dropFirst())
        switch command {
        case "lint": return try parseLint(rest)
        case "parse": return try parseParse(rest)
        case "rules": return try parseRules(rest)
        case "explain": return try parseExplain(rest)
        case "debug-lex-tables": return try parseDebugLexTables(rest)
        case "help", "--help", "-h": return try parseHelp(rest)
        case "version", "--version":
            guard rest.isEmpty else { throw UsageError(message: "'\(command)' takes no arguments") }
            return .version
        default:
            if command.hasPrefix("-") { throw UsageError(message: "unknown option '\(command)'") }
            var message = "unknown command '\(command)'"
            if looksLikePath(command) { message += "; to lint a file, run 'dockaudit lint \(command)'" }
            throw UsageError(message: message)
        }
    }

    static func parseHelp(_ arguments: ArraySlice<String>) throws(UsageError) -> Invocation {
        guard let topic = arguments.first else { return .help(.general) }
        guard arguments.count == 1 else { throw UsageError(message: "'help' takes at most one command") }
        switch topic {
        case "lint": return .help(.lint)
        case "parse": return .help(.parse)
        case "rules": return .help(.rules)
        case "explain": return .help(.explain)
        default: throw UsageError(message: "no help for unknown command '\(topic)'")
        }
    }

    static func parseLint(_ arguments: ArraySlice<String>) throws(UsageError) -> Invocation {
        var settings = LintSettings()
        var configPath: String?
        var sawContext = false
        var sawNoContext = false
        var paths: [String] = []
        // A `--format` waits for an `--output` to take it; one that none takes is the
        // format of standard output.
        var pendingFormat: OutputFormat?
        var reader = OptionReader(arguments, topic: .lint)
        while let argument = try reader.next() {
            switch argument {
            case .operand(let path):
                paths.append(path)
            case .option("-h"), .option("--help"):
                return .help(.lint)
            case .option(let name) where name == "-f" || name == "--format":
                var single = LintSettings()
                try applyValueOption(name, reader: &reader, to: &single)
                if let pendingFormat { settings.format = pendingFormat }
                pendingFormat = single.format
            case .option(let name) where name == "-o" || name == "--output":
                let path = try reader.value(for: name)
                guard !path.isEmpty, path != "-" else {
                    throw UsageError(message: "\(name) needs a file (standard output gets the report without --output)", topic: .lint)
                }
                settings.fileOutputs.append(FileOutput(format: pendingFormat, path: path))
                pendingFormat = nil
            case .option("--statistics"):
                settings.statistics = true
            case .option("--fix"):
                // `--diff` wins over `--fix`: asking to see the changes means "not yet".
                if settings.fixMode != .diff { settings.fixMode = .write }
            case .option("--diff"):
                settings.fixMode = .diff
            case .option("--unsafe-fixes"):
                settings.unsafeFixes = true
            case .option(let name) where name == "-q" || name == "--quiet":
                settings.quiet = true
            case .option(let name) where name == "-c" || name == "--config":
                let path = try reader.value(for: name)
                guard !path.isEmpty else { throw UsageError(message: "\(name) needs a file", topic: .lint) }
                configPath = path
            case .option("--no-context"):
                settings.context = BuildContextChoice.none
                sawNoContext = true
            case .option("--disable-ignore-pragmas"):
                settings.disableIgnorePragmas = true
            case .option("--no-fail"):
                settings.noFail = true
            case .option("--strict-labels"):
                settings.strictLabels = true
            case .option("--follow-symlinks"):
                settings.followSymlinks = true
            case .option("--select"):
                settings.select += try ruleNames(reader.value(for: "--select"), option: "--select")
            case .option("--ignore"):
                settings.ignore += try ruleNames(reader.value(for: "--ignore"), option: "--ignore")
            case .option("--severity"):
                for item in try ruleNames(reader.value(for: "--severity"), option: "--severity") {
                    settings.severities.append(try ruleLevel(item, option: "--severity"))
                }
            case .option(let name) where ["--error", "--warning", "--info", "--style"].contains(name):
                // hadolint's way to give rules a severity: `--warning DL3057`.
                let level = RuleLevel.Level.severity(Severity(rawValue: String(name.dropFirst(2)))!)
                settings.severities += try ruleNames(reader.value(for: name), option: name).map { RuleLevel(rule: $0, level: level) }
            case .option("--trusted-registry"):
                let registry = try reader.value(for: "--trusted-registry")
                guard !registry.isEmpty else { throw UsageError(message: "--trusted-registry needs a registry name", topic: .lint) }
                settings.trustedRegistries.append(registry)
            case .option("--require-label"):
                let value = try reader.value(for: "--require-label")
                guard let requirement = LabelSchema.Requirement(parsing: value) else {
                    let kinds = LabelSchema.ValueKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw UsageError(message: "--require-label takes LABEL or LABEL:KIND with KIND one of \(kinds), not '\(value)'", topic: .lint)
                }
                settings.requiredLabels.append(requirement)
            case .option(let name):
                if name == "--context" { sawContext = true }
                try applyValueOption(name, reader: &reader, to: &settings)
            }
        }
        if let pendingFormat {
            settings.format = pendingFormat
        } else if !settings.fileOutputs.isEmpty, settings.format == nil {
            // Every report went to a file, as hadolint's `-o` sends it there instead.
            settings.writesStandardOutput = false
        }
        if sawContext, sawNoContext {
            throw UsageError(message: "--context and --no-context cannot be used together", topic: .lint)
        }
        guard !paths.isEmpty else {
            throw UsageError(message: "no PATH given; name Dockerfiles or directories, or - for standard input", topic: .lint)
        }
        return .lint(settings, paths: paths, configPath: configPath)
    }

    /// The options that take one value and can also come from a configuration file or a
    /// `DOCKAUDIT_*` variable.
    static func applyValueOption(_ name: String, reader: inout OptionReader, to settings: inout LintSettings) throws(UsageError) {
        switch name {
        case "-f", "--format":
            let value = try reader.value(for: name)
            guard let format = OutputFormat(rawValue: value) else {
                throw reader.invalid(value, for: name, expected: OutputFormat.allCases.map(\.rawValue))
            }
            settings.format = format
        case "--context":
            let directory = try reader.value(for: "--context")
            guard !directory.isEmpty else { throw UsageError(message: "--context needs a directory", topic: .lint) }
            settings.context = .directory(directory)
        case "--target":
            let stage = try reader.value(for: "--target")
            guard isValidStageName(stage) else {
                throw UsageError(
                    message: "invalid stage name '\(stage)' for --target: a stage name starts with a letter "
                        + "and holds only letters, digits, '-', '_' and '.'",
                    topic: .lint)
            }
            settings.target = stage.lowercased()
        case "--as-of":
            let value = try reader.value(for: "--as-of")
            guard let date = CalendarDate(value) else {
                throw UsageError(message: "--as-of takes a date as YYYY-MM-DD, not '\(value)'", topic: .lint)
            }
            settings.asOf = date
        case "-t", "--failure-threshold":
            let value = try reader.value(for: name)
            guard let threshold = FailureThreshold(name: value) else {
                throw reader.invalid(value, for: name, expected: FailureThreshold.names)
            }
            settings.failureThreshold = threshold
        case "--color", "--colour":
            let value = try reader.value(for: name)
            guard let color = ColorChoice(rawValue: value) else {
                throw reader.invalid(value, for: name, expected: ColorChoice.allCases.map(\.rawValue))
            }
            settings.color = color
        case "--min-severity":
            let value = try reader.value(for: name)
            guard let severity = Severity(rawValue: value) else {
                throw reader.invalid(value, for: name, expected: Severity.allCases.map(\.rawValue))
            }
            settings.minimumSeverity = severity
        default:
            throw UsageError(message: "unknown option '\(name)' for 'lint'", topic: .lint)
        }
    }

    /// `A,B` → ["A", "B"]; at least one name.
    static func ruleNames(_ value: String, option: String) throws(UsageError) -> [String] {
        let names = EnvironmentSettings.list(value)
        guard !names.isEmpty else { throw UsageError(message: "\(option) needs a rule: a code, a name or an alias", topic: .lint) }
        return names
    }

    /// `RULE=LEVEL`, LEVEL one of error, warning, info, style, off.
    static func ruleLevel(_ text: String, option: String) throws(UsageError) -> RuleLevel {
        guard let equals = text.firstIndex(of: "="), let level = RuleLevel.Level(name: String(text[text.index(after: equals)...])),
            equals > text.startIndex
        else {
            throw UsageError(
                message: "\(option) takes RULE=LEVEL with LEVEL one of " + RuleLevel.Level.names.joined(separator: ", ")
                    + ", not '\(text)'",
                topic: .lint)
        }
        return RuleLevel(rule: String(text[..<equals]), level: level)
    }

    static func parseParse(_ arguments: ArraySlice<String>) throws(UsageError) -> Invocation {
        var format = ParseFormat.buildkitJSON
        var paths: [String] = []
        var reader = OptionReader(arguments, topic: .parse)
        while let argument = try reader.next() {
            switch argument {
            case .operand(let path):
                paths.append(path)
            case .option("-h"), .option("--help"):
                return .help(.parse)
            case .option(let name) where name == "-f" || name == "--format":
                let value = try reader.value(for: name)
                guard let chosen = ParseFormat(rawValue: value) else {
                    throw reader.invalid(value, for: name, expected: ParseFormat.allCases.map(\.rawValue))
                }
                format = chosen
            case .option(let name):
                throw UsageError(message: "unknown option '\(name)' for 'parse'", topic: .parse)
            }
        }
        guard !paths.isEmpty else { throw UsageError(message: "no FILE given", topic: .parse) }
        return .parse(format, paths: paths)
    }

    static func parseRules(_ arguments: ArraySlice<String>) throws(UsageError) -> Invocation {
        var format = RulesFormat.text
        var writeDocs: String?
        var reader = OptionReader(arguments, topic: .rules)
        while let argument = try reader.next() {
            switch argument {
            case .option("-h"), .option("--help"):
                return .help(.rules)
            case .option(let name) where name == "-f" || name == "--format":
                let value = try reader.value(for: name)
                guard let chosen = RulesFormat(rawValue: value) else {
                    throw reader.invalid(value, for: name, expected: RulesFormat.allCases.map(\.rawValue))
                }
                format = chosen
            case .option("--write-docs"):
                writeDocs = try reader.value(for: "--write-docs")
            case .option(let name):
                throw UsageError(message: "unknown option '\(name)' for 'rules'", topic: .rules)
            case .operand(let operand):
                throw UsageError(message: "'rules' takes no operand ('\(operand)')", topic: .rules)
            }
        }
        return .rules(format, writeDocsTo: writeDocs)
    }

    static func parseExplain(_ arguments: ArraySlice<String>) throws(UsageError) -> Invocation {
        if arguments.first == "-h" || arguments.first == "--help" { return .help(.explain) }
        guard arguments.count == 1, let rule = arguments.first else {
            throw UsageError(message: "name one rule: a code (DA105), a name (maintainer-deprecated) or an alias (DL4000)", topic: .explain)
        }
        return .explain(rule)
    }

    static func parseDebugLexTables(_ arguments: ArraySlice<String>) throws(UsageError) -> Invocation {
        guard arguments.count == 2, let first = arguments.first, let last = arguments.last else {
            throw UsageError(message: "usage: dockaudit debug-lex-tables ENVVAR_TABLE WORDS_TABLE")
        }
        return .debugLexTables(envVarTable: first, wordsTable: last)
    }

    /// BuildKit's rule for stage names (`^[a-z][a-z0-9-_.]*$` after lower-casing).
    static func isValidStageName(_ name: String) -> Bool {
        let bytes = Array(name.lowercased().utf8)
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// `dockaudit Dockerfile` is what a hadolint user types first.
    static func looksLikePath(_ word: String) -> Bool {
        let lower = word.lowercased()
        return word.containsBytes("/") || word.containsBytes(".") || lower.containsBytes("dockerfile") || lower.containsBytes("containerfile")
    }
}

/// Walks one command's arguments, telling options from operands.
struct OptionReader {
    enum Argument: Hashable {
        /// The name with its dashes; a value after `=` waits for `value(for:)`.
        case option(String)
        case operand(String)
    }

    private var remaining: ArraySlice<String>
    private var optionsEnded = false
    /// `--name=value` just read, until its value is taken.
    private var inline: (option: String, value: String)?
    let topic: HelpTopic

    init(_ arguments: ArraySlice<String>, topic: HelpTopic) {
        self.remaining = arguments
        self.topic = topic
    }

    mutating func next() throws(UsageError) -> Argument? {
        // A switch (`--no-context=yes`) leaves its `=value` untaken.
        if let inline { throw UsageError(message: "option '\(inline.option)' takes no value", topic: topic) }
        guard let argument = remaining.popFirst() else { return nil }
        if optionsEnded || argument == "-" || !argument.hasPrefix("-") { return .operand(argument) }
        if argument == "--" {
            optionsEnded = true
            return try next()
        }
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            let option = String(argument[..<equals])
            inline = (option, String(argument[argument.index(after: equals)...]))
            return .option(option)
        }
        return .option(argument)
    }

    /// The value of the option just read: after its `=`, or the next argument.
    mutating func value(for option: String) throws(UsageError) -> String {
        if let inline {
            self.inline = nil
            return inline.value
        }
        guard let value = remaining.popFirst() else {
            throw UsageError(message: "option '\(option)' needs a value", topic: topic)
        }
        return value
    }

    func invalid(_ value: String, for option: String, expected: [String]) -> UsageError {
        let choices = expected.count > 1
            ? expected.dropLast().joined(separator: ", ") + " or " + expected[expected.count - 1]
            : expected.joined()
        return UsageError(message: "invalid value '\(value)' for \(option); expected \(choices)", topic: topic)
    }
}
