import Testing
@testable import DockAuditKit

/// Edge cases of the rules for odd shell commands (DA413–DA416) and of DA306, including
/// where dockaudit reads a file differently from hadolint.
struct MiscShellRuleTests: RulePositionTests {
    typealias Case = PositionCase

    @Test(arguments: [
        Case(text: "FROM ubuntu\nRUN service nginx start\n", at: ["2:5"]),
        Case(text: "FROM ubuntu\nRUN apt-get install -y nginx && service nginx start\n", at: ["2:33"]),
        Case(text: "FROM ubuntu\nRUN service postgresql start && psql -c 'select 1' && service postgresql stop\n", at: []),
        Case(text: "FROM ubuntu\nRUN service nginx start && echo started\n", at: ["2:5"]),
        Case(text: "FROM ubuntu\nRUN env DEBIAN_FRONTEND=noninteractive /usr/sbin/service cron start\n", at: ["2:40"]),
        Case(text: "FROM ubuntu\nRUN ps aux | grep nginx\n", at: ["2:5"]),
        Case(text: "FROM ubuntu\nRUN nohup app & sleep 1; ps aux; kill %1\n", at: []),
        Case(text: "FROM ubuntu\nRUN kill -9 1\n", at: ["2:5"]),
        Case(text: "FROM ubuntu\nRUN vim -c 'PluginInstall' -c 'qa!' && vim file\n", at: ["2:40"]),
        Case(text: "FROM ubuntu\nRUN vim -Es -u ~/.vimrc +qall\n", at: []),
        Case(text: "FROM ubuntu\nRUN apt-get install -y vim ssh procps\n", at: []),
        Case(text: "FROM ubuntu\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts && ssh-keygen -A\n", at: []),
        Case(text: "FROM ubuntu\nRUN echo ps top free\n", at: []),
        Case(text: "FROM ubuntu\nRUN reboot || halt\n", at: ["2:5", "2:15"]),
        Case(text: "FROM ubuntu\nCMD [\"service\", \"nginx\", \"start\"]\n", at: []),
        Case(text: "FROM ubuntu\nRUN [\"ps\", \"aux\"]\n", at: ["2:6"]),
    ])
    func pointlessCommand(_ testCase: Case) {
        #expect(positions(testCase.text, rule: PointlessCommand.self) == testCase.at)
    }

