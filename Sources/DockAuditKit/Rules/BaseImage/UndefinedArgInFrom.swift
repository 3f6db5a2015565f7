/// DA203: a variable in a FROM line that no global ARG declares.
struct UndefinedArgInFrom: Rule {
    static let description = RuleDescription(
        code: "DA203", name: "undefined-arg-in-from", severity: .warning, category: .baseImage,
        aliases: ["UndefinedArgInFrom"],
        summary: "FROM uses a variable that no ARG before the first FROM declares.",
        rationale: """
            A FROM line can only use ARGs declared before the first FROM (and BuildKit's \
            automatic ones such as `BUILDPLATFORM`). Anything else expands to an empty string, \
            even when passed with `--build-arg`: a typo like `$BULIDPLATFORM` or an ARG declared \
            inside a stage silently changes the image or the platform. When the empty value \
            leaves an invalid image name or platform, the build fails: that finding is an error.
            """,
        howToFix: "Declare the variable with `ARG NAME=default` before the first FROM, or fix the name's spelling.",
        badExamples: [
            "FROM node:22↓${VARIANT} AS assets\n",
            "ARG PY=3.12\nFROM python:${PY}-slim↓${SUFFIX}\n",
            "FROM --platform=↓$BULIDPLATFORM golang:1.23 AS build\n",
            "FROM alpine\nARG BASE=debian\nFROM ↓$BASE\n",
        ],
        goodExamples: [
            "ARG VARIANT=-alpine3.20\nFROM node:22${VARIANT} AS assets\n",
            "ARG VARIANT\nFROM node:22${VARIANT}\n",
            "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
            "ARG TAG=3.20\nFROM alpine:${TAG} AS base\nFROM base\n",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let globals = context.model.globalArgs
        let lookup = FromLookup(globals: globals)
        let escape = context.dockerfile.escapeToken
        // For the severity: ARGs without a default are assumed passed with --build-arg.
        let buildLookup = FromLookup(globals: globals, declaredWithoutValue: "x")
        let candidates = Array(globals.variables.keys) + VariableScope.automaticArgs

        var parts: [(raw: String, range: SourceRange, isPlatform: Bool)] = []
        if let flag = instruction.flag(named: "platform"), let raw = flag.value { parts.append((raw, flag.range, true)) }
        if let word = instruction.words.first { parts.append((word.value, word.range, false)) }
        for part in parts {
            guard part.raw.containsBytes("$"), let expansion = FromLookup.expand(part.raw, with: lookup, escapeToken: escape) else { continue }
            let undefined = expansion.unmatched.filter { !lookup.isDeclared($0) }
            guard !undefined.isEmpty else { continue }
            var fails = false
            if let built = FromLookup.expand(part.raw, with: buildLookup, escapeToken: escape)?.value {
                fails = part.isPlatform ? PlatformSpecifier(built) == nil && !built.containsBytes(",") : ReferenceGrammar.problem(with: built) != nil
            }
            let ordered = undefined.sorted { first, second in
                let a = FromLookup.rangeOfVariable(first, in: part.range, source: context.source)?.start.offset ?? Int.max
                let b = FromLookup.rangeOfVariable(second, in: part.range, source: context.source)?.start.offset ?? Int.max
                return a == b ? first < second : a < b
            }
            for name in ordered {
                let range = FromLookup.rangeOfVariable(name, in: part.range, source: context.source) ?? part.range
                var message = "FROM uses '\(name)', which no ARG before the first FROM declares, so it is empty"
                if let suggestion = FromLookup.suggestion(for: name, among: candidates) {
                    message += ": did you mean \(suggestion)?"
                } else {
                    message += ": declare it with `ARG \(name)=…` before the first FROM"
                }
                if fails { message += " (the build fails: the \(part.isPlatform ? "platform" : "image name") is invalid without it)" }
                findings.report(range, message, severity: fails ? .error : nil)
            }
        }
    }
}
