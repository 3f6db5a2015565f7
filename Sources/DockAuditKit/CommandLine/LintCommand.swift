/// `dockaudit lint PATH…`: find the Dockerfiles, lint them on all cores, then report
/// everything at once, in report order.
struct LintCommand: Sendable {
    let options: LintCommandOptions
    let paths: [String]
    let linter: Linter
    let fileSystem: any FileSystem
    /// Listened to only by `--fix`, the one mode that rewrites the files it reads.
    var stopRequests: StopRequests = .never

    /// One linted file: its text as read and, after `--fix`/`--diff`, as fixed.
    struct LintedFile: Sendable {
        var path: String
        var original: [UInt8]
        /// The text the findings are about: the fixed text when fixing, else the original.
        var bytes: [UInt8]
        /// Adjusted to the configuration (ignored rules dropped, severities set).
        var findings: [Finding]
        var appliedByRule: [String: Int] = [:]
        var unsafeLeft = 0
        /// Why fixing stopped early, if it did.
        var stopReason: String?
        /// This file's part of the text report, when it was rendered right after linting
        /// (`rendersTextPerFile`); the bytes are then dropped.
        var textBlock: String?

        var changed: Bool { bytes != original }
    }

    /// What became of one input.
    enum Outcome: Sendable {
        case linted(LintedFile)
        case failed(InputError)
        /// Not linted, and not a failure: a line for stderr.
        case noted(String)
        /// Not looked at: the run was asked to stop first.
        case notReached
    }

    func run(standardInput: () throws -> [UInt8]) -> CommandResult {
        if case .directory(let directory) = options.context, let problem = contextProblem(directory) {
            return CommandResult(standardError: problem.message + "\n", exitCode: CommandResult.usageOrInputError)
        }
        // `--fix` listens for SIGINT/SIGTERM from before it reads anything until it has
        // written its last file; every other mode writes nothing worth protecting, and
        // dies at once as a plain command-line tool does.
        let stops = options.fixMode == .write ? stopRequests : .never
        let listening = stops.begin()
        defer { stops.end(listening) }
        let inputs = FileDiscovery(fileSystem: fileSystem, followsLinkedFolders: options.followSymlinks).inputs(for: paths)
        let reader = InputReader(
            fileSystem: fileSystem, readsStandardInput: inputs.contains(.standardInput), standardInput: standardInput)
        // Each context directory is read once, however many Dockerfiles share it.
        let contexts = OnceCache<String, BuildContext?>()
        let outcomes = inputs.concurrentMap { input -> Outcome in
            // Asked to stop: the files not yet linted are not started, so the run ends soon.
            if stops.pending() != nil { return .notReached }
            return lint(input, reader: reader, contexts: contexts)
        }

        var findings: [Finding] = []
        var files: [String] = []
        var sources: [String: [UInt8]] = [:]
        var standardError = ""
        var failures = 0
        var linted: [LintedFile] = []
        for outcome in outcomes {
            switch outcome {
            case .linted(let file):
                linted.append(file)
                files.append(file.path)
                if options.needsSources { sources[file.path] = file.bytes }
            case .failed(let error):
                failures += 1
                standardError += error.message + "\n"
            case .noted(let note):
                standardError += note + "\n"
            case .notReached:
                break
            }
        }
        // Each file's findings are in report order already: joined in path order they
        // are in report order as a whole, with no sort of every finding.
        // (`linted` itself stays in input order: fixes are written and diffs printed so.)
        let reportOrder = linted.indices.sorted { linted[$0].path < linted[$1].path }
        findings.reserveCapacity(linted.reduce(0) { $0 + $1.findings.count })
        for index in reportOrder { findings += linted[index].findings }
        findings = findings.inReportOrder()
        if failures > 0, inputs.count > 1 {
            standardError += "dockaudit: \(failures) of \(inputs.count) paths could not be read\n"
        }
        var fixing = FixingOutput()
        if options.fixMode != .report {
            fixing = finishFixing(linted, stops: stops)
            standardError += fixing.standardError
            failures += fixing.failures
        }
        if let signal = fixing.stoppedBy ?? stops.pending() {
            // Files are written whole or not at all (see `finishFixing`); the report of a
            // run cut short would be partial, so only stderr says what happened.
            let toWrite = linted.filter { $0.changed && $0.path != "-" }.count
            return CommandResult(
                standardError: standardError + "dockaudit: interrupted; wrote \(fixing.written) of \(toWrite) fixed files\n",
                exitCode: 128 + signal)
        }
        if options.fixMode == .diff {
            // Like `ruff --diff`: the diff is the output, and exit 1 says something would change.
            let changed = linted.contains(where: \.changed)
            let exitCode = failures > 0
                ? CommandResult.usageOrInputError : changed ? CommandResult.findingsAtThreshold : CommandResult.success
            return CommandResult(standardOutput: fixing.standardOutput, standardError: standardError, exitCode: exitCode)
        }
        let exitCode: Int32
        if failures > 0 {
            exitCode = CommandResult.usageOrInputError
        } else {
            let fails = !options.noFail && options.failureThreshold.isReached(by: findings)
            exitCode = fails ? CommandResult.findingsAtThreshold : CommandResult.success
        }
        var report = LintReport(
            findings: findings, files: files, sources: sources, rules: linter.rules.map { $0.description })
        // Files first: a report that cannot be written is an error, and then nothing else
        // claims success.
        for output in options.fileOutputs {
            let text = (output.format ?? options.format).render(report)
            do throws(InputError) {
                try fileSystem.writeAtomically(Array(text.utf8), to: output.path)
            } catch {
                return CommandResult(
                    standardError: standardError + error.message + " (--output)\n", exitCode: CommandResult.usageOrInputError)
            }
        }
        var standardOutput = ""
        if options.rendersTextPerFile {
            standardOutput = Self.joinTextBlocks(&linted, in: reportOrder, findings: findings)
        } else if !options.quiet {
            if options.statistics {
                standardOutput = StatisticsReport.render(findings)
            } else if options.writesStandardOutput {
                report.textStyle = options.colorsStandardOutput && !fixing.ownsStandardOutput ? .colored : .plain
                standardOutput = options.format.render(report)
            }
        }
        if fixing.ownsStandardOutput {
            // `lint --fix -` is a filter, as `ruff check --fix -`: the fixed text is the
            // output, and the report goes to stderr, before the fixing summary.
            return CommandResult(
                standardOutput: fixing.standardOutput, standardError: standardOutput + standardError, exitCode: exitCode)
        }
        return CommandResult(standardOutput: standardOutput, standardError: standardError, exitCode: exitCode)
    }

