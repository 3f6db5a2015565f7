import Testing
@testable import DockAuditKit

/// Edge cases of the BuildKit stage and casing checks (DA112–DA117) beyond their examples,
/// following the behaviours of BuildKit's own lint tests.
struct BuildKitStageRuleTests: RulePositionTests {
    typealias Case = PositionCase

    @Test(arguments: [
        Case(text: "FROM node:20 AS WebBuild\nFROM node:20 AS api\n", at: ["1:17"]),
        // Not a stage name: no AS, or a FROM BuildKit rejects.
        Case(text: "FROM Node\n", at: []),
        Case(text: "FROM alpine AS Base extra\n", at: []),
        Case(text: "from alpine as Mixed\nFROM alpine AS UPPER\n", at: ["1:16", "2:16"]),
    ])
    func stageNameCasing(_ testCase: Case) {
        #expect(positions(testCase.text, rule: StageNameCasing.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM scratch as one\nFROM scratch AS two\n", at: ["1:14"]),
        Case(text: "from scratch AS one\nfrom scratch as two\n", at: ["1:14"]),
        // A mixed-case FROM is left to consistent-instruction-casing, whatever AS is.
        Case(text: "From scratch AS one\nfROM scratch as two\n", at: []),
        Case(text: "FROM scratch aS one\n", at: ["1:14"]),
        Case(text: "FROM scratch\nfrom scratch\n", at: []),
    ])
    func fromAsCasing(_ testCase: Case) {
        #expect(positions(testCase.text, rule: FromAsCasing.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM scratch AS b\nFROM scratch AS b\nFROM scratch AS b\n", at: ["2:17", "3:17"]),
        Case(text: "FROM scratch AS b1\nFROM scratch AS b2\n", at: []),
        // Compared in lower case, as BuildKit stores names.
        Case(text: "FROM scratch AS Build\nFROM scratch AS build\n", at: ["2:17"]),
        Case(text: "FROM scratch\nFROM scratch\n", at: []),
    ])
    func duplicateStageName(_ testCase: Case) {
        #expect(positions(testCase.text, rule: DuplicateStageName.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM scratch AS scratch\nFROM scratch AS context\n", at: ["1:17", "2:17"]),
        Case(text: "FROM scratch\nFROM scratch AS a\n", at: []),
        Case(text: "FROM alpine AS SCRATCH\n", at: ["1:16"]),
        Case(text: "FROM alpine AS scratch-base\nFROM alpine AS mycontext\n", at: []),
    ])
    func reservedStageName(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ReservedStageName.self) == testCase.at)
    }

    @Test(arguments: [
        // A mixed-case keyword counts for neither side and is always reported.
        Case(text: "From scratch as base\nFROM scratch AS base2\n", at: ["1:1"]),
        Case(text: "frOM scratch as base\nfrom scratch as base2\n", at: ["1:1"]),
        Case(text: "FROM scratch\ncopy a /a\nCOPY b /b\n", at: ["2:1"]),
        // A tie means upper case.
        Case(text: "from scratch\nCOPY a /a\ncopy b /b\nCOPY c /c\n", at: ["1:1", "3:1"]),
        Case(text: "from scratch\nCOPY a /a\n", at: ["1:1"]),
        Case(text: "FROM scratch\ncopy a /a\ncopy b /b\ncopy c /c\n", at: ["1:1"]),
        // Global ARGs before the first FROM are neither counted nor checked.
        Case(text: "arg A=1\narg B=2\narg C=3\nFROM alpine\nRUN true\n", at: []),
        Case(text: "ARG A=1\nARG B=2\nARG C=3\nfrom alpine\nrun true\nCOPY a /a\n", at: ["6:1"]),
        // Heredoc bodies are not instructions.
        Case(text: "FROM alpine\nRUN <<'EOT'\nenv\nEOT\n", at: []),
        // ONBUILD counts by its own keyword; its trigger is not counted.
        Case(text: "FROM alpine\nONBUILD run true\n", at: []),
        // An unknown instruction (a lost continuation) is another rule's finding.
        Case(text: "FROM alpine\nRUN apt-get update &&\n    apt-get install -y curl\n", at: []),
    ])
    func consistentInstructionCasing(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ConsistentInstructionCasing.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM scratch\nENV testkey value\nLABEL key value\n", at: ["2:5", "3:7"]),
        Case(text: "FROM scratch\nENV testkey=value\nLABEL key=value\n", at: []),
        // Every stage, not only the ones a default build dispatches.
        Case(text: "FROM scratch AS a\nFROM a AS b\nENV k v\nFROM a AS c\n", at: ["3:5"]),
        // ARG, EXPOSE and other instructions with spaces are not key/value instructions.
        Case(text: "FROM scratch\nARG foo bar\nEXPOSE 80 443\nUSER app app\n", at: []),
        // A value with spaces in the legacy form is still one pair.
        Case(text: "FROM scratch\nENV PATH /opt/bin:$PATH extra words\n", at: ["2:5"]),
        Case(text: "FROM scratch\nenv lower case\n", at: ["2:5"]),
    ])
    func legacyKeyValueFormat(_ testCase: Case) {
        #expect(positions(testCase.text, rule: LegacyKeyValueFormat.self) == testCase.at)
    }

    @Test func messagesSayWhatToWrite() {
        let casing = findings("FROM alpine AS Builder\n", rule: StageNameCasing.self)
        #expect(casing.first?.message.contains("'builder'") == true)
        let asCasing = findings("from alpine AS base\n", rule: FromAsCasing.self)
        #expect(asCasing.first?.message.contains("write 'as'") == true)
        let legacy = findings("FROM alpine\nLABEL version 1.0\n", rule: LegacyKeyValueFormat.self)
        #expect(legacy.first?.message.contains("LABEL version=value") == true)
        let majority = findings("from alpine\nrun true\nRUN true\n", rule: ConsistentInstructionCasing.self)
        #expect(majority.first?.message.contains("write 'run'") == true)
    }
}