    @Test func pointlessCommandMessagesNameTheCommand() {
        let messages = findings("FROM ubuntu\nRUN top -b -n1; service ssh start\n", rule: PointlessCommand.self).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("top ") == true)
        #expect(messages.last?.contains("CMD/ENTRYPOINT") == true)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nRUN wget -q https://e.x/a\nRUN curl -fsSLO https://e.x/b\n", at: ["3:5"]),
        Case(text: "FROM alpine\nRUN wget -q https://e.x/a\nRUN curl -fsSLO https://e.x/b && curl -fsSLO https://e.x/c\nRUN wget -q https://e.x/d\n", at: ["3:5", "3:34"]),
        // A new stage starts afresh, even one built on the stage that used the other tool.
        Case(text: "FROM alpine AS base\nRUN wget -q https://e.x/a\nFROM base\nRUN curl -fsSLO https://e.x/b\n", at: []),
        Case(text: "FROM alpine\nRUN apk add --no-cache curl wget && which curl wget\n", at: []),
        Case(text: "FROM alpine\nRUN curl -fsSL https://e.x/a | sh || wget -qO- https://e.x/a | sh\n", at: []),
        Case(text: "FROM alpine\nRUN curl -fsSLO https://e.x/a && wget -q https://e.x/b || true\n", at: ["2:34"]),
        Case(text: "FROM alpine\nRUN curl -fsSLO https://e.x/a\nRUN su app -c 'wget -q https://e.x/b'\n", at: ["3:16"]),
        Case(text: "FROM alpine\nRUN if [ \"$A\" = x ]; then curl -fsSLO https://e.x/a; else wget -q https://e.x/a; fi\n", at: []),
        Case(text: "FROM alpine\nRUN if [ \"$A\" = x ]; then curl -fsSLO https://e.x/a; fi; wget -q https://e.x/b\n", at: ["2:58"]),
    ])
    func curlAndWget(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CurlAndWget.self) == testCase.at)
    }

    @Test func curlAndWgetMessageNamesTheFirstTool() {
        let message = findings("FROM alpine\nRUN curl -fsSLO https://e.x/a\nRUN wget -q https://e.x/b\n", rule: CurlAndWget.self).first?.message
        #expect(message?.contains("already downloads with curl (line 2)") == true)
    }

    @Test(arguments: [
        Case(text: "FROM debian\nRUN wget https://e.x/a\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget -qO- https://e.x/a | sh\n", at: []),
        Case(text: "FROM debian\nRUN wget -O- -q https://e.x/a\n", at: []),
        Case(text: "FROM debian\nRUN wget -O-q https://e.x/a\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget -cnv https://e.x/a\n", at: []),
        Case(text: "FROM debian\nRUN wget -nc https://e.x/a\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget -P /opt/quiet-q https://e.x/a\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget --output-document /tmp/q https://e.x/a\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget --progress=bar:force https://e.x/a\n", at: []),
        Case(text: "FROM debian\nRUN wget --execute=quiet=on https://e.x/a && wget -e 'progress = dot:mega' https://e.x/b\n", at: []),
        Case(text: "FROM debian\nRUN wget -e robots=off https://e.x/a\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget -a /tmp/log https://e.x/a && wget -o/tmp/log https://e.x/b\n", at: []),
        Case(text: "FROM debian\nRUN wget -- -q\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN wget -V && wget --help\n", at: []),
        Case(text: "FROM debian\nRUN /usr/bin/wget https://e.x/a && echo wget\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN [\"wget\", \"https://e.x/a\"]\n", at: ["2:6"]),
        Case(text: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN wget https://e.x/a -OutFile a.zip\n", at: []),
    ])
    func wgetWithoutProgress(_ testCase: Case) {
        #expect(positions(testCase.text, rule: WgetWithoutProgress.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM debian\nRUN useradd -u 100000 app\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN useradd -u 99999 app\n", at: []),
        Case(text: "FROM debian\nRUN useradd -mu 123456 app\n", at: ["2:5"]),
        Case(text: "FROM debian\nRUN useradd -lmu 123456 app\n", at: []),
        Case(text: "FROM debian\nRUN useradd --no-log-init --uid=123456 app\n", at: []),
        Case(text: "FROM debian\nRUN useradd -g 1234567 app\n", at: []),
        Case(text: "FROM debian\nENV APP_UID=1000\nRUN useradd -u ${APP_UID} app\n", at: []),
        Case(text: "FROM debian\nRUN APP_UID=500000 && useradd -u $APP_UID app\n", at: ["2:23"]),
        Case(text: "FROM debian\nARG APP_UID=500000\nRUN useradd --uid=$APP_UID app\n", at: ["3:5"]),
        Case(text: "FROM debian\nRUN useradd -u ${USER_ID} app\n", at: []),
        Case(text: "FROM debian\nRUN adduser -u 123456 app\n", at: []),
    ])
    func useraddHighUid(_ testCase: Case) {
        #expect(positions(testCase.text, rule: UseraddHighUidWithoutNoLogInit.self) == testCase.at)
    }

    @Test(arguments: [
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n", at: ["2:6"]),
        Case(text: "FROM alpine\nCOPY a.txt app.tgz /tmp/\nRUN tar -xzvf /tmp/app.tgz\n", at: ["2:12"]),
        Case(text: "FROM alpine\nCOPY [\"app.tar\", \"/tmp/\"]\nRUN tar -C /opt -xf /tmp/app.tar\n", at: ["2:7"]),
        // The copy's name in the image is the destination's.
        Case(text: "FROM alpine\nCOPY dist/build-1.2.tgz /tmp/app.tgz\nRUN tar xzf /tmp/app.tgz -C /srv\n", at: ["2:6"]),
        // A `.gz` that tar unpacks is a compressed tar.
        Case(text: "FROM alpine\nCOPY rootfs.gz /tmp/\nRUN tar -xzf /tmp/rootfs.gz -C /\n", at: ["2:6"]),
        Case(text: "FROM alpine\nCOPY rootfs.gz /tmp/\nRUN gunzip /tmp/rootfs.gz\n", at: []),
        Case(text: "FROM alpine\nCOPY app.tar.xz /tmp/\nRUN xz -d /tmp/app.tar.xz && tar -xf /tmp/app.tar\n", at: ["2:6"]),
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN zcat /tmp/app.tar.gz | tar -x --strip-components 1\n", at: []),
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN zcat /tmp/app.tar.gz | grep -c x\n", at: []),
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz && tar -czf /tmp/app.tar.gz /etc\n", at: []),
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz\n", at: []),
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz --exclude='*.md'\n", at: []),
        Case(text: "FROM alpine\nCOPY app.tar.gz /tmp/\nRUN tar -xzOf /tmp/app.tar.gz app/config > /etc/app.conf\n", at: []),
        Case(text: "FROM alpine\nCOPY *.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n", at: []),
        Case(text: "FROM alpine\nCOPY jre-8u*-x64.tar.gz /tmp/jdk.tgz\nRUN tar --extract --file /tmp/jdk.tgz --directory /opt/jdk\n", at: ["2:6"]),
        Case(text: "FROM alpine\nARG PKG\nCOPY $PKG /tmp/jdk.tgz\nRUN tar -xzf /tmp/jdk.tgz -C /opt\n", at: ["3:6"]),
        Case(text: "FROM alpine\nCOPY pkg.tar.lz /tmp/\nRUN tar --lzip -xf /tmp/pkg.tar.lz\n", at: []),
        Case(text: "FROM alpine\nRUN tar -xzf /tmp/app.tar.gz\nCOPY app.tar.gz /tmp/\n", at: []),
        Case(text: "FROM alpine\nARG V=2.0\nCOPY tool-$V.tgz /tmp/\nRUN tar -xzf /tmp/tool-${V}.tgz\n", at: ["3:6"]),
    ])
    func copyArchiveThenExtract(_ testCase: Case) {
        #expect(positions(testCase.text, rule: CopyArchiveThenExtract.self) == testCase.at)
    }

    @Test func copyArchiveMessageNamesTheUnpackingLine() {
        let message = findings("FROM alpine\nCOPY app.tgz /tmp/\nRUN echo\nRUN tar -xzf /tmp/app.tgz\n", rule: CopyArchiveThenExtract.self).first?.message
        #expect(message?.contains("line 4 unpacks it") == true)
        #expect(message?.contains("ADD app.tgz") == true)
        // The name as written, not as expanded with an ARG that has no value.
        let written = findings("FROM alpine\nARG V\nCOPY tool-${V}.tgz /tmp/\nRUN tar -xzf /tmp/tool-${V}.tgz\n", rule: CopyArchiveThenExtract.self).first?.message
        #expect(written?.contains("COPY keeps tool-${V}.tgz") == true)
    }
}
