/// DA126: a variable BuildKit expands that no ARG or ENV defines at that point.
struct UndefinedVar: Rule {
    static let description = RuleDescription(
        code: "DA126", name: "undefined-var", severity: .warning, category: .syntax,
        aliases: ["UndefinedVar"],
        summary: "An instruction uses a variable that no ARG or ENV before it defines.",
        rationale: """
            BuildKit itself expands variables in ENV, LABEL, ADD, COPY, VOLUME, USER, WORKDIR, \
            STOPSIGNAL, ARG defaults and RUN `--mount` options. A name nothing defines expands \
            to an empty string: `COPY $DIR_ASSET .` with a typo copies the whole context, and \
            `ENV PATH=$PAHT:/opt/bin` drops the system PATH. Global ARGs (before the first FROM) \
            are not visible in a stage until the stage declares them again with `ARG NAME`. \
            As in BuildKit, a default such as `${NAME:-x}` does not make an undefined name \
            defined: declare it.
            """,
        howToFix: "Declare the variable with `ARG NAME` (or `ARG NAME=default`, or ENV) earlier in the stage, or fix the name's spelling.",
        badExamples: [
            "FROM alpine\nCOPY ↓$foo .\nARG foo=bar\n",
            "FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY ↓$DIR_ASSET .\n",
            "FROM alpine\nENV PATH=↓$PAHT:/tmp/bin\n",
            "ARG VERSION=1.0\nFROM alpine\nLABEL version=↓${VERSION}\n",
            "FROM alpine\nWORKDIR /src/↓${APP_DIR:-app}\n",
            "FROM alpine\nENV A=1 B=↓$A\n",
            "FROM alpine\nARG UID=1000\nCOPY --chown=$UID:↓$GID app /app\n",
            "FROM alpine\nRUN --mount=type=cache,target=/root/.cache/$TOOL make\n",
            "FROM alpine\nCOPY <<EOF /etc/motd\nhello ↓$NAME\nEOF\n",
            "FROM alpine\nARG A=1 B=↓${C}\n",
            "FROM python:3.12-slim\nARG APP_HOME=/app\nWORKDIR ↓$APP_HOM\n",
        ],
        goodExamples: [
            "FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n",
            "FROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n",
            "FROM alpine\nRUN echo $PATH $UNDEFINED\n",
            "FROM alpine\nENV PATH=/opt/bin:$PATH\n",
            "ARG VERSION=1.0\nFROM alpine\nARG VERSION\nLABEL version=${VERSION}\n",
            "FROM alpine\nARG A=1 B=${A}\n",
            "FROM alpine\nENV A=1\nENV B=$A\n",
            "FROM alpine\nCOPY <<'EOF' /etc/motd\nhello $NAME\nEOF\n",
            "FROM alpine\nCMD echo $HOME\n",
            "FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH/app /app\n",
            "FROM alpine\nEXPOSE $PORT\n",
            "FROM eclipse-temurin:21-jre\nENV PATH=$JAVA_HOME/bin:$PATH\n",
            "FROM golang:1.23\nWORKDIR $GOPATH/src/app\n",
        ],
        differences: [
            "differs from BuildKit: BuildKit also knows the base image's own ENV (`$JAVA_HOME` in a JDK image), which a static linter cannot see. On a stage built from scratch or a bare OS image (alpine, debian, ubuntu, fedora…) every undefined name is reported; on any other base image only a name that reads as a typo of a defined one (BuildKit's \"did you mean\") is, since the image may define the rest.",
            "differs from BuildKit: BuildKit reports at the instruction's first line; dockaudit at the `$NAME` reference itself (a continuation or heredoc line when it is there).",
            "differs from BuildKit: a word BuildKit cannot expand (`${A?}` with A unset, a bad `${…}`) fails the build there; dockaudit reports nothing for that word.",
        ])

    static let keywords: Set<InstructionKind> = [.env, .label, .add, .copy, .volume, .user, .workdir, .stopsignal, .run, .arg]

