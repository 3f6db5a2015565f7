/// DA614: Python packages installed on a musl (Alpine) Python.
struct PythonAlpine: Rule {
    static let description = RuleDescription(
        code: "DA614", name: "python-alpine", severity: .info, category: .python,
        summary: "A Python image on Alpine installs packages with pip (or uv, poetry, pipenv, pdm).",
        rationale: """
            Alpine uses musl instead of glibc, so the `manylinux` wheels most packages publish \
            do not apply. Packages with C extensions and no `musllinux` wheel (PEP 656; many \
            projects publish them today, many still do not) are built from source at every \
            build: much slower builds, a compiler and headers in the image, and sometimes \
            subtle runtime differences (pythonspeed: "Using Alpine can make Python Docker \
            builds 50× slower"). The size Alpine saves is usually lost again to the build \
            tools. The Debian-based `python:X.Y-slim` images are the usual choice (source 004: \
            slim over alpine). A stage on `alpine` that installs `python3` with apk counts too. \
            Each Alpine base is reported once, at its FROM, when it or a stage built on it \
            installs Python packages. \
            Every installer downloads the same wheels, so uv, poetry, pipenv and pdm installs count as much as pip's.
            """,
        howToFix: "Use the slim Debian variant of the same Python (`python:3.12-slim` instead of `python:3.12-alpine`); if the image must stay on Alpine, check that every dependency ships a musllinux wheel.",
        badExamples: [
            "FROM ↓python:3.12-alpine\nRUN pip install --no-cache-dir flask==3.0.3\n",
            "ARG PYTHON_VERSION=3.11\nFROM ↓python:${PYTHON_VERSION}-alpine3.20 AS build\nRUN pip wheel -w /wheels psycopg2==2.9.9\nFROM build\nRUN pip install /wheels/*\n",
            "FROM ↓alpine:3.20\nRUN apk add --no-cache python3 py3-pip && python3 -m venv /venv && /venv/bin/pip install requests==2.32.3\n",
            "FROM ↓python:alpine AS base\nFROM base\nRUN uv pip install --system httpx==0.27.2\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
            "FROM python:3.12-alpine\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
            "FROM python:3.12-slim AS build\nRUN pip install --prefix=/install flask==3.0.3\nFROM alpine:3.20\nCOPY --from=build /install /install\n",
            "FROM alpine:3.20\nRUN apk add --no-cache py3-requests\n",
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let model = context.model
        var reported: Set<Int> = []
        for install in model.packageInstalls {
            guard let stageIndex = model.states[install.instructionIndex].stage else { continue }
            let stage = model.stages[stageIndex]
            let chain = [stage] + model.ancestors(of: stage)
            guard let root = chain.last, case .image(let image) = root.base, !reported.contains(root.index) else { continue }
            let description: String
            if image.name == "python" || image.name == "pypy", let tag = image.tag, tag.lowercased().containsBytes("alpine") {
                description = "\(image.text) is built on Alpine's musl"
            } else if image.name == "alpine", Self.installsApkPython(chain: chain, before: install.instructionIndex, model: model) {
                description = "\(image.text) with apk's python3 uses musl"
            } else {
                continue
            }
            reported.insert(root.index)
            let range = root.baseWord?.range ?? context.instructions[root.fromIndex].range
            findings.report(
                range,
                "\(description): packages without a musllinux wheel are compiled from source during the build (slow, needs compilers); prefer \(Self.slimSuggestion(image))")
        }
    }

    static func installsApkPython(chain: [Stage], before limit: Int, model: DockerfileModel) -> Bool {
        for stage in chain {
            for index in stage.instructionIndices where index <= limit {
                for command in model.scripts[index]?.commands ?? [] {
                    guard let apk = SystemPackageCommand(command), apk.manager == .apk, apk.action == .install else { continue }
                    if apk.packages.contains(where: { SystemPackageCommand.packageName($0.value).hasPrefix("python3") }) { return true }
                }
            }
        }
        return false
    }

    /// `python:3.12-slim` for `python:3.12-alpine3.20`.
    static func slimSuggestion(_ image: ImageReference) -> String {
        guard image.name == "python", let tag = image.tag?.lowercased() else { return "python:3.X-slim" }
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let alpine = parts.firstIndex(where: { $0.hasPrefix("alpine") }) else { return "python:3.X-slim" }
        var version = parts[..<alpine].joined(separator: "-")
        if version.hasSuffix("-") { version.removeLast() }
        return version.isEmpty ? "python:slim" : "python:\(version)-slim"
    }
}
