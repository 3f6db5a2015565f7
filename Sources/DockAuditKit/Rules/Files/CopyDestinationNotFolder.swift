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
        ],
        fixes: FixDescription(
            """
            Adds the trailing `/` to the destination (inside the quotes of the JSON form). BuildKit, unlike the \
            classic builder, does not reject the instruction: it copies the sources one after another to the \
            destination path. Where that path is already a folder, the fix changes nothing; where it does not \
            exist, the first file would become a file of that name and each later one overwrite it, and with the \
            fix it becomes the folder holding them all, which is what the instruction asks for. Only an existing \
            file at that path makes a difference the other way: the build then stops instead of overwriting it.
            """,
            before: "FROM python:3.12-slim\nCOPY requirements.txt setup.cfg /app\n",
            after: "FROM python:3.12-slim\nCOPY requirements.txt setup.cfg /app/\n"))

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], copy.sources.count > 1, let word = copy.destinationWord else { return }
        let destination = copy.destination
        guard !destination.isEmpty, !destination.containsBytes("$"), !destination.hasSuffix("/"), !destination.hasSuffix("\\"),
            destination != ".", !destination.hasSuffix("/.")
        else { return }
        findings.report(
            word.range,
            "\(copy.isAdd ? "ADD" : "COPY") of \(copy.sources.count) sources needs a folder destination ending in /: write \(destination)/",
            fix: Self.fix(word, instruction: instruction, context: context))
    }

    /// Inserts `/` after the destination as written, or before the closing quote of a
    /// JSON-form string.
    static func fix(_ word: Word, instruction: Instruction, context: LintContext) -> Fix? {
        let bytes = context.source.bytes
        var end = word.range.end.offset
        guard end > word.range.start.offset, end <= bytes.count else { return nil }
        if instruction.isJSONForm {
            guard bytes[end - 1] == UInt8(ascii: "\"") else { return nil }
            end -= 1
        }
        // After an escape character the `/` would be escaped (and the escape dropped).
        guard bytes[end - 1] != context.dockerfile.escapeToken else { return nil }
        return Fix("add a trailing /", edits: [.insert("/", at: end)])
    }
}
