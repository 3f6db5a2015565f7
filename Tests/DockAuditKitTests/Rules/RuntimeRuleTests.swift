import Testing
@testable import DockAuditKit

/// Edge cases of the runtime rules (DA504, DA505, DA601, DA602, DA609, DA614, DA615,
/// DA617) beyond their documented examples.
struct RuntimeRuleTests {
    static func findings(_ rule: any Rule.Type, _ text: String, target: String? = nil) -> [Finding] {
        Linter(rules: [rule]).lint(
            SourceFile(path: "Dockerfile", text: text),
            options: LintOptions(target: target, asOf: CalendarDate(year: 2026, month: 11, day: 23)))
    }

    /// The text each finding starts with (up to the end of its line).
    static func flagged(_ rule: any Rule.Type, _ text: String, target: String? = nil) -> [String] {
        let bytes = Array(text.utf8)
        return findings(rule, text, target: target).map { finding in
            var end = finding.range.start.offset
            while end < bytes.count, bytes[end] != 0x0A, end < finding.range.end.offset { end += 1 }
            return String(decoding: bytes[finding.range.start.offset..<end], as: UTF8.self)
        }
    }

    // MARK: DA504

    @Test(arguments: [
        ("RUN curl --proxy-insecure -x http://proxy https://x -o /x", ["--proxy-insecure"]),
        ("RUN pip3 install --trusted-host=pypi.org flask==3.0.3", ["--trusted-host=pypi.org"]),
        ("RUN python -m pip config set global.trusted-host mirror", ["global.trusted-host"]),
        ("RUN uv pip install --allow-insecure-host mirror flask==3.0.3", ["--allow-insecure-host"]),
        ("RUN git config --system http.https://git.corp/.sslVerify false", ["http.https://git.corp/.sslVerify"]),
        ("RUN yarn config set strict-ssl false", ["strict-ssl"]),
        ("RUN npm install --strict-ssl=false", ["--strict-ssl=false"]),
        ("RUN conda config --set ssl_verify no", ["ssl_verify"]),
        ("RUN apt-get -o Acquire::https::Verify-Peer=false update", ["Acquire::https::Verify-Peer=false"]),
        ("RUN echo 'Acquire::https::Verify-Peer \"false\";' > /etc/apt/apt.conf.d/99insecure", ["echo"]),
        ("RUN export GIT_SSL_NO_VERIFY=true && git clone https://x", ["GIT_SSL_NO_VERIFY=true"]),
        ("ENV GIT_SSL_NO_VERIFY=false", ["GIT_SSL_NO_VERIFY"]),
        ("ENV npm_config_strict_ssl=false", ["npm_config_strict_ssl"]),
        ("ARG PIP_TRUSTED_HOST=mirror", ["PIP_TRUSTED_HOST=mirror"]),
        ("RUN sudo curl -k https://x -o /x", ["-k"]),
        ("RUN [\"curl\", \"-k\", \"-o\", \"/x\", \"https://x\"]", ["\"-k\""]),
    ])
    func tlsVerificationDisabled(line: String, expected: [String]) {
        #expect(Self.flagged(TLSVerificationDisabled.self, "FROM debian:bookworm-slim\n\(line)\n") == expected)
    }

    @Test(arguments: [
        "RUN curl -fsSL --cacert /etc/ssl/corp.pem https://x -o /x",
        "RUN pip install --index-url https://mirror/simple flask==3.0.3",
        "RUN git config --global http.sslVerify true",
        "RUN npm config set strict-ssl true",
        "ENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1",
        "ARG GIT_SSL_NO_VERIFY",
        "RUN echo 'trusted-host = mirror'",
        "RUN wget -O /tmp/k https://x/k && echo k",
        "RUN grep -k pattern file",
    ])
    func tlsVerificationKept(line: String) {
        #expect(Self.flagged(TLSVerificationDisabled.self, "FROM debian:bookworm-slim\n\(line)\n").isEmpty)
    }

    // MARK: DA505

