import Testing
@testable import DockAuditKit

/// Edge cases of the hadolint FROM, EXPOSE and COPY/ADD rules (DA120, DA206, DA207,
/// DA301–DA305), including the cases where dockaudit reads a file differently.
struct HadolintAstRuleTests: RulePositionTests {
    typealias Case = PositionCase

    @Test(arguments: [
        Case(text: "FROM python\n", at: ["1:6"]),
        Case(text: "ARG PY=3.12\nFROM python:${PY}\n", at: []),
        Case(text: "ARG PY\nFROM python:${PY}\n", at: []),
        Case(text: "ARG IMAGE=python\nFROM ${IMAGE}\n", at: ["2:6"]),
        Case(text: "FROM python${SUFFIX}\n", at: []),
        Case(text: "FROM ${REGISTRY}/library/python\n", at: ["1:6"]),
        Case(text: "FROM ${REGISTRY}/library/python:3.12\n", at: []),
        Case(text: "FROM ${IMAGE:-docker.io/python}\n", at: []),
        Case(text: "FROM golang:1.23 AS Build\nFROM build\n", at: []),
        Case(text: "FROM scratch\nFROM SCRATCH\n", at: []),
        Case(text: "FROM localhost:5000/base\n", at: ["1:6"]),
        Case(text: "FROM alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n", at: []),
        // A later stage's name is not a stage yet: FROM pulls the image.
        Case(text: "FROM node AS build\nFROM build\nFROM debian AS node\n", at: ["1:6", "3:6"]),
    ])
    func imageTagMissing(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ImageTagMissing.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM ubuntu:latest\n", at: ["1:6"]),
        Case(text: "ARG TAG=latest\nFROM ubuntu:$TAG\n", at: ["2:6"]),
        Case(text: "ARG TAG\nFROM ubuntu:$TAG\n", at: []),
        Case(text: "FROM ubuntu:latest@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n", at: []),
        Case(text: "FROM ubuntu:Latest\nFROM ubuntu\n", at: []),
        Case(text: "FROM registry.local:5000/team/app:latest AS app\n", at: ["1:6"]),
    ])
    func imageTagLatest(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ImageTagLatest.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nEXPOSE 65535 65536 0\n", at: ["2:14"]),
        Case(text: "FROM alpine\nEXPOSE 1-65536/tcp 100-90/udp 90-100\n", at: ["2:8", "2:20"]),
        Case(text: "FROM alpine\nEXPOSE 127.0.0.1:8080:99999\n", at: ["2:8"]),
        Case(text: "FROM alpine\nEXPOSE 99999999999999999999999\n", at: ["2:8"]),
        Case(text: "FROM alpine\nENV PORTS=\"80 70000\"\nEXPOSE $PORTS\n", at: ["3:8"]),
        Case(text: "FROM alpine\nEXPOSE ${PORT:-8080} http abc-def\n", at: []),
    ])
    func exposePortOutOfRange(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ExposePortOutOfRange.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nADD app.py /app/\n", at: ["2:5"]),
        Case(text: "FROM alpine\nADD rootfs.tar /\nADD a.tgz b.tar.bz2 c.txz d.tar.zst /opt/\n", at: []),
        Case(text: "FROM alpine\nADD http://example.com/x.bin https://example.com/y /opt/\n", at: []),
        Case(text: "FROM alpine\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14 /src\n", at: []),
        Case(text: "FROM alpine\nADD ${URL} /opt/\n", at: []),
        Case(text: "FROM alpine\nARG SRC=https://example.com/a\nADD ${SRC} /opt/\n", at: []),
        Case(text: "FROM alpine\nARG SRC=lib\nADD ${SRC} /opt/\n", at: ["3:5"]),
        Case(text: "FROM alpine\nADD bundle.zip /opt/\n", at: ["2:5"]),
        Case(text: "FROM alpine\nADD [\"x.tar.gz\", \"conf d/\", \"/etc/\"]\n", at: ["2:18"]),
        Case(text: "FROM alpine\nCOPY app.py /app/\n", at: []),
    ])
    func addInsteadOfCopy(_ testCase: Case) {
        #expect(positions(testCase.text, rule: AddInsteadOfCopy.self) == testCase.at)
    }

    @Test func addMessagesSayWhatToDo() {
        #expect(findings("FROM alpine\nADD a.zip /\n", rule: AddInsteadOfCopy.self).first?.message.contains("unzip") == true)
        #expect(findings("FROM alpine\nADD a b /d/\n", rule: AddInsteadOfCopy.self).first?.message.contains("a, b") == true)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nCOPY a b /dst\n", at: ["2:10"]),
        Case(text: "FROM alpine\nCOPY a b /dst/\nCOPY a /dst\n", at: []),
        Case(text: "FROM alpine\nWORKDIR /w\nCOPY a b .\nCOPY a b ./\nCOPY a b x/.\n", at: []),
        Case(text: "FROM alpine\nCOPY --link --chmod=644 a b /dst\n", at: ["2:29"]),
        Case(text: "FROM alpine\nARG D=/opt/app\nCOPY a b $D\n", at: ["3:10"]),
        Case(text: "FROM alpine\nARG D=/opt/app/\nCOPY a b $D\nCOPY a b $UNKNOWN\n", at: []),
        Case(text: "FROM alpine\nCOPY <<EOF b /dst\nx\nEOF\n", at: ["2:14"]),
        Case(text: "FROM alpine\nCOPY --from=build a b /dst\n", at: ["2:23"]),
    ])
    func copyDestinationNotFolder(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CopyDestinationNotFolder.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine AS a\nFROM alpine\nCOPY --from=b /x /x\n", at: ["3:6"]),
        Case(text: "FROM alpine AS a\nFROM alpine\nCOPY --from=A /x /x\nCOPY --from=0 /x /x\n", at: []),
        Case(text: "FROM alpine\nCOPY --from=1 /x /x\n", at: ["2:6"]),
        Case(text: "FROM alpine\nCOPY --from=1 /x /x\nFROM alpine\n", at: []),
        Case(text: "FROM alpine\nCOPY --from=later /x /x\nFROM alpine AS later\n", at: []),
        Case(text: "FROM alpine\nCOPY --from=nginx:1.27 /x /x\nCOPY --from=docker.io/nginx /x /x\nCOPY --from=quay.io/org/img /x /x\n", at: []),
        Case(text: "FROM alpine\nCOPY --from=nginx /x /x\n", at: ["2:6"]),
        Case(text: "ARG B=build\nFROM alpine AS build\nFROM alpine\nCOPY --from=$B /x /x\n", at: []),
        Case(text: "ARG B=biuld\nFROM alpine AS build\nFROM alpine\nARG B\nCOPY --from=$B /x /x\n", at: ["5:6"]),
        Case(text: "FROM alpine\nCOPY --from=$X /x /x\n", at: []),
        Case(text: "FROM alpine AS self\nCOPY --from=self /x /x\n", at: []),
    ])
    func copyFromUnknownStage(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CopyFromUnknownStage.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine AS self\nCOPY --from=self /x /x\n", at: ["2:6"]),
        Case(text: "FROM alpine AS Self\nCOPY --from=SELF /x /x\n", at: ["2:6"]),
        Case(text: "FROM alpine\nFROM alpine\nCOPY --from=1 /x /x\nCOPY --from=0 /x /x\n", at: ["3:6"]),
        Case(text: "FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a /x /x\n", at: []),
        Case(text: "FROM alpine\nCOPY /x /x\n", at: []),
    ])
    func copyFromOwnStage(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CopyFromOwnStage.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nCOPY a .\n", at: ["2:8"]),
        Case(text: "FROM alpine\nWORKDIR /app\nCOPY a .\n", at: []),
        // The second `FROM debian:12` is a new stage: it does not inherit the first one's WORKDIR.
        Case(text: "FROM debian:12\nWORKDIR /app\nFROM debian:12\nCOPY a .\n", at: ["4:8"]),
        Case(text: "FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY a .\n", at: []),
        Case(text: "FROM debian:12 AS base\nWORKDIR /app\nFROM base AS mid\nFROM mid\nCOPY a b/\n", at: []),
        Case(text: "FROM alpine\nCOPY a /abs/\nCOPY a $HOME/\nCOPY a c:/app/\n", at: []),
        Case(text: "FROM alpine\nARG D=rel/\nCOPY a $D\n", at: ["3:8"]),
        Case(text: "FROM alpine\nARG D=/abs/\nCOPY a $D\n", at: []),
        Case(text: "FROM alpine\nCOPY a .\nWORKDIR /app\nCOPY b .\n", at: ["2:8"]),
        Case(text: "FROM alpine\nADD a.tar.gz opt/\n", at: ["2:14"]),
        // scratch's working directory can only be `/`.
        Case(text: "FROM scratch AS out\nCOPY --from=x /exit arm\nFROM out\nCOPY a .\n", at: []),
    ])
    func copyRelativeDestinationWithoutWorkdir(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CopyRelativeDestinationWithoutWorkdir.self) == testCase.at)
    }
}
