/// DA305: COPY/ADD to a relative destination before any WORKDIR.
struct CopyRelativeDestinationWithoutWorkdir: Rule {
    static let description = RuleDescription(
        code: "DA305", name: "copy-relative-destination-without-workdir", severity: .warning, category: .files,
        aliases: ["DL3045"],
        summary: "COPY or ADD to a relative destination while no WORKDIR is set in the stage.",
        rationale: """
            A relative destination is resolved against the working directory, which until a \
            WORKDIR is the base image's: `/` for most images, something else for others, and \
            it can change when the base image is updated. Where the files end up is then not \
            visible in the Dockerfile.
            """,
        howToFix: "Set `WORKDIR /app` before the COPY, or write an absolute destination (`COPY app.py /app/`).",
        badExamples: [
            "FROM python:3.12-slim\nCOPY requirements.txt ↓.\n",
            "FROM alpine:3.20\nCOPY app.py ↓app/\n",
            "FROM alpine:3.20 AS build\nWORKDIR /src\nFROM alpine:3.20\nCOPY --from=build /src/out ↓out/\n",
            "FROM alpine:3.20\nADD app.tar.gz ↓opt/\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
            "FROM alpine:3.20\nCOPY app.py /app/\n",
            "FROM alpine:3.20 AS base\nWORKDIR /src\nFROM base\nCOPY . .\n",
            "FROM alpine:3.20\nENV APP=/srv\nCOPY app.py $APP/\n",
            "FROM alpine:3.20\nCOPY app.py $HOME/\n",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\app\\\\\n",
            "FROM golang:1.23 AS build\nFROM scratch AS out\nCOPY --from=build /go/bin/app app\nFROM out\nCOPY config.json .\n",
        ],
        differences: [
            "differs from hadolint: stages are followed by index, so a second `FROM debian:12` does not inherit the WORKDIR of the first (hadolint keys stages by image name); only a `FROM <stage>` inherits.",
            "differs from hadolint: a stage built on `scratch` is not reported, since its working directory can only be `/`.",
            "differs from hadolint: ADD is checked too, and a destination that expands to an absolute path (`ENV APP=/srv` + `$APP/`) is accepted.",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], let word = copy.destinationWord,
            !context.model.states[index].workdirSet
        else { return }
        let destination = copy.destination
        guard !destination.isEmpty, !destination.hasPrefix("/"), !destination.hasPrefix("\\"), !destination.containsBytes("$"),
            !Self.isWindowsAbsolute(destination)
        else { return }
        // `scratch` has no working directory but `/`: the destination is known.
        if let stageIndex = context.stageIndex(ofInstruction: index) {
            let stage = context.model.stages[stageIndex]
            if (context.model.ancestors(of: stage).last ?? stage).base == .scratch { return }
        }
        findings.report(
            word.range,
            "\(destination) is relative, but no WORKDIR is set in this stage, so it lands in the base image's working directory: set WORKDIR before this \(copy.isAdd ? "ADD" : "COPY") or use an absolute path")
    }

    static func isWindowsAbsolute(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(2))
        return scalars.count == 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic && scalars[0].isASCII
    }
}
