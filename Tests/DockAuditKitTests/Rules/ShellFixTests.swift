import Testing
@testable import DockAuditKit

/// The fixes of the shell and Python rules (DA402–DA407, DA601–DA603) on the cases their
/// documented before/after does not show: exec form, `sh -c`, `sudo`, heredocs, CRLF, the
/// backtick escape, several installs in one RUN, and the cases where there must be no fix.
struct ShellFixTests {
    /// Lints with the rules of `codes` and applies their fixes round after round, as
    /// `--fix` does. Returns the text and the number of fixes applied in the first round.
    static func fixed(_ text: String, _ codes: String..., unsafe: Bool = false) -> (text: String, firstRound: Int) {
        let rules = codes.map { RuleExampleTests.rule($0) }
        var bytes = Array(text.utf8)
        var firstRound = -1
        for _ in 0..<10 {
            let findings = Linter(rules: rules).lint(SourceFile(path: "Dockerfile", bytes: bytes), options: LintOptions(asOf: CalendarDate("2026-11-23")))
            let (next, applied) = FixApplier.apply(findings.compactMap(\.fix), to: bytes, includingUnsafe: unsafe)
            if firstRound < 0 { firstRound = applied }
            if applied == 0 { break }
            bytes = next
        }
        return (String(decoding: bytes, as: UTF8.self), firstRound)
    }

    /// The findings of `code` on `text`, with the fix each carries.
    static func findings(_ code: String, _ text: String) -> [Finding] {
        RuleExampleTests.lint(text, with: RuleExampleTests.rule(code))
    }

    @Test(arguments: [
        // exec form: the flag becomes a JSON string of its own
        ("FROM python:3.12\nRUN [\"pip\", \"install\", \"flask==3.0.3\"]\n",
         "FROM python:3.12\nRUN [\"pip\", \"install\", \"--no-cache-dir\", \"flask==3.0.3\"]\n"),
        ("FROM python:3.12\nRUN [\"sh\", \"-c\", \"pip install flask==3.0.3\"]\n",
         "FROM python:3.12\nRUN [\"sh\", \"-c\", \"pip install --no-cache-dir flask==3.0.3\"]\n"),
        ("FROM python:3.12\nRUN sh -c 'pip install flask==3.0.3'\n", "FROM python:3.12\nRUN sh -c 'pip install --no-cache-dir flask==3.0.3'\n"),
        ("FROM python:3.12\nRUN sudo -H pip3 install flask==3.0.3\n", "FROM python:3.12\nRUN sudo -H pip3 install --no-cache-dir flask==3.0.3\n"),
        ("FROM python:3.12\nRUN /opt/venv/bin/python -m pip install -r requirements.txt\n",
         "FROM python:3.12\nRUN /opt/venv/bin/python -m pip install --no-cache-dir -r requirements.txt\n"),
        ("FROM python:3.12\nRUN uv pip install --system flask==3.0.3\n", "FROM python:3.12\nRUN uv pip install --no-cache --system flask==3.0.3\n"),
        ("FROM python:3.12\nRUN <<EOF\nset -e\npip install flask==3.0.3\nEOF\n", "FROM python:3.12\nRUN <<EOF\nset -e\npip install --no-cache-dir flask==3.0.3\nEOF\n"),
        ("FROM python:3.12\r\nRUN pip install \\\r\n    flask==3.0.3\r\n", "FROM python:3.12\r\nRUN pip install --no-cache-dir \\\r\n    flask==3.0.3\r\n"),
        // the backtick escape selects cmd unless a SHELL says otherwise
        ("# escape=`\nFROM python:3.12\nSHELL [\"/bin/sh\", \"-c\"]\nRUN pip install `\n    flask==3.0.3\n",
         "# escape=`\nFROM python:3.12\nSHELL [\"/bin/sh\", \"-c\"]\nRUN pip install --no-cache-dir `\n    flask==3.0.3\n"),
        // no fix where a space would split the script, or the word is not written as one piece
        ("FROM python:3.12\nRUN sh -c pip\\ install\\ flask\n", "FROM python:3.12\nRUN sh -c pip\\ install\\ flask\n"),
        ("FROM python:3.12\nRUN sh -c \"echo \\\"x\\\" && pip install flask\"\n", "FROM python:3.12\nRUN sh -c \"echo \\\"x\\\" && pip install flask\"\n"),
        ("FROM python:3.12\nRUN pip ins\\\ntall flask\n", "FROM python:3.12\nRUN pip ins\\\ntall flask\n"),
    ])
    func pipCacheKept(before: String, after: String) {
        #expect(Self.fixed(before, "DA603").text == after)
        #expect(!Self.findings("DA603", before).isEmpty, "the rule still reports when there is no fix")
    }

