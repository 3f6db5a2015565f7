/// DA205: with the global ARGs' default values, a FROM image is empty or invalid.
struct InvalidDefaultArgInFrom: Rule {
    static let description = RuleDescription(
        code: "DA205", name: "invalid-default-arg-in-from", severity: .warning, category: .baseImage,
        aliases: ["InvalidDefaultArgInFrom"],
        summary: "Without build arguments, the FROM image expands to an empty or invalid name.",
        rationale: """
            When a FROM image is built from global ARGs, the defaults of those ARGs should give a \
            valid image: otherwise a plain `docker build` (or a tool that reads the Dockerfile, \
            such as a dependency updater or `docker build --check`) fails with an invalid \
            reference. An `ARG TAG` without a default leaves `busybox:${TAG}` as `busybox:`.
            """,
        howToFix: "Give the ARG a default (`ARG TAG=latest`), or a fallback in FROM (`FROM busybox:${TAG:-latest}`).",
        badExamples: [
            "ARG TAG\nFROM ↓alpine:${TAG}\n",
            "ARG IMAGE\nFROM ↓$IMAGE AS base\n",
            "ARG REPO=MyApp\nFROM ↓${REPO}:1.0\n",
            "ARG VARIANT=\"\"\nFROM ↓python:${VARIANT}\n",
        ],
        goodExamples: [
            "ARG TAG=3.20\nFROM alpine:${TAG}\n",
            "ARG VARIANT\nFROM alpine:3.20${VARIANT}\n",
            "ARG TAG\nFROM alpine:${TAG:-3.20}\n",
            "ARG IMAGE=python:3.12-slim\nFROM $IMAGE AS base\nFROM base\n",
            "FROM --platform=$BUILDPLATFORM golang:1.23-${TARGETOS}\n",
        ],
        differences: [
            "differs from BuildKit: BuildKit runs this check on the whole file and ignores per-instruction `# check=skip`; dockaudit's ignore comments work on the FROM line as for any rule.",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let word = instruction.words.first, word.value.containsBytes("$") else { return }
        let globals = context.model.globalArgs
        let lookup = FromLookup(globals: globals)
        guard let expansion = FromLookup.expand(word.value, with: lookup, escapeToken: context.dockerfile.escapeToken),
            !expansion.value.containsBytes("$"),  // a default made of something unknown here
            let problem = ReferenceGrammar.problem(with: expansion.value)
        else { return }
        let empty = (expansion.matched.union(expansion.unmatched))
            .filter { globals[$0] != nil && (globals[$0]?.value ?? "").isEmpty && !VariableScope.automaticArgs.contains($0) }
            .sorted()
        let undeclared = expansion.unmatched.filter { globals[$0] == nil && !VariableScope.automaticArgs.contains($0) }.sorted()
        let fix: String
        if !empty.isEmpty {
            fix = "give \(empty.map { "ARG \($0)" }.joined(separator: ", ")) a default value"
        } else if !undeclared.isEmpty {
            fix = "declare \(undeclared.map { "ARG \($0)=…" }.joined(separator: ", ")) before the first FROM"
        } else {
            fix = "change the ARG defaults so the image name is valid"
        }
        findings.report(
            word.range,
            "with the ARG defaults, FROM \(word.value) expands to '\(expansion.value)', an invalid image name (\(problem)): \(fix)")
    }
}
