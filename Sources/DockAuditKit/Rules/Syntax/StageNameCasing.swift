/// DA112: a stage name with upper-case letters.
struct StageNameCasing: Rule {
    static let description = RuleDescription(
        code: "DA112", name: "stage-name-casing", severity: .warning, category: .syntax,
        aliases: ["StageNameCasing"],
        summary: "A stage name (`FROM … AS name`) that is not all lower case.",
        rationale: """
            BuildKit lower-cases stage names: `AS Builder` defines the stage `builder`, and \
            `COPY --from=Builder`, `FROM Builder` and `--target Builder` all find it only \
            because they are lower-cased too. Writing the name in mixed case suggests a \
            distinction that does not exist, and image references, which the same FROM \
            also accepts, must be lower case.
            """,
        howToFix: "Write the stage name in lower case, e.g. `FROM alpine AS builder-base`, and its references the same way.",
        badExamples: [
            "FROM golang:1.22 AS ↓Builder\nFROM alpine\nCOPY --from=Builder /out /app\n",
            "FROM alpine as ↓BASE_IMAGE\n",
        ],
        goodExamples: [
            "FROM golang:1.22 AS builder-base\nFROM alpine\nCOPY --from=builder-base /out /app\n",
            "FROM alpine\n",
            "FROM alpine AS build_2\n",
        ])

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let words = instruction.words
        // BuildKit names a stage only for exactly `FROM image AS name`.
        guard words.count == 3, words[1].value.lowercased() == "as" else { return }
        let name = words[2].value
        guard name != name.lowercased() else { return }
        findings.report(words[2].range, "stage name '\(name)' should be lower case: write '\(name.lowercased())'")
    }
}
