import Testing
@testable import DockAuditKit

/// Edge cases of the apt and apk rules (DA401–DA407) beyond their examples.
struct AptApkRuleTests {
    func findings(_ code: String, _ text: String) -> [Finding] {
        RuleExampleTests.lint(text, with: RuleExampleTests.rule(code))
    }

    @Test(arguments: [
        ("FROM debian\nRUN apt-get install -y a b=1 c\n", 2),
        ("FROM debian\nRUN apt-get -y install -t bookworm-backports a=1\n", 0),
        ("FROM debian\nRUN apt-get install -y --target-release=bookworm-backports a\n", 1),
        ("FROM debian\nRUN apt-get install -y -o Dpkg::Options::=--force-confold a=1\n", 0),
        ("FROM debian\nRUN apt-get install -y ./x.deb /tmp/y.deb z.deb\n", 0),
        ("FROM debian\nRUN apt-get install -y 'a=1.*' a/stable\n", 0),
        ("FROM debian\nRUN apt-get install -y a=$V\n", 0),
        ("FROM debian\nRUN PKGS='a b=1' && apt-get install -y $PKGS\n", 1),
        ("FROM debian\nRUN PKGS='a=2 b=1' && apt-get install -y ${PKGS}\n", 0),
        ("FROM debian\nENV PKGS=\"a b\"\nRUN apt-get install -y $PKGS\n", 1),
        ("FROM debian\nARG PKGS\nRUN apt-get install -y $PKGS\n", 0),
        ("FROM debian\nRUN apt-get install -y $(cat /p.txt)\n", 0),
        ("FROM debian\nRUN sudo -E apt-get install -y a\n", 1),
        ("FROM debian\nRUN env DEBIAN_FRONTEND=noninteractive apt-get install -y a\n", 1),
        ("FROM debian\nRUN sh -c 'apt-get install -y a'\n", 1),
        ("FROM debian\nRUN bash <<EOF\napt-get install -y a\nEOF\n", 1),
        ("FROM debian\nRUN apt install -y a\n", 1),
        ("FROM debian\nRUN aptitude install -y a\n", 0),
        ("FROM debian\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y a\n", 0),
        ("FROM debian\nRUN apt-get install -y -- a\n", 1),
        ("FROM debian\nRUN apt-get install -s a\n", 0),
    ])
    func aptPackageUnpinned(text: String, count: Int) {
        #expect(findings("DA401", text).count == count, "\(text)")
    }

    @Test func aptPackageUnpinnedPointsAtEachPackage() {
        let found = findings("DA401", "FROM debian\nRUN apt-get install -y curl git=1 vim\n")
        #expect(found.map(\.range.start.column) == [24, 35])
        #expect(found.first?.message.contains("curl=<version>") == true)
    }

