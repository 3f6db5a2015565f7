import Testing
@testable import DockAuditKit

/// The fixes of the syntax and file rules on the cases their documented example does not
/// show: CRLF files, the backtick escape, continuation lines, lower-case files, a BOM, and
/// values no rewrite can keep (where there must be no fix).
@Suite("Syntax rule fixes")
struct SyntaxFixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var code: String
        var before: String
        /// nil: the rule fires but offers no fix.
        var after: String?
        var unsafe = false
        var testDescription: String { "\(code): \(before.debugDescription)" }
    }

    static func rule(_ code: String) -> any Rule.Type {
        RuleRegistry.all.first { $0.description.code == code }!
    }

    /// Lints with one rule and applies its fixes until nothing changes.
    static func fixed(_ text: String, code: String, unsafe: Bool) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<10 {
            let findings = Linter(rules: [rule(code)]).lint(
                SourceFile(path: "Dockerfile", bytes: bytes), options: LintOptions(asOf: CalendarDate("2026-11-23")))
            let (next, applied) = FixApplier.apply(findings.compactMap(\.fix), to: bytes, includingUnsafe: unsafe)
            if applied == 0 { break }
            bytes = next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func findings(_ text: String, code: String) -> [Finding] {
        Linter(rules: [rule(code)]).lint(SourceFile(path: "Dockerfile", text: text), options: LintOptions(asOf: CalendarDate("2026-11-23")))
    }

    static let cases: [Case] = [
        // DA116 consistent-instruction-casing
        Case(code: "DA116", before: "from alpine\r\nrun true\r\nCOPY . /app\r\n", after: "from alpine\r\nrun true\r\ncopy . /app\r\n"),
        Case(code: "DA116", before: "\u{FEFF}FROM alpine\nRun true\nEntrypoint [\"sh\"]\n", after: "\u{FEFF}FROM alpine\nRUN true\nENTRYPOINT [\"sh\"]\n"),
        Case(code: "DA116", before: "# escape=`\nFROM alpine\nrun echo a `\n    b\n", after: "# escape=`\nFROM alpine\nRUN echo a `\n    b\n"),
        Case(code: "DA116", before: "from alpine\nRU\\\nN true\nrun true\n", after: nil),
        // DA113 from-as-casing
        Case(code: "DA113", before: "from alpine AS base\r\n", after: "from alpine as base\r\n"),
        Case(code: "DA113", before: "FROM alpine \\\n  As base\n", after: "FROM alpine \\\n  AS base\n"),
        // DA105 maintainer-deprecated
        Case(code: "DA105", before: "from alpine\r\nmaintainer jane@example.com\r\n", after: "from alpine\r\nlabel org.opencontainers.image.authors=\"jane@example.com\"\r\n"),
        Case(code: "DA105", before: "FROM alpine\nMAINTAINER Jane \"JD\" Doe $HOME \\o/  \n",
             after: "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" Doe \\$HOME \\\\o/\"  \n"),
        Case(code: "DA105", before: "# escape=`\nFROM alpine\nMAINTAINER C:\\Users\\jane \"x\"\n",
             after: "# escape=`\nFROM alpine\nLABEL org.opencontainers.image.authors=\"C:\\Users\\jane `\"x`\"\"\n"),
        Case(code: "DA105", before: "FROM alpine\nMAINTAINER Jane \\\n  Doe\n", after: nil),
        // DA117 legacy-key-value-format
        Case(code: "DA117", before: "FROM alpine\r\nENV A 1\r\nLABEL k v\r\n", after: "FROM alpine\r\nENV A=1\r\nLABEL k=v\r\n"),
        Case(code: "DA117", before: "FROM alpine\nENV A\t\"x y\"\n", after: "FROM alpine\nENV A=\"x y\"\n"),
        Case(code: "DA117", before: "FROM alpine\nENV PATH /opt/bin:$PATH\n", after: "FROM alpine\nENV PATH=/opt/bin:$PATH\n"),
        Case(code: "DA117", before: "FROM alpine\nENV A x  y\t z\n", after: "FROM alpine\nENV A=\"x  y\t z\"\n"),
        Case(code: "DA117", before: "FROM alpine\nENV A a\\ b\n", after: "FROM alpine\nENV A=a\\ b\n"),
        Case(code: "DA117", before: "FROM alpine\nENV DEPS \\\n    curl \\\n    git\n", after: "FROM alpine\nENV DEPS=\"curl \\\n    git\"\n"),
        // A backslash is plain text under the backtick escape, so quoting keeps it.
        Case(code: "DA117", before: "# escape=`\nFROM alpine\nENV DIR C:\\app `\n  x\n", after: "# escape=`\nFROM alpine\nENV DIR=\"C:\\app `\n  x\"\n"),
        Case(code: "DA117", before: "# escape=`\nFROM alpine\nENV DIR C:\\app `\"x`\" y\n", after: nil),
        Case(code: "DA117", before: "# escape=`\nFROM alpine\nENV DIR C:\\app\n", after: "# escape=`\nFROM alpine\nENV DIR=C:\\app\n"),
        Case(code: "DA117", before: "FROM alpine\nLABEL maintainer Jane \"JD\" Doe\n", after: nil),
        Case(code: "DA117", before: "FROM alpine\nENV A it's here\n", after: nil),
        Case(code: "DA117", before: "FROM alpine\nENV A \\\n# note\n  1\n", after: nil),
        Case(code: "DA117", before: "FROM alpine\nONBUILD ENV APP_HOME /app\n", after: "FROM alpine\nONBUILD ENV APP_HOME=/app\n"),
        Case(code: "DA117", before: "\u{FEFF}FROM alpine\nENV A b c\n", after: "\u{FEFF}FROM alpine\nENV A=\"b c\"\n"),
        // DA118 expose-proto-casing
        Case(code: "DA118", before: "FROM alpine\r\nEXPOSE 80/TCP \\\r\n  53/UDP\r\n", after: "FROM alpine\r\nEXPOSE 80/tcp \\\r\n  53/udp\r\n"),
        Case(code: "DA118", before: "FROM alpine\nARG PROTO=SCTP\nEXPOSE 9000/${PROTO}\n", after: nil),
        // DA201 redundant-target-platform
        Case(code: "DA201", before: "from --platform=${TARGETPLATFORM}\talpine as base\r\n", after: "from alpine as base\r\n"),
        Case(code: "DA201", before: "FROM --platform=\"$TARGETPLATFORM\" \\\n  alpine\n", after: "FROM \\\n  alpine\n"),
        Case(code: "DA201", before: "# escape=`\nFROM --platform=$TARGETPLATFORM `\n  alpine\n", after: "# escape=`\nFROM `\n  alpine\n"),
        // DA301 add-instead-of-copy
        Case(code: "DA301", before: "from alpine\r\nadd --chown=1000 app.py /app/\r\n", after: "from alpine\r\ncopy --chown=1000 app.py /app/\r\n"),
        Case(code: "DA301", before: "FROM alpine\nADD release.zip /opt/\n", after: "FROM alpine\nCOPY release.zip /opt/\n"),
        Case(code: "DA301", before: "FROM alpine\nADD rootfs.tar.gz config.json /\n", after: nil),
        Case(code: "DA301", before: "FROM alpine\nADD *.py /app/\n", after: nil),
        Case(code: "DA301", before: "FROM alpine\nADD --unpack=false app.py /app/\n", after: nil),
        // DA106 workdir-relative-path (unsafe)
        Case(code: "DA106", before: "from alpine\r\nworkdir app\r\n", after: "from alpine\r\nworkdir /app\r\n", unsafe: true),
        Case(code: "DA106", before: "FROM alpine\nARG APP=app\nWORKDIR \"$APP\"\n", after: "FROM alpine\nARG APP=app\nWORKDIR /\"$APP\"\n", unsafe: true),
        // DA302 copy-destination-not-folder
        Case(code: "DA302", before: "FROM alpine\r\nCOPY a.py b.py /app\r\n", after: "FROM alpine\r\nCOPY a.py b.py /app/\r\n"),
        Case(code: "DA302", before: "FROM alpine\nCOPY [\"a b.txt\", \"c.txt\", \"/dst\"]\n", after: "FROM alpine\nCOPY [\"a b.txt\", \"c.txt\", \"/dst/\"]\n"),
        Case(code: "DA302", before: "# escape=`\nFROM alpine\nCOPY a b `\n  /srv\n", after: "# escape=`\nFROM alpine\nCOPY a b `\n  /srv/\n"),
        Case(code: "DA302", before: "FROM alpine\nENV APP=/srv/app\nCOPY a b $APP\n", after: "FROM alpine\nENV APP=/srv/app\nCOPY a b $APP/\n"),
        // DA110 json-args-recommended (safe for a CMD without an ENTRYPOINT of the file, else unsafe)
        Case(code: "DA110", before: "FROM alpine\r\nENTRYPOINT /entrypoint.sh start\r\n", after: "FROM alpine\r\nENTRYPOINT [\"/entrypoint.sh\", \"start\"]\r\n", unsafe: true),
        Case(code: "DA110", before: "FROM alpine\ncmd python \\\n  -m http.server\n", after: "FROM alpine\ncmd [\"python\", \"-m\", \"http.server\"]\n"),
        Case(code: "DA110", before: "FROM alpine AS base\nENTRYPOINT [\"tini\", \"--\"]\nFROM base\nCMD python -m http.server\n", after: "FROM alpine AS base\nENTRYPOINT [\"tini\", \"--\"]\nFROM base\nCMD [\"python\", \"-m\", \"http.server\"]\n", unsafe: true),
        Case(code: "DA110", before: "FROM alpine\nCMD echo $HOME\n", after: nil),
        Case(code: "DA110", before: "FROM alpine\nCMD python app.py > /log\n", after: nil),
        Case(code: "DA110", before: "FROM alpine\nCMD DEBUG=1 python app.py\n", after: nil),
        Case(code: "DA110", before: "FROM alpine\nCMD cd /app && ./run\n", after: nil),
        Case(code: "DA110", before: "FROM alpine\nCMD python \\\n# the server\n  app.py\n", after: nil),
        // DA112 stage-name-casing
        Case(code: "DA112", before: "FROM golang:1.22 AS Builder\r\nFROM Builder AS Test\r\nRUN --mount=type=cache,from=BUILDER,target=/c true\r\nFROM alpine\r\nCOPY --from=Builder /out /app\r\nCOPY --from=\"Builder\" /out /app\r\n",
             after: "FROM golang:1.22 AS builder\r\nFROM builder AS test\r\nRUN --mount=type=cache,from=builder,target=/c true\r\nFROM alpine\r\nCOPY --from=builder /out /app\r\nCOPY --from=\"Builder\" /out /app\r\n"),
        Case(code: "DA112", before: "\u{FEFF}from alpine as BASE\nfrom base\n", after: "\u{FEFF}from alpine as base\nfrom base\n"),
    ]

    @Test(arguments: cases)
    func fixes(_ test: Case) {
        #expect(!Self.findings(test.before, code: test.code).isEmpty, "the rule fires")
        let result = Self.fixed(test.before, code: test.code, unsafe: test.unsafe)
        #expect(result == (test.after ?? test.before))
        if let after = test.after {
            #expect(Self.fixed(after, code: test.code, unsafe: true) == after, "a second --fix changes nothing")
            #expect(Self.findings(after, code: test.code).allSatisfy { $0.fix == nil })
            if test.unsafe { #expect(Self.fixed(test.before, code: test.code, unsafe: false) == test.before) }
        }
    }

    /// The environment the ENV rewrites leave is the one the legacy form gave, as the
    /// model (which expands ENV values as BuildKit does) reads it.
    @Test(arguments: cases.filter { $0.code == "DA117" && $0.after != nil && $0.before.contains("ENV") && !$0.before.contains("ONBUILD") })
    func legacyEnvValuesAreKept(_ test: Case) throws {
        func environment(_ text: String) -> [String: String?] {
            let model = DockerfileModel(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text + "RUN true\n")))
            let scope = model.states[model.states.count - 1].variables
            var values: [String: String?] = [:]
            for name in ["A", "PATH", "DEPS", "DIR", "APP_HOME"] { values[name] = scope[name]?.value }
            return values
        }
        let after = try #require(test.after)
        #expect(environment(test.before) == environment(after))
        #expect(environment(after).values.contains { $0 != nil })
    }
}
