import Testing
@testable import DockAuditKit

@Suite("Argument parsing")
struct ArgumentParsingTests {
    static func lintOptions(_ arguments: [String]) throws -> (LintCommandOptions, [String]) {
        guard case .lint(let settings, let paths, _) = try ArgumentParser.parse(arguments) else {
            Issue.record("not a lint invocation: \(arguments)")
            return (LintCommandOptions(), [])
        }
        var options = LintCommandOptions()
        settings.apply(to: &options)
        return (options, paths)
    }

    @Test func lintDefaults() throws {
        let (options, paths) = try Self.lintOptions(["lint", "Dockerfile"])
        #expect(paths == ["Dockerfile"])
        #expect(options == LintCommandOptions(format: .text, context: .besideDockerfile, target: nil, failureThreshold: .severity(.info)))
    }

    @Test(arguments: [
        (["lint", "--format", "json", "x"], OutputFormat.json),
        (["lint", "-f", "sarif", "x"], OutputFormat.sarif),
        (["lint", "--format", "gnu", "x"], OutputFormat.gnu),
        (["lint", "--format=json", "x"], .json),
        (["lint", "-f", "json", "x"], .json),
        (["lint", "x", "--format", "text"], .text),
        (["lint", "--format", "json", "--format", "text", "x"], .text),
    ])
    func format(arguments: [String], expected: OutputFormat) throws {
        #expect(try Self.lintOptions(arguments).0.format == expected)
    }

    @Test(arguments: [
        (["lint", "--failure-threshold", "error", "x"], FailureThreshold.severity(.error)),
        (["lint", "--failure-threshold=warning", "x"], .severity(.warning)),
        (["lint", "-t", "info", "x"], .severity(.info)),
        (["lint", "-t", "style", "x"], .severity(.style)),
        (["lint", "-t", "none", "x"], FailureThreshold.none),
    ])
    func failureThreshold(arguments: [String], expected: FailureThreshold) throws {
        #expect(try Self.lintOptions(arguments).0.failureThreshold == expected)
    }

    @Test func contextAndTarget() throws {
        let (options, _) = try Self.lintOptions(["lint", "--context", "ctx", "--target", "Builder", "x"])
        #expect(options.context == .directory("ctx"))
        #expect(options.target == "builder", "stage names are compared lower-cased, as BuildKit does")
        #expect(try Self.lintOptions(["lint", "--no-context", "x"]).0.context == BuildContextChoice.none)
        #expect(try Self.lintOptions(["lint", "--target=build.stage-2_x", "x"]).0.target == "build.stage-2_x")
    }