    func lint(_ input: LintInput, reader: InputReader, contexts: OnceCache<String, BuildContext?>) -> Outcome {
        let path: String
        let explicit: Bool
        switch input {
        case .unreadable(let error):
            return .failed(error)
        case .skipped(let error):
            return .noted("dockaudit: \(error.path): skipped: \(error.reason)")
        case .noDockerfiles(let directory):
            return .noted("dockaudit: \(directory): no Dockerfiles found")
        case .standardInput:
            (path, explicit) = ("-", true)
        case .file(let filePath, let isExplicit):
            (path, explicit) = (filePath, isExplicit)
        }
        do throws(InputError) {
            let bytes = try reader.bytes(of: path)
            let directory = options.contextDirectory(forDockerfileAt: path == "-" ? nil : path)
            let context = directory.flatMap { directory in
                contexts.value(for: directory) { try? BuildContext(root: directory) }
            }
            let lintOptions = LintOptions(
                target: options.target, asOf: options.asOf, buildContext: context,
                dockerfilePath: path == "-" ? nil : path, disableIgnorePragmas: options.disableIgnorePragmas,
                trustedRegistries: options.trustedRegistries, labelSchema: options.labelSchema)
            let (linter, options) = (linter, options)
            guard options.fixMode != .report else {
                let findings = options.adjusted(linter.lint(SourceFile(path: path, bytes: bytes), options: lintOptions))
                if options.rendersTextPerFile {
                    // Copied into storage of its exact size: blocks are held until the
                    // end of the run, and the slack of a string grown by appending was
                    // a tenth of the peak memory of a corpus run.
                    var block = ""
                    let grown = TextReport.block(findings, source: bytes, style: options.textStyle)
                    block.reserveCapacity(grown.utf8.count)
                    block += grown
                    return .linted(LintedFile(path: path, original: [], bytes: [], findings: findings, textBlock: block))
                }
                return .linted(LintedFile(path: path, original: bytes, bytes: bytes, findings: findings))
            }
            // Only the findings the user would see offer fixes: an ignored rule's do not.
            let fixer = FileFixer(includingUnsafe: options.unsafeFixes) { source in
                let dockerfile = DockerfileParser.parse(source)
                return (dockerfile, options.adjusted(linter.lint(dockerfile, options: lintOptions)))
            }
            let result = fixer.fix(path: path, bytes: bytes)
            return .linted(
                LintedFile(
                    path: path, original: bytes, bytes: result.bytes, findings: result.findings,
                    appliedByRule: result.appliedByRule, unsafeLeft: options.unsafeFixes ? 0 : result.unsafeLeft,
                    stopReason: result.stopReason))
        } catch {
            // `Dockerfile.tar.gz` found in a tree is not the user's mistake: say so, go on.
            if error.problem == .binary, !explicit {
                return .noted("dockaudit: \(path): skipped: binary file, not a Dockerfile")
            }
            return .failed(error)
        }
    }