    @Test(arguments: [
        ("FROM debian\nRUN apt-get update\n", 1),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\n", 0),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && rm -r -f /var/lib/apt/lists\n", 0),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt\n", 0),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && apt-get clean\n", 1),
        ("FROM debian\nRUN apt-get update; apt-get install -y a; apt-get dist-clean\n", 0),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && apt-get distclean\n", 0),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/* && apt-get update\n", 1),
        ("FROM debian\nRUN apt-get update && apt-get install -y a && sudo rm -rf /var/lib/apt/lists/*\n", 0),
        ("FROM debian\nRUN sudo apt-get update\n", 1),
        ("FROM debian\nRUN sh -c 'apt update'\n", 1),
        ("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y a\nrm -rf /var/lib/apt/lists/*\nEOF\n", 0),
        ("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y a\nEOF\n", 1),
        ("FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n", 0),
        ("FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get update\n", 0),
        ("FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n", 1),
        ("FROM debian\nRUN --mount=type=bind,target=/var/lib/apt/lists apt-get update\n", 1),
        ("FROM debian AS a\nRUN apt-get update\nFROM scratch\n", 0),
        ("FROM debian AS a\nRUN apt-get update\nFROM a AS b\nRUN true\nFROM scratch\n", 1),
        ("FROM debian AS a\nRUN apt-get update\nFROM scratch\nCOPY --from=a /x /x\n", 0),
        ("FROM debian\nRUN apt-get install -y a\n", 0),
    ])
    func aptListsNotRemoved(text: String, count: Int) {
        #expect(findings("DA402", text).count == count, "\(text)")
    }

    @Test func aptListsNotRemovedHonoursTarget() {
        let text = "FROM debian AS a\nRUN apt-get update\nFROM scratch\n"
        let linter = Linter(rules: [RuleExampleTests.rule("DA402")])
        let found = linter.lint(SourceFile(path: "Dockerfile", text: text), options: LintOptions(target: "a"))
        #expect(found.count == 1)
    }

    @Test(arguments: [
        ("FROM debian\nRUN apt-get install a=1\n", 1),
        ("FROM debian\nRUN apt-get install -y a=1\n", 0),
        ("FROM debian\nRUN apt-get install -qy a=1\n", 0),
        ("FROM debian\nRUN apt-get install --yes a=1\n", 0),
        ("FROM debian\nRUN apt-get install --assume-yes a=1\n", 0),
        ("FROM debian\nRUN apt-get -qq install a=1\n", 0),
        ("FROM debian\nRUN apt-get -q -q install a=1\n", 0),
        ("FROM debian\nRUN apt-get --quiet --quiet install a=1\n", 0),
        ("FROM debian\nRUN apt-get -q=2 install a=1\n", 0),
        ("FROM debian\nRUN apt-get -q install a=1\n", 1),
        ("FROM debian\nRUN apt-get -q=1 install a=1\n", 1),
        ("FROM debian\nRUN apt-get -oAPT::Get::Assume-Yes=true install a=1\n", 0),
        ("FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=false install a=1\n", 1),
        ("FROM debian\nRUN yes | apt-get install a=1\n", 0),
        ("FROM debian\nRUN echo y | apt-get install a=1\n", 1),
        ("FROM debian AS base\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90y\nFROM base\nRUN apt-get install a=1\n", 0),
        ("FROM debian\nRUN sudo apt-get install a=1\n", 1),
        ("FROM debian\nRUN bash -c \"apt install a=1\"\n", 1),
        ("FROM debian\nRUN sh <<'EOF'\napt-get install a=1\nEOF\n", 1),
        ("FROM debian\nRUN apt-get update\n", 0),
        ("FROM debian\nRUN if apt-get install -s a > /dev/null; then echo ok; fi\n", 0),
        ("FROM debian\nRUN apt-get install --dry-run a=1\n", 0),
        ("FROM debian\nRUN apt-get install -o Debug::pkgProblemResolver=yes a=1\n", 1),
        ("FROM debian\nRUN apt-get -f install\n", 1),
    ])
    func aptInstallWithoutYes(text: String, count: Int) {
        #expect(findings("DA403", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM debian\nRUN apt-get install -y a=1\n", 1),
        ("FROM debian\nRUN apt-get install -y --no-install-recommends a=1\n", 0),
        ("FROM debian\nRUN apt-get --no-install-recommends install -y a=1\n", 0),
        ("FROM debian\nRUN apt-get install -y -o APT::Install-Recommends=0 a=1\n", 0),
        ("FROM debian\nRUN apt-get install -y -o APT::Install-Recommends=true a=1\n", 1),
        ("FROM debian\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/r && apt-get install -y a=1\n", 0),
        ("FROM debian\nRUN apt-get install -y a=1 && echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/r\n", 1),
        ("FROM debian\nRUN sudo apt install -y a=1\n", 1),
        ("FROM debian\nRUN <<EOF\napt-get install -y a=1\nEOF\n", 1),
        ("FROM debian\nRUN apt-get install -y ./x.deb\n", 1),
    ])
    func aptInstallRecommends(text: String, count: Int) {
        #expect(findings("DA404", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM debian\nRUN apt update && apt install -y a=1\n", 2),
        ("FROM debian\nRUN /usr/bin/apt list --installed\n", 1),
        ("FROM debian\nRUN sudo apt-get update\n", 0),
        ("FROM debian\nRUN apt-cache search a && apt-mark hold a\n", 0),
        ("FROM debian\nRUN <<EOF\napt update\nEOF\n", 1),
        ("FROM debian\nRUN echo apt > /x\n", 0),
    ])
    func aptInsteadOfAptGet(text: String, count: Int) {
        #expect(findings("DA405", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM alpine\nRUN apk add --no-cache a b=1 c~2 'd>3' 'e<4'\n", 1),
        ("FROM alpine\nRUN apk add --no-cache --virtual .deps a=1\n", 0),
        ("FROM alpine\nRUN apk add --no-cache --virtual=.deps a=1\n", 0),
        ("FROM alpine\nRUN apk add --no-cache -t .deps a=1\n", 0),
        ("FROM alpine\nRUN apk add --no-cache --repository http://x/edge a=1 -X http://y b=2\n", 0),
        ("FROM alpine\nRUN apk add --no-cache --allow-untrusted /tmp/a.apk\n", 0),
        ("FROM alpine\nRUN apk add --no-cache a@testing\n", 1),
        ("FROM alpine\nRUN DEPS='a b' && apk add --no-cache $DEPS\n", 1),
        ("FROM alpine\nARG DEPS\nRUN apk add --no-cache $DEPS\n", 0),
        ("FROM alpine\nRUN sudo apk add a\n", 1),
        ("FROM alpine\nRUN sh -c \"apk add a\"\n", 1),
        ("FROM alpine\nRUN <<EOF\napk add a\nEOF\n", 1),
        ("FROM alpine\nRUN apk del a && apk update && apk upgrade\n", 0),
    ])
    func apkPackageUnpinned(text: String, count: Int) {
        #expect(findings("DA406", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM alpine\nRUN apk add a=1\n", 1),
        ("FROM alpine\nRUN apk add --no-cache a=1\n", 0),
        ("FROM alpine\nRUN apk --no-cache add a=1\n", 0),
        ("FROM alpine\nRUN apk add --no-network --virtual .rundeps $runDeps\n", 0),
        ("FROM alpine\nRUN apk add --update a=1 && rm -rf /var/cache/apk/*\n", 0),
        ("FROM alpine\nRUN rm -rf /var/cache/apk/* && apk add a=1\n", 1),
        ("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add a=1\n", 0),
        ("FROM alpine\nRUN --mount=type=cache,target=/etc/apk/cache apk add a=1\n", 0),
        ("FROM alpine\nRUN --mount=type=cache,target=/root/.cache apk add a=1\n", 1),
        ("FROM alpine AS build\nRUN apk add a=1\nFROM alpine\n", 0),
        ("FROM alpine AS build\nRUN apk add a=1\nFROM build\n", 1),
        ("FROM alpine\nRUN sudo apk add a=1\n", 1),
        ("FROM alpine\nRUN <<EOF\napk add a=1\nEOF\n", 1),
    ])
    func apkCacheKept(text: String, count: Int) {
        #expect(findings("DA407", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("apt-get install -y a", true, false),
        ("apt-get install -qq a", true, false),
        ("apt-get install -q=2 --no-install-recommends a", true, true),
        ("apt-get install --quiet=2 a", true, false),
        ("apt-get install -q -o APT::Install-Recommends=false a", false, true),
        ("apt install -y APT::Install-Recommends=false a", true, true),
    ])
    func aptSwitches(script: String, yes: Bool, noRecommends: Bool) throws {
        let parsed = ShellParser.parse(script)
        let command = try #require(parsed.commands.first.flatMap(SystemPackageCommand.init))
        #expect(command.answersYes == yes)
        #expect(command.skipsRecommends == noRecommends)
    }

    @Test func pinnedPackageWords() {
        #expect(SystemPackageCommand.isPinnedAptPackage("a=1"))
        #expect(SystemPackageCommand.isPinnedAptPackage("a/stable"))
        #expect(SystemPackageCommand.isPinnedAptPackage("x.deb"))
        #expect(!SystemPackageCommand.isPinnedAptPackage("a"))
        #expect(!SystemPackageCommand.isPinnedApkPackage("a@edge"))
        #expect(SystemPackageCommand.isPinnedApkPackage("a~1.2"))
        #expect(SystemPackageCommand.isPinnedApkPackage("x.apk"))
    }
}
