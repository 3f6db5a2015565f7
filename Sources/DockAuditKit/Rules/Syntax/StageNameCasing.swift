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
        ],
        fixes: FixDescription(
            """
            Lower-cases the name and, in the same fix, every reference to the stage written out in this file: \
            `FROM name`, `COPY --from=name` and `RUN --mount=…,from=name`. BuildKit lower-cases all of them \
            anyway, so the build is the same; a reference made from a variable, or quoted, is left as it is \
            and still finds the stage.
            """,
            before: "FROM golang:1.22 AS Builder\nRUN go build -o /out/app .\nFROM alpine\nCOPY --from=Builder /out/app /usr/bin/app\n",
            after: "FROM golang:1.22 AS builder\nRUN go build -o /out/app .\nFROM alpine\nCOPY --from=builder /out/app /usr/bin/app\n"))

    static let keywords: Set<InstructionKind> = [.from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let words = instruction.words
        // BuildKit names a stage only for exactly `FROM image AS name`.
        guard words.count == 3, words[1].value.lowercased() == "as" else { return }
        let name = words[2].value
        guard name != name.lowercased() else { return }
        findings.report(
            words[2].range, "stage name '\(name)' should be lower case: write '\(name.lowercased())'",
            fix: Self.fix(nameWord: words[2], fromIndex: index, context: context))
    }

    /// The name and its references, lower-cased. References are matched as BuildKit
    /// matches them, ignoring case, and only where the name is written out as is.
    static func fix(nameWord: Word, fromIndex: Int, context: LintContext) -> Fix? {
        guard FixText.isVerbatim(nameWord, in: context.source),
            let stage = context.model.stages.first(where: { $0.fromIndex == fromIndex })
        else { return nil }
        let lowered = nameWord.value.lowercased()
        var edits = [TextEdit(range: nameWord.range.bytes, replacement: lowered)]
        func rename(_ text: String, at offset: Int) {
            guard text.lowercased() == lowered, text != lowered else { return }
            edits.append(TextEdit(range: offset..<(offset + text.utf8.count), replacement: lowered))
        }
        for later in context.model.stages where later.parent == stage.index {
            if let word = later.baseWord, FixText.isVerbatim(word, in: context.source) {
                rename(word.value, at: word.range.start.offset)
            }
        }
        for index in context.instructions.indices where index > fromIndex {
            let instruction = context.instructions[index]
            for flag in instruction.flags where isVerbatim(flag, in: context.source) {
                if flag.name == "from", case .stage(stage.index) = context.model.copies[index]?.origin, let value = flag.value {
                    rename(value, at: flag.range.end.offset - value.utf8.count)
                } else if flag.name == "mount", instruction.kind == .run, let value = flag.value, !value.containsBytes("\"") {
                    // `from=` is one comma-separated field; without quotes the fields are the
                    // plain text between commas.
                    var offset = flag.range.end.offset - value.utf8.count
                    for field in value.split(separator: ",", omittingEmptySubsequences: false) {
                        let parts = field.split(separator: "=", maxSplits: 1)
                        if parts.count == 2, parts[0].lowercased() == "from" {
                            rename(String(parts[1]), at: offset + parts[0].utf8.count + 1)
                        }
                        offset += field.utf8.count + 1
                    }
                }
            }
        }
        return Fix("write '\(lowered)'", edits: edits)
    }

    static func isVerbatim(_ flag: Flag, in source: SourceFile) -> Bool {
        FixText.isVerbatim(Word(value: flag.text, range: flag.range), in: source)
    }
}
