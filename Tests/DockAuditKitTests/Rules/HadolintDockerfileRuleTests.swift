import Testing
@testable import DockAuditKit

/// Edge cases of the hadolint rules that read the Dockerfile itself (DA121–DA125,
/// DA130–DA133, DA208, DA307, DA506), including the configured ones with explicit options.
struct HadolintDockerfileRuleTests: RulePositionTests {
    typealias Case = PositionCase

    func positions(_ text: String, rule: any Rule.Type, options: LintOptions) -> [String] {
        Linter(rules: [rule]).lint(SourceFile(path: "Dockerfile", text: text), options: options)
            .map { "\($0.range.start.line):\($0.range.start.column)" }
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nONBUILD ONBUILD RUN x\n", at: ["2:9"]),
        Case(text: "FROM alpine\nONBUILD  From debian\nONBUILD MAINTAINER me\n", at: ["2:10", "3:9"]),
        Case(text: "FROM alpine\nONBUILD RUN echo FROM\nONBUILD ADD . /src\n", at: []),
    ])
    func onbuildTriggerNotAllowed(_ testCase: Case) {
        #expect(positions(testCase.text, rule: OnbuildTriggerNotAllowed.self) == testCase.at)
    }

    @Test func onbuildMessagesUseBuildKitWording() {
        let messages = findings("FROM alpine\nONBUILD onbuild RUN x\nONBUILD from x\n", rule: OnbuildTriggerNotAllowed.self).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed") == true)
        #expect(messages.last?.hasPrefix("FROM isn't allowed as an ONBUILD trigger") == true)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nENV A=1 B=$A\n", at: ["2:11"]),
        Case(text: "FROM alpine\nENV A=1 B=${A}/x C=\"$A\"\n", at: ["2:11", "2:21"]),
        // `$AB` is another name; `$A_` too.
        Case(text: "FROM alpine\nENV A=1 B=$AB C=$A_\n", at: []),
        Case(text: "FROM alpine\nENV A=1 B=$A-x\n", at: ["2:11"]),
        // Self-reference and single quotes.
        Case(text: "FROM alpine\nENV PATH=/x:$PATH A=1 B='$A'\n", at: []),
        // ARG without value, then ENV re-setting it: the old value is what is meant.
        Case(text: "FROM alpine\nARG V\nENV V=$V URL=/v$V\n", at: []),
        // An earlier known, different value: B gets 1, not 2 (no hadolint code).
        Case(text: "FROM alpine\nENV A=1\nENV A=2 B=$A\n", at: ["3:11"]),
        // Variables are per stage: an ENV in another stage does not count as earlier.
        Case(text: "FROM alpine AS one\nENV A=0\nFROM alpine\nENV A=1 B=$A\n", at: ["4:11"]),
        // Inherited from the parent stage with the same value.
        Case(text: "FROM alpine AS one\nENV A=1\nFROM one\nENV A=1 B=$A\n", at: []),
        // Legacy form has one pair only.
        Case(text: "FROM alpine\nENV A $A\n", at: []),
        // The same default on both sides gives the same value either way.
        Case(text: "FROM alpine\nENV ROOT=\"${ROOT:-/u01}\" \\\n    HOME_DIR=\"${ROOT:-/u01}/home\"\n", at: []),
        // PATH from the base image: DB_PATH gets the old PATH, without /opt/bin.
        Case(text: "FROM alpine\nENV PATH=/opt/bin:$PATH DB_PATH=/db:$PATH\n", at: ["2:37"]),
        // The escape directive changes nothing about names.
        Case(text: "# escape=`\nFROM alpine\nENV A=1 `\n    B=$A\n", at: ["4:7"]),
    ])
    func envSelfReference(_ testCase: Case) {
        #expect(positions(testCase.text, rule: EnvSelfReference.self) == testCase.at)
    }

    @Test func envSelfReferenceEarlierValueHasNoHadolintCode() {
        let found = findings("FROM alpine\nENV A=1\nENV A=2 B=$A\nENV C=1 D=$C\n", rule: EnvSelfReference.self)
        #expect(found.map(\.aliases) == [[], ["DL3044"]])
    }

    @Test(arguments: [
        ("maintainer", nil as String?),
        ("org.opencontainers.image.source", nil),
        ("com.example.v2", nil),
        ("a", nil),
        ("Maintainer", "upper-case"),
        ("build_date", nil),
        ("com.example/app", nil),
        ("build:date", "':'"),
        ("com example", "' '"),
        ("com.docker.extension.title", "reserves"),
        ("io.docker.x", "reserves"),
        ("org.dockerproject.x", "reserves"),
        ("9lives", "start"),
        ("-x", "start"),
        ("x.", "end"),
        ("a..b", "separators"),
        ("a--b", "separators"),
        ("a.-b", nil),
        ("", "empty"),
    ])
    func labelKeyGrammar(key: String, problem: String?) {
        let found = InvalidLabelKey.problem(with: key)
        if let problem {
            #expect(found?.contains(problem) == true, "\(key): \(found ?? "nil")")
        } else {
            #expect(found == nil, "\(key): \(found ?? "nil")")
        }
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nLABEL a=1 \"B\"=2 'c:d'=3 e_f=4\n", at: ["2:11", "2:17"]),
        Case(text: "FROM alpine\nLABEL Vendor ACME\n", at: ["2:7"]),
        Case(text: "FROM alpine\nARG K=com.Example\nLABEL $K=1 ${UNKNOWN}=2\n", at: ["3:7"]),
    ])
    func invalidLabelKey(_ testCase: Case) {
        #expect(positions(testCase.text, rule: InvalidLabelKey.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nUSER app\n", at: ["2:6"]),
        // Only the last USER of the final stage counts.
        Case(text: "FROM alpine\nUSER app\nUSER 1000\n", at: []),
        Case(text: "FROM alpine AS build\nUSER app\nFROM alpine\nUSER 1000:app\n", at: []),
        Case(text: "FROM alpine AS base\nUSER app\nFROM base\nRUN true\n", at: ["2:6"]),
        Case(text: "FROM alpine AS base\nUSER app\nFROM alpine\nRUN true\n", at: []),
        Case(text: "FROM alpine\nENV NAME=svc\nUSER $NAME\n", at: ["3:6"]),
        Case(text: "FROM alpine\nENV UID=10\nUSER ${UID}:${GID}\n", at: []),
        Case(text: "FROM alpine\nUSER :1000\n", at: []),
        Case(text: "FROM alpine\nUSER root\n", at: []),
        Case(text: "FROM alpine\nUSER nobody:nogroup\n", at: ["2:6"]),
        // Windows: no numeric uids.
        Case(text: "FROM mcr.microsoft.com/powershell:lts-nanoserver-1809\nUSER ContainerUser\n", at: []),
        Case(text: "# escape=`\nFROM ${BASE}\nUSER ContainerUser\n", at: []),
        Case(text: "FROM ${BASE}\nSHELL [\"pwsh\", \"-Command\"]\nUSER ContainerUser\n", at: []),
        Case(text: "FROM ${BASE}\nSHELL [\"C:\\\\Windows\\\\System32\\\\cmd.exe\", \"/S\", \"/C\"]\nUSER ContainerUser\n", at: []),
    ])
    func userNotNumeric(_ testCase: Case) {
        #expect(positions(testCase.text, rule: UserNotNumeric.self) == testCase.at)
    }

    @Test func userNotNumericFollowsTarget() {
        let text = "FROM alpine AS dev\nUSER dev\nFROM alpine AS prod\nUSER 1000\n"
        #expect(positions(text, rule: UserNotNumeric.self, options: LintOptions(target: "dev")) == ["2:6"])
        #expect(positions(text, rule: UserNotNumeric.self, options: LintOptions()) == [])
    }

    @Test(arguments: [
        Case(text: "FROM alpine AS b\nFROM scratch\nCOPY --from=b / /\n", at: ["3:15"]),
        Case(text: "FROM alpine AS b\nFROM scratch\nCOPY --from=b ./ /.\n", at: ["3:15"]),
        Case(text: "FROM alpine AS b\nFROM scratch\nCOPY --from=b /etc / /\n", at: ["3:20"]),
        Case(text: "FROM alpine AS b\nFROM scratch\nCOPY --from=b / /root\n", at: []),
        Case(text: "FROM alpine AS b\nFROM scratch\nCOPY --from=b /* /\n", at: []),
        Case(text: "FROM alpine\nCOPY . /\n", at: []),
        // A relative destination with an unknown WORKDIR (the base image's) is not judged.
        Case(text: "FROM alpine AS b\nFROM alpine\nCOPY --from=b / .\n", at: []),
        Case(text: "FROM alpine AS b\nFROM alpine\nWORKDIR /\nCOPY --from=b / .\n", at: ["4:15"]),
        Case(text: "FROM alpine AS b\nFROM alpine\nADD --from=b / /\n", at: []),
    ])
    func copyEntireFilesystem(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CopyEntireFilesystem.self) == testCase.at)
    }

    @Test func copyEntireFilesystemNamesTheOrigin() {
        let text = "FROM alpine AS build\nFROM alpine\nCOPY --from=build / /\nCOPY --from=0 / /\nCOPY --from=busybox:1 / /\n"
        let messages = findings(text, rule: CopyEntireFilesystem.self).map(\.message)
        #expect(messages.map { $0.hasPrefix("COPY --from=build copies") } == [true, true, false])
        #expect(messages.last?.hasPrefix("COPY --from=busybox:1 copies") == true)
    }

    // MARK: Trusted registries (DA208)

    static func trusted(_ patterns: String...) -> LintOptions { LintOptions(trustedRegistries: patterns) }

    @Test(arguments: [
        (Case(text: "FROM random.com/debian\n", at: ["1:6"]), ["docker.io"]),
        (Case(text: "FROM random.com/debian\n", at: []), [String]()),
        (Case(text: "FROM ubuntu:18.04 AS b1\nFROM zemanlx/ubuntu:18.04 AS b2\nFROM docker.io/zemanlx/ubuntu:18.04\n", at: []), ["docker.io"]),
        (Case(text: "FROM ubuntu:18.04\nFROM index.docker.io/library/ubuntu\n", at: []), ["hub.docker.com"]),
        (Case(text: "FROM ubuntu:18.04\n", at: ["1:6"]), ["ghcr.io"]),
        (Case(text: "FROM foo.random.com/debian\nFROM random.com/debian\n", at: ["2:6"]), ["x.com", "*.random.com"]),
        (Case(text: "FROM registry-eu.corp/x\nFROM registry.corp/x\nFROM REGISTRY-US.corp/x\n", at: ["2:6"]), ["registry-*"]),
        (Case(text: "FROM anything.io/x\n", at: []), ["*"]),
        (Case(text: "FROM scratch\nFROM base AS b\nFROM b\n", at: ["2:6"]), ["ghcr.io"]),
        (Case(text: "FROM ghcr.io/a/b AS build\nFROM ghcr.io/a/c\nCOPY --from=build /x /x\nCOPY --from=0 /x /y\nCOPY --from=untrusted.com/repo/image:tag /foo /bar\n", at: ["5:6"]), ["ghcr.io"]),
        (Case(text: "FROM ghcr.io/a/b\nARG TOOLS=quay.io/t/tools:1\nCOPY --from=$TOOLS /t /t\nCOPY --from=$UNKNOWN /t /t\n", at: ["3:6"]), ["ghcr.io"]),
        (Case(text: "FROM ghcr.io/a/b\nRUN --mount=type=bind,from=quay.io/x/y,target=/y --mount=type=cache,target=/c true\n", at: ["2:5"]), ["ghcr.io"]),
        (Case(text: "ARG BASE=quay.io/x/y\nFROM $BASE\nFROM ${OTHER}/z\n", at: ["2:6"]), ["ghcr.io"]),
    ])
    func untrustedRegistry(_ testCase: Case, patterns: [String]) {
        #expect(positions(testCase.text, rule: UntrustedRegistry.self, options: LintOptions(trustedRegistries: patterns)) == testCase.at)
    }

    // MARK: Label schema (DA130–DA133)

    static func schema(_ labels: [String], strict: Bool = false) -> LintOptions {
        LabelSchema.requiring(labels, strict: strict)
    }

    @Test(arguments: [
        (Case(text: "FROM alpine\n", at: ["1:1", "1:1"]), ["a", "b:url"]),
        (Case(text: "FROM alpine\nLABEL a=1\n", at: ["1:1"]), ["a", "b:url"]),
        (Case(text: "FROM alpine AS base\nLABEL a=1 b=https://x.io\nFROM base AS mid\nFROM mid\n", at: []), ["a", "b:url"]),
        (Case(text: "FROM alpine AS build\nLABEL a=1\nFROM alpine\nCOPY --from=build /x /x\n", at: ["3:1"]), ["a"]),
        (Case(text: "FROM alpine\nLABEL \"a\"=1\n", at: []), ["a"]),
        (Case(text: "FROM alpine\nARG KEY=a\nLABEL ${KEY}=1\n", at: []), ["a"]),
        (Case(text: "FROM alpine\nONBUILD LABEL a=1\n", at: ["1:1"]), ["a"]),
        (Case(text: "FROM alpine\n", at: []), [String]()),
    ])
    func labelMissing(_ testCase: Case, labels: [String]) {
        #expect(positions(testCase.text, rule: LabelMissing.self, options: Self.schema(labels)) == testCase.at)
    }

    @Test func labelMissingFollowsTarget() {
        let text = "FROM alpine AS dev\nFROM alpine AS prod\nLABEL a=1\n"
        var options = Self.schema(["a"])
        #expect(positions(text, rule: LabelMissing.self, options: options) == [])
        options.target = "dev"
        #expect(positions(text, rule: LabelMissing.self, options: options) == ["1:1"])
    }

    @Test func labelNotInSchemaNeedsStrict() {
        let text = "FROM alpine AS build\nLABEL stray=1\nFROM alpine\nLABEL a=1 b=2\n"
        #expect(positions(text, rule: LabelNotInSchema.self, options: Self.schema(["a"], strict: true)) == ["4:11"])
        #expect(positions(text, rule: LabelNotInSchema.self, options: Self.schema(["a"])) == [])
        #expect(positions(text, rule: LabelNotInSchema.self, options: LintOptions(labelSchema: LabelSchema(isStrict: true))) == [])
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nLABEL a=\"\" b=\"\"\n", at: ["2:7"]),
        Case(text: "FROM alpine\nLABEL a=''\n", at: ["2:7"]),
        Case(text: "FROM alpine\nARG V\nLABEL a=$V\n", at: []),
        Case(text: "FROM alpine\nLABEL a=$FROM_BASE_IMAGE\n", at: []),
        Case(text: "FROM alpine\nARG V=\nLABEL a=${V}\n", at: ["3:7"]),
    ])
    func labelEmpty(_ testCase: Case) {
        #expect(positions(testCase.text, rule: LabelEmpty.self, options: Self.schema(["a"])) == testCase.at)
    }

    @Test func labelValueInvalidNamesOneHadolintCodePerFinding() {
        let text = "FROM alpine\nLABEL u=x h=XYZ s=1.0 e=nobody t=yesterday l=\"MIT,\" v=1.0.0 x=?\n"
        let options = Self.schema(["u:url", "h:hash", "s:semver", "e:email", "t:rfc3339", "l:spdx", "v:semver", "x"])
        let found = Linter(rules: [LabelValueInvalid.self]).lint(SourceFile(path: "Dockerfile", text: text), options: options)
        #expect(found.map(\.aliases) == [["DL3052"], ["DL3055"], ["DL3056"], ["DL3058"], ["DL3053"], ["DL3054"]])
        #expect(found.first.map { "\($0.range.start.line):\($0.range.start.column)" } == "2:9")
    }

    @Test(arguments: [
        ("https://github.com/org/repo", true), ("http://example.com:8080/a?b=c#d", true), ("urn:isbn:0451450523", true),
        ("mailto:team@example.com", true), ("file:///etc/hosts", true), ("https://example.com/%20x", true),
        // RFC 3986 allows an empty host (`file:///etc/hosts`, `https://`).
        ("github.com/org/repo", false), ("https://", true), ("https://exa mple.com", false), ("https://x.io/%zz", false),
        ("1http://x", false), ("https://x.io/#a#b", false), ("", false), ("http:", false),
    ])
    func urlFormat(text: String, valid: Bool) {
        #expect(ValueFormats.isAbsoluteURI(text) == valid)
    }

    @Test(arguments: [
        ("2026-11-23T10:00:00Z", true), ("2026-11-23t10:00:00.123z", true), ("2024-02-29T23:59:60+01:00", true),
        ("2026-11-23T10:00:00-05:30", true), ("2025-02-29T10:00:00Z", false), ("2026-11-23 10:00:00Z", false),
        ("2026-11-23T10:00:00", false), ("2026-13-01T10:00:00Z", false), ("2026-11-23T24:00:00Z", false),
        ("2026-11-23T10:00:00.Z", false), ("2026-11-23", false), ("1900-02-29T00:00:00Z", false), ("2000-02-29T00:00:00Z", true),
    ])
    func rfc3339Format(text: String, valid: Bool) {
        #expect(ValueFormats.isRFC3339DateTime(text) == valid)
    }

    @Test(arguments: [
        ("0123abc", true), (String(repeating: "a1", count: 20), true), ("0123ABC", false), ("0123ab", false),
        ("0123abcd", false), ("0123abg", false),
    ])
    func gitHashFormat(text: String, valid: Bool) {
        #expect(ValueFormats.isGitHash(text) == valid)
    }

    @Test(arguments: [
        ("1.0.0", true), ("0.0.0", true), ("1.4.0-rc.1", true), ("1.0.0-alpha.beta+exp.sha.5114f85", true),
        ("1.0.0+20130313144700", true), ("1.0.0-0.3.7", true), ("1.0.0-x-y-z.--", true),
        ("v1.0.0", false), ("1.0", false), ("01.0.0", false), ("1.0.0-01", false), ("1.0.0-", false),
        ("1.0.0+", false), ("1.0.0-a..b", false), ("1.0.0+a_b", false), ("1.0.0.0", false),
    ])
    func semverFormat(text: String, valid: Bool) {
        #expect(ValueFormats.isSemanticVersion(text) == valid)
    }

    @Test(arguments: [
        ("team@example.com", true), ("first.last+tag@sub.example.org", true), ("\"john doe\"@example.com", true),
        ("user@[192.168.0.1]", true), ("a!#$%&'*+/=?^_`{|}~@x", true),
        ("Team <team@example.com>", false), ("team.@example.com", false), ("team@", false), ("@example.com", false),
        ("te am@example.com", false), ("team@exa..mple.com", false), ("nobody", false),
    ])
    func emailFormat(text: String, valid: Bool) {
        #expect(ValueFormats.isEmailAddress(text) == valid)
    }

    @Test(arguments: [
        ("MIT", true), ("Apache-2.0", true), ("GPL-2.0+", true), ("MIT OR Apache-2.0", true),
        ("(MIT OR Apache-2.0) AND BSD-3-Clause", true), ("GPL-2.0-or-later WITH Classpath-exception-2.0", true),
        ("LicenseRef-Proprietary", true), ("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", true), ("mit and apache-2.0", true),
        ("MIT, Apache-2.0", false), ("MIT OR", false), ("(MIT", false), ("MIT)", false), ("AND", false),
        ("MIT WITH", false), ("Apache 2.0 License", false), ("", false), ("LicenseRef-", false), ("MIT OR OR BSD", false),
    ])
    func spdxFormat(text: String, valid: Bool) {
        #expect(ValueFormats.isSPDXExpression(text) == valid)
    }

    // MARK: Opt-in rules (DA124, DA125)

    @Test(arguments: [
        Case(text: "FROM alpine\n", at: ["1:1"]),
        Case(text: "FROM alpine\nHEALTHCHECK NONE\n", at: []),
        Case(text: "FROM alpine AS a\nHEALTHCHECK CMD true\nFROM a AS b\nFROM b\n", at: []),
        Case(text: "FROM alpine AS a\nHEALTHCHECK CMD true\nFROM alpine\n", at: ["3:1"]),
        Case(text: "FROM alpine\nONBUILD HEALTHCHECK CMD true\n", at: ["1:1"]),
    ])
    func healthcheckMissing(_ testCase: Case) {
        #expect(positions(testCase.text, rule: HealthcheckMissing.self) == testCase.at)
    }

    @Test func optInRulesAreOffByDefault() {
        let defaults = RuleRegistry.enabledByDefault.map { $0.description.code }
        #expect(!defaults.contains("DA124"))
        #expect(!defaults.contains("DA125"))
        #expect(defaults.contains("DA208"))
    }

    @Test(arguments: [
        Case(text: "# dockaudit ignore=DA206\nFROM python\n# hadolint ignore=DL3008,DL3015\nRUN true\n", at: ["1:1", "3:1"]),
        Case(text: "# hadolint global ignore=DL3008\n# dockaudit ignore-file=DA206\n# dockaudit ignore-stage=DA206\nFROM python\n", at: []),
        Case(text: "# hadolint stage ignore=DL3008\nFROM python\n# just a note: ignore=this\nRUN true\n", at: []),
        Case(text: "FROM python\nRUN true \\\n# dockaudit ignore=DA206\n  && false\n", at: []),
    ])
    func ignorePragmaUsed(_ testCase: Case) {
        #expect(positions(testCase.text, rule: IgnorePragmaUsed.self) == testCase.at)
    }

    @Test func ignorePragmaStillReportedWhenPragmasAreDisabled() {
        let text = "# dockaudit ignore=DA125\nFROM python\n"
        #expect(positions(text, rule: IgnorePragmaUsed.self, options: LintOptions(disableIgnorePragmas: true)) == ["1:1"])
    }

    // MARK: Configured examples in the documentation

    @Test func configuredExamplesShowTheirFlags() {
        let page = RuleDocumentation.markdownPage(for: UntrustedRegistry.description)
        #expect(page.contains("linted with `dockaudit lint --trusted-registry docker.io --trusted-registry '*.corp.example'`"))
        let labels = RuleDocumentation.markdownPage(for: LabelNotInSchema.description)
        #expect(labels.contains("--require-label version --strict-labels"))
        #expect(RuleDocumentation.configurationFlags(Self.schema(["v:semver", "t"])) == "--require-label v:semver --require-label t")
        #expect(RuleDocumentation.configurationFlags(nil) == nil)
        #expect(RuleDocumentation.configurationFlags(LintOptions()) == nil)
    }
}
