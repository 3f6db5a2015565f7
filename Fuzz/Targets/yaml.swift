/// The YAML reader and the configuration files built on it (`.dockaudit.yaml` and
/// `.hadolint.yaml`), on arbitrary bytes. Checked: nothing traps, reading is
/// deterministic, every node's and error's line lies in the file, and settings that
/// were read apply to the lint options.
let configurationRules = RuleRegistry.all
let sampleFinding = Finding(
    file: "Dockerfile", code: "DA603", name: "pip-cache-kept", severity: .warning, message: "m",
    range: SourceRange(start: SourcePosition(line: 1, column: 1, offset: 0), end: SourcePosition(line: 1, column: 1, offset: 0)),
    aliases: ["DL3042"])

func checkLines(_ node: YAMLNode, lineCount: Int) {
    FuzzCheck.require(node.line >= 1 && node.line <= lineCount, "a node on line \(node.line) of \(lineCount)")
    switch node.value {
    case .scalar, .null:
        break
    case .sequence(let items):
        for item in items { checkLines(item, lineCount: lineCount) }
    case .mapping(let entries):
        for entry in entries {
            FuzzCheck.require(entry.line >= 1 && entry.line <= lineCount, "key '\(entry.key)' on line \(entry.line) of \(lineCount)")
            checkLines(entry.value, lineCount: lineCount)
        }
    }
}

func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    // YAMLReader ends lines at "\n" (a CRLF pair is one "\n" too).
    let lineCount = bytes.count(where: { $0 == UInt8(ascii: "\n") }) + 1

    let first = Result { () throws(YAMLError) in try YAMLReader.parse(text) }
    let second = Result { () throws(YAMLError) in try YAMLReader.parse(text) }
    FuzzCheck.require(first == second, "reading the same YAML twice gave two answers")
    switch first {
    case .success(let node):
        checkLines(node, lineCount: lineCount)
    case .failure(let error):
        FuzzCheck.require(error.line >= 0 && error.line <= lineCount, "an error on line \(error.line) of \(lineCount): \(error.message)")
    }

    for dialect in [ConfigurationFile.Dialect.dockaudit, .hadolint] {
        let file = ConfigurationFile(
            path: ".dockaudit.yaml", dialect: dialect, rules: configurationRules, folder: "/repo", workingDirectory: "/repo")
        do throws(ConfigurationError) {
            let settings = try file.settings(fromText: text)
            var options = LintCommandOptions()
            settings.apply(to: &options)
            _ = options.rules(from: configurationRules)
            _ = options.adjusted([sampleFinding])
            _ = options.contextDirectory(forDockerfileAt: "dir/Dockerfile")
        } catch {
            if let line = error.line {
                FuzzCheck.require(line >= 0 && line <= lineCount, "a configuration error on line \(line) of \(lineCount): \(error.message)")
            }
            _ = error.text
        }
    }
    return 0
}
