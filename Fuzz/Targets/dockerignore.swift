/// The `.dockerignore` reader and matcher. The input's first half (up to a NUL byte, or
/// all of it) is the file; the paths matched are a fixed set, every line of the input
/// and every line after the NUL. Checked: nothing traps, matching is deterministic, a
/// pattern index in a match names a pattern, and `isExcluded` agrees with `match`.
let fixedPaths = [
    "", ".", "/", "Dockerfile", ".dockerignore", "src/app.py", "a/b/c/d.txt", "./x/../y", "node_modules/x/y.js",
    ".git/HEAD", "dir/", "//double//slash", "é/ü.txt", "*", "[", "\\",
]

func fuzzDockerignore(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let separator = bytes.firstIndex(of: 0) ?? bytes.count
    let file = Array(bytes[..<separator])
    let dockerignore = Dockerignore(bytes: file, path: ".dockerignore")
    for problem in dockerignore.problems {
        FuzzCheck.require(problem.line >= 1, "a problem on line \(problem.line): '\(problem.message)'")
    }
    for pattern in dockerignore.patterns {
        _ = pattern.pattern
        _ = pattern.problem
    }
    var paths = fixedPaths
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(64) {
        paths.append(String(decoding: line, as: UTF8.self))
    }
    for path in paths {
        let match = dockerignore.match(path)
        FuzzCheck.require(dockerignore.match(path) == match, "matching '\(path)' twice gave two answers")
        FuzzCheck.require(dockerignore.isExcluded(path) == match.isExcluded, "isExcluded('\(path)') disagrees with match")
        switch match {
        case .notMatched:
            break
        case .excluded(let index), .reincluded(let index), .invalidPattern(let index):
            FuzzCheck.require(
                dockerignore.patterns.indices.contains(index),
                "match('\(path)') names pattern \(index) of \(dockerignore.patterns.count)")
        }
        _ = dockerignore.matchesExact(path)
    }
    _ = dockerignore.hasExceptions
    return 0
}
