import Foundation
import Testing
@testable import DockAuditKit

/// Edge cases of the syntax, base-image, security and context rules beyond their
/// examples: multi-stage builds, `--target`, variable expansion, severities.
struct CoreRuleTests {
    static let day = CalendarDate(year: 2026, month: 11, day: 23)

    func findings(_ text: String, rule: any Rule.Type, target: String? = nil) -> [Finding] {
        Linter(rules: [rule]).lint(SourceFile(path: "Dockerfile", text: text), options: LintOptions(target: target, asOf: Self.day))
    }

    func lines(_ text: String, rule: any Rule.Type, target: String? = nil) -> [Int] {
        findings(text, rule: rule, target: target).map(\.range.start.line)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var lines: [Int]
        var target: String? = nil
        var testDescription: String { text.replacingOccurrences(of: "\n", with: "⏎") }
    }

    @Test(arguments: [
        Case(text: "FROM python:3.12 AS build\nFROM python:3.12\nUSER app\n", lines: []),
        Case(text: "FROM python:3.12 AS build\nUSER app\nFROM python:3.12\nUSER app\n", lines: []),
        Case(text: "FROM python:3.12 AS app\nUSER app\nFROM app AS test\nUSER root\n", lines: [4]),
        // --target builds the first stage, which never sets USER.
        Case(text: "FROM python:3.12 AS base\nFROM base AS final\nUSER app\n", lines: [1], target: "base"),
        Case(text: "FROM python:3.12\nARG UID=0\nUSER ${UID}\n", lines: [3]),
        Case(text: "FROM python:3.12\nARG UID=10001\nUSER ${UID}:${UID}\n", lines: []),
    ])
    func noNonRootUser(_ testCase: Case) {
        #expect(lines(testCase.text, rule: NoNonRootUser.self, target: testCase.target) == testCase.lines)
    }

    @Test func secretSeverityDependsOnTheValue() {
        let literal = findings("FROM alpine\nENV API_TOKEN=abc123\n", rule: SecretInArgOrEnv.self)
        let passedThrough = findings("FROM alpine\nARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n", rule: SecretInArgOrEnv.self)
        #expect(literal.map(\.severity) == [.error])
        #expect(passedThrough.map(\.severity) == [.warning, .warning])
        // A credential-shaped value under a harmless name is an error too.
        let shaped = findings("FROM alpine\nENV DEPLOY_ID=ghp_0123456789abcdefghijklmnopqrstuvwxyz\n", rule: SecretInArgOrEnv.self)
        #expect(shaped.map(\.severity) == [.error])
        // Every stage counts: secrets in a builder stage are in its layers' history too.
        #expect(lines("FROM alpine AS build\nARG NPM_TOKEN\nFROM alpine\n", rule: SecretInArgOrEnv.self) == [2])
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nARG KEY_FILE=id_rsa\nCOPY $KEY_FILE /root/.ssh/\n", lines: [3]),
        Case(text: "FROM alpine\nARG CONFIG=app.conf\nCOPY $CONFIG /etc/\n", lines: []),
        Case(text: "FROM alpine AS build\nCOPY .npmrc /root/\nFROM alpine\nCOPY --from=build /app /app\n", lines: [2]),
        Case(text: "FROM alpine\nCOPY [\".env\", \"/app/.env\"]\n", lines: [2]),
    ])
    func secretFileCopied(_ testCase: Case) {
        #expect(lines(testCase.text, rule: SecretFileCopied.self) == testCase.lines)
    }

    @Test(arguments: [
        Case(text: "ARG BASE=buster\nFROM debian:${BASE}-slim AS build\nFROM debian:bookworm-slim\n", lines: [2]),
        Case(text: "ARG BASE\nFROM debian:${BASE:-bookworm}\n", lines: []),
        Case(text: "ARG BASE\nFROM debian:${BASE:-stretch}\n", lines: [2]),
        Case(text: "FROM ubuntu:22.10\n", lines: [1]),
        Case(text: "FROM ubuntu:jammy\n", lines: []),
    ])
    func baseImageEOL(_ testCase: Case) {
        #expect(lines(testCase.text, rule: BaseImageEOLRelease.self) == testCase.lines)
    }

    @Test func endOfLifeFollowsTheDay() {
        let text = "FROM python:3.10-slim\n"
        let before = Linter(rules: [PythonEOL.self]).lint(SourceFile(path: "D", text: text), options: LintOptions(asOf: CalendarDate("2026-10-31")))
        let after = Linter(rules: [PythonEOL.self]).lint(SourceFile(path: "D", text: text), options: LintOptions(asOf: CalendarDate("2026-11-01")))
        #expect(before.isEmpty)
        #expect(after.count == 1)
    }

    @Test(arguments: [
        Case(text: "FROM python:3.12 AS dev\nENV DEBUG=1\nFROM python:3.12\n", lines: []),
        Case(text: "FROM python:3.12 AS dev\nENV DEBUG=1\nFROM python:3.12\n", lines: [2], target: "dev"),
        Case(text: "FROM python:3.12\nARG MODE=true\nENV FLASK_DEBUG=$MODE\n", lines: [3]),
    ])
    func debugEnabled(_ testCase: Case) {
        #expect(lines(testCase.text, rule: DebugEnabled.self, target: testCase.target) == testCase.lines)
    }

    @Test func contextRulesAreSilentWithoutAContext() {
        let text = "FROM python:3.12\nCOPY . /app\nCOPY missing.txt /app/\n"
        for rule: any Rule.Type in [DockerignoreMissing.self, DockerignoreIncomplete.self, CopyIgnoredFile.self, CopySourceMissing.self] {
            #expect(findings(text, rule: rule).isEmpty)
        }
    }

    @Test func virtualenvCopiedThroughAVariable() {
        #expect(lines("FROM python:3.12\nARG ENV_DIR=.venv\nCOPY ${ENV_DIR} /opt/venv\n", rule: VirtualenvCopied.self) == [3])
    }

    @Test func wholeContextCopyInABuilderStageCounts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "x".write(to: folder.appendingPathComponent("app.py"), atomically: true, encoding: .utf8)
        let text = "FROM python:3.12 AS build\nCOPY . /src\nFROM python:3.12\nCOPY --from=build /src/dist /app\n"
        let options = LintOptions(asOf: Self.day, buildContext: try BuildContext(root: folder.path), dockerfilePath: folder.path + "/Dockerfile")
        let found = Linter(rules: [DockerignoreMissing.self]).lint(SourceFile(path: "Dockerfile", text: text), options: options)
        // The context is sent whichever stage copies it.
        #expect(found.map(\.range.start.line) == [2])
    }
}
