/// DA127: the comment right above an ARG or a named FROM that does not start with the
/// name it would describe.
struct InvalidDefinitionDescription: Rule {
    static let description = RuleDescription(
        code: "DA127", name: "invalid-definition-description", severity: .style, category: .syntax,
        aliases: ["InvalidDefinitionDescription"],
        summary: "The comment above an ARG or `FROM … AS name` does not start with the name it describes.",
        rationale: """
            `docker build --call=outline` and `--call=targets` show the comment directly above \
            an ARG or a named stage as its description when the comment starts with the name \
            (`# VERSION the release to build`). A comment there that starts otherwise is shown \
            as nothing, or looks like a description that is not one. BuildKit keeps this check \
            experimental (it runs only with `# check=experimental=InvalidDefinitionDescription`) \
            and many Dockerfiles have ordinary comments above ARG lines, so dockaudit runs it \
            only when selected (`--select invalid-definition-description`) or when the file's \
            own `# check=experimental=` directive names it, as BuildKit does. As in BuildKit, only \
            the last comment line counts, and a blank line does not separate a comment from the \
            instruction; a bare `#` line does.
            """,
        howToFix: "Start the comment with the name (`# VERSION the version to build`), or put a bare `#` line between the comment and the instruction.",
        badExamples: [
            "# the version to build\nARG ↓VERSION=1\nFROM alpine\n",
            "FROM alpine AS base\n# compile the sources\nFROM base AS ↓build\n",
            "# BasE is the base image\nFROM scratch AS ↓base\n",
            "# definitely a bad comment\nARG ↓A=1 B=2\nFROM alpine\n",
            "# a comment\n\nARG ↓VERSION=1\nFROM alpine\n",
        ],
        goodExamples: [
            "# VERSION the version to build\nARG VERSION=1\nFROM alpine\n",
            "# build compiles the sources\nFROM alpine AS build\n",
            "# B the second one\nARG A=1 B=2\nFROM alpine\n",
            "# a comment\n#\nARG VERSION=1\nFROM alpine\n",
            "ARG VERSION=1\n# a comment above an unnamed stage\nFROM alpine\n# and above a RUN\nRUN true\n",
            "# not about VERSION\n# VERSION the version\nARG VERSION=1\nFROM alpine\n",
        ],
        differences: [
            "differs from BuildKit: BuildKit reports on the instruction's line; dockaudit at the name it defines (the first name for an ARG with several), which is on that line unless a continuation moves it.",
        ],
        isOptIn: true)

    static let keywords: Set<InstructionKind> = [.arg, .from]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let comment = instruction.precedingComments.last else { return }
        // BuildKit splits on single spaces only: `#\tNAME` does not start with NAME.
        let firstWord = String(comment.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let keyword = instruction.kind.rawValue.uppercased()
        var names: [(name: String, range: SourceRange)] = []
        if instruction.kind == .arg {
            for word in instruction.words {
                let name = DockerfileModel.splitArg(word.value).name
                names.append((name, word.range))
            }
        } else {
            // Only a named stage has a description; BuildKit lower-cases the name.
            let words = instruction.words
            guard words.count == 3, words[1].value.lowercased() == "as" else { return }
            names.append((words[2].value.lowercased(), words[2].range))
        }
        guard let first = names.first, !names.contains(where: { $0.name == firstWord }) else { return }
        let example = names.count > 1 ? "<arg_key>" : first.name
        findings.report(first.range, "Comment for \(keyword) should follow the format: `# \(example) <description>`")
    }
}