    @Test func severalInstallsInOneRunEachGetTheirOwnFix() {
        let before = "FROM python:3.12\nRUN pip install -U pip && pip install -r a.txt \\\n && pip install -r b.txt\n"
        let result = Self.fixed(before, "DA603")
        #expect(result.firstRound == 3, "the three fixes do not overlap and go in one round")
        #expect(result.text == "FROM python:3.12\nRUN pip install --no-cache-dir -U pip && pip install --no-cache-dir -r a.txt \\\n && pip install --no-cache-dir -r b.txt\n")
    }

    @Test(arguments: [
        ("FROM debian:12\nRUN sudo apt-get install curl\n", "FROM debian:12\nRUN sudo apt-get install -y curl\n"),
        ("FROM debian:12\nRUN bash <<EOF\napt-get install curl\nEOF\n", "FROM debian:12\nRUN bash <<EOF\napt-get install -y curl\nEOF\n"),
        ("FROM debian:12\r\nRUN apt-get update && \\\r\n    apt install curl\r\n", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt install -y curl\r\n"),
        ("FROM debian:12\nRUN [\"apt-get\", \"install\", \"curl\"]\n", "FROM debian:12\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n"),
    ])
    func aptInstallWithoutYes(before: String, after: String) {
        #expect(Self.fixed(before, "DA403").text == after)
    }

    @Test func recommendsIsUnsafe() {
        let before = "FROM debian:12\nRUN apt-get install -y curl && sudo apt-get install -y git\n"
        #expect(Self.fixed(before, "DA404").text == before, "not applied without --unsafe-fixes")
        #expect(Self.fixed(before, "DA404", unsafe: true).text
            == "FROM debian:12\nRUN apt-get install --no-install-recommends -y curl && sudo apt-get install --no-install-recommends -y git\n")
        #expect(Self.findings("DA404", before).allSatisfy { $0.fix?.safety == .unsafe })
    }

    @Test func yesAndRecommendsOnOneCommandSettle() {
        // Both insert right after `install`: one waits for the next round.
        let result = Self.fixed("FROM debian:12\nRUN apt-get install curl\n", "DA403", "DA404", unsafe: true)
        #expect(result.firstRound == 1)
        #expect(result.text.contains("apt-get install -y --no-install-recommends curl") || result.text.contains("apt-get install --no-install-recommends -y curl"))
        #expect(Self.fixed(result.text, "DA403", "DA404", unsafe: true).firstRound == 0)
    }

    @Test(arguments: [
        ("FROM alpine:3.20\nRUN apk update && apk add curl\n", "FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n"),
        ("FROM alpine:3.20\nRUN sh -c \"apk add -U curl\"\n", "FROM alpine:3.20\nRUN sh -c \"apk add --no-cache -U curl\"\n"),
        ("FROM alpine:3.20\r\nRUN apk add --virtual .deps gcc \\\r\n && apk add curl\r\n",
         "FROM alpine:3.20\r\nRUN apk add --no-cache --virtual .deps gcc \\\r\n && apk add --no-cache curl\r\n"),
    ])
    func apkCacheKept(before: String, after: String) {
        #expect(Self.fixed(before, "DA407").text == after)
    }

    @Test func apkFixIsUnsafeWhenALaterAddReliesOnTheIndex() {
        // The second RUN's add fetches no index (`apk add` without --update) and is not checked
        // here (it is silenced by the rm), so it depended on the first RUN's cache.
        let before = "FROM alpine:3.20\nRUN apk add -U curl\nRUN apk add git && rm -rf /var/cache/apk/*\n"
        #expect(Self.findings("DA407", before).map { $0.fix?.safety } == [.unsafe])
        #expect(Self.fixed(before, "DA407").text == before)
    }

