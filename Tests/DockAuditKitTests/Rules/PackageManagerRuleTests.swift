import Testing
@testable import DockAuditKit

/// Edge cases of the npm, yarn, gem, go, dnf/yum and zypper rules (DA420–DA430) beyond
/// their examples, including where dockaudit reads a file differently from hadolint.
struct PackageManagerRuleTests: RulePositionTests {
    typealias Case = PositionCase

    // MARK: model

    @Test(arguments: [
        ("curl-7.76.1", true), ("curl-7.76.1-29.el9_4", true), ("nginx-1:1.20.1", true), ("python3-3.9*", true),
        ("name-12-1", true), ("name-1.2-*", true), ("./app.rpm", true), ("https://x/epel-release-latest-9.noarch.rpm", true),
        ("curl >= 7.76", true), ("java-17-openjdk-devel-17.0.12.0.7", true),
        ("curl", false), ("python3.11", false), ("gcc-c++", false), ("glibc-langpack-en", false),
        ("java-17-openjdk-devel", false), ("java-1.8.0-openjdk", false), ("gcc-toolset-12", false), ("php-oci8-21c", false),
        ("nodejs:18", false), ("name-*", false), ("curl.x86_64", false),
    ])
    func rpmPackagePins(word: String, pinned: Bool) {
        #expect(SystemPackageCommand.isPinnedRpmPackage(word) == pinned, "\(word)")
    }

    @Test func packageManagerCallFindsSubcommandPastGlobalOptions() {
        let script = ShellParser.parse("dnf --setopt=x=1 -c /etc/dnf.conf -y install curl && zypper -n --root /r in git")
        let calls = script.commands.compactMap(PackageManagerCall.init)
        #expect(calls.map(\.subcommand.value) == ["install", "in"])
        #expect(calls.map { $0.operands.map(\.value) } == [["curl"], ["git"]])
    }

    @Test(arguments: [
        ("dnf group install 'Development Tools'", SystemPackageCommand.InstallForm.group, ["Development Tools"]),
        ("yum groupinstall -y Base", .group, ["Base"]),
        ("dnf module install -y nodejs:18", .module, ["nodejs:18"]),
        ("dnf in -y curl", .packages, ["curl"]),
    ])
    func dnfInstallForms(line: String, form: SystemPackageCommand.InstallForm, packages: [String]) throws {
        let script = ShellParser.parse(line)
        let install = try #require(script.commands.compactMap(SystemPackageCommand.init).first)
        #expect(install.installForm == form)
        #expect(install.packages.map(\.value) == packages)
    }

    // MARK: npm (DA420)

    @Test(arguments: [
        Case(text: "FROM node\nRUN npm install express lodash@4\n", at: ["2:17"]),
        Case(text: "FROM node\nRUN npm install\n", at: []),
        Case(text: "FROM node\nRUN npm ci && npm run build && npm install -g npm@10.8.1\n", at: []),
        Case(text: "FROM node\nRUN npm install @types/node @scope/pkg@1\n", at: ["2:17"]),
        Case(text: "FROM node\nRUN npm install -g npm@latest pm2@\n", at: ["2:20", "2:31"]),
        Case(text: "FROM node\nRUN npm install --prefix /opt eslint\n", at: ["2:31"]),
        Case(text: "FROM node\nRUN npm install a.tgz b.tar.gz ../c ~/d file:e github:u/r#v1 git@github.com:u/r.git#abc\n", at: []),
        Case(text: "FROM node\nRUN npm install github:u/r u/r http://x/y\n", at: ["2:17", "2:28", "2:32"]),
        Case(text: "FROM node\nRUN su node -c 'npm install -g pm2'\n", at: ["2:32"]),
        Case(text: "FROM node\nARG TOOLS=\"pm2 nodemon@3\"\nRUN npm install -g $TOOLS\n", at: ["3:20"]),
        Case(text: "FROM node\nRUN npx create-react-app app\n", at: []),
        Case(text: "FROM node\nRUN yarn add react && pnpm add -D vite@5\n", at: ["2:14"]),
    ])
    func npmPackageUnpinned(_ testCase: Case) {
        #expect(positions(testCase.text, rule: NpmPackageUnpinned.self) == testCase.at)
    }

    @Test func npmFindingsMapToHadolintOnlyForNpm() {
        let found = findings("FROM node\nRUN npm i a && yarn add b\n", rule: NpmPackageUnpinned.self)
        #expect(found.map(\.aliases) == [["DL3016"], []])
        #expect(found.first?.message.contains("a@<version>") == true)
    }