    /// The text report from the blocks rendered per file, taken in `order` (path order,
    /// which is report order), each block let go once copied so the report is not held
    /// twice.
    static func joinTextBlocks(_ files: inout [LintedFile], in order: [Int], findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var output = ""
        output.reserveCapacity(files.reduce(0) { $0 + ($1.textBlock?.utf8.count ?? 0) } + 200)
        for index in order {
            output += files[index].textBlock ?? ""
            files[index].textBlock = nil
        }
        return output + TextReport.summary(findings) + "\n"
    }

    /// Why `--context DIR` cannot be the build context, if it cannot.
    func contextProblem(_ directory: String) -> InputError? {
        do throws(InputError) {
            let kind = try fileSystem.kind(of: directory, followingLinks: true)
            if kind == .directory { return nil }
            return InputError(path: directory, problem: .buildContext("not a directory"))
        } catch {
            return InputError(path: directory, problem: .buildContext(error.reason))
        }
    }

    /// What `--fix` or `--diff` adds to the run's output.
    struct FixingOutput {
        /// The diffs (`--diff`) or the fixed standard input (`--fix -`).
        var standardOutput = ""
        /// Whether `standardOutput` replaces the report there (`--fix -`).
        var ownsStandardOutput = false
        var standardError = ""
        /// Files that could not be written.
        var failures = 0
        /// Files written.
        var written = 0
        /// The signal that stopped the writing before the last file, if one did.
        var stoppedBy: Int32?
    }

    /// Writes the fixed files (`--fix`) or prints their diffs (`--diff`), and says on
    /// stderr what was fixed. Asked to stop, it finishes the file being written (each is
    /// replaced in one rename) and writes no other.
    func finishFixing(_ files: [LintedFile], stops: StopRequests) -> FixingOutput {
        var output = FixingOutput()
        if let signal = stops.pending() {
            output.stoppedBy = signal
            return output
        }
        for file in files {
            if let reason = file.stopReason { output.standardError += "dockaudit: \(file.path): \(reason)\n" }
            switch options.fixMode {
            case .report:
                break
            case .diff:
                output.standardOutput += UnifiedDiff().render(old: file.original, new: file.bytes, path: file.path)
            case .write where file.path == "-":
                output.standardOutput += String(decoding: file.bytes, as: UTF8.self)
                output.ownsStandardOutput = true
            case .write:
                guard file.changed else { continue }
                if let signal = stops.pending() {
                    output.stoppedBy = signal
                    return output
                }
                if let problem = write(file) {
                    output.standardError += problem + "\n"
                    output.failures += 1
                } else {
                    output.written += 1
                }
            }
        }
        let applied = files.reduce(0) { $0 + $1.appliedByRule.values.reduce(0, +) }
        let changedFiles = files.filter(\.changed).count
        let unsafeLeft = files.reduce(0) { $0 + $1.unsafeLeft }
        var summary = applied == 0
            ? "no fixes applied"
            : "\(options.fixMode == .diff ? "would fix" : "fixed") \(Self.counted(applied, "finding")) in \(Self.counted(changedFiles, "file"))"
        if unsafeLeft > 0 {
            summary += " (\(Self.counted(unsafeLeft, "unsafe fix")) not applied; rerun with --unsafe-fixes)"
        }
        if !options.quiet { output.standardError += summary + "\n" }
        return output
    }

    /// Replaces the file with its fixed text, keeping its permissions; nil when written,
    /// else the stderr line. A file that changed since it was read is left alone: writing
    /// would throw away someone's edit.
    func write(_ file: LintedFile) -> String? {
        do throws(InputError) {
            let current = try fileSystem.contents(of: file.path)
            guard current == file.original else {
                return "dockaudit: \(file.path): changed on disk while being fixed; not written"
            }
            try fileSystem.writeAtomically(file.bytes, to: file.path)
            return nil
        } catch {
            return error.message + " (--fix)"
        }
    }

    static func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)\(noun.hasSuffix("x") ? "es" : "s")"
    }
}