    @Test(arguments: [
        ("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"),
        // trailing `&&` style: the new line starts with the command
        ("FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y \\\n\t\tcurl\n",
         "FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y \\\n\t\tcurl && \\\n\trm -rf /var/lib/apt/lists/*\n"),
        // leading `&&` style, CRLF and the backtick escape
        ("# escape=`\r\nFROM debian:12\r\nSHELL [\"/bin/bash\", \"-c\"]\r\nRUN apt-get update `\r\n  && apt-get install -y curl > /dev/null  \r\n\r\nCMD [\"curl\"]\r\n",
         "# escape=`\r\nFROM debian:12\r\nSHELL [\"/bin/bash\", \"-c\"]\r\nRUN apt-get update `\r\n  && apt-get install -y curl > /dev/null `\r\n  && rm -rf /var/lib/apt/lists/*  \r\n\r\nCMD [\"curl\"]\r\n"),
        ("FROM debian:12\nRUN apt-get update; sudo apt-get install -y curl\n", "FROM debian:12\nRUN apt-get update; sudo apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"),
        // no fix where `&&` would not end the RUN at the top level
        ("FROM debian:12\nRUN apt-get update && apt-get install -y curl &\n", nil),
        ("FROM debian:12\nRUN apt-get update && apt-get install -y curl;\n", nil),
        ("FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\n", nil),
        ("FROM debian:12\nRUN if true; then apt-get update && apt-get install -y curl; fi\n", nil),
        ("FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl'\n", nil),
        ("FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n", nil),
        ("FROM debian:12\nRUN [\"sh\", \"-c\", \"apt-get update && apt-get install -y curl\"]\n", nil),
    ] as [(String, String?)])
    func aptListsNotRemoved(before: String, after: String?) {
        #expect(Self.fixed(before, "DA402").text == after ?? before)
        #expect(!Self.findings("DA402", before).isEmpty)
    }

    @Test func listsFixIsUnsafeWhenALaterRunInstallsWithoutUpdate() {
        let before = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n"
        #expect(Self.findings("DA402", before).map { $0.fix?.safety } == [.unsafe])
        #expect(Self.fixed(before, "DA402").text == before)
        let updating = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get update && apt-get install -y git\n"
        #expect(Self.findings("DA402", updating).allSatisfy { $0.fix?.safety == .safe })
    }

    @Test(arguments: [
        ("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD [\"python\", \"app.py\"]\n"),
        ("from python:3.12-slim\r\ncmd [\"python\", \"app.py\"]\r\n", "from python:3.12-slim\r\nenv PYTHONUNBUFFERED=1\r\ncmd [\"python\", \"app.py\"]\r\n"),
        ("FROM --platform=linux/amd64 \\\n    python:3.12-slim AS app\nCMD [\"python\", \"app.py\"]\n",
         "FROM --platform=linux/amd64 \\\n    python:3.12-slim AS app\nENV PYTHONUNBUFFERED=1\nCMD [\"python\", \"app.py\"]\n"),
        ("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\nFROM python:3.12-slim", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=1"),
        // set, but empty: an ENV after FROM would be overridden, so no fix
        ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=\nCMD [\"python\", \"app.py\"]\n", "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=\nCMD [\"python\", \"app.py\"]\n"),
    ])
    func pythonUnbufferedMissing(before: String, after: String) {
        #expect(Self.fixed(before, "DA601").text == after)
    }

    @Test func bothPythonVariablesGoAfterTheFinalFrom() {
        let before = "FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir --prefix=/i -e .\nFROM python:3.12-slim\nCOPY --from=build /i /usr/local\nRUN pip install --no-cache-dir -e /src\nCMD [\"python\", \"-m\", \"app\"]\n"
        let result = Self.fixed(before, "DA601", "DA602")
        #expect(result.firstRound == 1, "both insert at one point: one waits a round")
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(Set(lines[3...4]) == ["ENV PYTHONUNBUFFERED=1", "ENV PYTHONDONTWRITEBYTECODE=1"])
        #expect(lines[2] == "FROM python:3.12-slim")
        #expect(Self.fixed(result.text, "DA601", "DA602").firstRound == 0)
    }
}
