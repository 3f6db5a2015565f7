/// DA615: compilers and headers left in the image that ships.
struct BuildToolsInFinalImage: Rule {
    static let description = RuleDescription(
        code: "DA615", name: "build-tools-in-final-image", severity: .info, category: .python,
        summary: "The final stage installs compilers or development headers (gcc, build-essential, *-dev) and never removes them.",
        rationale: """
            Compilers and `-dev` header packages are needed to build wheels from source, not \
            to run them. Left in the shipped image they add tens to hundreds of megabytes and \
            give an attacker who gets in a toolchain to build with. hynek: "multi-stage \
            builds, so you don't ship your build tools". Build in a builder stage and copy the \
            result (a virtualenv, wheels, `--prefix` tree) into a clean final stage, or remove \
            the tools in the same RUN that used them. Checked in the stage that is built, with \
            what it inherits: apt-get/apt/aptitude, apk, dnf/yum/microdnf and zypper installs \
            of `gcc`, `g++`, `gcc-c++`, `clang`, `make`, `build-essential`, `build-base`, \
            `alpine-sdk`, `gfortran`, `linux-headers` and any `*-dev`/`*-devel` package, unless \
            a later command removes them (`apt-get purge/remove`, `apk del` of the package or \
            of the `--virtual` group it was added with, `dnf remove`, `zypper rm`). \
            `apt-get autoremove` alone does not remove packages you installed by name, so it \
            counts only after `apt-mark auto`. A tool the container's own command runs (`CMD \
            [\"make\", \"serve\"]`) is not reported. As a Python rule it judges images that \
            run Python (DESIGN's definition); toolchain images (rust, buildpack-deps), \
            development containers (a `devcontainers` base) and base images whose command is \
            the bare interpreter (`CMD [\"python3\"]`: the full `python` images ship \
            compilers on purpose) are left alone.
            """,
        howToFix: "Move the compile step to a builder stage (`FROM python:3.12-slim AS build` … `pip wheel`/`python -m venv`) and copy only the result into the final stage; install the runtime libraries (`libpq5`, not `libpq-dev`). Or add `apk add --virtual .build-deps …` and `apk del .build-deps` / `apt-get purge -y --auto-remove gcc …` in the same RUN.",
        badExamples: [
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ↓gcc libpq-dev && pip install --no-cache-dir psycopg2==2.9.9\n",
            "FROM python:3.12-alpine\nRUN apk add --no-cache ↓build-base linux-headers && pip install --no-cache-dir psutil==6.0.0\n",
            "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y ↓build-essential\nFROM base\nRUN pip install --no-cache-dir numpy==2.1.0\n",
            "FROM python:3.12-slim\nARG BUILD_DEPS=\"gcc libffi-dev\"\nRUN apt-get install -y ↓$BUILD_DEPS && pip install cffi==1.17.1 && apt-get autoremove -y\n",
            "FROM registry.access.redhat.com/ubi9/python-312\nRUN dnf install -y ↓gcc-c++ python3-devel && pip install pandas==2.2.3\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y gcc libpq-dev && pip wheel -w /wheels psycopg2==2.9.9\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
            "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir psutil==6.0.0 && apk del .build-deps\n",
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev && pip install psycopg2==2.9.9 && apt-get purge -y --auto-remove gcc libpq-dev\n",
            "FROM python:3.12-slim\nARG BUILD_DEPS=\"gcc libffi-dev\"\nRUN apt-get install -y $BUILD_DEPS && pip install cffi==1.17.1\nRUN apt-get purge -y $BUILD_DEPS\n",
            "FROM python:3.12-slim\nRUN apt-get install -y libpq5 curl && pip install psycopg2-binary==2.9.9\n",
            "FROM python:3.12-slim\nRUN apt-get install -y make\nCMD [\"make\", \"serve\"]\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc libc6-dev && curl -sSf https://sh.rustup.rs -o rustup.sh\n",
            "FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN apt-get update && apt-get install -y build-essential\n",
            "FROM python:3.12-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\" && apt-get install -y gcc && pip install x==1 && apt-mark auto '.*' && apt-mark manual $savedAptMark && apt-get purge -y --auto-remove\n",
        ])

