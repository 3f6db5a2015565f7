/// `dockaudit parse --format buildkit-json FILE…`: one BuildKit parse record per line, in
/// argument order, each named as given, to diff against BuildKit's own reading.
struct ParseCommand: Sendable {
    let paths: [String]
    let fileSystem: any FileSystem

    func run(standardInput: () throws -> [UInt8]) -> CommandResult {
        let reader = InputReader(
            fileSystem: fileSystem, readsStandardInput: paths.contains("-"), standardInput: standardInput)
        let records = paths.concurrentMap { path -> Result<String, InputError> in
            do throws(InputError) {
                let dockerfile = DockerfileParser.parse(SourceFile(path: path, bytes: try reader.bytes(of: path)))
                return .success(BuildKitRecord.record(for: dockerfile, file: path).serialized() + "\n")
            } catch {
                return .failure(error)
            }
        }
        var standardOutput = ""
        var standardError = ""
        var failures = 0
        for record in records {
            switch record {
            case .success(let line):
                standardOutput += line
            case .failure(let error):
                failures += 1
                standardError += error.message + "\n"
            }
        }
        if failures > 0, paths.count > 1 {
            standardError += "dockaudit: \(failures) of \(paths.count) files could not be read\n"
        }
        return CommandResult(
            standardOutput: standardOutput, standardError: standardError,
            exitCode: failures > 0 ? CommandResult.usageOrInputError : CommandResult.success)
    }
}
