import Foundation
import Testing
@testable import DockAuditKit

@Suite("Configuration")
struct ConfigurationTests {
    static func settings(_ text: String, dialect: ConfigurationFile.Dialect = .dockaudit) throws -> LintSettings {
        let file = ConfigurationFile(
            path: ".dockaudit.yaml", dialect: dialect, rules: RuleRegistry.all, folder: "/repo", workingDirectory: "/repo")
        return try file.settings(fromText: text)
    }

    static func options(_ text: String, dialect: ConfigurationFile.Dialect = .dockaudit) throws -> LintCommandOptions {
        var options = LintCommandOptions()
        try settings(text, dialect: dialect).apply(to: &options)
        return options
    }

    // MARK: Reading the file

    @Test func everyDockauditKey() throws {
        let options = try Self.options("""
            ignore: [DL3008, apt-install-recommends]
            select: [DA124]
            severity:
              DA603: error
              DL3059: off
            failure-threshold: warning
            min-severity: info
            trusted-registries: [docker.io, "*.corp.example"]
            label-schema:
              org.opencontainers.image.source: url
              maintainer: ""
            strict-labels: true
            as-of: 2026-11-23
            disable-ignore-pragmas: yes
            no-fail: false
            format: json
            context: build
            target: Runtime
            overrides:
              - files: ["docker/dev/*"]
                ignore: [DA609]
                severity: {}
            """.replacingOccurrences(of: "severity: {}", with: "severity:\n      DA501: info"))
        #expect(options.ignoredRules == ["DL3008", "apt-install-recommends"])
        #expect(options.selectedRules == ["DA124"])
        #expect(options.ruleLevels == [RuleLevel(rule: "DA603", level: .severity(.error)), RuleLevel(rule: "DL3059", level: .off)])
        #expect(options.failureThreshold == .severity(.warning))
        #expect(options.minimumSeverity == .info)
        #expect(options.trustedRegistries == ["docker.io", "*.corp.example"])
        #expect(options.labelSchema == LabelSchema(
            requirements: [.init(label: "org.opencontainers.image.source", kind: .url), .init(label: "maintainer", kind: .text)],
            isStrict: true))
        #expect(options.asOf == CalendarDate("2026-11-23"))
        #expect(options.disableIgnorePragmas)
        #expect(!options.noFail)
        #expect(options.format == .json)
        #expect(options.context == .directory("/repo/build"), "relative to the configuration file's folder")
        #expect(options.target == "runtime")
        #expect(options.pathOverrides.count == 1)
        #expect(options.pathOverrides.first?.ignore == ["DA609"])
        #expect(options.pathOverrides.first?.severities == [RuleLevel(rule: "DA501", level: .severity(.info))])
    }

    @Test(arguments: [
        ("colour: yes\n", 1, "unknown key 'colour'; the keys are " + ConfigurationFile.dockauditKeys.joined(separator: ", ")),
        ("ignore:\n  - DL3008\n  - DA999\n", 2, "no rule is called 'DA999'; 'dockaudit rules' lists them"),
        ("failure-threshold: high\n", 1, "invalid failure-threshold 'high'; expected error, warning, info, style, none"),
        ("severity:\n  DA603: loud\n", 2, "invalid severity.DA603 'loud'; expected error, warning, info, style, off"),
        ("strict-labels: maybe\n", 1, "strict-labels takes true or false, not 'maybe'"),
        ("ignore: {a: b}\n", 1, "flow mappings ({…}) are not supported; write the keys on their own lines"),
        ("label-schema:\n  version: float\n", 2, "invalid label-schema.version 'float'; expected text, url, rfc3339, spdx, hash, semver, email"),
        ("overrides:\n  - ignore: [DA609]\n", 2, "an override needs files: [patterns]"),
        ("as-of: yesterday\n", 1, "as-of takes a date as YYYY-MM-DD, not 'yesterday'"),
        ("ignore: [DL3008\n", 1, "expected ',' or ']' in a list; a [list] must close on the line it opens"),
        ("- DL3008\n", 1, "expected keys and values for the file"),
    ])
    func badFilesAreErrorsWithTheirLine(text: String, line: Int, message: String) {
        #expect(throws: ConfigurationError(path: ".dockaudit.yaml", line: line, message: message)) {
            try Self.settings(text)
        }
    }

    @Test func shellCheckCodesAreAcceptedButMatchNothing() throws {
        #expect(try Self.options("ignore: [SC2086, DL3008]\n").ignoredRules == ["SC2086", "DL3008"])
    }

    @Test func anEmptyFileChangesNothing() throws {
        #expect(try Self.options("# nothing yet\n") == LintCommandOptions())
    }

    // MARK: hadolint's file

    @Test func hadolintKeysMapOntoDockaudit() throws {
        let options = try Self.options("""
            ignored:
              - DL3008
              - SC2086
            override:
              error:
                - DL3015
              info: [DL3015, DL3059]
            trustedRegistries:
              - docker.io
              - my-company.com:5000
            failure-threshold: warning
            label-schema:
              author: text
            strict-labels: true
            disable-ignore-pragma: true
            no-fail: true
            format: tty
            no-color: true
            """, dialect: .hadolint)
        #expect(options.ignoredRules == ["DL3008", "SC2086"])
        // The most severe level wins when a code is in several lists, so it comes last.
        #expect(options.ruleLevels.last(where: { $0.rule == "DL3015" })?.level == .severity(.error))
        #expect(options.ruleLevels.contains(RuleLevel(rule: "DL3059", level: .severity(.info))))
        #expect(options.trustedRegistries == ["docker.io", "my-company.com:5000"])
        #expect(options.failureThreshold == .severity(.warning))
        #expect(options.labelSchema.requirements == [.init(label: "author", kind: .text)])
        #expect(options.labelSchema.isStrict && options.disableIgnorePragmas && options.noFail)
        #expect(options.format == .text)
    }

    @Test func aHadolintConfiguredRepositoryGetsTheSameRulesIgnoredAndOverridden() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let config = try tree.write(".hadolint.yaml", """
            ignored: [DL3008]
            override:
              error: [DL3015]
            trustedRegistries: [registry.corp.example]
            failure-threshold: error
            """)
        let dockerfile = try tree.write("Dockerfile", """
            FROM debian:bookworm-slim
            RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
            """)
        func run(_ extra: [String]) -> CommandResult {
            DockAuditCommand.run(
                arguments: ["lint", "--format", "json", "--no-context", "--as-of", "2026-11-23"] + extra + [dockerfile],
                standardInput: { [] }, environment: [:], rules: RuleRegistry.all, fileSystem: LocalFileSystem())
        }
        func codes(_ result: CommandResult) throws -> [String: String] {
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
            return Dictionary(objects.map { ($0["code"] as! String, $0["level"] as! String) }, uniquingKeysWith: { $1 })
        }
        let without = try codes(run([]))
        #expect(without["DA401"] == "warning", "DL3008 fires without the configuration")
        #expect(without["DA404"] == "info")
        #expect(without["DA208"] == nil, "no trusted registries, no DL3026")

        let result = run(["--config", config])
        let with = try codes(result)
        #expect(with["DA401"] == nil, "ignored: [DL3008]")
        #expect(with["DA404"] == "error", "override.error: [DL3015]")
        #expect(with["DA208"] == "error", "trustedRegistries turns DL3026 on")
        #expect(result.exitCode == 1, "failure-threshold: error, and there are errors")

        // Found on its own in the repository (discovery stops at the folder holding .git).
        try tree.makeDirectory(".git")
        try tree.makeDirectory("services/api")
        let found = ConfigurationDiscovery(fileSystem: LocalFileSystem(), environment: [:]).find(from: tree.path("services/api"))
        #expect(found == .init(path: tree.path(".hadolint.yaml"), dialect: .hadolint))
    }

    // MARK: Finding the file

    @Test func discoveryPrefersDockauditsFileAndStopsAtTheRepositoryRoot() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.makeDirectory("repo/.git")
        try tree.makeDirectory("repo/a/b")
        try tree.write(".dockaudit.yaml", "ignore: [DA501]\n")
        try tree.write("home/.config/dockaudit/config.yaml", "ignore: [DA501]\n")
        let discovery = ConfigurationDiscovery(fileSystem: LocalFileSystem(), environment: ["HOME": tree.path("home")])
        #expect(discovery.find(from: tree.path("repo/a/b")) == .init(path: tree.path("home/.config/dockaudit/config.yaml"), dialect: .dockaudit),
                "the file above the repository root is not used; the user's file is")
        try tree.write("repo/.hadolint.yaml", "ignored: [DL3008]\n")
        #expect(discovery.find(from: tree.path("repo/a/b"))?.dialect == .dockaudit, "dockaudit's own files come first")
        try tree.write("repo/a/.dockaudit.yml", "ignore: []\n")
        #expect(discovery.find(from: tree.path("repo/a/b")) == .init(path: tree.path("repo/a/.dockaudit.yml"), dialect: .dockaudit))
        let noHome = ConfigurationDiscovery(fileSystem: LocalFileSystem(), environment: [:])
        try FileManager.default.removeItem(atPath: tree.path("repo/a/.dockaudit.yml"))
        #expect(noHome.find(from: tree.path("repo/a/b")) == .init(path: tree.path("repo/.hadolint.yaml"), dialect: .hadolint))
    }

    // MARK: Layers

    @Test func commandLineBeatsEnvironmentBeatsFile() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let config = try tree.write("team.yaml", "failure-threshold: error\nignore: [DA105]\n")
        let dockerfile = try tree.write("Dockerfile", "FROM alpine:3.20\nMAINTAINER me\nRUN apk add curl\n")
        func run(_ extra: [String], _ environment: [String: String]) -> CommandResult {
            DockAuditCommand.run(
                arguments: ["lint", "--no-context", "--config", config] + extra + [dockerfile],
                standardInput: { [] }, environment: environment, rules: RuleRegistry.all, fileSystem: LocalFileSystem())
        }
        // The file alone: errors only fail the run; DA406 (warning) does not.
        #expect(run([], [:]).exitCode == 0)
        #expect(!run([], [:]).standardOutput.contains("DA105"), "ignored by the file")
        // The environment lowers the threshold; the command line raises it again.
        #expect(run([], ["DOCKAUDIT_FAILURE_THRESHOLD": "warning"]).exitCode == 1)
        #expect(run(["-t", "error"], ["DOCKAUDIT_FAILURE_THRESHOLD": "warning"]).exitCode == 0)
        // Lists add up: the environment ignores one more rule.
        let ignored = run([], ["DOCKAUDIT_IGNORE": "DL3018"])
        #expect(!ignored.standardOutput.contains("DA406") && !ignored.standardOutput.contains("DA105"))
        #expect(run([], ["DOCKAUDIT_NO_FAIL": "1", "DOCKAUDIT_FAILURE_THRESHOLD": "info"]).exitCode == 0)
        let bad = run([], ["DOCKAUDIT_FAILURE_THRESHOLD": "loud"])
        #expect(bad.exitCode == 2)
        #expect(bad.standardError.hasPrefix("dockaudit: DOCKAUDIT_FAILURE_THRESHOLD: invalid value 'loud'"))
        let badFile = try tree.write("bad.yaml", "ignore: [DA105]\nfailure_threshold: error\n")
        let broken = DockAuditCommand.run(
            arguments: ["lint", "--config", badFile, dockerfile], standardInput: { [] }, environment: [:],
            rules: RuleRegistry.all, fileSystem: LocalFileSystem())
        #expect(broken.exitCode == 2)
        #expect(broken.standardOutput.isEmpty, "nothing is linted with a bad configuration")
        #expect(broken.standardError.hasPrefix("dockaudit: \(badFile):2: unknown key 'failure_threshold'"))
    }

    @Test func severityOverridesPathOverridesAndMinimumSeverity() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let config = try tree.write(".dockaudit.yaml", """
            severity:
              maintainer-deprecated: error
            overrides:
              - files: ["dev/*"]
                ignore: [DA105]
            """)
        let main = try tree.write("Dockerfile", "FROM alpine:3.20\nMAINTAINER me\nHEALTHCHECK NONE\n")
        let dev = try tree.write("dev/Dockerfile", "FROM alpine:3.20\nMAINTAINER me\n")
        let result = DockAuditCommand.run(
            arguments: ["lint", "--no-context", "--config", config, "--warning", "DA124", "--min-severity", "warning", main, dev],
            standardInput: { [] }, environment: [:], rules: RuleRegistry.all, fileSystem: LocalFileSystem())
        #expect(result.standardOutput.contains("\(main):2:1: error: MAINTAINER is deprecated"))
        #expect(!result.standardOutput.contains("\(dev):2"), "the override ignores DA105 under dev/")
        #expect(result.standardOutput.contains("\(dev):1:1: warning:") && result.standardOutput.contains("DA124"),
                "--warning DA124 turns the opt-in rule on, at warning")
        #expect(!result.standardOutput.contains("info:"), "--min-severity warning hides info findings")
    }
}
