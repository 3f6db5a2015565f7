/// DA306: a tar archive is copied with COPY and then unpacked by a RUN, where ADD would
/// unpack it in one step.
struct CopyArchiveThenExtract: Rule {
    static let description = RuleDescription(
        code: "DA306", name: "copy-archive-then-extract", severity: .info, category: .files,
        aliases: ["DL3010"],
        summary: "A local tar archive is COPYed and then unpacked by a later RUN of the stage.",
        rationale: """
            COPY puts the archive itself into a layer, and the RUN that unpacks it adds a \
            second layer with its contents: the image carries the data twice, even if the \
            RUN deletes the archive (the COPY layer still has it). ADD unpacks a local tar \
            archive — plain or compressed with gzip, bzip2, xz or zstd — straight into the \
            destination, in one layer. It only fits when the RUN unpacks the whole archive \
            as it is: a `tar` with `--strip-components`, `--exclude`, `--transform`, named \
            members or `-O`, and formats ADD does not unpack (zip, lzma, lzip, `.Z`, a lone \
            `.gz` that is not a tar), are not reported.
            """,
        howToFix: "Replace the COPY and the unpacking with `ADD app.tar.gz /opt/app/`; or, to keep the archive out of every layer, unpack it from a bind mount: `RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt/app`.",
        badExamples: [
            "FROM alpine:3.20\nCOPY ↓app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n",
            "FROM alpine:3.20\nCOPY ↓dist/site.tgz /srv/\nWORKDIR /srv\nRUN tar xzf site.tgz\n",
            "FROM alpine:3.20\nCOPY ↓rootfs.tar.xz /tmp/rootfs.txz\nRUN tar --extract --file=/tmp/rootfs.txz -C /\n",
            "FROM alpine:3.20\nCOPY ↓app.tar.gz /tmp/\nRUN gunzip /tmp/app.tar.gz && tar -xf /tmp/app.tar -C /opt\n",
            "FROM alpine:3.20\nCOPY ↓vendor.tar.bz2 /tmp/\nRUN bzcat /tmp/vendor.tar.bz2 | tar -x -C /opt\n",
            "FROM alpine:3.20\nARG VERSION=1.2.3\nCOPY ↓tool-${VERSION}.tar.gz /tmp/\nRUN sudo tar -xzf /tmp/tool-${VERSION}.tar.gz -C /opt\n",
            "FROM alpine:3.20\nCOPY ↓data.tar /tmp/\nRUN <<EOF\ntar -xf /tmp/data.tar -C /srv\nEOF\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nADD app.tar.gz /opt/\n",
            "FROM alpine:3.20\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz --strip-components=1 -C /opt\n",
            "FROM alpine:3.20\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz app/bin/tool -C /opt\n",
            "FROM alpine:3.20\nCOPY bundle.zip /tmp/\nRUN unzip /tmp/bundle.zip -d /opt\n",
            "FROM alpine:3.20\nCOPY dump.sql.gz /tmp/\nRUN gunzip /tmp/dump.sql.gz\n",
            "FROM alpine:3.20\nCOPY --from=builder /out/app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
            "FROM alpine:3.20\nCOPY app.tar.gz /tmp/\nFROM alpine:3.20\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
            "FROM alpine:3.20\nCOPY app.tar.gz /srv/downloads/\nRUN tar -tzf /srv/downloads/app.tar.gz\n",
        ],
        differences: [
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked, and variables in the COPY and the RUN are expanded before the names are compared.",
            "differs from hadolint: only archives ADD really unpacks are reported (tar, plain or gzip/bzip2/xz/zstd compressed); hadolint also reports `.Z`, `.lz`, `.lzma` and a lone `.gz`, which ADD copies unchanged. An unpacking ADD cannot do (`--strip-components`, `--exclude`, named members, `-O`) is not reported.",
        ])

    static let keywords: Set<InstructionKind> = [.copy]