    static let tools: Set<String> = [
        "gcc", "g++", "gcc-c++", "cc", "c++", "clang", "make", "build-essential", "build-base", "alpine-sdk", "gfortran",
        "linux-headers", "kernel-headers",
    ]

    static func isBuildTool(_ name: String) -> Bool {
        if tools.contains(name) || name.hasSuffix("-dev") || name.hasSuffix("-devel") { return true }
        for prefix in ["gcc-", "g++-", "clang-", "linux-headers-"] where name.hasPrefix(prefix) {
            if let next = name.dropFirst(prefix.count).first, next.isNumber || prefix == "linux-headers-" { return true }
        }
        return false
    }

    struct Installed {
        var name: String
        var word: ShellWord
        var manager: SystemPackageCommand.Manager
        var command: Int
        var group: String?
    }

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let stage = context.finalStage, model.runsPython(stage), !model.isDevContainer(stage),
            !model.startsInteractiveInterpreter(stage)
        else { return }
        let chain = ([stage] + model.ancestors(of: stage)).reversed()
        let started = Set(model.startProcess(of: stage).commands.map(\.commandName))
        var installed: [Installed] = []
        var markedAuto = false
        var commandNumber = 0
        for current in chain {
            for index in current.instructionIndices where context.instructions[index].kind == .run {
                for command in model.scripts[index]?.commands ?? [] {
                    commandNumber += 1
                    if command.commandName == "apt-mark", command.arguments.first?.value == "auto" { markedAuto = true }
                    guard let packages = SystemPackageCommand(command) else { continue }
                    let names = packages.packages.map { word in (word, Self.names(of: word, at: index, model: model)) }
                    switch packages.action {
                    case .install:
                        for (word, wordNames) in names {
                            for name in wordNames ?? [] where Self.isBuildTool(name) && !started.contains(name) {
                                installed.append(Installed(name: name, word: word, manager: packages.manager, command: commandNumber, group: packages.virtualGroup))
                            }
                        }
                    case .remove(let autoRemove):
                        // A word whose value is not known here may name anything.
                        if names.contains(where: { $0.1 == nil }) {
                            installed.removeAll { $0.manager == packages.manager }
                            continue
                        }
                        let removed = names.flatMap { $0.1 ?? [] }
                        installed.removeAll { item in
                            item.manager == packages.manager
                                && (removed.contains { Self.matches($0, item.name) } || item.group.map(removed.contains) == true
                                    || (autoRemove && markedAuto))
                        }
                    case .autoRemove:
                        if markedAuto { installed.removeAll { $0.manager == packages.manager } }
                    }
                }
            }
        }
        var byCommand: [Int: [Installed]] = [:]
        for item in installed { byCommand[item.command, default: []].append(item) }
        for command in byCommand.keys.sorted() {
            let items = byCommand[command]!
            let names = items.map(\.name)
            let listed = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
            findings.report(
                items[0].word.range,
                "\(listed) \(names.count == 1 ? "is" : "are") installed in the final image and never removed; build in a builder stage and copy the result, or remove \(names.count == 1 ? "it" : "them") in the same RUN")
        }
    }

    /// The package names a word stands for (an ARG/ENV list such as `$BUILD_DEPS` gives
    /// several); nil when the value is not known here.
    static func names(of word: ShellWord, at index: Int, model: DockerfileModel) -> [String]? {
        var text = word.value
        if !word.isLiteral {
            text = model.expand(word.value, at: index)
            if text.containsBytes("$") || text.containsBytes("`") { return nil }
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { SystemPackageCommand.packageName(String($0)) }
    }

    /// A removal word (maybe a glob such as `gcc*` or `*-dev`) names the package.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        guard pattern.containsBytes("*") else { return pattern == name }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard name.hasPrefix(parts.first ?? ""), name.hasSuffix(parts.last ?? "") else { return false }
        return true
    }
}
