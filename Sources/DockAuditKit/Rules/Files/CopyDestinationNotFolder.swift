/// DA302: COPY/ADD of several sources to a destination that does not end in `/`.
struct CopyDestinationNotFolder: Rule {
    static let description = RuleDescription(
        code: "DA302", name: "copy-destination-not-folder", severity: .warning, category: .files,
        aliases: ["DL3021"],
        summary: "COPY or ADD with several sources has a destination that does not end in `/`.",
        rationale: """
            With more than one source, the destination must be a folder, and Docker's \
            reference says it must end with `/`. Without the slash the instruction reads as \
            copying several things onto one file, and whether it works depends on the \
            destination already existing as a folder in the image.
            """,
        howToFix: "End the destination with a slash: `COPY a.py b.py /app/`.",
        badExamples: [
            "FROM alpine\nCOPY a.py b.py ↓/app\n",
            "FROM alpine\nADD a.txt https://example.com/b.txt ↓/data\n",
            "FROM alpine\nCOPY [\"a b.txt\", \"c.txt\", ↓\"/dst\"]\n",
            "FROM alpine\nENV APP=/srv/app\nCOPY --chown=1000 a b ↓$APP\n",
        ],
        goodExamples: [
            "FROM alpine\nCOPY a.py b.py /app/\n",
            "FROM alpine\nCOPY app.py /app\n",
            "FROM alpine\nWORKDIR /app\nCOPY a.py b.py .\n",
            "FROM alpine\nWORKDIR /app\nCOPY a.py b.py ./lib/.\n",
            "FROM alpine\nCOPY --link a b /dst/\n",
            "FROM alpine\nCOPY a b $UNKNOWN\n",
        ],
        differences: [
            "differs from hadolint: severity warning instead of error: BuildKit copies into a destination that already exists as a folder (`COPY a b /bin` works), so the build does not always fail.",
            "differs from hadolint: `.` and paths ending in `/.` are folders and are not reported; a destination holding a variable whose value is unknown here is not judged, one with a known value is judged by that value."
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], copy.sources.count > 1, let word = copy.destinationWord else { return }
        let destination = copy.destination
        guard !destination.isEmpty, !destination.contains("$"), !destination.hasSuffix("/"), !destination.hasSuffix("\\"),
            destination != ".", !destination.hasSuffix("/.")
        else { return }
        findings.report(
            word.range,
            "\(copy.isAdd ? "ADD" : "COPY") of \(copy.sources.count) sources needs a folder destination ending in /: write \(destination)/")
    }
}
