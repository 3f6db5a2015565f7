import Testing
@testable import DockAuditKit

struct TOMLTests {
    @Test func valuesOfEveryKind() throws {
        let text = #"""
        # comment
        title = "TOML \"basic\" \u00e9\tend" # trailing comment
        literal = 'C:\path\n'
        multi = """
        Roses are red
        Violets are \
            blue"""
        quotes = """Here are two quotation marks: "". Three: ""\"."""
        ends = """ends with a quote:""""
        raw = '''
        first line
          'quoted' \n'''
        int = +99
        hex = 0xDEAD_beef
        float = 6.626e-34
        under = 1_000.5
        infinity = -inf
        yes = true
        no = false
        odt = 1979-05-27T07:32:00Z
        ldt = 1979-05-27 07:32:00.999
        ld = 1979-05-27
        lt = 07:32:00
        "quoted key" = 1
        'literal key' = 2
        dotted . key = 3
        array = [
          1,
          2, # comment inside
          [ "nested", 'mixed' ],
        ]
        empty = []
        inline = { a = 1, b.c = "x", d = { e = [1, 2] } }
        """#
        let table = try TOML.parse(text)
        #expect(table["title"] == .string("TOML \"basic\" é\tend"))
        #expect(table["literal"] == .string(#"C:\path\n"#))
        #expect(table["multi"] == .string("Roses are red\nViolets are blue"))
        #expect(table["quotes"] == .string(#"Here are two quotation marks: "". Three: """."#))
        #expect(table["ends"] == .string(#"ends with a quote:""#))
        #expect(table["raw"] == .string("first line\n  'quoted' \\n"))
        #expect(table["int"] == .integer("+99"))
        #expect(table["hex"] == .integer("0xDEAD_beef"))
        #expect(table["float"] == .float("6.626e-34"))
        #expect(table["under"] == .float("1_000.5"))
        #expect(table["infinity"] == .float("-inf"))
        #expect(table["yes"] == .boolean(true))
        #expect(table["no"] == .boolean(false))
        #expect(table["odt"] == .datetime("1979-05-27T07:32:00Z"))
        #expect(table["ldt"] == .datetime("1979-05-27 07:32:00.999"))
        #expect(table["ld"] == .datetime("1979-05-27"))
        #expect(table["lt"] == .datetime("07:32:00"))
        #expect(table["quoted key"] == .integer("1"))
        #expect(table["literal key"] == .integer("2"))
        #expect(table.value(at: ["dotted", "key"]) == .integer("3"))
        #expect(table["array"] == .array([.integer("1"), .integer("2"), .array([.string("nested"), .string("mixed")])]))
        #expect(table["empty"] == .array([]))
        #expect(table.value(at: ["inline", "b", "c"]) == .string("x"))
        #expect(table.value(at: ["inline", "d", "e"]) == .array([.integer("1"), .integer("2")]))
        #expect(table.keys.first == "title")
    }

    @Test func tablesAndArraysOfTables() throws {
        let text = """
        [a.b.c]
        x = 1
        [a]
        y = 2
        [a.b]
        z = 3
        [fruit]
        apple.color = "red"
        [fruit.apple.texture]
        smooth = true

        [[products]]
        name = "Hammer"
        [[products]]
        name = "Nail"
        [products.details]
        weight = 1
        [ "quoted" . 'table' ]
        k = "v"
        """
        let table = try TOML.parse(text)
        #expect(table.value(at: ["a", "b", "c", "x"]) == .integer("1"))
        #expect(table.value(at: ["a", "y"]) == .integer("2"))
        #expect(table.value(at: ["a", "b", "z"]) == .integer("3"))
        #expect(table.value(at: ["fruit", "apple", "texture", "smooth"]) == .boolean(true))
        let products = table["products"]?.array ?? []
        #expect(products.count == 2)
        #expect(products[1].table?.value(at: ["details", "weight"]) == .integer("1"))
        #expect(table.value(at: ["quoted", "table", "k"]) == .string("v"))
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var text: String
        var line: Int
        var testDescription: String { text.debugDescription }
    }

    static let malformed: [Malformed] = [
        Malformed(text: "a = 1\nb = \n", line: 2),
        Malformed(text: "a = 1\na = 2\n", line: 2),
        Malformed(text: "[t]\nx = 1\n[t]\n", line: 3),
        Malformed(text: "a = \"open\nb = 1\n", line: 1),
        Malformed(text: "x = [1, 2\ny = 3\n", line: 2),
        Malformed(text: "deps = [\n  \"a\",\n  \"b\"\n", line: 1),
        Malformed(text: "s = \"\"\"never closed\n\nmore\n", line: 1),
        Malformed(text: "a.b = 1\n[a]\n", line: 2),
        Malformed(text: "[fruit]\napple.color = 'red'\n[fruit.apple]\n", line: 3),
        Malformed(text: "t = {a = 1}\n[t]\n", line: 2),
        Malformed(text: "t = {a = 1}\nt.b = 2\n", line: 2),
        Malformed(text: "arr = [1]\n[[arr]]\n", line: 2),
        Malformed(text: "k = 1 2\n", line: 1),
        Malformed(text: "k = 0123\n", line: 1),
        Malformed(text: "k = \"\\q\"\n", line: 1),
        Malformed(text: "[project\nname = 'x'\n", line: 1),
        Malformed(text: "x = tru\n", line: 1),
        Malformed(text: "\n\n\nkey without value\n", line: 4),
        Malformed(text: "x = [\n 1,\n 2\n 3]\n", line: 4),
        // TOML 1.0 as tomllib reads it: inline tables on one line, no trailing comma,
        // no \e or \x escapes, no byte-order mark.
        Malformed(text: "a = 1\nt = { b = 1,\n c = 2 }\n", line: 2),
        Malformed(text: "t = { b = 1, }\n", line: 1),
        Malformed(text: "deps = [\n  {# jinja #}\n  \"django\",\n]\n", line: 2),
        Malformed(text: "a = \"\\e\"\n", line: 1),
        Malformed(text: "a = \"\\x41\"\n", line: 1),
        Malformed(text: "\u{FEFF}a = 1\n", line: 1),
    ]

