/// pip requirements files, and pyproject.toml, on the same bytes. The input is the text
/// of `requirements.txt`; includes (`-r`, `-c`) of `base.txt`, `constraints.txt` and
/// `sub/requirements.in` read the same text, anything else is missing, so include
/// chains and cycles are followed without a disk. Checked: nothing traps, every file
/// is read once, line numbers of entries and problems lie in their file.
func fuzzRequirements(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let present: Set<String> = ["requirements.txt", "base.txt", "constraints.txt", "sub/requirements.in"]
    let set = RequirementSet.load("requirements.txt") { path in present.contains(path) ? .text(text) : .missing }
    // pip numbers lines as Python's splitlines splits them: at \n, \r, \v and \f (a CRLF
    // pair is one break, so this is an upper bound).
    let lineCount = bytes.count(where: { [0x0A, 0x0D, 0x0B, 0x0C].contains($0) }) + 1
    FuzzCheck.require(set.files.count <= present.count, "\(set.files.count) files read out of \(present.count)")
    FuzzCheck.require(Set(set.files.map(\.path)).count == set.files.count, "a file was read twice")
    for entry in set.requirements + set.constraints {
        FuzzCheck.require(entry.line >= 1 && entry.line <= lineCount, "an entry on line \(entry.line) of \(lineCount)")
        if let requirement = entry.requirement {
            _ = requirement.isPinned
            _ = requirement.normalizedName
        }
    }
    for problem in set.problems {
        FuzzCheck.require(problem.line >= 0 && problem.line <= lineCount, "a problem on line \(problem.line) of \(lineCount)")
    }
    _ = set.unpinnedRequirements
    _ = set.hasHashes
    _ = set.requiresHashes
    _ = set.options
    _ = set.includes

    for (_, line) in RequirementsFile.logicalLines(text).prefix(64) {
        _ = try? PythonRequirement.parse(line)
        _ = try? PythonRequirement.parse(line, editable: true)
    }

    if let table = try? TOML.parse(text) {
        let project = PyProject(table: table)
        _ = PythonProjectManager.detect(pyproject: table, files: ["pyproject.toml", "poetry.lock", "uv.lock"])
        _ = project
    }
    return 0
}
