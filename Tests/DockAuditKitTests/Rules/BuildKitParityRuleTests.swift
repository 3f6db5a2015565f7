import Testing
@testable import DockAuditKit

/// Edge cases of the BuildKit checks added for `docker build --check` parity: DA126
/// undefined-var, DA127 invalid-definition-description, DA128 invalid-instruction-flag.
struct BuildKitParityRuleTests: RulePositionTests {
    typealias Case = PositionCase

    // MARK: DA126 undefined-var

    @Test(arguments: [
        // BuildKit's own cases (dockerfile_check_test.go, testUnmatchedVars).
        Case(text: "\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n", at: []),
        Case(text: "\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n", at: []),
        Case(text: "\nFROM alpine\nRUN echo $PATH\n", at: []),
        Case(text: "\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n", at: ["3:6"]),
        Case(text: "\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n", at: ["3:6", "6:6"]),
        // A global ARG is not visible in a stage until redeclared.
        Case(text: "ARG V=1\nFROM alpine\nLABEL v=$V\nARG V\nLABEL w=$V\n", at: ["3:9"]),
        // Once per name and word; again in the next word.
        Case(text: "FROM alpine\nCOPY $A/$A ${A} /dst/$A\n", at: ["2:6", "2:12", "2:22"]),
        // ENV pairs see only what was set before the instruction.
        Case(text: "FROM alpine\nENV A=1 B=$A\nENV C=$A\n", at: ["2:11"]),
        // ARG declarations take effect one at a time.
        Case(text: "FROM alpine\nARG A=$B B=1 C=$B\n", at: ["2:7"]),
        // A default does not define the name (BuildKit still warns).
        Case(text: "FROM alpine\nWORKDIR /${DIR:-app}\n", at: ["2:10"]),
        // Nested references inside a modifier word are lookups too.
        Case(text: "FROM alpine\nARG X=1\nUSER ${X:+$WHO}\n", at: ["3:11"]),
        // On a continuation line, at the reference.
        Case(text: "FROM alpine\nENV A=1 \\\n    B=$MISSING\n", at: ["3:7"]),
        // Flags BuildKit expands: --chown/--chmod, ADD --checksum; not COPY --from.
        Case(text: "FROM alpine\nCOPY --chmod=$MODE --chown=$OWNER a /b\n", at: ["2:14", "2:28"]),
        Case(text: "FROM alpine\nADD --checksum=$SUM https://example.com/a /b\n", at: ["2:16"]),
        Case(text: "FROM alpine\nCOPY --from=build$X a /b\n", at: []),
        // Not expanded by BuildKit: RUN, CMD, ENTRYPOINT, HEALTHCHECK, EXPOSE, SHELL.
        Case(text: "FROM alpine\nRUN echo $X\nCMD $X\nENTRYPOINT $X\nHEALTHCHECK CMD $X\nEXPOSE $X\nSHELL [\"$X\"]\n", at: []),
        // RUN --mount options are, reported at the flag.
        Case(text: "FROM alpine\nRUN --mount=type=secret,id=$SECRET cat /run/secrets/x\n", at: ["2:5"]),
        // Quoted heredoc delimiters turn expansion off.
        Case(text: "FROM alpine\nCOPY <<EOF /a\n$X\nEOF\nCOPY <<\"EOF\" /b\n$X\nEOF\n", at: ["3:1"]),
        // Single quotes and escapes keep a word literal.
        Case(text: "FROM alpine\nLABEL a='$X' b=\\$X\n", at: []),
        // Automatic platform ARGs need an ARG line in the stage, like any other.
        Case(text: "FROM alpine\nCOPY bin/$TARGETARCH /app\n", at: ["2:10"]),
        Case(text: "FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH /app\n", at: []),
        // BuildKit's SBOM arguments are never reported.
        Case(text: "FROM alpine\nLABEL s=$BUILDKIT_SBOM_SCAN_STAGE\n", at: []),
        // Instructions before the first FROM belong to undefined-arg-in-from.
        Case(text: "ARG A=$B\nFROM alpine\n", at: []),
        // ENV in a parent stage carries over; in a sibling it does not.
        Case(text: "FROM alpine AS a\nENV X=1\nFROM a\nWORKDIR /$X\nFROM alpine\nWORKDIR /$X\n", at: ["6:10"]),
    ])
    func undefinedVarPositions(_ testCase: Case) {
        #expect(positions(testCase.text, rule: UndefinedVar.self) == testCase.at)
    }

    @Test(arguments: [
        ("\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n", "Usage of undefined variable '$PAHT' (did you mean $PATH?)"),
        ("FROM alpine\nARG DIR_BINARIES=b/\nARG DIR_ASSETS=a/\nARG DIR_CONFIG=c/\nCOPY $DIR_ASSET .\n",
         "Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)"),
        // Case-sensitive, as BuildKit on Linux: `$path` is 4 edits from PATH.
        ("FROM alpine\nCOPY $path .\n", "Usage of undefined variable '$path'"),
        // An ARG without a value is not in the environment, so it is no suggestion.
        ("FROM alpine\nARG VERSIONS\nLABEL v=$VERSION\n", "Usage of undefined variable '$VERSION'"),
        // Of two equally close names, the one set first.
        ("FROM alpine\nENV AB=1\nENV AC=1\nLABEL v=$AD\n", "Usage of undefined variable '$AD' (did you mean $AB?)"),
    ])
    func undefinedVarMessages(_ text: String, _ message: String) {
        #expect(findings(text, rule: UndefinedVar.self).map(\.message) == [message])
    }

    @Test func suggestionFollowsBuildKitSearch() {
        #expect(UndefinedVar.suggestion(for: "PAHT", among: ["PATH"]) == "PATH")
        #expect(UndefinedVar.suggestion(for: "ABCD", among: ["WXYZ"]) == nil)
        #expect(UndefinedVar.suggestion(for: "ab", among: ["x"]) == "x")
        #expect(UndefinedVar.suggestion(for: "FOO", among: ["FO", "FOO"]) == nil)
        #expect(UndefinedVar.suggestion(for: "FOOO", among: ["FO", "FOO"]) == "FOO")
    }
}
