/// DA301: ADD of local files or folders, which is COPY with surprises.
struct AddInsteadOfCopy: Rule {
    static let description = RuleDescription(
        code: "DA301", name: "add-instead-of-copy", severity: .warning, category: .files,
        aliases: ["DL3020"],
        summary: "ADD copies local files or folders that COPY would copy the same way.",
        rationale: """
            ADD does two things COPY does not: it downloads URLs and it unpacks local tar \
            archives (plain, gzip, bzip2, xz or zstd compressed). For anything else it is a \
            COPY, but a reader cannot tell which behaviour was meant, and a file that later \
            turns into a tarball is silently unpacked. Docker's best practices say to prefer \
            COPY. ADD does not unpack `.zip` files: those are copied as they are.
            """,
        howToFix: "Use COPY for local files and folders; keep ADD for URLs (with `--checksum`), git repositories and tar archives you want unpacked. For a zip, COPY it and unzip in a RUN.",
        badExamples: [
            "FROM alpine\nADD ↓app.py /app/\n",
            "FROM alpine\nADD ↓. /src\n",
            "FROM alpine\nADD rootfs.tar.gz ↓config.json /\n",
            "FROM alpine\nADD ↓release.zip /opt/\n",
            "FROM alpine\nARG JAR=target/app.jar\nADD ↓${JAR} /app.jar\n",
        ],
        goodExamples: [
            "FROM alpine\nCOPY app.py /app/\n",
            "FROM scratch\nADD alpine-minirootfs.tar.gz /\n",
            "FROM alpine\nADD https://example.com/tool.tgz /opt/\n",
            "FROM alpine\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool /usr/bin/tool\n",
            "FROM alpine\nADD git@github.com:moby/buildkit.git#v0.14.0 /src\n",
            "FROM alpine\nADD ${URL} /opt/\n",
            "FROM alpine\nADD vendor.tar.xz deps.tar.zst /opt/\n",
        ],
        differences: [
            "differs from hadolint: a source made of a variable whose value is unknown here (`ADD ${URL} /opt/`) is not reported (hadolint #769); a variable with a known value is judged by that value.",
            "differs from hadolint: `.zip` is reported with its own message, since ADD does not unpack zip archives; git sources are accepted like URLs.",
            "differs from hadolint: severity warning instead of error: ADD of a local file builds the same image COPY would, nothing breaks.",
        ],
        fixes: FixDescription(
            """
            Rewrites `ADD` as `COPY` (`copy` in a lower-case file) when COPY certainly does the same: every source \
            is a named local file or folder (no URL, git repository, heredoc, variable left unknown or glob, which \
            might match a tarball), none has an archive ending (`.zip` is fine: ADD does not unpack it), and no \
            flag only ADD has (`--checksum`, `--keep-git-dir`, `--unpack`) is used. ADD recognises a tar archive by \
            its content, so a tarball named like an ordinary file would no longer be unpacked: dockaudit \
            counts that as not worth giving up the fix for.
            """,
            before: "FROM python:3.12-slim\nADD requirements.txt app.py /app/\n",
            after: "FROM python:3.12-slim\nCOPY requirements.txt app.py /app/\n"))

    static let keywords: Set<InstructionKind> = [.add]

    /// Name endings of archives ADD unpacks (it detects tar, possibly compressed with gzip,
    /// bzip2, xz or zstd, by content). A bare `.gz`/`.xz` may be a compressed tar too.
    static let archiveSuffixes = [
        ".tar", ".tgz", ".tbz", ".tbz2", ".tb2", ".txz", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".zstd", ".taz", ".tz",
    ]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], copy.origin == .context else { return }
        let plain = copy.sources.filter { source in
            guard source.kind == .path, !source.value.containsBytes("$") else { return false }
            let lowered = source.value.lowercased()
            return !Self.archiveSuffixes.contains(where: lowered.hasSuffix)
        }
        guard let first = plain.first else { return }
        if plain.count == 1, first.value.lowercased().hasSuffix(".zip") {
            findings.report(
                first.word.range,
                "ADD does not unpack \(first.value), it copies it as is: use COPY, and unzip it in a RUN if you need it unpacked",
                fix: Self.fix(instruction, copy: copy, context: context))
            return
        }
        let names = plain.map(\.value).joined(separator: ", ")
        findings.report(
            first.word.range,
            "ADD copies \(names) exactly as COPY would: use COPY, and keep ADD for URLs and tar archives you want unpacked",
            fix: Self.fix(instruction, copy: copy, context: context))
    }

    /// Flags ADD and COPY share, which mean the same in both.
    static let sharedFlags: Set<String> = ["chown", "chmod", "link", "exclude"]

    /// `ADD` → `COPY`, when every source is a plain local path COPY copies the same way.
    static func fix(_ instruction: Instruction, copy: CopyOperation, context: LintContext) -> Fix? {
        let sourcesArePlain = copy.sources.allSatisfy { source in
            let lowered = source.value.lowercased()
            return source.kind == .path && !source.value.contains(where: { "$*?[".contains($0) })
                && !archiveSuffixes.contains(where: lowered.hasSuffix)
        }
        guard sourcesArePlain, instruction.flags.allSatisfy({ sharedFlags.contains($0.name) }),
            FixText.isVerbatimKeyword(of: instruction, in: context.source)
        else { return nil }
        let keyword = FixText.keyword("COPY", styledLike: instruction.keyword)
        return Fix("use \(keyword)", edits: [TextEdit(range: instruction.keywordRange.bytes, replacement: keyword)])
    }
}
