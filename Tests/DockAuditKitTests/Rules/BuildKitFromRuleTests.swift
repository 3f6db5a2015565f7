import Testing
@testable import DockAuditKit

/// Edge cases of the BuildKit FROM and EXPOSE checks (DA118, DA119, DA201–DA203, DA205),
/// following the behaviours of BuildKit's own lint tests.
struct BuildKitFromRuleTests: RulePositionTests {
    typealias Case = PositionCase

    @Test(arguments: [
        Case(text: "FROM alpine\nEXPOSE 80/TcP 8080/TCP 8080/udp\n", at: ["2:8", "2:15"]),
        Case(text: "FROM alpine\nEXPOSE 80 443/tcp 53/udp\n", at: []),
        Case(text: "FROM alpine\nENV PORTS=\"80/TCP 81/tcp\"\nEXPOSE $PORTS\n", at: ["3:8"]),
        Case(text: "FROM alpine\nEXPOSE \\\n  9000/SCTP\n", at: ["3:3"]),
    ])
    func exposeProtoCasing(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ExposeProtoCasing.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n", at: ["2:8", "2:24", "2:40"]),
        Case(text: "FROM alpine\nEXPOSE 8000-8010/udp\n", at: []),
        Case(text: "FROM alpine\nARG MAP=1:1\nEXPOSE ${MAP}/tcp\n", at: ["3:8"]),
        // An ENV made of an unknown variable stays unexpanded: its `:-` is no host port.
        Case(text: "FROM alpine\nENV PORT=${CUSTOM_PORT:-7001}\nEXPOSE $PORT\n", at: []),
    ])
    func exposeInvalidFormat(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ExposeInvalidFormat.self) == testCase.at)
    }

    @Test func exposeMessagesSayWhatToWrite() {
        #expect(findings("FROM alpine\nEXPOSE 80/TcP\n", rule: ExposeProtoCasing.self).first?.message.contains("write 80/tcp") == true)
        #expect(findings("FROM alpine\nEXPOSE 0.0.0.0:8080:80/udp\n", rule: ExposeInvalidFormat.self).first?.message.contains("EXPOSE 80/udp") == true)
    }

    @Test(arguments: [
        Case(text: "\nFROM --platform=$TARGETPLATFORM scratch\n", at: ["2:6"]),
        Case(text: "FROM --platform=${TARGETPLATFORM} scratch\n", at: ["1:6"]),
        Case(text: "ARG TARGETPLATFORM\nFROM --platform=$TARGETPLATFORM scratch\n", at: ["2:6"]),
        Case(text: "FROM --platform=$BUILDPLATFORM scratch\n", at: []),
        Case(text: "FROM --platform=linux/$TARGETARCH scratch\n", at: []),
        Case(text: "FROM --platform=$TARGETPLATFORM$X scratch\n", at: []),
        Case(text: "FROM scratch\n", at: []),
    ])
    func redundantTargetPlatform(_ testCase: Case) {
        #expect(positions(testCase.text, rule: RedundantTargetPlatform.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "\nFROM --platform=linux/amd64 scratch\n", at: ["2:6"]),
        Case(text: "FROM --platform=linux/amd64 scratch AS my_amd64_stage\n", at: []),
        Case(text: "FROM --platform=linux/amd64 scratch AS linux\n", at: []),
        Case(text: "FROM --platform=linux/x86_64 scratch AS tools-amd64\n", at: []),
        Case(text: "FROM --platform=linux/arm64 scratch AS tools-amd64\n", at: ["1:6"]),
        Case(text: "FROM --platform=windows/amd64 scratch AS build\n", at: ["1:6"]),
        Case(text: "ARG P=linux/amd64\nFROM --platform=${P} scratch\n", at: []),
        Case(text: "FROM --platform=not/a/valid/platform scratch\n", at: []),
        Case(text: "FROM --platform=banana scratch\n", at: []),
    ])
    func fromPlatformFlagConst(_ testCase: Case) {
        #expect(positions(testCase.text, rule: FromPlatformFlagConst.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "ARG VERSION\nFROM busybox:$VERSION\n", at: ["2:6"]),
        Case(text: "ARG IMAGE\nFROM $IMAGE\n", at: ["2:6"]),
        Case(text: "ARG SFX=\"box:\"\nFROM busy${SFX}\n", at: ["2:6"]),
        Case(text: "ARG VERSION=\"latest\"\nFROM busybox:${VERSION}\n", at: []),
        Case(text: "ARG V=\"\"\nFROM busybox:stable${V}\n", at: []),
        Case(text: "ARG V\nFROM busybox:stable${V}\n", at: []),
        Case(text: "ARG REG=MyRegistry\nFROM ${REG}/app:1\n", at: []),
        Case(text: "ARG NAME=App\nFROM ${NAME}:1\n", at: ["2:6"]),
        Case(text: "ARG D\nFROM alpine@${D}\n", at: ["2:6"]),
        Case(text: "FROM alpine:${TARGETARCH}\n", at: []),
        Case(text: "FROM busybox\n", at: []),
        Case(text: "FROM alpine AS a\nARG IMG\nFROM $IMG\n", at: ["3:6"]),
    ])
    func invalidDefaultArgInFrom(_ testCase: Case) {
        #expect(positions(testCase.text, rule: InvalidDefaultArgInFrom.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "\nFROM --platform=$BULIDPLATFORM scratch\n", at: ["2:17"]),
        Case(text: "ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n", at: ["3:23"]),
        Case(text: "ARG tag=latest\nFROM busybox:${tag}${version} AS b\n", at: ["2:20"]),
        Case(text: "ARG tag\nFROM busybox:${tag}\n", at: []),
        Case(text: "FROM --platform=$BUILDPLATFORM golang:${TARGETARCH:-1}\n", at: []),
        Case(text: "FROM busybox:${U:-latest}\n", at: ["1:14"]),
        Case(text: "FROM $A$B\n", at: ["1:6", "1:8"]),
        Case(text: "FROM alpine\nARG X=1\nFROM alpine:$X\n", at: ["3:13"]),
    ])
    func undefinedArgInFrom(_ testCase: Case) {
        #expect(positions(testCase.text, rule: UndefinedArgInFrom.self) == testCase.at)
    }

    @Test func undefinedArgSeverityFollowsWhetherTheBuildFails() {
        let platformTypo = findings("FROM --platform=$BULIDPLATFORM scratch\n", rule: UndefinedArgInFrom.self)
        #expect(platformTypo.map(\.severity) == [.error])
        #expect(platformTypo.first?.message.contains("did you mean BUILDPLATFORM?") == true)
        let arch = findings("ARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n", rule: UndefinedArgInFrom.self)
        #expect(arch.first?.message.contains("did you mean MY_ARCH?") == true)
        #expect(arch.map(\.severity) == [.error])
        // An empty suffix still leaves a valid image: the build works, so a warning.
        let suffix = findings("ARG tag=latest\nFROM busybox:${tag}${version}\n", rule: UndefinedArgInFrom.self)
        #expect(suffix.map(\.severity) == [.warning])
        #expect(suffix.first?.message.contains("did you mean") == false)
        #expect(findings("FROM $IMAGE\n", rule: UndefinedArgInFrom.self).map(\.severity) == [.error])
        #expect(findings("FROM ${U:-alpine}\n", rule: UndefinedArgInFrom.self).map(\.severity) == [.warning])
    }

    @Test func invalidDefaultArgSaysWhichArgToFix() {
        let empty = findings("ARG TAG\nFROM alpine:${TAG}\n", rule: InvalidDefaultArgInFrom.self)
        #expect(empty.first?.message.contains("give ARG TAG a default value") == true)
        let undeclared = findings("FROM alpine AS a\nARG IMG\nFROM $IMG\n", rule: InvalidDefaultArgInFrom.self)
        #expect(undeclared.first?.message.contains("declare ARG IMG=… before the first FROM") == true)
    }

    @Test(arguments: [
        ("busybox", true), ("docker.io/library/busybox:1.36", true), ("localhost:5000/a/b", true),
        ("[::1]:5000/app", true), ("MyReg/app", true), ("a__b/c-d.e", true),
        ("", false), ("busybox:", false), ("Busybox", false), ("a..b", false), ("app@sha256:12", false),
        (String(repeating: "a", count: 64), false), ("a/", false), ("-a", false),
    ])
    func referenceGrammar(_ text: String, valid: Bool) {
        #expect((ReferenceGrammar.problem(with: text) == nil) == valid, "\(text)")
    }
}