    // MARK: yarn (DA421)

    @Test(arguments: [
        Case(text: "FROM node\nRUN yarn install\n", at: ["2:5"]),
        Case(text: "FROM node\nRUN yarn\n", at: ["2:5"]),
        Case(text: "FROM node\nRUN yarn --version && yarn build\n", at: []),
        Case(text: "FROM node\nRUN yarn install && yarn cache clean --all\n", at: []),
        Case(text: "FROM node\nRUN yarn install && yarn cache clean && yarn add x@1\n", at: ["2:41"]),
        Case(text: "FROM node\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn/*\n", at: []),
        Case(text: "FROM node\nUSER node\nRUN yarn install && rm -rf /home/node/.cache/yarn\n", at: []),
        Case(text: "FROM node\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install\n", at: []),
        Case(text: "FROM node\nRUN --mount=type=bind,target=/usr/local/share/.cache/yarn yarn install\n", at: ["2:59"]),
        Case(text: "FROM node\nRUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc\n", at: []),
        Case(text: "FROM node AS deps\nRUN yarn install\nFROM node\nCOPY --from=deps /node_modules /node_modules\n", at: []),
    ])
    func yarnCacheKept(_ testCase: Case) {
        #expect(positions(testCase.text, rule: YarnCacheKept.self) == testCase.at)
    }

    // MARK: gem (DA422)

    @Test(arguments: [
        Case(text: "FROM ruby\nRUN gem install bundler rake:13\n", at: ["2:17"]),
        Case(text: "FROM ruby\nRUN gem install bundler --version 2.5\n", at: []),
        Case(text: "FROM ruby\nRUN gem install -i /opt/gems bundler:2.5\n", at: []),
        Case(text: "FROM ruby\nRUN gem update --system && gem list\n", at: []),
        Case(text: "FROM ruby\nRUN gem i --no-document -n /usr/local/bin rails\n", at: ["2:43"]),
        Case(text: "FROM ruby\nRUN gem install ./pkg/app.gem\n", at: []),
    ])
    func gemPackageUnpinned(_ testCase: Case) {
        #expect(positions(testCase.text, rule: GemPackageUnpinned.self) == testCase.at)
    }

    // MARK: go (DA423)

    @Test(arguments: [
        Case(text: "FROM golang\nRUN go install example.com/x@v1 example.com/y\n", at: ["2:33"]),
        Case(text: "FROM golang\nRUN go install example.com/x@latest\n", at: ["2:16"]),
        Case(text: "FROM golang\nRUN go get\n", at: []),
        Case(text: "FROM golang\nRUN go get -d ./... && go install . ../x /src/y std\n", at: []),
        Case(text: "FROM golang\nRUN go run generate.go example.com/not/a/package\n", at: []),
        Case(text: "FROM golang\nRUN go run example.com/tool@v1.2.3 example.com/arg\n", at: []),
        Case(text: "FROM golang\nRUN go install -ldflags '-X example.com/v.V=1' -tags netgo ./cmd/app\n", at: []),
        Case(text: "FROM golang\nRUN go get -u -v example.com/x\n", at: ["2:18"]),
        Case(text: "FROM golang\nENV GO111MODULE=off\nRUN go get example.com/x\n", at: []),
        Case(text: "FROM golang\nRUN export GO111MODULE=off && go get example.com/x\n", at: []),
        Case(text: "FROM golang\nRUN go install \"$PKG\"\n", at: []),
        Case(text: "FROM golang\nRUN go install example.com/x@HEAD example.com/y@0123abcd\n", at: ["2:16"]),
        Case(text: "FROM golang\nRUN go build -o /bin/app example.com/x\n", at: []),
    ])
    func goPackageUnpinned(_ testCase: Case) {
        #expect(positions(testCase.text, rule: GoPackageUnpinned.self) == testCase.at)
    }

    @Test func goGetSuggestsGoInstall() {
        let found = findings("FROM golang\nRUN go get example.com/x@latest && go run example.com/y\n", rule: GoPackageUnpinned.self)
        #expect(found.first?.message.contains("go install example.com/x@<version>") == true)
        #expect(found.last?.message.contains("go run example.com/y@<version>") == true)
    }

    // MARK: dnf / yum -y (DA424)

