/// DA423: `go install`/`go get`/`go run` of a remote package without a version.
struct GoPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA423", name: "go-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3062"],
        summary: "`go install`, `go get` or `go run` names a remote package without `@version`.",
        rationale: """
            `go install golang.org/x/tools/cmd/goimports` (or `@latest`) builds whatever the \
            newest release is on the day of the build, so two builds of one Dockerfile can \
            differ and a new release can break the build with no change on your side. Name a \
            version: `@v0.24.0` (or a commit). `@latest`, `@upgrade`, `@patch` and branch \
            names (`@master`, `@main`, `@HEAD`) move and are not pins. Packages of the module \
            being built are not remote: paths starting `.` or `/`, file names ending `.go`, \
            and import paths whose first element has no dot (`std`, `all`, `mymodule/cmd/app`) \
            pass, and so does `go get` without packages (it reads `go.mod`). With \
            `GO111MODULE=off`, `@version` is not allowed, so nothing is reported.
            """,
        howToFix: "Add a version: `go install golang.org/x/tools/cmd/goimports@v0.24.0`.",
        badExamples: [
            "FROM golang:1.22\nRUN go install ↓golang.org/x/tools/cmd/goimports\n",
            "FROM golang:1.22\nRUN go install ↓github.com/go-delve/delve/cmd/dlv@latest\n",
            "FROM golang:1.22\nRUN go get -u ↓github.com/pkg/errors\n",
            "FROM golang:1.22\nRUN go run ↓github.com/swaggo/swag/cmd/swag@master init\n",
            "FROM golang:1.22\nRUN go install -ldflags '-s -w' github.com/a/b@v1.0.0 ↓github.com/c/d/...\n",
            "FROM golang:1.22\nRUN sudo go install ↓golang.org/x/tools/cmd/goimports\n",
            "FROM golang:1.22\nRUN <<EOF\ngo install ↓golang.org/x/tools/cmd/goimports\nEOF\n",
        ],
        goodExamples: [
            "FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports@v0.24.0\n",
            "FROM golang:1.22\nRUN go install -v github.com/go-delve/delve/cmd/dlv@v1.23.0 github.com/c/d/...@v1.2.0\n",
            "FROM golang:1.22\nCOPY . .\nRUN go get -d -v && go install ./... && go install .\n",
            "FROM golang:1.22\nCOPY . .\nRUN go run main.go && go run ./cmd/gen --out /tmp/x github.com/not/a/package\n",
            "FROM golang:1.22\nCOPY . .\nRUN go install -mod=vendor -o /bin/app myapp/cmd/app\n",
            "FROM golang:1.10\nRUN GO111MODULE=off go get github.com/pkg/errors\n",
            "FROM golang:1.22\nRUN go get github.com/pkg/errors@none && go mod download && go build ./...\n",
        ],
        differences: [
            "differs from hadolint: `go run main.go` (a file), the arguments after `go run`'s package, import paths without a dot in their first element (packages of the module being built), `go get pkg@none` (a removal) and `GO111MODULE=off` (where `@version` is an error) are not reported.",
            "differs from hadolint: branch names (`@master`, `@main`, `@HEAD`) and `@upgrade`/`@patch` are not pins.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// go build flags that take a value in the next word (Go spells long flags with one dash).
    static let optionsWithValues = [
        "-C", "-o", "-p", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags", "-installsuffix", "-ldflags",
        "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-exec", "-covermode", "-coverpkg",
        "C", "o", "p", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags", "installsuffix", "ldflags", "mod",
        "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec", "exec", "covermode", "coverpkg",
    ]
    /// Versions that move: queries and branch names.
    static let movingVersions: Set<String> = ["latest", "upgrade", "patch", "master", "main", "HEAD", ""]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for command in model.scripts[index]?.commands ?? [] where command.commandName == "go" {
            let words = command.positionalArguments(skipping: Self.optionsWithValues)
            guard let verb = words.first?.value, ["install", "get", "run"].contains(verb) else { continue }
            if model.environmentValue("GO111MODULE", for: command, at: index) == "off" { continue }
            // `go run PKG ARGS…`: only the first word is a package.
            let packages = verb == "run" ? Array(words.dropFirst().prefix(1)) : Array(words.dropFirst())
            for word in packages where !word.value.containsBytes("$") && Self.isRemote(word.value) && !Self.isPinned(word.value) {
                let name = word.value.split(separator: "@", maxSplits: 1).first.map(String.init) ?? word.value
                // Since Go 1.16 `go install pkg@version` is how a tool is installed; `go get`
                // only edits go.mod (and outside a module it is an error since Go 1.22).
                let fix = verb == "get" ? "go install \(name)@<version> (or go get \(name)@<version> inside a module)" : "go \(verb) \(name)@<version>"
                findings.report(word.range, "Pin the version: \(fix), with a tag such as v1.2.3 or a commit")
            }
        }
    }

    /// An import path of another module: its first element has a dot (`github.com/…`,
    /// `golang.org/x/…`); not a local path, a `.go` file or a package of the main module.
    static func isRemote(_ path: String) -> Bool {
        if path.hasPrefix(".") || path.hasPrefix("/") || path.hasSuffix(".go") { return false }
        let first = path.prefix { $0 != "/" && $0 != "@" }
        return first.containsBytes(".") && !first.hasPrefix(".")
    }

    /// `@v1.2.3`, `@<commit>`; `@none` (a removal) counts too, since nothing is installed.
    static func isPinned(_ path: String) -> Bool {
        guard let at = path.firstIndex(of: "@") else { return false }
        return !movingVersions.contains(String(path[path.index(after: at)...]))
    }
}
