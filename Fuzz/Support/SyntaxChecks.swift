/// Range checks over a whole syntax tree: every span the parser hands out lies in the
/// file, and its line and column fit its byte offset.
extension PositionOracle {
    func check(_ dockerfile: Dockerfile) {
        FuzzCheck.require(dockerfile.source.bytes == bytes, "the syntax tree is about other bytes than the input")
        for directive in dockerfile.directives {
            check(directive.range, "directive \(directive.name)")
            check(directive.valueRange, "directive \(directive.name) value")
        }
        for comment in dockerfile.comments { check(comment.range, "comment") }
        for diagnostic in dockerfile.diagnostics { check(diagnostic.range, "diagnostic '\(diagnostic.message)'") }
        for (index, instruction) in dockerfile.instructions.enumerated() {
            check(instruction, "instruction \(index + 1) (\(instruction.keyword))")
        }
    }

    func check(_ instruction: Instruction, _ what: String) {
        check(instruction.keywordRange, what + " keyword")
        check(instruction.range, what)
        check(instruction.argumentsRange, what + " arguments")
        for flag in instruction.flags { check(flag.range, what + " flag \(flag.text)") }
        switch instruction.arguments {
        case .none, .ignored:
            break
        case .words(let words):
            for word in words { check(word.range, what + " word") }
        case .keyValues(let pairs):
            for pair in pairs {
                check(pair.key.range, what + " key")
                check(pair.value.range, what + " value")
            }
        case .healthcheck(let type, let command):
            check(type.range, what + " healthcheck type")
            for word in command { check(word.range, what + " healthcheck word") }
        case .onbuild(let trigger):
            check(trigger, what + " trigger")
        }
        for heredoc in instruction.heredocs {
            check(heredoc.markerRange, what + " heredoc marker")
            check(heredoc.contentRange, what + " heredoc body")
            if let terminator = heredoc.terminatorRange { check(terminator, what + " heredoc terminator") }
        }
        // `argumentsText` and `textMap` count bytes of the logical line as read, which is
        // `original`'s UTF-8 only when the line is valid UTF-8 (`original` is decoded).
        let map = instruction.textMap
        FuzzCheck.require(
            instruction.argumentsText.lowerBound >= 0 && instruction.argumentsText.upperBound <= map.length,
            "\(what): arguments text \(instruction.argumentsText) outside its logical line (\(map.length) bytes)")
        var logicalLine: [UInt8] = []
        for (index, segment) in map.segments.enumerated() {
            let end = index + 1 < map.segments.count ? map.segments[index + 1].textOffset : map.length
            let fileRange = segment.fileOffset..<(segment.fileOffset + end - segment.textOffset)
            FuzzCheck.require(
                fileRange.lowerBound >= 0 && fileRange.upperBound <= bytes.count,
                "\(what): logical line piece \(fileRange) outside the file (\(bytes.count) bytes)")
            logicalLine += bytes[fileRange]
        }
        if !map.segments.isEmpty {
            // An ONBUILD trigger's text stops before trailing blanks its map still covers.
            FuzzCheck.require(
                UTF8Text.decode(logicalLine).unicodeScalars.starts(with: instruction.original.unicodeScalars),
                "\(what): the text map's pieces of the file do not spell the instruction's text")
        }
    }

    /// Every finding's range, and every edit of its fix, lies in the file.
    func check(_ findings: [Finding]) {
        for finding in findings {
            let what = "\(finding.code) '\(finding.message)'"
            check(finding.range, what)
            for edit in finding.fix?.edits ?? [] {
                FuzzCheck.require(
                    edit.range.lowerBound >= 0 && edit.range.upperBound <= bytes.count,
                    "\(what): fix edit \(edit.range) outside the file (\(bytes.count) bytes)")
            }
        }
    }
}