    /// ARGs BuildKit never puts into the environment, and does not report as undefined.
    static let nonEnvArgs: Set<String> = ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]

    /// `baseImageEnvironmentIsKnown` per stage: the walk to the root image is the same
    /// for every instruction of a stage.
    private var baseKnownByStage: [Int: Bool] = [:]

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let state = context.model.states[index]
        // Global ARGs (before the first FROM) are FROM's business (undefined-arg-in-from).
        guard let stage = state.stage else { return }
        let escape = Unicode.Scalar(context.dockerfile.escapeToken)
        var lookup = StageLookup(scope: state.variables)
        if let known = baseKnownByStage[stage] {
            lookup.baseImageEnvironmentIsKnown = known
        } else {
            lookup.baseImageEnvironmentIsKnown = Self.baseImageEnvironmentIsKnown(stage: stage, context: context)
            baseKnownByStage[stage] = lookup.baseImageEnvironmentIsKnown
        }

        if instruction.kind == .arg {
            // BuildKit declares the names of one ARG one at a time: `ARG A=1 B=$A` is fine.
            for word in instruction.words {
                let (name, defaultValue) = DockerfileModel.splitArg(word.value)
                if let defaultValue {
                    let nameLength = name.utf8.count + 1
                    let inFile = context.source.text(word.range.start.offset..<word.range.end.offset) == word.value
                    let expanded = BuildKitExpandedWord(
                        text: defaultValue, kind: .word, range: word.range,
                        fileOffset: inFile ? word.range.start.offset + nameLength : nil)
                    report(expanded, lookup: lookup, escape: escape, context: context, findings: &findings)
                }
                lookup.declared.insert(name)
            }
            return
        }
        for word in instruction.buildKitExpandedWords(in: context.source) {
            report(word, lookup: lookup, escape: escape, context: context, findings: &findings)
        }
    }

    /// One finding per undefined name in `word`, at its first reference, as BuildKit
    /// reports once per name and expanded word.
    private func report(
        _ word: BuildKitExpandedWord, lookup: StageLookup, escape: Unicode.Scalar, context: LintContext,
        findings: inout FindingSink
    ) {
        guard word.text.containsBytes("$") else { return }
        var lexer = ShellLexer(escapeToken: word.kind == .heredocBody ? "\\" : escape)
        lexer.skipProcessQuotes = word.kind == .heredocBody
        guard let expansion = try? lexer.processWord(word.text, environment: lookup) else { return }
        var reported: Set<String> = []
        for reference in expansion.references where !reference.isSet && !Self.nonEnvArgs.contains(reference.name) {
            guard reported.insert(reference.name).inserted else { continue }
            var message = "Usage of undefined variable '$\(reference.name)'"
            let suggestion = Self.suggestion(for: reference.name, among: lookup.environmentNames)
            // A name the base image may set (JAVA_HOME in a JDK image) is only reported
            // when it reads as a typo of a name the file defines; PATH, which every image
            // has, does not count (GOPATH, MANPATH are other images' variables).
            guard lookup.baseImageEnvironmentIsKnown || (suggestion != nil && suggestion != "PATH") else { continue }
            if let suggestion { message += " (did you mean $\(suggestion)?)" }
            findings.report(word.range(of: reference.span, in: context.source), message)
        }
    }

    /// Bare operating-system images whose only environment variable is PATH (and, for
    /// some, `container`): a name they are said to define cannot come from them.
    static let minimalBaseImages: Set<String> = [
        "alpine", "busybox", "debian", "ubuntu", "fedora", "centos", "rockylinux", "almalinux", "amazonlinux",
        "oraclelinux", "archlinux", "opensuse/leap", "opensuse/tumbleweed",
    ]

    /// Whether every variable the stage's base image sets is known here: the stage is
    /// built on `scratch` or on a bare OS image, directly or through earlier stages.
    static func baseImageEnvironmentIsKnown(stage: Int, context: LintContext) -> Bool {
        switch context.model.stages[stage].rootBase(in: context.model.stages) {
        case .scratch?: return true
        case .image(let reference)?:
            let repository = reference.normalizedRepository
            let official = repository.hasPrefix("library/") ? String(repository.dropFirst("library/".count)) : repository
            let onDockerHub = reference.registry == nil || reference.registry == "docker.io"
            return onDockerHub && minimalBaseImages.contains(official)
        case .unresolved?, .stage?, nil: return false
        }
    }

    /// BuildKit's `suggest.Search` over the environment's names.
    static func suggestion(for name: String, among candidates: [String]) -> String? {
        BuildKitSuggestion.search(name, among: candidates)
    }
}

/// The names an instruction of a stage can use, as BuildKit sees them: the stage's
/// environment (ENV, ARGs with a value, PATH which BuildKit always sets) and every ARG the
/// stage declared, with a value or not.
private struct StageLookup: VariableLookup {
    var scope: VariableScope
    /// ARGs declared earlier in the same ARG instruction.
    var declared: Set<String> = []
    /// Whether the base image's own ENV is known (scratch, a bare OS image).
    var baseImageEnvironmentIsKnown = true

    func value(of name: String) -> String? {
        if let variable = scope[name] { return variable.value ?? "" }
        if declared.contains(name) || name == "PATH" { return "" }
        return nil
    }

    /// The environment's names in BuildKit's order (the image's PATH first, then in the
    /// order they were set), which decides between equally close suggestions.
    var environmentNames: [String] {
        let set = scope.variables.values.filter { $0.value != nil || $0.origin == .automatic || $0.origin == .env }
        let ordered = set.sorted { ($0.declaredAt ?? -1, $0.name) < ($1.declaredAt ?? -1, $1.name) }.map(\.name)
        return ["PATH"] + ordered.filter { $0 != "PATH" }
    }
}