    /// Name endings of tar archives, plain or compressed in a format ADD unpacks.
    static let tarSuffixes = [".tar", ".tar.gz", ".tgz", ".taz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tzst"]
    /// Compressed files that may hold a tar (then `tar -x` proves it is one).
    static let compressedSuffixes = [".gz", ".bz2", ".xz", ".zst"]
    /// Programs that decompress (or print decompressed) a file, as the first step of
    /// unpacking a compressed tar.
    static let decompressors: Set<String> = ["gunzip", "zcat", "gzcat", "bunzip2", "bzcat", "unxz", "xzcat", "unzstd", "zstdcat"]
    /// Compressors that decompress with `-d`.
    static let compressors: Set<String> = ["gzip", "pigz", "bzip2", "pbzip2", "xz", "zstd"]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        guard let copy = model.copies[index], !copy.isAdd, copy.origin == .context,
            let stageIndex = model.states[index].stage
        else { return }
        // Lazy, and only reached for an archive: listing the stage's later RUNs for every
        // COPY made 40k heredoc COPYs take 8 s.
        let stageEnd = max(index + 1, model.stages[stageIndex].instructionIndices.upperBound)
        let laterRuns = ((index + 1)..<stageEnd).lazy.filter {
            model.scripts[$0] != nil && model.dockerfile.instructions[$0].kind == .run
        }
        let destinationName = Self.destinationFileName(copy)
        for source in copy.sources where source.kind == .path {
            // The names the file may have in the image: its own (unless it is a pattern or
            // an unknown variable), and the destination's when that names a file.
            var names: Set<String> = []
            if !source.value.containsBytes("$"), !Self.hasGlob(source.value) { names.insert(ShellCommand.baseName(source.value)) }
            if let destinationName { names.insert(destinationName) }
            guard names.contains(where: { Self.isTarName($0) || Self.isCompressedName($0) }) else { continue }
            let sourceName = ShellCommand.baseName(source.word.value)
            for run in laterRuns {
                guard let line = Self.extractionLine(of: names, in: run, model: model) else { continue }
                findings.report(
                    source.word.range,
                    "COPY keeps \(sourceName) in a layer and line \(line) unpacks it into another: ADD \(sourceName) <folder>/ unpacks it in one step")
                break
            }
        }
    }

    /// The file name the copy gets when the destination names a file (one source, no
    /// trailing slash); nil when it is a folder.
    static func destinationFileName(_ copy: CopyOperation) -> String? {
        let destination = copy.destination
        guard copy.sources.count == 1, !destination.hasSuffix("/"), destination != ".", !destination.hasSuffix("/."), !destination.isEmpty else { return nil }
        return ShellCommand.baseName(destination)
    }

    static func hasGlob(_ path: String) -> Bool {
        path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    static func isTarName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return tarSuffixes.contains(where: lowered.hasSuffix)
    }

    static func isCompressedName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return compressedSuffixes.contains(where: lowered.hasSuffix)
    }

    /// The line of the first command of the RUN at `index` that unpacks a file called one
    /// of `names` the way ADD would.
    static func extractionLine(of names: Set<String>, in index: Int, model: DockerfileModel) -> Int? {
        guard let script = model.scripts[index] else { return nil }
        func named(_ word: ShellWord) -> Bool {
            let value = word.value.containsBytes("$") ? model.expand(word.value, at: index) : word.value
            return names.contains(ShellCommand.baseName(value))
        }
        for command in script.commands {
            if command.commandName == "tar", let extraction = TarExtraction(command), extraction.isWhole,
                let archive = extraction.archive, named(archive)
            {
                // A name without a tar ending is a tar when tar unpacks it (`x.gz`).
                return command.range.start.line
            }
            guard isDecompression(command) else { continue }
            let files = command.positionalArguments().filter { named($0) && isTarName(ShellCommand.baseName($0.value.containsBytes("$") ? model.expand($0.value, at: index) : $0.value)) }
            guard !files.isEmpty else { continue }
            // `zcat x.tar.gz | tar -x …`: the tar reading the output must unpack it whole.
            if command.context.isInPipeline, command.context.pipelineIndex + 1 < command.context.pipelineLength {
                let reader = script.commands.first {
                    $0.context.pipelineID == command.context.pipelineID && $0.context.pipelineIndex == command.context.pipelineIndex + 1
                }
                guard let reader, reader.commandName == "tar", let extraction = TarExtraction(reader), extraction.isWhole else { continue }
            }
            return command.range.start.line
        }
        return nil
    }

    static func isDecompression(_ command: ShellCommand) -> Bool {
        let program = command.commandName
        if decompressors.contains(program) { return true }
        return compressors.contains(program) && command.hasAnyFlag("d", "decompress", "uncompress")
    }
}

