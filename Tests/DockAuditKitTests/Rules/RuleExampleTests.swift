import Foundation
import Testing
@testable import DockAuditKit

/// Every rule's examples are its first tests: each bad example must fire the rule where
/// its `↓` marker says, each good example must stay silent, also with CRLF line endings.
struct RuleExampleTests {
    static let codes = RuleRegistry.all.map { $0.description.code }

    static func rule(_ code: String) -> any Rule.Type {
        RuleRegistry.all.first { $0.description.code == code }!
    }

    /// Removes the `↓` markers, returning the text and the byte offsets they stood at.
    static func stripMarkers(_ example: String) -> (text: String, offsets: [Int]) {
        var text = ""
        var offsets: [Int] = []
        for character in example {
            if character == "↓" { offsets.append(text.utf8.count) } else { text.append(character) }
        }
        return (text, offsets)
    }

    /// Examples are judged as of a fixed day, so end-of-life rules do not change verdicts
    /// as time passes.
    static let exampleDay = CalendarDate(year: 2026, month: 11, day: 23)

    /// Lints an example with its configuration (if any); when it has context files they
    /// are written to a fresh folder that becomes the build context, with the Dockerfile
    /// beside them.
    static func lint(_ text: String, with rule: any Rule.Type, example: RuleExample) -> [Finding] {
        var options = example.options ?? LintOptions()
        options.asOf = exampleDay
        let files = example.contextFiles
        guard !files.isEmpty else {
            return Linter(rules: [rule]).lint(SourceFile(path: "Dockerfile", text: text), options: options)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            if file.path.hasSuffix("/") {
                try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? file.contents.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dockerfile = folder.appendingPathComponent("Dockerfile").path
        try? text.write(toFile: dockerfile, atomically: true, encoding: .utf8)
        options.buildContext = try? BuildContext(root: folder.path)
        options.dockerfilePath = dockerfile
        return Linter(rules: [rule]).lint(SourceFile(path: "Dockerfile", text: text), options: options)
    }

    static func lint(_ text: String, with rule: any Rule.Type, context files: [(path: String, contents: String)] = []) -> [Finding] {
        lint(text, with: rule, example: RuleExample(text, context: files))
    }

    @Test(arguments: codes, [false, true])
    func badExamplesFire(code: String, crlf: Bool) {
        let rule = Self.rule(code)
        #expect(!rule.description.badExamples.isEmpty, "\(code) needs a bad example")
        for example in rule.description.badExamples {
            let dockerfile = example.dockerfile
            let (text, offsets) = Self.stripMarkers(crlf ? dockerfile.replacingOccurrences(of: "\n", with: "\r\n") : dockerfile)
            let findings = Self.lint(text, with: rule, example: example)
            #expect(!findings.isEmpty, "\(code) did not fire on:\n\(text)")
            for offset in offsets {
                #expect(findings.contains { $0.range.start.offset == offset },
                        "\(code): no finding starts at offset \(offset) in:\n\(text)\nfound: \(findings.map { $0.range.start.offset })")
            }
            for finding in findings {
                #expect(finding.code == code)
                #expect(finding.range.start.offset <= finding.range.end.offset)
                #expect(finding.range.end.offset <= text.utf8.count)
                #expect(!finding.message.isEmpty)
            }
        }
    }

    /// A file-wide pragma naming the rule silences every bad example. (DA100's syntax
    /// errors may swallow the comment, e.g. into an unterminated heredoc, and DA111 is
    /// about pragmas themselves.)
    @Test(arguments: codes.filter { $0 != "DA100" && $0 != "DA111" })
    func badExamplesSilencedByPragma(code: String) {
        let rule = Self.rule(code)
        for example in rule.description.badExamples {
            let (text, _) = Self.stripMarkers(example.dockerfile)
            for pragma in ["# dockaudit ignore-file=\(code)", "# dockaudit ignore-file=\(rule.description.name)"] {
                let findings = Self.lint(text + "\n" + pragma + "\n", with: rule, example: example)
                #expect(findings.isEmpty, "\(pragma) did not silence:\n\(text)")
            }
        }
    }

    @Test(arguments: codes, [false, true])
    func goodExamplesStaySilent(code: String, crlf: Bool) {
        let rule = Self.rule(code)
        #expect(!rule.description.goodExamples.isEmpty, "\(code) needs a good example")
        for example in rule.description.goodExamples {
            let text = crlf ? example.dockerfile.replacingOccurrences(of: "\n", with: "\r\n") : example.dockerfile
            let findings = Self.lint(text, with: rule, example: example)
            #expect(findings.isEmpty, "\(code) fired on a good example:\n\(text)\n\(findings.map(\.message))")
        }
    }
}