    @Test(arguments: [
        Case(text: "FROM centos\nRUN yum install a-1.0\n", at: ["2:5"]),
        Case(text: "FROM centos\nRUN yum -y install a-1.0 && yum localinstall b.rpm\n", at: ["2:29"]),
        Case(text: "FROM centos\nRUN yum install -qy a-1.0\n", at: []),
        Case(text: "FROM centos\nRUN microdnf install a-1.0 && microdnf remove b\n", at: []),
        Case(text: "FROM centos\nRUN dnf module enable nodejs:18\n", at: ["2:5"]),
        Case(text: "FROM centos\nRUN dnf makecache && dnf repolist && dnf clean all\n", at: []),
        Case(text: "FROM centos\nRUN echo assumeyes=True >> /etc/yum.conf && yum install a-1.0\n", at: []),
        Case(text: "FROM centos\nRUN echo assumeyes=0 >> /etc/yum.conf && yum install a-1.0\n", at: ["2:42"]),
        Case(text: "FROM centos AS base\nRUN echo assumeyes=1 >> /etc/dnf/dnf.conf\nFROM base\nRUN dnf install a-1.0\n", at: []),
        Case(text: "FROM centos\nRUN echo assumeyes=1 >> /etc/dnf/dnf.conf\nFROM centos\nRUN dnf install a-1.0\n", at: ["4:5"]),
        Case(text: "FROM photon\nRUN tdnf install a-1.0\n", at: ["2:5"]),
    ])
    func dnfInstallWithoutYes(_ testCase: Case) {
        #expect(positions(testCase.text, rule: DnfInstallWithoutYes.self) == testCase.at)
    }

    @Test func dnfInstallWithoutYesAliasesFollowTheTool() {
        let text = "FROM centos\nRUN yum install a-1 && dnf install b-1 && tdnf install c-1 && dnf upgrade\n"
        #expect(findings(text, rule: DnfInstallWithoutYes.self).map(\.aliases) == [["DL3030"], ["DL3038"], [], []])
    }

    @Test func dnfInstallWithoutYesNamesBothWordsOfModuleInstall() {
        let found = findings("FROM centos\nRUN dnf module install nodejs:18 && yum group install Base\n", rule: DnfInstallWithoutYes.self)
        #expect(found.map { $0.message.contains("dnf module install -y") } == [true, false])
        #expect(found.last?.message.contains("yum group install -y") == true)
    }

    // MARK: dnf / yum cache (DA425)

    @Test(arguments: [
        Case(text: "FROM centos\nRUN yum install -y a-1 && yum clean all\n", at: []),
        Case(text: "FROM centos\nRUN yum install -y a-1 && yum clean packages\n", at: ["2:5"]),
        Case(text: "FROM centos\nRUN yum install -y a-1 && yum clean metadata\n", at: []),
        Case(text: "FROM centos\nRUN yum install -y a-1 && rm -rf /tmp/x\n", at: ["2:5"]),
        Case(text: "FROM centos\nRUN yum install -y a-1 && rm -rf /var/cache/*\n", at: []),
        Case(text: "FROM centos\nRUN yum install -y a-1 && rm -rf /var/cache/yum*\n", at: []),
        Case(text: "FROM centos\nRUN yum install -y dnf-4 && dnf install -y b-1\n", at: ["2:5", "2:29"]),
        Case(text: "FROM centos\nRUN yum install -y a-1; yum clean all; yum install -y b-1\n", at: ["2:40"]),
        Case(text: "FROM centos\nRUN yum update -y && yum clean all\n", at: []),
        Case(text: "FROM centos\nRUN yum repolist && yum list installed\n", at: []),
        Case(text: "FROM centos\nRUN --mount=type=tmpfs,target=/var/cache dnf install -y a-1\n", at: []),
        Case(text: "FROM centos\nRUN --mount=type=cache,target=/var/cache/yum microdnf install a-1\n", at: []),
    ])
    func dnfCacheKept(_ testCase: Case) {
        #expect(positions(testCase.text, rule: DnfCacheKept.self) == testCase.at)
    }

    @Test func dnfCacheKeptAliasesFollowTheTool() {
        let text = "FROM centos\nRUN yum install -y a-1 && microdnf install b-1\n"
        #expect(findings(text, rule: DnfCacheKept.self).map(\.aliases) == [["DL3032"], ["DL3040"]])
    }

    // MARK: dnf / yum pins (DA426)