    @Test(arguments: [
        ("RUN curl -sSL https://get.docker.com/ | sh", 1),
        ("RUN curl -o- https://nvm/install.sh | bash", 1),
        ("RUN curl -LsSf https://astral.sh/uv/install.sh | env UV_INSTALL_DIR=/usr/local/bin sh", 1),
        ("RUN curl https://bootstrap.pypa.io/get-pip.py | python", 1),
        ("RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs", 1),
        ("RUN set -o pipefail && wget -O - https://x/install | bash -s -- -b /usr/local/bin v1.2", 1),
        ("RUN /bin/bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)\"", 1),
        ("RUN eval \"$(curl -fsSL https://x/env.sh)\"", 1),
        ("RUN source <(curl -s https://x/env.sh)", 1),
        ("RUN python3 -c \"$(curl -fsSL https://x/setup.py)\"", 1),
        ("RUN curl -s https://x | perl", 1),
        ("RUN curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg", 1),
        ("RUN curl -fsSL https://x | tee /tmp/x.sh | sh", 1),
        ("RUN curl -fsSL https://x/a.sh | sh && curl -fsSL https://x/b.sh | sh", 2),
    ])
    func remoteScriptRun(line: String, count: Int) {
        #expect(Self.findings(RemoteScriptPipedToShell.self, "FROM debian:bookworm-slim\n\(line)\n").count == count)
    }

    @Test(arguments: [
        "RUN curl -fsSL https://x | sh -c 'cat > /tmp/x'",
        "RUN curl -fsSL https://x/key | apt-key add -",
        "RUN curl -fsSL https://x | python3 -c 'import sys; print(sys.stdin.read())'",
        "RUN curl -fsSL https://x | python3 parse.py",
        "RUN curl -fsSLo /tmp/x.sh https://x && sh /tmp/x.sh",
        "RUN bash -c \"echo $(curl -fsSL https://x/version)\"",
        "RUN sh ./install.sh \"$(curl -fsSL https://x/version)\"",
        "RUN curl -fsSL https://x | node -e 'process.stdin.pipe(process.stdout)'",
    ])
    func remoteScriptNotRun(line: String) {
        #expect(Self.findings(RemoteScriptPipedToShell.self, "FROM debian:bookworm-slim\n\(line)\n").isEmpty)
    }

    // MARK: DA601

    @Test(arguments: [
        ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=\nCMD [\"python\", \"a.py\"]\n", true),
        ("FROM python:3.12-slim\nARG PYTHONUNBUFFERED=1\nCMD [\"python\", \"a.py\"]\n", true),
        ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=0\n", false),
        ("FROM debian:bookworm-slim\nCMD [\"bash\"]\n", false),
        ("FROM debian:bookworm-slim\nCMD [\"celery\", \"-A\", \"app\", \"worker\"]\n", true),
        ("FROM python:3.12-slim AS app\nFROM nginx:1.27\n", false),
        ("FROM python:3.12-slim AS app\nFROM nginx:1.27\n", true),
        ("FROM ubuntu:24.04\nENTRYPOINT [\"/usr/bin/python3\", \"-uB\", \"-m\", \"app\"]\n", false),
    ])
    func unbuffered(text: String, fires: Bool) {
        let target = text.contains("AS app") && fires ? "app" : nil
        #expect(Self.findings(PythonUnbufferedMissing.self, text, target: target).isEmpty == !fires)
    }

    // MARK: DA602

