/// The Dockerfile parser on arbitrary bytes (invalid UTF-8, NUL, a BOM, CRLF…): no trap,
/// and every span of the tree in the file with its line and column right. The shell
/// lexer (variable expansion and word splitting) runs on each instruction's arguments.
func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let dockerfile = DockerfileParser.parse(SourceFile(path: "Dockerfile", bytes: bytes))
    let oracle = PositionOracle(bytes)
    oracle.check(dockerfile)

    let escape = Unicode.Scalar(dockerfile.escapeToken)
    let lexer = ShellLexer(escapeToken: escape)
    let environment = VariableTable(["HOME": "/root", "EMPTY": "", "PATH": "/usr/bin:/bin"])
    for instruction in dockerfile.instructions {
        let arguments = dockerfile.source.text(instruction.argumentsRange.bytes)
        for text in [arguments] + instruction.words.map(\.value) {
            let length = text.utf8.count
            if let expansion = try? lexer.processWord(text, environment: environment) {
                for reference in expansion.references {
                    FuzzCheck.require(
                        reference.span.lowerBound >= 0 && reference.span.upperBound <= length,
                        "lexer: reference span \(reference.span) outside its word (\(length) bytes)")
                }
            }
            if let words = try? lexer.processWordsWithSpans(text, environment: environment) {
                for word in words {
                    FuzzCheck.require(
                        word.span.lowerBound >= 0 && word.span.upperBound <= length,
                        "lexer: word span \(word.span) outside its input (\(length) bytes)")
                }
            }
        }
    }
    return 0
}