    @Test(arguments: [
        Case(text: "FROM centos\nRUN yum install -y gcc-c++ gcc-8.5.0\n", at: ["2:20"]),
        Case(text: "FROM centos\nRUN dnf -y --enablerepo=crb install a-1.0 b\n", at: ["2:43"]),
        Case(text: "FROM centos\nRUN dnf install -y --exclude kernel a-1.0\n", at: []),
        Case(text: "FROM centos\nRUN dnf module install -y nodejs php:8.1\n", at: ["2:27"]),
        Case(text: "FROM centos\nRUN dnf module enable -y nodejs && dnf install -y @nodejs @dev\n", at: []),
        Case(text: "FROM centos\nRUN yum groupinstall -y 'Development Tools'\n", at: []),
        Case(text: "FROM centos\nRUN yum remove -y a && yum update -y b\n", at: []),
        Case(text: "FROM centos\nENV V=1.0\nRUN yum install -y a-$V a-${V}\n", at: []),
        Case(text: "FROM centos\nRUN PKGS='a-1.0 b' && yum install -y $PKGS\n", at: ["2:38"]),
        Case(text: "FROM centos\nRUN sh -c 'yum install -y a'\n", at: ["2:27"]),
        Case(text: "FROM centos\nRUN dnf in -y a && dnf reinstall -y b-2.1\n", at: ["2:15"]),
    ])
    func dnfPackageUnpinned(_ testCase: Case) {
        #expect(positions(testCase.text, rule: DnfPackageUnpinned.self) == testCase.at)
    }

    @Test func dnfPackageUnpinnedAliasesFollowTheTool() {
        let text = "FROM centos\nRUN yum install -y a && dnf install -y b && microdnf install c\n"
        #expect(findings(text, rule: DnfPackageUnpinned.self).map(\.aliases) == [["DL3033"], ["DL3041"], ["DL3041"]])
    }

    // MARK: zypper (DA427–DA430)

    @Test(arguments: [
        Case(text: "FROM opensuse/leap\nRUN zypper install -n a=1\n", at: ["2:5"]),
        Case(text: "FROM opensuse/leap\nRUN zypper -n install a=1\n", at: []),
        Case(text: "FROM opensuse/leap\nRUN zypper --non-interactive rm a\n", at: []),
        Case(text: "FROM opensuse/leap\nRUN zypper refresh && zypper addrepo http://x r && zypper lr\n", at: []),
        Case(text: "FROM opensuse/leap\nRUN zypper up && zypper -n dup\n", at: ["2:5"]),
    ])
    func zypperWithoutNonInteractive(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ZypperWithoutNonInteractive.self) == testCase.at)
    }

    @Test func zypperUpdateHasNoHadolintCode() {
        let found = findings("FROM opensuse/leap\nRUN zypper up && zypper in a=1\n", rule: ZypperWithoutNonInteractive.self)
        #expect(found.map(\.aliases) == [[], ["DL3034"]])
    }

    @Test(arguments: [
        Case(text: "FROM opensuse/leap\nRUN zypper -n dist-upgrade && zypper -n --root /r dup\n", at: ["2:15", "2:51"]),
        Case(text: "FROM opensuse/leap\nRUN zypper -n up && zypper -n patch\n", at: []),
    ])
    func zypperDistUpgrade(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ZypperDistUpgrade.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM opensuse/leap\nRUN zypper -n in a=1 && zypper clean\n", at: []),
        Case(text: "FROM opensuse/leap\nRUN zypper -n in a=1 && zypper -n cc -a\n", at: []),
        Case(text: "FROM opensuse/leap\nRUN zypper -n in a=1 && zypper -n in b=1\n", at: ["2:25"]),
        Case(text: "FROM opensuse/leap\nRUN zypper -n ref && zypper -n up\n", at: []),
        Case(text: "FROM opensuse/leap\nRUN --mount=type=cache,target=/var/cache zypper -n in a=1\n", at: []),
    ])
    func zypperCacheKept(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ZypperCacheKept.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM opensuse/leap\nRUN zypper -n in a 'b>=1' c.rpm\n", at: ["2:18"]),
        Case(text: "FROM opensuse/leap\nRUN zypper -n in --type pattern devel_basis && zypper -n in -t package a\n", at: ["2:72"]),
        Case(text: "FROM opensuse/leap\nRUN zypper -n in --from oss a=1 && zypper -n rm b\n", at: []),
    ])
    func zypperPackageUnpinned(_ testCase: Case) {
        #expect(positions(testCase.text, rule: ZypperPackageUnpinned.self) == testCase.at)
    }
}
