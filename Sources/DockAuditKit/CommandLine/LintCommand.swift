/// `dockaudit lint PATH…`: find the Dockerfiles, lint them on all cores, then report
/// everything at once, in report order.
struct LintCommand: Sendable {
    let options: LintCommandOptions
    let paths: [String]
    let linter: Linter
    let fileSystem: any FileSystem

    /// What became of one input.
    enum Outcome: Sendable {
        case linted(path: String, bytes: [UInt8], findings: [Finding])
        case failed(InputError)
        /// Not linted, and not a failure: a line for stderr.
        case noted(String)
    }

    func run(standardInput: () throws -> [UInt8]) -> CommandResult {
        if case .directory(let directory) = options.context, let problem = contextProblem(directory) {
            return CommandResult(standardError: problem.message + "\n", exitCode: CommandResult.usageOrInputError)
        }
        let inputs = FileDiscovery(fileSystem: fileSystem).inputs(for: paths)
        let reader = InputReader(
            fileSystem: fileSystem, readsStandardInput: inputs.contains(.standardInput), standardInput: standardInput)
        // Each context directory is read once, however many Dockerfiles share it.
        let contexts = OnceCache<String, BuildContext?>()
        let outcomes = inputs.concurrentMap { lint($0, reader: reader, contexts: contexts) }

        var findings: [Finding] = []
        var files: [String] = []
        var sources: [String: [UInt8]] = [:]
        var standardError = ""
        var failures = 0
        for outcome in outcomes {
            switch outcome {
            case .linted(let path, let bytes, let found):
                findings += found
                files.append(path)
                if options.needsSources { sources[path] = bytes }
            case .failed(let error):
                failures += 1
                standardError += error.message + "\n"
            case .noted(let note):
                standardError += note + "\n"
            }
        }
        findings = options.adjusted(findings)
        findings.sort(by: Finding.reportOrder)
        if failures > 0, inputs.count > 1 {
            standardError += "dockaudit: \(failures) of \(inputs.count) paths could not be read\n"
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
        if !options.quiet {
            if options.statistics {
                standardOutput = StatisticsReport.render(findings)
            } else if options.writesStandardOutput {
                report.textStyle = options.colorsStandardOutput ? .colored : .plain
                standardOutput = options.format.render(report)
            }
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
            return .linted(path: path, bytes: bytes, findings: linter.lint(SourceFile(path: path, bytes: bytes), options: lintOptions))
        } catch {
            // `Dockerfile.tar.gz` found in a tree is not the user's mistake: say so, go on.
            if error.problem == .binary, !explicit {
                return .noted("dockaudit: \(path): skipped: binary file, not a Dockerfile")
            }
            return .failed(error)
        }
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
}