    @Test(arguments: [
        ("FROM python:3.12-slim\nRUN pip install --no-compile flask==3.0.3\n", true),
        ("FROM python:3.12-slim\nENV PIP_NO_COMPILE=1\nRUN pip install flask==3.0.3\n", true),
        ("FROM python:3.12-slim\nRUN UV_COMPILE_BYTECODE=1 uv pip install --system flask==3.0.3\n", false),
        ("FROM python:3.12-slim\nARG UV_COMPILE_BYTECODE=1\nRUN uv sync --locked\n", false),
        ("FROM python:3.12-slim\nRUN uv sync --locked\nRUN python -m compileall -q .\n", false),
        ("FROM python:3.12-slim\nRUN python -m compileall -q .\nRUN uv sync --locked\n", true),
        ("FROM python:3.12-slim\nRUN poetry install --compile\n", false),
        ("FROM python:3.12-slim\nRUN curl -sSL https://raw.githubusercontent.com/python-poetry/poetry/master/get-poetry.py | python\nRUN poetry install\n", false),
        ("FROM python:3.12-slim\nENV POETRY_VERSION=1.3.2\nRUN poetry install\n", false),
        ("FROM python:3.12-slim\nENV POETRY_VERSION=1.8.3\nRUN poetry install\n", true),
        ("FROM python:3.12-slim\nENV POETRY_INSTALLER_MODERN_INSTALLATION=false\nRUN poetry install\n", false),
        ("FROM python:3.12-slim\nRUN pipenv install --system --deploy\n", false),
        ("FROM python:3.12-slim\nRUN uv sync\nCMD [\"python\", \"-B\", \"app.py\"]\n", false),
        ("FROM python:3.12-slim AS build\nWORKDIR /app\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\n", true),
        ("FROM python:3.12-slim AS build\nWORKDIR /app\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app/static /srv/static\n", false),
        ("FROM python:3.12-slim AS build\nWORKDIR /app\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app /app\nRUN python -m compileall /app\n", false),
        ("FROM python:3.12-slim AS build\nRUN pip install --prefix=/install flask==3.0.3\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n", false),
    ])
    func bytecode(text: String, fires: Bool) {
        #expect(Self.findings(PythonBytecodeUnmanaged.self, text).isEmpty == !fires)
    }

    // MARK: DA609

    @Test(arguments: [
        ("CMD [\"python\", \"-m\", \"flask\", \"--app\", \"app\", \"run\"]", ["\"run\""]),
        ("CMD [\"django-admin\", \"runserver\"]", ["\"runserver\""]),
        ("CMD ./manage.py runserver_plus 0.0.0.0:8000", ["runserver_plus"]),
        ("CMD [\"sh\", \"-c\", \"python manage.py migrate && exec python manage.py runserver 0.0.0.0:8000\"]", ["runserver"]),
        ("ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"uvicorn\", \"app:app\", \"--reload\"]", ["\"--reload\""]),
        ("CMD [\"hypercorn\", \"app:app\", \"--reload\"]", ["\"--reload\""]),
        ("CMD [\"flask\", \"routes\"]", []),
        ("CMD [\"uvicorn\", \"app:app\", \"--reload-delay\", \"1\"]", []),
        ("CMD [\"python\", \"run.py\"]", []),
        ("RUN flask run --help\nCMD [\"gunicorn\", \"app:app\"]", []),
    ])
    func devServer(lines: String, expected: [String]) {
        #expect(Self.flagged(DevServerInImage.self, "FROM python:3.12-slim\n\(lines)\n") == expected)
    }

    @Test func devServerFollowsTarget() {
        let text = "FROM python:3.12-slim AS dev\nCMD [\"flask\", \"run\"]\nFROM python:3.12-slim AS prod\nCMD [\"gunicorn\", \"app:app\"]\n"
        #expect(Self.findings(DevServerInImage.self, text).isEmpty)
        #expect(Self.findings(DevServerInImage.self, text, target: "dev").count == 1)
    }

    // MARK: DA614

    @Test(arguments: [
        ("FROM python:3.12-alpine3.20\nRUN pip install a==1\nRUN pip install b==1\n", 1),
        ("FROM python:3.12-alpine AS a\nRUN pip install a==1\nFROM python:3.11-alpine\nRUN pip install b==1\n", 2),
        ("FROM python:3.12-alpine\nRUN poetry install --only main\n", 1),
        ("FROM alpine:3.20\nRUN pip install a==1\n", 0),
        ("FROM python:3.12-slim\nRUN pip install a==1\n", 0),
        ("FROM python:3.12-alpine AS build\nRUN apk add gcc\nFROM python:3.12-slim\nRUN pip install a==1\n", 0),
    ])
    func pythonAlpine(text: String, count: Int) {
        #expect(Self.findings(PythonAlpine.self, text).count == count)
    }

    @Test(arguments: [("3.12-alpine3.20", "python:3.12-slim"), ("alpine", "python:slim"), ("3-alpine", "python:3-slim")])
    func slimSuggestion(tag: String, expected: String) throws {
        #expect(PythonAlpine.slimSuggestion(try #require(ImageReference("python:\(tag)"))) == expected)
    }

    // MARK: DA615

