import Testing
@testable import DockAuditKit

/// RUN lines of the kind real Dockerfiles hold, parsed through the Dockerfile parser.
struct ShellRealWorldTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var run: String
        var commands: [String]
        var testDescription: String { String(run.prefix(60)) }
    }

    static let samples: [Sample] = [
        Sample(run: """
            RUN apt-get update \\
                && apt-get install -y --no-install-recommends \\
                    build-essential \\
                    libpq-dev \\
                && rm -rf /var/lib/apt/lists/*
            """, commands: [
                "apt-get update",
                "apt-get install -y --no-install-recommends build-essential libpq-dev",
                "rm -rf /var/lib/apt/lists/*",
            ]),
        Sample(run: """
            RUN set -eux; \\
                savedAptMark="$(apt-mark showmanual)"; \\
                apt-get update; \\
                apt-get install -y --no-install-recommends wget; \\
                apt-mark auto '.*' > /dev/null; \\
                [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \\
                apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false
            """, commands: [
                "set -eux", "savedAptMark=$(apt-mark showmanual)", "apt-mark showmanual", "apt-get update",
                "apt-get install -y --no-install-recommends wget", "apt-mark auto .*", "[ -z $savedAptMark ]",
                "apt-mark manual $savedAptMark", "apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false",
            ]),
        Sample(run: """
            RUN pip install --no-cache-dir --upgrade pip setuptools wheel \\
             && pip install --no-cache-dir -r /tmp/requirements.txt --index-url "https://pypi.org/simple"
            """, commands: [
                "pip install --no-cache-dir --upgrade pip setuptools wheel",
                "pip install --no-cache-dir -r /tmp/requirements.txt --index-url https://pypi.org/simple",
            ]),
        Sample(run: "RUN curl -fsSL https://get.docker.com | sh", commands: ["curl -fsSL https://get.docker.com", "sh"]),
        Sample(run: "RUN wget -qO- https://deb.nodesource.com/setup_18.x | sudo -E bash -", commands: [
            "wget -qO- https://deb.nodesource.com/setup_18.x", "sudo>bash -",
        ]),
        Sample(run: """
            RUN if [ "$TARGETARCH" = "arm64" ]; then \\
                    ARCH=aarch64; \\
                else \\
                    ARCH=x86_64; \\
                fi \\
             && curl -L -o /usr/local/bin/tool "https://example.com/tool-${ARCH}" \\
             && chmod +x /usr/local/bin/tool
            """, commands: [
                "[ $TARGETARCH = arm64 ]", "ARCH=aarch64", "ARCH=x86_64",
                "curl -L -o /usr/local/bin/tool https://example.com/tool-${ARCH}", "chmod +x /usr/local/bin/tool",
            ]),
        Sample(run: """
            RUN for key in \\
                    B42F6819007F00F88E364FD4036A9C25BF357DD4 \\
                    94AE36675C464D64BAFA68DD7434390BDBE9B9C5 \\
                ; do \\
                    gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key"; \\
                done
            """, commands: ["gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys $key"]),
        Sample(run: "RUN find /usr/local -depth \\( -type d -a -name test \\) -exec rm -rf '{}' + ; find . -name '*.pyc' -exec rm -f {} \\;", commands: [
            "find /usr/local -depth ( -type d -a -name test ) -exec rm -rf {} +", "find . -name *.pyc -exec rm -f {} ;",
        ]),
        Sample(run: """
            RUN groupadd -r app && useradd --no-log-init -r -g app app \\
                && mkdir -p /home/app && chown -R app:app /home/app
            """, commands: [
                "groupadd -r app", "useradd --no-log-init -r -g app app", "mkdir -p /home/app", "chown -R app:app /home/app",
            ]),
        Sample(run: """
            RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\
                && pip install --no-cache-dir psycopg2 \\
                && apk del .build-deps
            """, commands: [
                "apk add --no-cache --virtual .build-deps gcc musl-dev", "pip install --no-cache-dir psycopg2", "apk del .build-deps",
            ]),
        Sample(run: """
            RUN POETRY_VIRTUALENVS_CREATE=false poetry install --no-interaction --no-ansi --only main \\
                && rm -rf ~/.cache/pypoetry
            """, commands: ["poetry install --no-interaction --no-ansi --only main", "rm -rf ~/.cache/pypoetry"]),
        Sample(run: """
            RUN dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; \\
                case "$dpkgArch" in \\
                    amd64) arch='x86_64' ;; \\
                    arm64) arch='aarch64' ;; \\
                    *) echo >&2 "unsupported architecture: $dpkgArch"; exit 1 ;; \\
                esac; \\
                wget -O /tmp/x.tgz "https://example.com/${arch}.tgz"
            """, commands: [
                "dpkgArch=$(dpkg --print-architecture | awk -F- '{ print $NF }')", "dpkg --print-architecture",
                "awk -F- { print $NF }", "arch=x86_64", "arch=aarch64", "echo unsupported architecture: $dpkgArch", "exit 1",
                "wget -O /tmp/x.tgz https://example.com/${arch}.tgz",
            ]),
        Sample(run: """
            RUN --mount=type=cache,target=/root/.cache/pip \\
                python -m venv /opt/venv && . /opt/venv/bin/activate \\
                && python -m pip install -r requirements.txt
            """, commands: [
                "python -m venv /opt/venv", ". /opt/venv/bin/activate", "python -m pip install -r requirements.txt",
            ]),
        Sample(run: """
            RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/backports.list \\
                && DEBIAN_FRONTEND=noninteractive apt-get -qq update >/dev/null 2>&1
            """, commands: [
                "echo deb http://deb.debian.org/debian bookworm-backports main", "apt-get -qq update",
            ]),
        Sample(run: "RUN cd /src && ./configure --prefix=/usr/local && make -j\"$(nproc)\" && make install && cd / && rm -rf /src", commands: [
            "cd /src", "./configure --prefix=/usr/local", "make -j$(nproc)", "nproc", "make install", "cd /", "rm -rf /src",
        ]),
        Sample(run: #"RUN ["/bin/bash", "-o", "pipefail", "-c", "curl -sSL https://install.python-poetry.org | python3 -"]"#, commands: [
            "bash>curl -sSL https://install.python-poetry.org", "bash>python3 -",
        ]),
    ]

    @Test(arguments: samples)
    func parsesSample(_ sample: Sample) {
        let text = "FROM debian:bookworm\n" + sample.run + "\n"
        let (_, scripts) = ShellTestSupport.dockerfileScripts(text)
        #expect(scripts.count == 1)
        guard let script = scripts.first else { return }
        #expect(ShellTestSupport.summary(script) == sample.commands)
        #expect(script.errors.isEmpty, "\(script.errors.map(\.message))")
        // Every word's range holds its raw text once continuations are taken out.
        for command in script.commands {
            for word in [command.name].compactMap({ $0 }) + command.arguments {
                let inFile = ShellTestSupport.text(word.range, in: text)
                #expect(inFile.replacingOccurrences(of: "\\\n", with: "") == word.raw.replacingOccurrences(of: "\\\n", with: ""),
                        "\(word.raw.debugDescription) is \(inFile.debugDescription) in the file")
            }
        }
    }

    @Test func pipedInstallerRule() {
        // The pieces a "curl | sh" rule reads.
        let (_, scripts) = ShellTestSupport.dockerfileScripts("RUN curl -fsSL https://x | sudo bash -s -- --yes\n")
        let commands = scripts[0].commands
        let curl = commands[0]
        let shell = commands[1]
        #expect(curl.commandName == "curl" && curl.context.operatorAfter == .pipe)
        #expect(shell.commandName == "bash" && shell.wrappers == ["sudo"])
        #expect(shell.context.pipelineID == curl.context.pipelineID)
        #expect(shell.context.pipelineIndex == curl.context.pipelineIndex + 1)
    }
}
