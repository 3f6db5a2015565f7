import Testing
@testable import DockAuditKit

struct RequirementsTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var line: String
        var name: String?
        var extras: [String] = []
        var specifiers: [String] = []
        var marker: String?
        var pin: RequirementPin
        var pinned: Bool
        var testDescription: String { line }
    }

    static let rows: [Row] = [
        Row(line: "requests", name: "requests", pin: .unversioned, pinned: false),
        Row(line: "requests==2.31.0", name: "requests", specifiers: ["==2.31.0"], pin: .exactVersion("2.31.0"), pinned: true),
        Row(line: "Django_REST.framework >= 3.14, < 4", name: "django-rest-framework", specifiers: [">=3.14", "<4"],
            pin: .versionRange, pinned: false),
        Row(line: "numpy==1.26.*", name: "numpy", specifiers: ["==1.26.*"], pin: .versionRange, pinned: false),
        Row(line: "flask===2.3.3", name: "flask", specifiers: ["===2.3.3"], pin: .exactVersion("2.3.3"), pinned: true),
        Row(line: "celery[redis,msgpack]~=5.3", name: "celery", extras: ["redis", "msgpack"], specifiers: ["~=5.3"],
            pin: .versionRange, pinned: false),
        Row(line: "uvicorn[standard] (==0.23.2)", name: "uvicorn", extras: ["standard"], specifiers: ["==0.23.2"],
            pin: .exactVersion("0.23.2"), pinned: true),
        Row(line: #"tomli==2.0.1; python_version < "3.11""#, name: "tomli", specifiers: ["==2.0.1"],
            marker: #"python_version < "3.11""#, pin: .exactVersion("2.0.1"), pinned: true),
        Row(line: "pywin32>=306 ;sys_platform=='win32'", name: "pywin32", specifiers: [">=306"], marker: "sys_platform=='win32'",
            pin: .versionRange, pinned: false),
        Row(line: "pkg @ https://example.com/pkg-1.0.0-py3-none-any.whl", name: "pkg", pin: .versionedArchive, pinned: true),
        Row(line: "pkg @ https://example.com/archive/main.zip", name: "pkg", pin: .mutableURL, pinned: false),
        Row(line: "pkg @ https://example.com/src.tar.gz#sha256=0123abcd", name: "pkg", pin: .urlWithHash, pinned: true),
        Row(line: "pkg @ git+https://github.com/o/pkg.git@0123456789abcdef0123456789abcdef01234567", name: "pkg",
            pin: .vcsCommit("0123456789abcdef0123456789abcdef01234567"), pinned: true),
        Row(line: "pkg @ git+https://github.com/o/pkg.git@v1.2.0", name: "pkg", pin: .vcsMovingReference, pinned: false),
        Row(line: "pkg @ git+ssh://git@github.com/o/pkg.git", name: "pkg", pin: .vcsMovingReference, pinned: false),
        Row(line: "git+https://github.com/o/pkg.git@0123456789abcdef0123456789abcdef01234567#egg=pkg", name: "pkg",
            pin: .vcsCommit("0123456789abcdef0123456789abcdef01234567"), pinned: true),
        Row(line: "git+https://github.com/o/pkg.git@main#egg=Pkg_Name", name: "pkg-name", pin: .vcsMovingReference, pinned: false),
        Row(line: "https://files.example/simple/wheel_pkg-2.0-cp312-cp312-manylinux_2_17_x86_64.whl", name: "wheel-pkg",
            pin: .versionedArchive, pinned: true),
        Row(line: "https://github.com/o/r/archive/0123456789abcdef0123456789abcdef01234567.zip", name: nil,
            pin: .vcsCommit("0123456789abcdef0123456789abcdef01234567"), pinned: true),
        Row(line: #"https://example.com/latest.tar.gz; python_version>"3""#, name: nil, marker: #"python_version>"3""#,
            pin: .mutableURL, pinned: false),
        Row(line: "./pkg", name: nil, pin: .localPath, pinned: true),
        Row(line: ".", name: nil, pin: .localPath, pinned: true),
        Row(line: "./libs/core[extra]", name: nil, extras: ["extra"], pin: .localPath, pinned: true),
        Row(line: "dist/mypkg-0.1.0-py3-none-any.whl", name: "mypkg", pin: .localPath, pinned: true),
        Row(line: "mypkg-0.1.0.tar.gz", name: "mypkg", pin: .localPath, pinned: true),
        Row(line: "file:///wheels/x-1.0-py3-none-any.whl", name: "x", pin: .localPath, pinned: true),
    ]

    @Test(arguments: rows)
    func requirementForms(_ row: Row) throws {
        let requirement = try PythonRequirement.parse(row.line)
        #expect(requirement.normalizedName == row.name)
        #expect(requirement.extras == row.extras)
        #expect(requirement.specifiers.map { $0.op + $0.version } == row.specifiers)
        #expect(requirement.marker == row.marker)
        #expect(requirement.pin == row.pin)
        #expect(requirement.isPinned == row.pinned)
    }

    @Test(arguments: ["requests ==", "requests[", "pkg>=1.0 junk", ";python_version<'3'"])
    func invalidRequirements(_ line: String) {
        #expect(throws: PythonRequirement.ParseError.self) { try PythonRequirement.parse(line) }
    }

    @Test func normalization() {
        #expect(PythonRequirement.normalize("Foo.Bar__baz--Qux") == "foo-bar-baz-qux")
    }

    @Test func fileForms() throws {
        let text = """
        # Top comment \\
        --index-url https://pypi.example/simple
        --extra-index-url=https://extra.example/simple --trusted-host extra.example
        --require-hashes
        -r base.txt
        --constraint=../constraints/c.txt
        requests==2.31.0 \\
            --hash=sha256:aaaa \\
            --hash=sha256:bbbb
        flask>=2  # web framework
        pkg#egg  
        -e .
        -e git+https://github.com/o/tool.git@main#egg=tool
        --editable ./libs/shared
        numpy==1.26.4 --config-settings=setup-args=-Dblas=none
        --no-binary :all:
        --bogus-option
        bad requirement here !
        uvicorn[standard]==0.23.2 ; python_version >= "3.8"
        """
        let file = RequirementsFile(text: text, path: "app/requirements.txt")
        #expect(file.options.map(\.name) == ["--index-url", "--extra-index-url", "--trusted-host", "--require-hashes", "--no-binary"])
        #expect(file.options.map(\.value) == ["https://pypi.example/simple", "https://extra.example/simple", "extra.example", nil, ":all:"])
        #expect(file.options.map(\.line) == [2, 3, 3, 4, 16])
        #expect(file.requiresHashes)
        #expect(file.includes.map(\.target) == ["base.txt", "../constraints/c.txt"])
        #expect(file.includes.map(\.resolvedPath) == ["app/base.txt", "constraints/c.txt"])
        #expect(file.includes.map(\.isConstraint) == [false, true])
        #expect(file.includes.map(\.line) == [5, 6])

        let names = file.entries.map { $0.requirement?.normalizedName ?? "-" }
        // `pkg#egg`: no white space before `#`, so not a comment, and not a requirement either.
        #expect(names == ["requests", "flask", "-", "-", "tool", "-", "numpy", "-", "uvicorn"])
        #expect(file.entries.map(\.line) == [7, 10, 11, 12, 13, 14, 15, 18, 19])
        #expect(file.entries[0].hashes == ["sha256:aaaa", "sha256:bbbb"])
        #expect(file.entries[0].isPinned)
        #expect(!file.entries[1].isPinned)
        #expect(file.entries[1].text == "flask>=2")
        #expect(file.entries.map(\.isEditable) == [false, false, false, true, true, true, false, false, false])
        #expect(file.entries[3].requirement?.isLocal == true)
        #expect(file.entries[4].requirement?.pin == .vcsMovingReference)
        #expect(file.entries[6].options.map(\.name) == ["--config-settings"])
        #expect(file.entries[8].requirement?.marker == #"python_version >= "3.8""#)
        #expect(file.problems.map(\.kind) == [.invalidRequirement, .unknownOption, .invalidRequirement])
        #expect(file.problems.map(\.line) == [11, 17, 18])
    }

    @Test func shortAndAbbreviatedOptions() {
        let file = RequirementsFile(text: "-rother.txt\n-i https://idx\n--extra-index https://x\n-c c.txt\n--pre\n", path: "requirements.txt")
        #expect(file.includes.map(\.resolvedPath) == ["other.txt", "c.txt"])
        #expect(file.options.map(\.name) == ["--index-url", "--extra-index-url", "--pre"])
    }

    @Test func continuationsAndComments() {
        let text = "a==1 \\\n# comment ends the continuation \\\nb==2\nc==3 \\\n  --hash=sha256:cc\nd\\\n"
        let file = RequirementsFile(text: text, path: "r.txt")
        #expect(file.entries.map(\.text) == ["a==1", "b==2", "c==3", "d"])
        #expect(file.entries.map(\.line) == [1, 3, 4, 6])
        #expect(file.entries[2].hashes == ["sha256:cc"])
    }

    /// Reads from an in-memory context.
    static func load(_ root: String, _ files: [String: String]) -> RequirementSet {
        RequirementSet.load(root) { path in files[path].map { .text($0) } ?? .missing }
    }

    @Test func includesResolveAgainstTheIncludingFile() {
        let set = RequirementsTests.load("requirements/production.txt", [
            "requirements/production.txt": "-r base.txt\ngunicorn==21.2.0\n",
            "requirements/base.txt": "-r ./common/core.txt\n-c ../constraints.txt\ndjango>=4\n",
            "requirements/common/core.txt": "attrs\n",
            "constraints.txt": "django==4.2.7\n",
        ])
        #expect(set.files.map(\.path) == ["requirements/production.txt", "requirements/base.txt",
                                          "requirements/common/core.txt", "constraints.txt"])
        #expect(set.problems.isEmpty)
        #expect(set.requirements.map { $0.requirement!.normalizedName! } == ["gunicorn", "django", "attrs"])
        #expect(set.constraints.map(\.file) == ["constraints.txt"])
        // django is pinned by the constraints file; attrs is not pinned anywhere.
        #expect(set.unpinnedRequirements.map(\.normalizedName) == ["attrs"])
        #expect(set.unpinnedRequirements.map(\.file) == ["requirements/common/core.txt"])
    }

    @Test func cyclesAndMissingFilesAreReportedOnce() {
        let set = RequirementsTests.load("a.txt", [
            "a.txt": "-r b.txt\n-r missing.txt\nx==1\n",
            "b.txt": "-r a.txt\n-r b.txt\ny==1\n",
        ])
        #expect(set.files.map(\.path) == ["a.txt", "b.txt"])
        #expect(set.problems.map(\.kind) == [.includeCycle, .includeCycle, .missingInclude])
        #expect(set.problems.map(\.file) == ["b.txt", "b.txt", "a.txt"])
        #expect(set.problems.map(\.line) == [1, 2, 2])
        #expect(set.requirements.count == 2)
    }

    /// pip: `-r` inside a constraints file reads requirements, only `-c` constrains.
    @Test func requirementIncludedFromAConstraintsFile() {
        let set = RequirementsTests.load("r.txt", [
            "r.txt": "-c c.txt\n",
            "c.txt": "attrs==23.1.0\n-r more.txt\n",
            "more.txt": "cattrs\n",
        ])
        #expect(set.constraints.map(\.normalizedName) == ["attrs"])
        #expect(set.requirements.map(\.normalizedName) == ["cattrs"])
    }

    @Test func includesLeavingTheContextOrRemoteAreNotFollowed() {
        let set = RequirementsTests.load("r.txt", [
            "r.txt": "-r ../outside.txt\n-r https://example.com/r.txt\n-r /abs/r.txt\n",
        ])
        #expect(set.problems.map(\.kind) == [.includeOutsideContext, .includeNotFollowed, .includeNotFollowed])
    }

    @Test func missingRoot() {
        let set = RequirementsTests.load("requirements.txt", [:])
        #expect(set.files.isEmpty)
        #expect(set.problems.map(\.kind) == [.missingInclude])
    }

    @Test func shellSplit() {
        guard case .success(let words) = RequirementsFile.shellSplit(#"--a "b c" 'd e' f\ g "h\"i""#) else {
            Issue.record("split failed")
            return
        }
        #expect(words == ["--a", "b c", "d e", "f g", #"h"i"#])
        guard case .failure = RequirementsFile.shellSplit(#"--a "open"#) else {
            Issue.record("an open quote must fail")
            return
        }
    }
}