    @Test(arguments: malformed)
    func malformedTOMLHasALineNumber(_ row: Malformed) {
        #expect(throws: TOMLError.self) { try TOML.parse(row.text) }
        do {
            _ = try TOML.parse(row.text)
        } catch {
            #expect(error.line == row.line, "\(error)")
        }
    }

    // MARK: pyproject.toml

    @Test func poetryProject() throws {
        let project = try PyProject(text: """
        [tool.poetry]
        name = "shop"
        version = "0.1.0"

        [tool.poetry.dependencies]
        python = "^3.11"
        django = "4.2.7"
        requests = "^2.31"
        celery = { version = "==5.3.4", extras = ["redis"] }
        internal = { path = "../internal", develop = true }
        lib = { git = "https://github.com/o/lib.git", rev = "0123456789abcdef0123456789abcdef01234567" }
        other = { git = "https://github.com/o/other.git", branch = "main" }
        multi = [
            { version = "1.0", python = "<3.12" },
            { version = "2.0", python = ">=3.12" },
        ]

        [tool.poetry.dev-dependencies]
        pytest = "^7"

        [tool.poetry.group.lint.dependencies]
        ruff = "0.1.6"

        [tool.poetry.group.docs]
        optional = true
        [tool.poetry.group.docs.dependencies]
        mkdocs = "*"

        [build-system]
        requires = ["poetry-core>=1.0.0"]
        build-backend = "poetry.core.masonry.api"
        """)
        #expect(project.declaredManager == .poetry)
        #expect(project.buildBackend == "poetry.core.masonry.api")
        #expect(project.buildRequires == ["poetry-core>=1.0.0"])
        #expect(project.name == "shop")
        let poetry = try #require(project.poetry)
        #expect(poetry.python == "^3.11")
        #expect(poetry.main.map(\.name) == ["django", "requests", "celery", "internal", "lib", "other", "multi"])
        #expect(poetry.main.map(\.isPinned) == [true, false, true, true, true, false, false])
        #expect(poetry.main[2].extras == ["redis"])
        #expect(poetry.legacyDev.map(\.name) == ["pytest"])
        #expect(poetry.groups.map(\.name) == ["lint", "docs"])
        #expect(poetry.groups.map(\.isOptional) == [false, true])
        #expect(project.poetryGroupNames == ["lint", "docs"])
    }

    @Test func uvProjectWithGroups() throws {
        let project = try PyProject(text: """
        [project]
        name = "api"
        version = "1.0"
        requires-python = ">=3.12"
        dependencies = [
            "fastapi[standard]<1.0.0,>=0.114.2",
            "sqlmodel==0.0.22",
        ]

        [dependency-groups]
        dev = ["pytest<8.0.0,>=7.4.3", "mypy", { include-group = "lint" }]
        lint = ["ruff"]

        [tool.uv]
        dev-dependencies = ["pre-commit"]

        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        """)
        #expect(project.declaredManager == .uv)
        #expect(project.dependencies.count == 2)
        #expect(project.dependencyGroupNames == ["dev", "lint"])
        #expect(project.dependencyGroups[0].requirements == ["pytest<8.0.0,>=7.4.3", "mypy"])
        #expect(project.dependencyGroups[0].includedGroups == ["lint"])
        #expect(project.dependencyGroups[0].parsed.map { $0?.normalizedName } == ["pytest", "mypy"])
        #expect(project.uvDevDependencies == ["pre-commit"])
    }

    @Test func pep621WithExtrasAndHatch() throws {
        let plain = try PyProject(text: """
        [project]
        name = "tool"
        dependencies = ["click>=8"]
        [project.optional-dependencies]
        dev = ["black", "ruff"]
        test = ["pytest"]
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"
        """)
        #expect(plain.declaredManager == .pep621)
        #expect(plain.extraNames == ["dev", "test"])
        #expect(plain.optionalDependencies[0].requirements == ["black", "ruff"])

        let hatch = try PyProject(text: """
        [project]
        name = "h"
        [tool.hatch.envs.default]
        dependencies = ["pytest"]
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        """)
        #expect(hatch.declaredManager == .hatch)
    }

    @Test(arguments: [
        ("[project]\nname='x'\n", ["uv.lock"], PythonProjectManager.uv),
        ("[project]\nname='x'\n", ["pdm.lock"], .pdm),
        ("[project]\nname='x'\n[build-system]\nbuild-backend='hatchling.build'\n", ["uv.lock"], .uv),
        ("[tool.black]\nline-length=88\n", ["Pipfile"], .pipenv),
        ("[tool.black]\nline-length=88\n", [], .unknown),
        ("[build-system]\nbuild-backend = 'poetry.core.masonry.api'\n", [], .poetry),
        ("[tool.pdm]\n", [], .pdm),
        ("[project]\nname='x'\n[tool.hatch.build.targets.wheel]\npackages=['x']\n", ["uv.lock"], .uv),
        ("[tool.uv]\n", ["poetry.lock"], .uv),
        ("[build-system]\nbuild-backend = 'poetry.core.masonry.api'\n", ["uv.lock"], .poetry),
    ])
    func managerDetection(_ text: String, _ files: [String], _ expected: PythonProjectManager) throws {
        #expect(PythonProjectManager.detect(pyproject: try TOML.parse(text), files: Set(files)) == expected)
    }
}
