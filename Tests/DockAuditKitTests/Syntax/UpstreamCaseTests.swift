import Testing
@testable import DockAuditKit

/// One case per positive test case of BuildKit's parser (`parser/testfiles/<name>`): each
/// input is our own, written to exercise the same behaviour, and the expected text is the
/// AST in BuildKit's `Node.Dump()` form (see `BuildKitDump`).
@Suite("BuildKit upstream cases, own inputs")
struct UpstreamCaseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var dockerfile: String
        var dump: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ADD-COPY-with-JSON", dockerfile: #"""
            FROM\#tdebian:12
            LABEL\#towner\#tTeam Blue <blue@example.org>

            COPY\#tsrc\#t/srv
            ADD\#t\#t.\#t/
            ADD\#t\#t[ "a file", "/opt/a file" ]
            COPY\#t[ "cfg", "/etc/app" ]

            """#, dump: #"""
            (from "debian:12")
            (label "owner" "Team Blue <blue@example.org>" "")
            (copy "src" "/srv")
            (add "." "/")
            (add "a file" "/opt/a file")
            (copy "cfg" "/etc/app")
            """#),
        Case(name: "args", dockerfile: #"""
            ARG TAG latest=1
            FROM img
            ARG greeting="hi there" plain

            """#, dump: #"""
            (arg "TAG" "latest=1")
            (from "img")
            (arg "greeting=\"hi there\"" "plain")
            """#),
        Case(name: "brimstone-consuldock", dockerfile: #"""
            #escape=\
            FROM base/os:1

            # tool
            ENV GOPATH /go
            ENTRYPOINT ["/bin/tool"]

            # deps
            RUN apt-get update \
            \#t&& apt-get install -y git \
                && rm -rf /var/lib/apt/lists

            """#, dump: #"""
            (from "base/os:1")
            (env "GOPATH" "/go" "")
            (entrypoint "/bin/tool")
            (run "apt-get update \t&& apt-get install -y git     && rm -rf /var/lib/apt/lists")
            """#),
        Case(name: "brimstone-docker-consul", dockerfile: #"""
            FROM base

            CMD []

            ENTRYPOINT ["/bin/agent", "-server", "-data=/d"]

            EXPOSE 8500 8600 8301

            RUN cd /tmp \
                && unzip x.zip \
            \#t&& rm x.zip

            """#, dump: #"""
            (from "base")
            (cmd)
            (entrypoint "/bin/agent" "-server" "-data=/d")
            (expose "8500" "8600" "8301")
            (run "cd /tmp     && unzip x.zip \t&& rm x.zip")
            """#),
        Case(name: "continue-at-eof", dockerfile: "FROM alpine\n\nRUN make \\", dump: #"""
            (from "alpine")
            (run "make")
            """#),
        Case(name: "continueIndent", dockerfile: #"""
            FROM a
            RUN echo one\
              two\
             three  \
            four
            RUN echo x  \
            y
            RUN echo p \
              q

            """#, dump: #"""
            (from "a")
            (run "echo one  two three  four")
            (run "echo x  y")
            (run "echo p   q")
            """#),
        Case(name: "cpuguy83-nagios", dockerfile: #"""
            FROM ubuntu
            ENV APP_HOME /opt/app
            ENV APP_USER app

            RUN sed -i 's/a b/c d/' /etc/x.conf
            ADD conf/app.cfg /opt/app/etc/
            CMD ["/bin/start"]

            """#, dump: #"""
            (from "ubuntu")
            (env "APP_HOME" "/opt/app" "")
            (env "APP_USER" "app" "")
            (run "sed -i 's/a b/c d/' /etc/x.conf")
            (add "conf/app.cfg" "/opt/app/etc/")
            (cmd "/bin/start")
            """#),
        Case(name: "docker", dockerfile: #"""
            # Header comment
            #
            # usage: docker build .
            #
            FROM debian
            LABEL maintainer Someone <s@example.com> (@s)
            RUN apt-get update && apt-get install -y \
            \#tcurl \
            \#tgit
            ENV PATH /go/bin:$PATH
            WORKDIR /go/src/app
            ENTRYPOINT ["hack/run.sh"]
            COPY . /go/src/app

            """#, dump: #"""
            (from "debian")
            (label "maintainer" "Someone <s@example.com> (@s)" "")
            (run "apt-get update && apt-get install -y \tcurl \tgit")
            (env "PATH" "/go/bin:$PATH" "")
            (workdir "/go/src/app")
            (entrypoint "hack/run.sh")
            (copy "." "/go/src/app")
            """#),
        Case(name: "env", dockerfile: #"""
            FROM x
            ENV k v
            ENV k=v
            ENV a=1 b=2
            ENV q="x y"
            ENV e=x\ y
            ENV m="it's here"
            ENV s='say "hi"'
            ENV d="a\"b"
            ENV t='a\'b'
            ENV u=x\ y v=w\ z
            ENV w 1 2  3

            """#, dump: #"""
            (from "x")
            (env "k" "v" "")
            (env "k" "v" "=")
            (env "a" "1" "=" "b" "2" "=")
            (env "q" "\"x y\"" "=")
            (env "e" "x\\ y" "=")
            (env "m" "\"it's here\"" "=")
            (env "s" "'say \"hi\"'" "=")
            (env "d" "\"a\\\"b\"" "=")
            (env "t" "'a\\'b'" "=")
            (env "u" "x\\ y" "=" "v" "w\\ z" "=")
            (env "w" "1 2  3" "")
            """#),
        Case(name: "escape-after-comment", dockerfile: #"""
            # my notes
            # escape = `

            FROM img
            ENV DIR \
            \data

            """#, dump: #"""
            (from "img")
            (env "DIR" "\\data" "")
            """#),
        Case(name: "escape-nonewline", dockerfile: #"""
            # escape = `
            # more notes right below the directive
            FROM img
            ENV DIR `
            \data

            """#, dump: #"""
            (from "img")
            (env "DIR" "\\data" "")
            """#),
        Case(name: "escape-with-syntax", dockerfile: #"""
            # syntax = docker/dockerfile:1
            # escape = `

            FROM `
                alpine

            """#, dump: #"""
            (from "alpine")
            """#),
        Case(name: "escape", dockerfile: #"""
            #escape = `

            FROM img
            ENV DIR `
            \data
            WORKDIR C:\app

            """#, dump: #"""
            (from "img")
            (env "DIR" "\\data" "")
            (workdir "C:\\app")
            """#),
        Case(name: "escapes", dockerfile: #"""
            FROM x
            LABEL who Jo \\Bloggs \"q\"

            RUN ls \tmp && \
              echo \"hi
            ADD \src\\" /dst

            RUN a \

            b \

            c

            CMD [ "\/bin\\\"x", "-v" ]

            """#, dump: #"""
            (from "x")
            (label "who" "Jo \\\\Bloggs \\\"q\\\"" "")
            (run "ls \\tmp &&   echo \\\"hi")
            (add "\\src\\\\\"" "/dst")
            (run "a b c")
            (cmd "/bin\\\"x" "-v")
            """#),
        Case(name: "flags", dockerfile: #"""
            FROM scratch
            COPY a /b/
            COPY --owner=me a /b/
            COPY --force=true a /b/
            COPY --owner=me --force=true a /b/
            COPY --force=true -- a /b/
            COPY -- a /b/
            CMD --dry [ "x", "y" ]
            CMD --dry=1 -- [ "x" ]
            CMD --dry -- [ ]

            """#, dump: #"""
            (from "scratch")
            (copy "a" "/b/")
            (copy ["--owner=me"] "a" "/b/")
            (copy ["--force=true"] "a" "/b/")
            (copy ["--owner=me" "--force=true"] "a" "/b/")
            (copy ["--force=true"] "a" "/b/")
            (copy "a" "/b/")
            (cmd ["--dry"] "x" "y")
            (cmd ["--dry=1"] "x")
            (cmd ["--dry"])
            """#),
        Case(name: "health", dockerfile: #"""
            FROM x
            HEALTHCHECK
            HEALTHCHECK --interval=10s --retries=2 \
              CMD /bin/check -q
            HEALTHCHECK CMD
            HEALTHCHECK  CMD  a  b
            HEALTHCHECK --timeout=1s CMD ["probe"]
            HEALTHCHECK CONNECT TCP 80
            HEALTHCHECK --start-period=0s --start-interval=0s --retries=0 CMD ["p", "q"]
            HEALTHCHECK NONE

            """#, dump: #"""
            (from "x")
            (healthcheck)
            (healthcheck ["--interval=10s" "--retries=2"] "CMD" "/bin/check -q")
            (healthcheck "CMD")
            (healthcheck "CMD" "a  b")
            (healthcheck ["--timeout=1s"] "CMD" "probe")
            (healthcheck "CONNECT" "TCP 80")
            (healthcheck ["--start-period=0s" "--start-interval=0s" "--retries=0"] "CMD" "p" "q")
            (healthcheck "NONE")
            """#),
        Case(name: "influxdb", dockerfile: #"""
            FROM x

            RUN wget http://e.com/p.deb
            RUN dpkg -i p.deb

            VOLUME /var/lib/db

            CMD /usr/bin/db --config /etc/db.toml

            EXPOSE 8086
            EXPOSE 8088

            """#, dump: #"""
            (from "x")
            (run "wget http://e.com/p.deb")
            (run "dpkg -i p.deb")
            (volume "/var/lib/db")
            (cmd "/usr/bin/db --config /etc/db.toml")
            (expose "8086")
            (expose "8088")
            """#),
        Case(name: "jeztah-invalid-json-json-inside-string-double", dockerfile: #"""
            CMD "[\"sh\", \"-c\", \"escaped quotes are still a string\"]"

            """#, dump: #"""
            (cmd "\"[\\\"sh\\\", \\\"-c\\\", \\\"escaped quotes are still a string\\\"]\"")
            """#),
        Case(name: "jeztah-invalid-json-json-inside-string", dockerfile: #"""
            CMD '["sh", "-c", "a string holding JSON"]'

            """#, dump: #"""
            (cmd "'[\"sh\", \"-c\", \"a string holding JSON\"]'")
            """#),
        Case(name: "jeztah-invalid-json-single-quotes", dockerfile: #"""
            CMD ['sh','-c','single quotes are not JSON']

            """#, dump: #"""
            (cmd "['sh','-c','single quotes are not JSON']")
            """#),
        Case(name: "jeztah-invalid-json-unterminated-bracket", dockerfile: #"""
            CMD ["sh", "-c", "no closing bracket"

            """#, dump: #"""
            (cmd "[\"sh\", \"-c\", \"no closing bracket\"")
            """#),
        Case(name: "jeztah-invalid-json-unterminated-string", dockerfile: #"""
            CMD ["sh", "-c", "no closing quote]

            """#, dump: #"""
            (cmd "[\"sh\", \"-c\", \"no closing quote]")
            """#),
        Case(name: "json", dockerfile: #"""
            CMD []
            CMD [""]
            CMD ["x"]
            CMD ["x","y"]
            CMD [ "x", "y" ]
            CMD [\#t"x",\#t"y"\#t]
            CMD\#t["x"]\#t
            CMD ["é ✓", "\t\n\u0001\\\/"]

            """#, dump: #"""
            (cmd)
            (cmd "")
            (cmd "x")
            (cmd "x" "y")
            (cmd "x" "y")
            (cmd "x" "y")
            (cmd "x")
            (cmd "é ✓" "\t\n\x01\\/")
            """#),
        Case(name: "kartar-entrypoint-oddities", dockerfile: #"""
            FROM x
            LABEL maintainer Ann "ann@example.com"
            ENV UPDATED 2024-01-01
            RUN apt-get update
            EXPOSE 6379
            ENTRYPOINT [ "/usr/bin/server" ]

            """#, dump: #"""
            (from "x")
            (label "maintainer" "Ann \"ann@example.com\"" "")
            (env "UPDATED" "2024-01-01" "")
            (run "apt-get update")
            (expose "6379")
            (entrypoint "/usr/bin/server")
            """#),
        Case(name: "lk4d4-the-edge-case-generator", dockerfile: #"""
            FROM busybox

            ONBUILD RUN ["echo", "x"]
            ONBUILD RUN echo x
            ONBUILD COPY . /


            # comment \
            # another \
            RUN ["ls", "-l"]
            RUN ["echo", "'q'"]
            RUN echo "q"
            RUN echo 'q'
            RUN echo '"q"'
            ENV e='x y'
            CMD ["a" , "b"]
            CMD [ "a" ,"b" ]

            """#, dump: #"""
            (from "busybox")
            (onbuild (run "echo" "x"))
            (onbuild (run "echo x"))
            (onbuild (copy "." "/"))
            (run "ls" "-l")
            (run "echo" "'q'")
            (run "echo \"q\"")
            (run "echo 'q'")
            (run "echo '\"q\"'")
            (env "e" "'x y'" "=")
            (cmd "a" "b")
            (cmd "a" "b")
            """#),
        Case(name: "mail", dockerfile: #"""
            FROM x

            RUN apt-get install -y mutt
            ADD .muttrc /
            ADD mutt /.mutt
            RUN mkdir /Mail
            RUN echo "export TERM=xterm" >/.zshenv
            CMD /bin/zsh

            """#, dump: #"""
            (from "x")
            (run "apt-get install -y mutt")
            (add ".muttrc" "/")
            (add "mutt" "/.mutt")
            (run "mkdir /Mail")
            (run "echo \"export TERM=xterm\" >/.zshenv")
            (cmd "/bin/zsh")
            """#),
        Case(name: "multiple-volumes", dockerfile: #"""
            FROM x

            VOLUME /a /b/c   /d

            """#, dump: #"""
            (from "x")
            (volume "/a" "/b/c" "/d")
            """#),
        Case(name: "mumble", dockerfile: #"""
            FROM x

            RUN apt-get install -y srv

            ADD ./srv.ini /etc/srv.ini

            CMD /usr/sbin/srv

            """#, dump: #"""
            (from "x")
            (run "apt-get install -y srv")
            (add "./srv.ini" "/etc/srv.ini")
            (cmd "/usr/sbin/srv")
            """#),
        Case(name: "nginx", dockerfile: #"""
            FROM x
            LABEL maintainer Kim <k@example.com>

            RUN apt-get install -y nginx
            ADD etc /etc/nginx

            CMD ["nginx"]

            VOLUME /www
            EXPOSE 80

            """#, dump: #"""
            (from "x")
            (label "maintainer" "Kim <k@example.com>" "")
            (run "apt-get install -y nginx")
            (add "etc" "/etc/nginx")
            (cmd "nginx")
            (volume "/www")
            (expose "80")
            """#),
        Case(name: "tf2", dockerfile: #"""
            FROM x

            EXPOSE 27015
            EXPOSE 27005

            RUN curl http://e.com/a.tgz | tar xz -C /srv
            ADD ./script /srv/script
            CMD ["/srv/run.sh", "-game", "tf"]

            """#, dump: #"""
            (from "x")
            (expose "27015")
            (expose "27005")
            (run "curl http://e.com/a.tgz | tar xz -C /srv")
            (add "./script" "/srv/script")
            (cmd "/srv/run.sh" "-game" "tf")
            """#),
        Case(name: "trailing-backslash", dockerfile: #"""
            FROM x
            ENV A one\\two
            ENV B end\\
            ENV C not appended
            ENV D a\
            \
            b
            ENV E a\
             \
            b
            ENV F a\
             \
             b

            """#, dump: #"""
            (from "x")
            (env "A" "one\\\\two" "")
            (env "B" "end\\\\" "")
            (env "C" "not appended" "")
            (env "D" "ab" "")
            (env "E" "a b" "")
            (env "F" "a  b" "")
            """#),
        Case(name: "weechat", dockerfile: #"""
            FROM x

            RUN apt-get install -y tmux

            ADD .tmux.conf /
            RUN echo "set -g x" >/.tmux.conf

            CMD zsh -c tmux

            """#, dump: #"""
            (from "x")
            (run "apt-get install -y tmux")
            (add ".tmux.conf" "/")
            (run "echo \"set -g x\" >/.tmux.conf")
            (cmd "zsh -c tmux")
            """#),
        Case(name: "znc", dockerfile: #"""
            FROM x
            LABEL maintainer Kim <k@example.com>

            RUN apt-get install -y znc
            ADD conf /.znc

            CMD [ "/usr/bin/znc", "-f" ]

            """#, dump: #"""
            (from "x")
            (label "maintainer" "Kim <k@example.com>" "")
            (run "apt-get install -y znc")
            (add "conf" "/.znc")
            (cmd "/usr/bin/znc" "-f")
            """#),
    ]

    @Test(arguments: cases)
    func dumpMatches(_ test: Case) {
        let file = DockerfileParser.parse(text: test.dockerfile)
        // Upstream requires the parse to succeed.
        #expect(file.buildKitError == nil)
        #expect(BuildKitDump.dump(file) == test.dump)
    }

    @Test func everyUpstreamCaseNameIsCovered() {
        let names = Set(Self.cases.map(\.name))
        #expect(names.count == 33)
        #expect(names.count == Self.cases.count)
    }

    /// The renderer itself, on a tree that uses every argument shape.
    @Test func dumpRendererFormats() {
        let file = parsed(lines:
            "ONBUILD COPY --from=a --chown=\"b c\" x y",
            "ENV k=v",
            "LABEL k v",
            "FOO bar",
            "HEALTHCHECK CMD [\"a\\u0000b\", \"tab\\t\", \"♥\"]",
            "CMD []")
        #expect(BuildKitDump.dump(file) == #"""
            (onbuild (copy ["--from=a" "--chown=b c"] "x" "y"))
            (env "k" "v" "=")
            (label "k" "v" "")
            (foo "")
            (healthcheck "CMD" "a\x00b" "tab\t" "♥")
            (cmd)
            """#)
    }

    /// Line numbers of a file mixing comments, blank lines, continuations and a
    /// comment-only tail (like upstream's `testfile-line`).
    @Test func lineNumbers() {
        let file = parsed(lines:
            "# leading comment", "", "", "", "FROM alpine", "", "# comment", "", "", "",
            "RUN a \\", "  b", "", "", "", "", "RUN c \\", "", "  # inner comment", "  d \\", "", "e", "", "# trailing")
        #expect(file.instructions.map { [$0.startLine, $0.endLine] } == [[5, 5], [11, 12], [17, 22]])
    }
}
