import Testing
@testable import DockAuditKit

/// Edge cases of the pip rules (DA603–DA606, DA616, DA618, DA620) beyond their examples.
struct PipRuleTests {
    func findings(_ code: String, _ text: String, context: [(path: String, contents: String)] = []) -> [Finding] {
        RuleExampleTests.lint(text, with: RuleExampleTests.rule(code), context: context)
    }

    @Test(arguments: [
        // (Dockerfile, findings)
        ("FROM python\nRUN pip install x==1\n", 1),
        ("FROM python\nRUN pip install x==1 && pip install y==2\n", 2),
        ("FROM python\nRUN pip install --no-cache x==1\n", 0),
        ("FROM python\nRUN PIP_NO_CACHE_DIR=false pip install x==1\n", 0),
        ("FROM python\nENV PIP_NO_CACHE_DIR=\nRUN pip install x==1\n", 1),
        ("FROM python\nRUN pip install x==1 && rm -rf ~/.cache/pip\n", 0),
        ("FROM python\nRUN pip install x==1 && rm -rf /root/.cache/*\n", 0),
        ("FROM python\nRUN rm -rf /root/.cache && pip install x==1\n", 1),
        ("FROM python\nRUN pip install x==1 && python -m pip cache purge\n", 0),
        ("FROM python\nRUN --mount=type=cache,target=$HOME/.cache/pip pip install x==1\n", 0),
        ("FROM python\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install x==1\n", 0),
        ("FROM python\nRUN --mount=type=tmpfs,target=/root/.cache pip install x==1\n", 0),
        ("FROM python\nENV PIP_CACHE_DIR=/cache\nRUN --mount=type=cache,target=/cache pip install x==1\n", 0),
        ("FROM python\nRUN pip install --cache-dir /cache x==1\n", 1),
        ("FROM python\nRUN --mount=type=cache,target=/cache pip install --cache-dir=/cache x==1\n", 0),
        ("FROM python\nRUN pip wheel -w /w x==1 && pip download x==1\n", 0),
        ("FROM python\nRUN pipenv install --system\n", 0),
        ("FROM python\nRUN uv pip install --system x==1 && uv cache clean\n", 0),
        ("FROM python\nENV UV_NO_CACHE=1\nRUN uv pip install --system x==1\n", 0),
        ("FROM python\nRUN uv sync --locked\n", 0),
        ("FROM python\nONBUILD RUN pip install x==1\n", 0),
    ])
    func pipCacheKept(text: String, count: Int) {
        #expect(findings("DA603", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM python\nRUN pip install x y z\n", 3),
        ("FROM python\nRUN pip install 'x[extra]==1.0' y==2 'z==3; python_version<\"3.8\"'\n", 0),
        ("FROM python\nRUN pip install x~=1.2 y!=2 'z<3'\n", 3),
        ("FROM python\nRUN pip install -r req.txt extra\n", 1),
        ("FROM python\nRUN pip install --index-url https://i.example/simple x==1\n", 0),
        ("FROM python\nRUN pip install -t /opt/lib --prefix /p x==1\n", 0),
        ("FROM python\nRUN pip install https://files.example/x-1.2.3-py3-none-any.whl\n", 0),
        ("FROM python\nRUN pip install https://github.com/org/x/archive/main.zip\n", 1),
        ("FROM python\nRUN pip install -e git+https://github.com/org/x.git@v1#egg=x\n", 1),
        ("FROM python\nRUN pip install -e .\n", 0),
        ("FROM python\nRUN pip install ./dist/*.whl /wheels/*\n", 0),
        ("FROM python\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install x\n", 0),
        ("FROM python\nRUN pip install -U pip setuptools wheel x\n", 1),
        ("FROM python\nRUN pip install pipenv uv\n", 0),
        ("FROM python\nRUN pipx install --spec black==24.1.0 black\n", 0),
        ("FROM python\nRUN python3.12 -m pip install x\n", 1),
        ("FROM python\nRUN sudo -H pip3 install x\n", 1),
        ("FROM python\nARG V\nRUN pip install x==$V\n", 0),
        ("FROM python\nRUN pip install $(cat pkgs.txt)\n", 0),
    ])
    func pipPackageUnpinned(text: String, count: Int) {
        #expect(findings("DA604", text).count == count, "\(text)")
    }

    @Test func pipPackageUnpinnedPointsAtEachPackage() {
        let text = "FROM python\nRUN pip install flask requests==2.32.3 gunicorn\n"
        let found = findings("DA604", text)
        #expect(found.map(\.range.start.column) == [17, 40])
        #expect(found.first?.message.contains("flask==<version>") == true)
    }

    @Test(arguments: [
        ("FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", [("requirements.txt", "flask\n")], 1),
        ("FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", [("requirements.txt", "flask==3.0.3\n-c c.txt\n"), ("c.txt", "")], 0),
        ("FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", [("requirements.txt", "-r base.txt\n-c c.txt\n"), ("base.txt", "flask\n"), ("c.txt", "flask==3.0.3\n")], 0),
        ("FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt -c c.txt\n", [("requirements.txt", "flask\n"), ("c.txt", "flask==3\n")], 0),
        ("FROM python\nCOPY requirements.txt c.txt .\nRUN pip install -r requirements.txt -c c.txt\n", [("requirements.txt", "flask\nx\n"), ("c.txt", "flask==3\n")], 1),
        ("FROM python\nCOPY requirements.txt .\nRUN PIP_CONSTRAINT=/c.txt pip install -r requirements.txt\n", [("requirements.txt", "flask\n")], 0),
        ("FROM python\nCOPY requirements.txt a.txt ./\nRUN pip install -r requirements.txt -r a.txt\n", [("requirements.txt", "flask\n"), ("a.txt", "x\n")], 2),
        ("FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", [("requirements.txt", "git+https://github.com/o/x.git@main#egg=x\n")], 1),
        ("FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", [("requirements.txt", "# nothing\n")], 0),
    ])
    func requirementsUnpinned(text: String, files: [(String, String)], count: Int) {
        #expect(findings("DA605", text, context: files.map { (path: $0.0, contents: $0.1) }).count == count, "\(text)")
    }

    @Test func requirementsUnpinnedNamesTheEntries() {
        let found = findings("DA605", "FROM python\nCOPY r.txt .\nRUN pip install -r r.txt\n",
                             context: [("r.txt", "a\nb\nc==1\nd>=2\ne\n")])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("4 entries") == true)
        #expect(found.first?.message.contains("a (line 1), b (line 2), d>=2 (line 4), …") == true)
    }

    @Test(arguments: [
        ("FROM python\nCOPY r.txt .\nRUN pip install -r r.txt\n", [("r.txt", "flask==3.0.3\n")], 1),
        ("FROM python\nCOPY r.txt .\nRUN PIP_REQUIRE_HASHES=0 pip install -r r.txt\n", [("r.txt", "flask==3.0.3\n")], 1),
        ("FROM python\nCOPY r.txt .\nRUN uv pip install --system --require-hashes -r r.txt\n", [("r.txt", "flask==3.0.3\n")], 0),
        ("FROM python\nCOPY r.txt .\nRUN pip install -r r.txt\n", [("r.txt", "--require-hashes\nflask==3.0.3\n")], 0),
        ("FROM python\nCOPY r.txt .\nRUN pip install -r r.txt\n", [("r.txt", "git+https://github.com/o/x.git@0123456789abcdef0123456789abcdef01234567#egg=x\n./lib\n")], 0),
        ("FROM python\nCOPY r.txt base.txt ./\nRUN pip install -r r.txt\n", [("r.txt", "-r base.txt\n"), ("base.txt", "x==1 --hash=sha256:00\n")], 0),
    ])
    func requirementsWithoutHashes(text: String, files: [(String, String)], count: Int) {
        #expect(findings("DA606", text, context: files.map { (path: $0.0, contents: $0.1) }).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM python\nRUN pip install poetry pipenv\n", 2),
        ("FROM python\nRUN pip install 'poetry>=1.8,<2'\n", 1),
        ("FROM python\nRUN pip install pip-tools==7.4.1 pdm==2.18.1\n", 0),
        ("FROM python\nRUN wget -qO- https://install.python-poetry.org | POETRY_VERSION=1.8.3 python3 -\n", 0),
        ("FROM python\nRUN curl -sSL https://install.python-poetry.org -o i.py && python i.py --version=1.8.3\n", 0),
        ("FROM python\nRUN curl -sSL https://install.python-poetry.org -o i.py && python i.py\n", 1),
        ("FROM python\nRUN curl -LsSf https://astral.sh/uv/install.sh | env UV_INSTALL_DIR=/bin sh\n", 1),
        ("FROM python\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n", 1),
        ("FROM python\nCOPY --from=ghcr.io/astral-sh/uv:python3.12-bookworm /uv /bin/\n", 1),
        ("FROM python\nCOPY --from=ghcr.io/astral-sh/uv@sha256:0000000000000000000000000000000000000000000000000000000000000000 /uv /bin/\n", 0),
        ("FROM python\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n", 0),
        ("FROM python\nRUN pip install poetry -c constraints.txt\n", 0),
    ])
    func pythonToolUnpinned(text: String, count: Int) {
        #expect(findings("DA616", text).count == count, "\(text)")
    }

    static let apt = "RUN apt-get update && apt-get install -y python3-pip python3-venv\n"

    @Test(arguments: [
        ("FROM debian:bookworm\n\(apt)RUN pip install x\n", 1),
        ("FROM debian:trixie-slim\n\(apt)RUN pip install x\n", 1),
        ("FROM debian\n\(apt)RUN pip install x\n", 1),
        ("FROM ubuntu:23.04\n\(apt)RUN pip3 install x\n", 1),
        ("FROM ubuntu:24.04\n\(apt)RUN /usr/bin/python3 -m pip install x\n", 1),
        ("FROM ubuntu:22.04\n\(apt)RUN pip install x\n", 0),
        ("FROM debian:11\n\(apt)RUN pip install x\n", 0),
        ("FROM python:3.12-bookworm\n\(apt)RUN pip install x\n", 0),
        ("FROM debian:bookworm\nRUN pip install x\n", 0),
        ("FROM debian:bookworm\n\(apt)RUN pip install --prefix=/install x\n", 0),
        ("FROM debian:bookworm\n\(apt)RUN PIP_BREAK_SYSTEM_PACKAGES=1 pip install x\n", 0),
        ("FROM debian:bookworm\n\(apt)ENV VIRTUAL_ENV=/opt/venv\nRUN pip install x\n", 0),
        ("FROM debian:bookworm\n\(apt)COPY --from=build /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nRUN pip install x\n", 0),
        ("FROM debian:bookworm\n\(apt)ENV PATH=/root/.cargo/bin:$PATH\nRUN pip install x\n", 1),
        ("FROM debian:bookworm\n\(apt)RUN pip config set global.break-system-packages true\nRUN pip install x\n", 0),
        ("FROM debian:bookworm\n\(apt)RUN uv pip install --system x\n", 1),
        ("FROM debian:bookworm\n\(apt)RUN uv pip install x\n", 0),
        ("FROM debian:bookworm\n\(apt)RUN curl https://pyenv.run | bash && pyenv install 3.12\nRUN pip install x\n", 0),
        ("FROM debian:bookworm AS base\n\(apt)FROM base\nRUN pip install x\n", 1),
    ])
    func pipExternallyManaged(text: String, count: Int) {
        #expect(findings("DA618", text).count == count, "\(text)")
    }

    @Test(arguments: [
        ("FROM python\nRUN pip install --user x\nUSER root\n", 0),
        ("FROM python\nUSER app\nUSER root\nRUN pip install --user x\nUSER app\n", 1),
        ("FROM python\nUSER 0:0\nRUN pip install --user x\nUSER 1000:1000\n", 1),
        ("FROM python\nRUN pip install --user x\nUSER $UNKNOWN\n", 0),
        ("FROM python\nENV HOME=/app\nRUN pip install --user x\nUSER app\n", 0),
        ("FROM python\nRUN pip install --user x\nRUN chmod -R a+rx /root\nUSER app\n", 0),
        ("FROM python\nRUN gosu app pip install --user x\nUSER app\n", 0),
        ("FROM python AS build\nRUN pip install --user x\nFROM python\nCOPY --from=build /root/.local /root/.local\nUSER root\n", 0),
        ("FROM python AS build\nRUN pip install x\nFROM python\nCOPY --from=build /root/.local /root/.local\nUSER app\n", 0),
    ])
    func pipUserInstallUnreachable(text: String, count: Int) {
        #expect(findings("DA620", text).count == count, "\(text)")
    }

    @Test func pipUserInstallHonoursTarget() {
        let text = "FROM python AS build\nRUN pip install --user x\nUSER app\nFROM python AS final\nRUN true\n"
        let rule = RuleExampleTests.rule("DA620")
        let options = LintOptions(target: "build", asOf: RuleExampleTests.exampleDay)
        let found = Linter(rules: [rule]).lint(SourceFile(path: "Dockerfile", text: text), options: options)
        #expect(found.count == 1)
    }
}