/// A `tar` command that extracts: which archive it reads, and whether it unpacks all of
/// it unchanged (what ADD does).
struct TarExtraction {
    /// The `-f` archive; nil when tar reads standard input.
    var archive: ShellWord?
    /// No member names, `--strip-components`, `--exclude`, `--transform`, `-O` …
    var isWhole: Bool

    /// One-letter options of tar that take a value.
    static let valuedLetters: Set<Character> = ["f", "C", "b", "T", "X", "K", "N", "g", "L", "V", "H", "I"]
    /// Long options (and their prefixes) that change what is unpacked or where it goes in
    /// a way ADD cannot.
    static let partialOptions = ["strip", "exclude", "wildcards", "to-stdout", "transform", "xform", "files-from", "to-command", "anchored", "newer", "after-date"]
    static let valuedLongOptions: Set<String> = ["file", "directory", "blocking-factor", "files-from", "exclude-from", "owner", "group", "mode", "use-compress-program", "exclude", "transform", "xform", "strip-components", "format", "label", "newer", "after-date"]

    init?(_ command: ShellCommand) {
        let words = command.arguments
        guard let first = words.first else { return nil }
        var extracts = false
        var whole = true
        var archive: ShellWord?
        var positional: [ShellWord] = []
        var index = 0
        // Old style: `tar xzf archive.tgz`, the letters' values follow in order.
        if !first.value.hasPrefix("-"), first.value.allSatisfy({ $0.isLetter }), first.value.containsBytes("x") {
            extracts = true
            var next = 1
            for letter in first.value where Self.valuedLetters.contains(letter) {
                if letter == "f", next < words.count { archive = words[next] }
                if letter == "T" || letter == "X" { whole = false }
                next += 1
            }
            if first.value.containsBytes("O") { whole = false }
            index = next
        }
        while index < words.count {
            let word = words[index]
            let value = word.value
            if value == "--" {
                positional.append(contentsOf: words[(index + 1)...])
                break
            }
            if value.hasPrefix("--") {
                let key = String(value.dropFirst(2).prefix { $0 != "=" })
                let attached = value.containsBytes("=")
                if key == "extract" || key == "get" { extracts = true }
                if Self.partialOptions.contains(where: key.hasPrefix) { whole = false }
                let takesNext = !attached && Self.valuedLongOptions.contains(key)
                if key == "file" { archive = attached ? ShellWord(value: String(value.drop { $0 != "=" }.dropFirst()), raw: word.raw, isLiteral: word.isLiteral, isQuoted: word.isQuoted, range: word.range) : (index + 1 < words.count ? words[index + 1] : nil) }
                index += takesNext ? 2 : 1
                continue
            }
            if value.hasPrefix("-"), value.count > 1 {
                var takesNext = false
                var position = value.index(after: value.startIndex)
                while position < value.endIndex {
                    let letter = value[position]
                    if letter == "x" { extracts = true }
                    if letter == "O" || letter == "T" || letter == "X" { whole = false }
                    if Self.valuedLetters.contains(letter) {
                        let rest = value[value.index(after: position)...]
                        if letter == "f" {
                            archive = rest.isEmpty
                                ? (index + 1 < words.count ? words[index + 1] : nil)
                                : ShellWord(value: String(rest), raw: word.raw, isLiteral: word.isLiteral, isQuoted: word.isQuoted, range: word.range)
                        }
                        takesNext = rest.isEmpty
                        break
                    }
                    position = value.index(after: position)
                }
                index += takesNext ? 2 : 1
                continue
            }
            positional.append(word)
            index += 1
        }
        guard extracts else { return nil }
        if archive?.value == "-" { archive = nil }
        // Members named after the archive: only part of it is unpacked.
        if !positional.isEmpty { whole = false }
        self.archive = archive
        self.isWhole = whole
    }
}