    @Test(arguments: [
        ("RUN apt-get install -y gcc=4:12.2.0-3 libc6-dev:amd64", ["gcc=4:12.2.0-3"]),
        ("RUN apt-get install -y gcc-12 g++-12 cmake", ["gcc-12"]),
        ("RUN apt-get install -y gcc && apt-get autoremove -y", ["gcc"]),
        ("RUN apk add --virtual .deps gcc && apk del .other", ["gcc"]),
        ("RUN apk add gcc\nRUN apt-get purge -y gcc", ["gcc"]),
        ("RUN apt-get install -y python3-dev\nRUN apt-get install -y libpq-dev", ["python3-dev", "libpq-dev"]),
        ("RUN apt-get install -y gcc && apt-get purge -y 'gcc*'", []),
        ("RUN apt-get install -y gcc && apt-get remove -y $BUILD_ONLY", []),
        ("RUN apt-get install -y $PKGS", []),
        ("RUN apt-get install -y curl ca-certificates libpq5", []),
        ("RUN yum install -y gcc && yum remove -y gcc", []),
        ("RUN apt-get install -y libpq-dev\nCMD [\"make\"]", ["libpq-dev"]),
    ])
    func buildTools(lines: String, expected: [String]) {
        #expect(Self.flagged(BuildToolsInFinalImage.self, "FROM python:3.12-slim\n\(lines)\n") == expected)
    }

    @Test(arguments: ["gcc", "g++", "build-essential", "libssl-dev", "openssl-devel", "musl-dev", "linux-headers", "clang-15", "linux-headers-amd64"])
    func buildToolNames(name: String) {
        #expect(BuildToolsInFinalImage.isBuildTool(name))
    }

    @Test(arguments: ["gcc-doc", "udev", "libpq5", "make-doc", "git", "device-tree-compiler", "dev"])
    func notBuildToolNames(name: String) {
        #expect(!BuildToolsInFinalImage.isBuildTool(name))
    }

    // MARK: DA617

    @Test(arguments: [
        ("CMD gunicorn app:app -w 4", ["gunicorn"]),
        ("CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]", []),
        ("CMD [\"gunicorn\", \"-b0.0.0.0:8000\", \"app:app\"]", []),
        ("CMD [\"gunicorn\", \"--bind=unix:/tmp/g.sock\", \"app:app\"]", []),
        ("CMD [\"gunicorn\", \"--config\", \"python:app.conf\", \"app:app\"]", []),
        ("ENV GUNICORN_CMD_ARGS=\"-b 0.0.0.0:80\"\nCMD [\"gunicorn\", \"app:app\"]", []),
        ("ENV GUNICORN_CMD_ARGS=\"--backlog 64\"\nCMD [\"gunicorn\", \"app:app\"]", ["\"gunicorn\""]),
        ("CMD GUNICORN_CMD_ARGS='--bind 0.0.0.0' gunicorn app:app", []),
        ("CMD [\"uvicorn\", \"app:app\", \"--uds\", \"/tmp/u.sock\"]", []),
        ("ENV UVICORN_HOST=0.0.0.0\nCMD [\"uvicorn\", \"app:app\"]", []),
        ("CMD [\"flask\", \"run\", \"-h\", \"0.0.0.0\"]", []),
        ("CMD [\"python\", \"-m\", \"flask\", \"run\"]", ["\"run\""]),
        ("CMD python manage.py runserver $ADDR", []),
        ("CMD python manage.py runserver [::]:8000", []),
        ("CMD python manage.py runserver", ["runserver"]),
        ("CMD [\"hypercorn\", \"app:app\"]", ["\"hypercorn\""]),
        ("CMD [\"daphne\", \"project.asgi:application\"]", ["\"daphne\""]),
        ("CMD [\"daphne\", \"-b\", \"0.0.0.0\", \"project.asgi:application\"]", []),
        ("CMD [\"fastapi\", \"dev\", \"main.py\"]", ["\"dev\""]),
        ("CMD [\"fastapi\", \"run\", \"main.py\"]", []),
        ("CMD [\"gunicorn\", \"--bind\", \"127.0.0.1:8000\", \"app:app\"]", []),
        ("RUN gunicorn --version\nCMD [\"python\", \"app.py\"]", []),
    ])
    func localhostServer(lines: String, expected: [String]) {
        #expect(Self.flagged(ServerBoundToLocalhost.self, "FROM python:3.12-slim\n\(lines)\n") == expected)
    }
}