    @Test func selectedRulesAndRuleSettings() throws {
        let (options, _) = try Self.lintOptions([
            "lint", "--select", "DA905, test-user", "--select=DL3057", "--trusted-registry", "docker.io",
            "--trusted-registry=*.corp.example", "--require-label", "org.opencontainers.image.source:url",
            "--require-label=maintainer", "--strict-labels", "x",
        ])
        #expect(options.selectedRules == ["DA905", "test-user", "DL3057"])
        #expect(options.trustedRegistries == ["docker.io", "*.corp.example"])
        #expect(options.labelSchema == LabelSchema(
            requirements: [
                .init(label: "org.opencontainers.image.source", kind: .url), .init(label: "maintainer", kind: .text),
            ],
            isStrict: true))
    }

    @Test(arguments: [
        ["lint", "--select", ",", "x"],
        ["lint", "--trusted-registry=", "x"],
        ["lint", "--require-label", "version:float", "x"],
        ["lint", "--require-label", ":url", "x"],
        ["lint", "--strict-labels=yes", "x"],
    ])
    func badRuleSettingsAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) { try ArgumentParser.parse(arguments) }
    }

    @Test func contextDirectoryPerDockerfile() {
        var options = LintCommandOptions()
        #expect(options.contextDirectory(forDockerfileAt: "Dockerfile") == ".")
        #expect(options.contextDirectory(forDockerfileAt: "services/api/Dockerfile") == "services/api")
        #expect(options.contextDirectory(forDockerfileAt: "/Dockerfile") == "/")
        #expect(options.contextDirectory(forDockerfileAt: nil) == nil, "standard input has no folder")
        options.context = .directory("ctx")
        #expect(options.contextDirectory(forDockerfileAt: "a/Dockerfile") == "ctx")
        #expect(options.contextDirectory(forDockerfileAt: nil) == "ctx")
        options.context = .none
        #expect(options.contextDirectory(forDockerfileAt: "a/Dockerfile") == nil)
    }

    @Test func operands() throws {
        #expect(try Self.lintOptions(["lint", "a", "-", "b/"]).1 == ["a", "-", "b/"])
        #expect(try Self.lintOptions(["lint", "--", "--format", "-x"]).1 == ["--format", "-x"])
        #expect(try Self.lintOptions(["lint", "a", "--format", "json", "b"]).1 == ["a", "b"])
    }

    @Test(arguments: [
        (["--help"], HelpTopic.general), (["-h"], .general), (["help"], .general),
        (["help", "lint"], .lint), (["lint", "--help"], .lint), (["lint", "-h"], .lint), (["lint", "x", "--help"], .lint),
        (["help", "parse"], .parse), (["parse", "--help"], .parse),
    ])
    func help(arguments: [String], topic: HelpTopic) throws {
        #expect(try ArgumentParser.parse(arguments) == .help(topic))
    }

    @Test func versionAndOtherCommands() throws {
        #expect(try ArgumentParser.parse(["--version"]) == .version)
        #expect(try ArgumentParser.parse(["version"]) == .version)
        #expect(try ArgumentParser.parse(["parse", "a", "b"]) == .parse(.buildkitJSON, paths: ["a", "b"]))
        #expect(try ArgumentParser.parse(["parse", "--format", "buildkit-json", "a"]) == .parse(.buildkitJSON, paths: ["a"]))
        #expect(try ArgumentParser.parse(["debug-lex-tables", "e", "w"]) == .debugLexTables(envVarTable: "e", wordsTable: "w"))
    }

    @Test(arguments: [
        ([], "no command given"),
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["Dockerfile"], "unknown command 'Dockerfile'; to lint a file, run 'dockaudit lint Dockerfile'"),
        (["--verbose"], "unknown option '--verbose'"),
        (["lint"], "no PATH given; name Dockerfiles or directories, or - for standard input"),
        (["lint", "--format", "json"], "no PATH given; name Dockerfiles or directories, or - for standard input"),
        (["lint", "--format", "xml", "x"], "invalid value 'xml' for --format; expected text, json, compact, gnu, sarif, checkstyle, gitlab, github or junit"),
        (["lint", "-f", "yaml", "x"], "invalid value 'yaml' for -f; expected text, json, compact, gnu, sarif, checkstyle, gitlab, github or junit"),
        (["lint", "x", "--format"], "option '--format' needs a value"),
        (["lint", "x", "--context"], "option '--context' needs a value"),
        (["lint", "--context=", "x"], "--context needs a directory"),
        (["lint", "--failure-threshold", "ignore", "x"],
         "invalid value 'ignore' for --failure-threshold; expected error, warning, info, style or none"),
        (["lint", "--failure-threshold", "ERROR", "x"],
         "invalid value 'ERROR' for --failure-threshold; expected error, warning, info, style or none"),
        (["lint", "--target", "1st", "x"],
         "invalid stage name '1st' for --target: a stage name starts with a letter and holds only letters, digits, '-', '_' and '.'"),
        (["lint", "--target", "a b", "x"],
         "invalid stage name 'a b' for --target: a stage name starts with a letter and holds only letters, digits, '-', '_' and '.'"),
        (["lint", "--target", "", "x"],
         "invalid stage name '' for --target: a stage name starts with a letter and holds only letters, digits, '-', '_' and '.'"),
        (["lint", "--no-context=yes", "x"], "option '--no-context' takes no value"),
        (["lint", "--context", "c", "--no-context", "x"], "--context and --no-context cannot be used together"),
        (["lint", "--fromat", "json", "x"], "unknown option '--fromat' for 'lint'"),
        (["lint", "-x", "x"], "unknown option '-x' for 'lint'"),
        (["parse"], "no FILE given"),
        (["parse", "--format", "json", "x"], "invalid value 'json' for --format; expected buildkit-json"),
        (["parse", "--context", "x"], "unknown option '--context' for 'parse'"),
        (["debug-lex-tables", "one"], "usage: dockaudit debug-lex-tables ENVVAR_TABLE WORDS_TABLE"),
        (["help", "nope"], "no help for unknown command 'nope'"),
        (["--version", "x"], "'--version' takes no arguments"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let error = #expect(throws: UsageError.self) { try ArgumentParser.parse(arguments) }
        #expect(error?.message == message)
    }

    @Test func usageErrorsGoToStandardErrorWithExitTwo() {
        let result = runCommand(["lint", "--format", "xml", "Dockerfile"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            dockaudit: invalid value 'xml' for --format; expected text, json, compact, gnu, sarif, checkstyle, gitlab, github or junit
            Run 'dockaudit lint --help' for usage.

            """)
    }

    @Test func helpAndVersionGoToStandardOutput() {
        let help = runCommand(["--help"])
        #expect(help.exitCode == 0)
        #expect(help.standardOutput.contains("dockaudit lint [OPTIONS] PATH..."))
        #expect(!help.standardOutput.contains("debug-lex-tables"), "the conformance hook stays hidden")
        let lintHelp = runCommand(["lint", "--help"])
        #expect(lintHelp.standardOutput.contains("--failure-threshold LEVEL"))
        #expect(lintHelp.standardOutput.contains("--no-context"))
        #expect(runCommand(["--version"]) == CommandResult(standardOutput: "dockaudit 0.1.0\n", exitCode: 0))
        #expect(DockAuditCommand.version == "0.1.0")
    }
}
