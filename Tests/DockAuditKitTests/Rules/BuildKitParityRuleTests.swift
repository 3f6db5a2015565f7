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

    // MARK: DA128 invalid-instruction-flag

    @Test(arguments: [
        ("FROM alpine\nCOPY --user=app a /b\n", "unknown flag: --user; COPY accepts --chmod, --chown, --exclude, --from, --link, --parents"),
        ("FROM alpine\nCOPY --chmown=1 a /b\n", "unknown flag: --chmown (did you mean chown?); COPY accepts --chmod, --chown, --exclude, --from, --link, --parents"),
        ("FROM alpine\nEXPOSE --tcp 80\n", "unknown flag: --tcp; EXPOSE takes no flags"),
        ("FROM --platform=a --platform=b alpine\n", "duplicate flag specified: --platform"),
        ("FROM alpine\nCOPY --link=maybe a /b\n", "expecting boolean value for flag --link, not: maybe"),
        ("FROM alpine\nCOPY --link= a /b\n", "missing a value on flag: --link"),
        ("FROM alpine\nCOPY --from a /b\n", "missing a value on flag: --from"),
        ("FROM alpine\nRUN --security=privileged make\n", "security \"privileged\" is not valid (use sandbox or insecure)"),
        ("FROM alpine\nRUN --mount=type=cache,target=/c,uid=x make\n", "invalid --mount=type=cache,target=/c,uid=x: invalid value x for uid"),
        ("FROM alpine\nRUN --mount=target=/c,mode=0644 make\n", "invalid --mount=target=/c,mode=0644: mode not allowed for \"bind\" type mounts"),
        ("FROM alpine\nRUN --mount=type=cache,target=/c,required make\n", "invalid --mount=type=cache,target=/c,required: unexpected key 'required' for mount type 'cache'"),
        ("FROM alpine\nRUN --mount=type=bind,target=/c,sharing=locked make\n", "invalid --mount=type=bind,target=/c,sharing=locked: invalid cache sharing set for bind mount"),
        ("FROM alpine\nRUN --mount=type=secret,id=a,source=b make\n", "invalid --mount=type=secret,id=a,source=b: both source and id can't be set"),
        ("FROM alpine\nRUN --mount=type=bind,from=$X,target=/c make\n", "invalid --mount=type=bind,from=$X,target=/c: 'from' doesn't support variable expansion, define alias stage instead"),
        ("FROM alpine\nRUN --mount=type=cache,target=/c,ro=yes make\n", "invalid --mount=type=cache,target=/c,ro=yes: invalid value for ro: yes"),
        ("FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n", "--retries cannot be negative (-1)"),
        ("FROM alpine\nHEALTHCHECK --timeout=10us CMD true\n", "time: invalid duration \"10us\" for --timeout (write it like 30s or 1m30s, at least 1ms)"),
    ])
    func invalidFlagMessages(_ text: String, _ message: String) {
        #expect(findings(text, rule: InvalidInstructionFlag.self).map(\.message) == [message])
    }

    @Test(arguments: [
        // Variables in --mount values are expanded with the ARGs and ENVs first.
        Case(text: "FROM alpine\nARG T=cache\nRUN --mount=type=$T,target=/c make\n", at: []),
        Case(text: "FROM alpine\nARG T=cach\nRUN --mount=type=$T,target=/c make\n", at: ["3:5"]),
        Case(text: "FROM alpine\nRUN --mount=type=$UNKNOWN,target=/c make\n", at: []),
        // Mount keys and types are case-insensitive; bool values take Go's forms.
        Case(text: "FROM alpine\nRUN --mount=Type=CACHE,Target=/c,RO=1 make\n", at: []),
        // A bare `--` ends the flags, as in BuildKit.
        Case(text: "FROM alpine\nCOPY -- --weird /b\n", at: []),
        // ARG, STOPSIGNAL and HEALTHCHECK NONE never have their flags read.
        Case(text: "FROM alpine\nSTOPSIGNAL --x SIGTERM\nHEALTHCHECK --x NONE\n", at: []),
        // Every bad flag of an instruction, at the flag.
        Case(text: "FROM alpine\nCOPY --a --b x /y\n", at: ["2:6", "2:10"]),
        // ONBUILD triggers are parsed only when a child image builds.
        Case(text: "FROM alpine\nONBUILD COPY --user=x a /b\n", at: []),
        // Durations: Go's syntax, zero, or at least 1ms.
        Case(text: "FROM alpine\nHEALTHCHECK --interval=0 --timeout=1.5s --start-period=1h2m3s --start-interval=500ms CMD true\n", at: []),
    ])
    func invalidFlagPositions(_ testCase: Case) {
        #expect(positions(testCase.text, rule: InvalidInstructionFlag.self) == testCase.at)
    }

    @Test func goDurationSyntax() {
        for good in ["1s", "1.5h", ".5m", "1h2m3.5s", "0", "-3s", "1ms"] { #expect(InstructionFlags.isHealthcheckDuration(good), "\(good)") }
        for bad in ["5", "1x", "s", "", "1..2s", "1s2", "999us"] { #expect(!InstructionFlags.isHealthcheckDuration(bad), "\(bad)") }
    }

    // MARK: DA127 invalid-definition-description

    /// BuildKit's own case (testDefinitionDescription), with the lines it reports.
    @Test func definitionDescriptionFollowsBuildKitsCase() {
        let text = """
            # check=experimental=InvalidDefinitionDescription
            # bar this is the bar
            ARG foo=bar
            # BasE this is the BasE image
            FROM scratch AS base
            # definitely a bad comment
            ARG version=latest
            # definitely a bad comment
            ARG foo=baz bar=qux baz=quux

            """
        let found = findings(text, rule: InvalidDefinitionDescription.self)
        #expect(found.map(\.range.start.line) == [3, 5, 7, 9])
        #expect(found.map(\.message) == [
            "Comment for ARG should follow the format: `# foo <description>`",
            "Comment for FROM should follow the format: `# base <description>`",
            "Comment for ARG should follow the format: `# version <description>`",
            "Comment for ARG should follow the format: `# <arg_key> <description>`",
        ])
    }

    @Test(arguments: [
        // A directive line is no comment; the one above it still counts.
        Case(text: "# check=skip=StageNameCasing\nARG A=1\nFROM alpine\n", at: []),
        // The name must be followed by a space (or end the comment).
        Case(text: "# VERSION\nARG VERSION\n# VERSION: the version\nARG VERSION\nFROM alpine\n", at: ["4:5"]),
        // ONBUILD ARG is not parsed until a child image builds.
        Case(text: "FROM alpine\n# nope\nONBUILD ARG X=1\n", at: []),
        // Comments inside a continued instruction are not above it.
        Case(text: "ARG A=1 \\\n# inner\n  B=2\nFROM alpine\n", at: []),
    ])
    func definitionDescriptionPositions(_ testCase: Case) {
        #expect(positions(testCase.text, rule: InvalidDefinitionDescription.self) == testCase.at)
    }

    @Test func definitionDescriptionIsOptIn() {
        #expect(InvalidDefinitionDescription.description.isOptIn)
        #expect(!RuleRegistry.enabledByDefault.contains { $0.description.code == "DA127" })
    }

    @Test(arguments: [
        ("# check=experimental=InvalidDefinitionDescription\n# nope\nARG A=1\nFROM alpine\n", ["DA127"]),
        ("# check=skip=JSONArgsRecommended;experimental=all\n# nope\nARG A=1\nFROM alpine\n", ["DA127"]),
        ("# check=experimental=UndefinedVar\n# nope\nARG A=1\nFROM alpine\n", []),
        ("# check=skip=all;experimental=InvalidDefinitionDescription\n# nope\nARG A=1\nFROM alpine\n", []),
        ("# nope\nARG A=1\nFROM alpine\n", []),
    ])
    func checkDirectiveTurnsOnExperimentalRules(_ text: String, _ codes: [String]) {
        let found = Linter().lint(SourceFile(path: "Dockerfile", text: text), options: LintOptions())
        #expect(found.map(\.code).filter { $0 == "DA127" } == codes)
    }
}
