import Testing
@testable import DockAuditKit

struct PragmaTests {
    func codes(_ text: String, disable: Bool = false) -> [String] {
        Linter().lint(SourceFile(path: "Dockerfile", text: text), options: LintOptions(disableIgnorePragmas: disable))
            .map { "\($0.code)@\($0.range.start.line)" }
    }

    static let twoMaintainers = "FROM alpine:3.22\nMAINTAINER a\nMAINTAINER b\nUSER 1000\n"

    @Test(arguments: [
        "# dockaudit ignore=DA105", "# dockaudit ignore=maintainer-deprecated", "# dockaudit ignore=DL4000",
        "# dockaudit ignore = DA105 # the base image needs it", "# hadolint ignore=DL4000", "#hadolint ignore=DL4000,DL3000",
        "# dockaudit ignore=MaintainerDeprecated",
    ])
    func nextInstructionOnly(pragma: String) {
        let text = "FROM alpine:3.22\n\(pragma)\nMAINTAINER a\nMAINTAINER b\nUSER 1000\n"
        #expect(codes(text) == ["DA105@4"])
    }

    @Test func commentLinesMayStandBetweenButNotBlankLines() {
        #expect(codes("FROM alpine:3.22\n# dockaudit ignore=DA105\n# why: legacy\nMAINTAINER a\nUSER 1000\n").isEmpty)
        #expect(codes("FROM alpine:3.22\n# dockaudit ignore=DA105\n\nMAINTAINER a\nUSER 1000\n") == ["DA105@4"])
    }

    @Test func coversEveryLineOfAContinuedInstruction() {
        let text = "FROM alpine:3.22\n# dockaudit ignore=DA102\nRUN echo a \\\n\n    b\nUSER 1000\n"
        #expect(codes(text).isEmpty)
    }

    @Test(arguments: ["# dockaudit ignore-file=DA105", "# hadolint global ignore=DL4000"])
    func wholeFile(pragma: String) {
        #expect(codes(Self.twoMaintainers + pragma + "\n").isEmpty)
        #expect(codes(pragma + "\n" + Self.twoMaintainers).isEmpty)
    }

    @Test(arguments: ["# dockaudit ignore-stage=DA105,DA501", "# hadolint stage ignore=DL4000,DL3002"])
    func stageScopeIncludesTheFromLine(pragma: String) {
        let text = "FROM alpine:3.22 AS one\nMAINTAINER a\n\(pragma)\nFROM alpine:3.22\nMAINTAINER b\n"
        // The second stage (the final one, which never sets USER) is silenced, FROM line included.
        #expect(codes(text) == ["DA105@2"])
    }

    @Test func buildKitCheckDirectiveAndPerInstructionForm() {
        #expect(codes("# check=skip=MaintainerDeprecated\n" + Self.twoMaintainers).isEmpty)
        #expect(codes("# check=skip=all\n" + Self.twoMaintainers).isEmpty)
        // BuildKit compares check names case-sensitively.
        #expect(codes("# check=skip=maintainerdeprecated\n" + Self.twoMaintainers) == ["DA105@3", "DA105@4"])
        #expect(codes("FROM alpine:3.22\n# check=skip=MaintainerDeprecated\nMAINTAINER a\nMAINTAINER b\nUSER 1000\n") == ["DA105@4"])
    }

    @Test func unknownNamesAreReportedAndTheRestStillApplies() {
        let findings = codes("FROM alpine:3.22\n# dockaudit ignore=DA105,DA9999\nMAINTAINER a\nUSER 1000\n")
        #expect(findings == ["DA111@2"])
    }

    @Test func shellCheckCodesInHadolintPragmasAreNotUnknown() {
        #expect(codes("FROM alpine:3.22\n# hadolint ignore=SC2086,DL4000\nMAINTAINER a\nUSER 1000\n").isEmpty)
    }

    @Test func disablingPragmasReportsEverything() {
        #expect(codes("FROM alpine:3.22\n# dockaudit ignore=DA105\nMAINTAINER a\nUSER 1000\n", disable: true) == ["DA105@3"])
    }

    @Test func aPragmaInsideAContinuationIsNotAPragma() {
        let text = "FROM alpine:3.22\nRUN echo a \\\n# dockaudit ignore-file=DA105\n    b\nMAINTAINER a\nUSER 1000\n"
        #expect(codes(text) == ["DA105@5"])
    }
}
