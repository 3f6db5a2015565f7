import Foundation
import Testing
@testable import DockAuditKit

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The CI formats of `lint --format`: a snapshot of each on `fixtures/quickstart` (stored
/// as `expected.<format>` beside it; regenerate with
/// `DOCKAUDIT_UPDATE_SNAPSHOTS=1 swift test --filter FormatTests` and review the diff),
/// and checks of what each format's consumers rely on.
@Suite("Output formats")
struct FormatTests {
    static let root = FixtureSnapshotTests.repositoryRoot.path
    static let fixture = "fixtures/quickstart"
    static let formats = ["compact", "gnu", "sarif", "checkstyle", "gitlab", "github", "junit"]

    /// Lints the fixture under its repository-relative path, so paths and the fingerprints
    /// made from them do not depend on where the checkout lives.
    static func lint(format: String, rules: [any Rule.Type] = RuleRegistry.all) -> CommandResult {
        runCommand(
            ["lint", "--format", format, "--as-of", "2026-11-23", "--context", root + "/" + fixture, fixture + "/Dockerfile"],
            rules: rules, fileSystem: RootedFileSystem(root: root))
    }

    @Test(arguments: formats)
    func matchesSnapshot(format: String) throws {
        let result = Self.lint(format: format)
        #expect(result.exitCode == 1, "\(result.standardError)")
        let snapshot = URL(fileURLWithPath: Self.root + "/" + Self.fixture + "/expected." + format)
        if ProcessInfo.processInfo.environment["DOCKAUDIT_UPDATE_SNAPSHOTS"] == "1" {
            try result.standardOutput.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(result.standardOutput == expected, "\(Self.fixture)/expected.\(format) differs; regenerate with DOCKAUDIT_UPDATE_SNAPSHOTS=1 and review")
    }

    @Test func compactAndGNUAreTheTextLinesWithoutNamesOrSummary() {
        let text = withoutExcerpts(Self.lint(format: "text").standardOutput).split(separator: "\n").dropLast()
        let compact = Self.lint(format: "compact").standardOutput
        #expect(compact == Self.lint(format: "gnu").standardOutput)
        let expected = text.map { line in
            line.replacingOccurrences(of: #" \[(DA\d{3}) [a-z0-9-]+\]$"#, with: " [$1]", options: .regularExpression)
        }
        #expect(compact == expected.joined(separator: "\n") + "\n")
    }

    // MARK: XML

    @Test(arguments: ["checkstyle", "junit"])
    func xmlIsWellFormed(format: String) throws {
        let document = try XMLDocumentReader.read(Self.lint(format: format).standardOutput)
        #expect(document.elements.first?.name == (format == "checkstyle" ? "checkstyle" : "testsuites"))
        let count = format == "checkstyle" ? document.elements.count(where: { $0.name == "error" })
            : document.elements.count(where: { $0.name == "failure" })
        #expect(count == 7)
    }

    static let nastyMessage = "a & b < c > d \"q\" 'q' 100% ]]> \u{1}bell\u{7F}\ttab\nline\r\nnext: a,b \u{FFFE}end"

    static func nastyFinding(file: String = "dir/my file:1,2.Dockerfile", severity: Severity = .warning) -> Finding {
        Finding(
            file: file, code: "DA999", name: "nasty", severity: severity, message: nastyMessage,
            range: SourceRange(start: SourcePosition(line: 3, column: 2, offset: 0), end: SourcePosition(line: 3, column: 5, offset: 3)))
    }

    /// What an XML parser hands back: the message less what XML 1.0 cannot carry.
    static let nastyMessageAsParsed = "a & b < c > d \"q\" 'q' 100% ]]> bell\u{7F}\ttab\nline\r\nnext: a,b end"

    @Test func checkstyleEscapesAttributes() throws {
        let output = CheckstyleReport.render(LintReport(findings: [Self.nastyFinding(severity: .style)]))
        let document = try XMLDocumentReader.read(output)
        let error = try #require(document.elements.first { $0.name == "error" })
        #expect(error.attributes["message"] == Self.nastyMessageAsParsed)
        #expect(error.attributes["severity"] == "info")
        #expect(error.attributes["source"] == "dockaudit.DA999")
        #expect(document.elements.first { $0.name == "file" }?.attributes["name"] == "dir/my file:1,2.Dockerfile")
    }

    @Test func junitEscapesAttributesAndText() throws {
        let output = JUnitReport.render(LintReport(findings: [Self.nastyFinding()], files: ["clean/Dockerfile"]))
        let document = try XMLDocumentReader.read(output)
        let failure = try #require(document.elements.first { $0.name == "failure" })
        #expect(failure.attributes["message"] == Self.nastyMessageAsParsed)
        #expect(failure.text.contains(Self.nastyMessageAsParsed))
        let cases = document.elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == ["clean/Dockerfile", "dir/my file:1,2.Dockerfile:3:2 DA999"])
        #expect(document.elements.first { $0.name == "testsuite" }?.attributes["tests"] == "2")
    }

    @Test func junitCleanRunHasOnePassingCasePerFile() throws {
        let report = LintReport(findings: [], files: ["b/Dockerfile", "a/Dockerfile"])
        let document = try XMLDocumentReader.read(JUnitReport.render(report))
        #expect(document.elements.filter { $0.name == "testcase" }.map { $0.attributes["name"] } == ["a/Dockerfile", "b/Dockerfile"])
        #expect(document.elements.contains { $0.name == "failure" } == false)
        let empty = try XMLDocumentReader.read(JUnitReport.render(LintReport(findings: [])))
        #expect(empty.elements.map(\.name) == ["testsuites", "testsuite"])
    }

    // MARK: GitHub

    @Test func githubEscapesDataAndProperties() {
        let output = GitHubReport.render([Self.nastyFinding()])
        let expectedMessage = "a & b < c > d \"q\" 'q' 100%25 ]]> \u{1}bell\u{7F}\ttab%0Aline%0D%0Anext: a,b \u{FFFE}end"
        #expect(output == "::warning file=dir/my file%3A1%2C2.Dockerfile,line=3,col=2,endColumn=4,title=DA999 nasty::\(expectedMessage)\n")
        #expect(GitHubReport.escapeProperty("a%b:c,d\r\n") == "a%25b%3Ac%2Cd%0D%0A")
    }

    @Test func githubCommandsBySeverity() {
        let lines = runCommand(["lint", "--format", "github", "-"], standardInput: StandardInputSpy(ReportTests.sample))
            .standardOutput.split(separator: "\n")
        #expect(lines.map { $0.prefix { $0 != " " } } == ["::error", "::notice", "::warning", "::notice"])
        #expect(lines[0] == "::error file=-,line=2,col=1,endColumn=10,title=DA901 test-maintainer::MAINTAINER seen")
    }

    @Test func githubMultiLineSpanGivesEndLineWithoutColumns() {
        var finding = Self.nastyFinding()
        finding.range.end = SourcePosition(line: 6, column: 1, offset: 40)
        #expect(GitHubReport.render([finding]).hasPrefix("::warning file=dir/my file%3A1%2C2.Dockerfile,line=3,endLine=5,title="))
    }

    // MARK: SARIF

    @Test func sarifStructure() throws {
        let result = runCommand(["lint", "--format", "sarif", "-"], standardInput: StandardInputSpy(ReportTests.sample))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dockaudit")
        #expect(driver["version"] as? String == DockAuditCommand.version)
        #expect(driver["informationUri"] is String)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["DA901", "DA902", "DA903", "DA904"])
        for rule in rules {
            for key in ["name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration", "properties"] {
                #expect(rule[key] != nil, "rule lacks \(key)")
            }
            let helpUri = try #require(rule["helpUri"] as? String)
            #expect(helpUri.hasPrefix(RuleDocumentation.onlineFolder) && helpUri.hasSuffix(".md"))
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 4)
        var levels: [String: String] = [:]
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == ruleId)
            let level = try #require(result["level"] as? String)
            #expect(["error", "warning", "note"].contains(level))
            levels[ruleId] = level
            #expect((result["message"] as? [String: Any])?["text"] is String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "stdin")
            let region = try #require(location["region"] as? [String: Int])
            let (startLine, startColumn) = (try #require(region["startLine"]), try #require(region["startColumn"]))
            let (endLine, endColumn) = (try #require(region["endLine"]), try #require(region["endColumn"]))
            #expect(startLine >= 1 && startColumn >= 1)
            #expect(startLine < endLine || (startLine == endLine && startColumn <= endColumn))
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints["primaryLocationLineHash"]?.count == 16)
        }
        #expect(levels == ["DA901": "error", "DA902": "warning", "DA903": "note", "DA904": "note"])
    }

    /// Our end column is the one after the span, which is SARIF's exclusive end column:
    /// `MAINTAINER` at 2:1 ends before column 11.
    @Test func sarifRegionEndIsExclusive() throws {
        let result = runCommand(["lint", "--format", "sarif", "-"], standardInput: StandardInputSpy(ReportTests.sample))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let maintainer = try #require(results.first { $0["ruleId"] as? String == "DA901" })
        let location = (maintainer["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect(location?["region"] as? [String: Int] == ["startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 11])
    }

    @Test func sarifURIs() {
        #expect(SARIFReport.uri(for: "-") == "stdin")
        #expect(SARIFReport.uri(for: "docker/Dockerfile") == "docker/Dockerfile")
        #expect(SARIFReport.uri(for: "my dir/Dockerfile#1") == "my%20dir/Dockerfile%231")
        #expect(SARIFReport.uri(for: "/abs/Dockerfile") == "file:///abs/Dockerfile")
    }

    // MARK: Fingerprints

    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func fnv1a64KnownValues(input: String, digest: String) {
        #expect(FNV1a64.hexDigest(of: input) == digest)
    }

    static func gitlabIssues(_ dockerfile: String) throws -> [[String: Any]] {
        let result = runCommand(
            ["lint", "--format", "gitlab", "--as-of", "2026-11-23", "--context", root + "/" + fixture, "-"],
            standardInput: StandardInputSpy(dockerfile), rules: RuleRegistry.all)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    }

    @Test func fingerprintsSurviveLinesInsertedAbove() throws {
        let dockerfile = try String(contentsOfFile: Self.root + "/" + Self.fixture + "/Dockerfile", encoding: .utf8)
        let before = try Self.gitlabIssues(dockerfile)
        let after = try Self.gitlabIssues("\n\n" + dockerfile)
        #expect(before.count == 7)
        #expect(before.compactMap { $0["fingerprint"] as? String } == after.compactMap { $0["fingerprint"] as? String })
        #expect(Set(before.compactMap { $0["fingerprint"] as? String }).count == before.count)
        let lines = { (issues: [[String: Any]]) in
            issues.compactMap { (($0["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int }
        }
        #expect(lines(after) == lines(before).map { $0 + 2 })
    }

    @Test func identicalFlaggedTextGetsDistinctFingerprints() {
        let source = Array("FROM a\nFROM a\n".utf8)
        let findings = [0, 7].enumerated().map { index, offset in
            Finding(
                file: "Dockerfile", code: "DA900", name: "x", severity: .info, message: "m",
                range: SourceRange(
                    start: SourcePosition(line: index + 1, column: 1, offset: offset),
                    end: SourcePosition(line: index + 1, column: 5, offset: offset + 4)))
        }
        let fingerprints = FindingFingerprints.compute(LintReport(findings: findings, sources: ["Dockerfile": source]))
        #expect(fingerprints.count == 2 && fingerprints[0] != fingerprints[1])
        #expect(FindingFingerprints.flaggedText(findings[0], in: source) == Array("FROM".utf8))
    }

    @Test func gitlabSeveritiesAndRequiredKeys() throws {
        let result = runCommand(["lint", "--format", "gitlab", "-"], standardInput: StandardInputSpy(ReportTests.sample))
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(issues.compactMap { $0["severity"] as? String } == ["critical", "info", "major", "minor"])
        for issue in issues {
            for key in ["description", "check_name", "fingerprint", "severity", "location", "categories"] {
                #expect(issue[key] != nil, "issue lacks \(key)")
            }
        }
    }

    @Test func everyFormatIsAccepted() {
        for format in OutputFormat.allCases {
            let result = runCommand(["lint", "--format", format.rawValue, "-"], standardInput: StandardInputSpy("FROM alpine\n"))
            #expect(result.exitCode == 0, "\(format): \(result.standardError)")
        }
    }
}

/// Resolves relative paths against a folder, so a test can lint a fixture under the
/// relative path a user would type without changing the process's directory.
struct RootedFileSystem: FileSystem {
    let root: String
    let base = LocalFileSystem()

    func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : root + "/" + path }

    func currentDirectory() -> String? { root }

    func kind(of path: String, followingLinks: Bool) throws(InputError) -> FileKind {
        try base.kind(of: resolve(path), followingLinks: followingLinks)
    }
    func names(inDirectory path: String) throws(InputError) -> [String] { try base.names(inDirectory: resolve(path)) }
    func identity(of path: String) throws(InputError) -> FileIdentity { try base.identity(of: resolve(path)) }
    func contents(of path: String) throws(InputError) -> [UInt8] { try base.contents(of: resolve(path)) }
    func makeDirectory(_ path: String) throws(InputError) { try base.makeDirectory(resolve(path)) }
    func writeAtomically(_ bytes: [UInt8], to path: String) throws(InputError) { try base.writeAtomically(bytes, to: resolve(path)) }
}

/// The elements of an XML document in document order, read with Foundation's parser,
/// which fails on anything not well-formed.
final class XMLDocumentReader: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    struct Document {
        var elements: [Element]
    }

    struct NotWellFormed: Error {
        var reason: String
    }

    private var elements: [Element] = []
    private var open: [Int] = []

    static func read(_ xml: String) throws -> Document {
        let parser = XMLParser(data: Data(xml.utf8))
        let reader = XMLDocumentReader()
        parser.delegate = reader
        guard parser.parse() else {
            throw NotWellFormed(reason: parser.parserError.map { "\($0)" } ?? "unknown")
        }
        return Document(elements: reader.elements)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }
}

@Suite("SARIF fixes")
struct SARIFFixTests {
    @Test func aFindingWithAFixCarriesItsEditsAsByteRegions() throws {
        let result = DockAuditCommand.run(
            arguments: ["lint", "--format", "sarif", "--failure-threshold", "none", "-"],
            standardInput: { Array("FROM alpine:3.20\nMAINTAINER me\n".utf8) }, environment: [:],
            rules: [MaintainerDeprecated.self], fileSystem: LocalFileSystem())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let finding = try #require((run["results"] as? [[String: Any]])?.first)
        let fix = try #require((finding["fixes"] as? [[String: Any]])?.first)
        let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        let region = try #require(replacement["deletedRegion"] as? [String: Any])
        #expect(region["byteOffset"] as? Int == 17)
        #expect(region["byteLength"] as? Int == 13)
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == "LABEL org.opencontainers.image.authors=\"me\"")
        #expect((fix["properties"] as? [String: Any])?["safety"] as? String == "safe")
    }
}
