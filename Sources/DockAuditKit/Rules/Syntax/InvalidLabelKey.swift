/// DA123: a LABEL key outside Docker's key format, or in a namespace Docker reserves.
struct InvalidLabelKey: Rule {
    static let description = RuleDescription(
        code: "DA123", name: "invalid-label-key", severity: .info, category: .syntax,
        aliases: ["DL3048"],
        summary: "A `LABEL` key breaks Docker's key format or uses a namespace Docker reserves.",
        rationale: """
            Docker's guidelines for label keys: begin with a lower-case letter, end with a \
            lower-case letter or digit, use only lower-case letters, digits and separators \
            (`.` and `-`; `_` and `/` are accepted as hadolint does), and never two `.` or \
            `-` in a row. Tools that read labels (registries, scanners, \
            orchestrators) may expect this form, and reverse-DNS keys keep one team's labels \
            from clashing with another's. The `com.docker.`, `io.docker.` and \
            `org.dockerproject.` namespaces are reserved for Docker itself.
            """,
        howToFix: "Use a lower-case reverse-DNS key, such as `org.opencontainers.image.version` or `com.example.team`.",
        badExamples: [
            "FROM alpine:3.20\nLABEL ↓Maintainer=\"team@example.com\"\n",
            "FROM alpine:3.20\nLABEL ↓com.docker.compose.project=demo\n",
            "FROM alpine:3.20\nLABEL version=1 ↓build:date=2026-11-23\n",
            "FROM alpine:3.20\nLABEL ↓com.example..app=x ↓com.example.app-=y ↓1app=z\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nLABEL maintainer=\"team@example.com\" org.opencontainers.image.version=1.2.0\n",
            "FROM alpine:3.20\nLABEL \"com.example.vendor\"=\"ACME\" com.example.release-2=yes build_id=7 io.k8s/name=x\n",
            "FROM alpine:3.20\nARG KEY=com.example.key\nLABEL ${KEY}=1\n",
        ],
        differences: [
            "differs from hadolint: keys are read after BuildKit removes quotes and expands variables; a key that is still a variable reference after expansion is not judged."
        ])

    static let keywords: Set<InstructionKind> = [.label]

    static let reservedNamespaces = ["com.docker.", "io.docker.", "org.dockerproject."]
    /// Docker's guide allows `.` and `-`; hadolint 2.15 also accepts `_` and `/`, which
    /// are common (`build_id`, `io.k8s/display-name`) and harmless to every label reader.
    static let separators = Set("._-/".utf8)

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard case .keyValues(let pairs) = instruction.arguments else { return }
        for pair in pairs {
            let key = context.model.expand(pair.key.value, at: index)
            guard !key.containsBytes("$") else { continue }
            if let problem = Self.problem(with: key) {
                findings.report(pair.key.range, "Label key '\(key)' \(problem): use a lower-case reverse-DNS key such as com.example.\(Self.suggestedSuffix(for: key))")
            }
        }
    }

    /// What is wrong with `key`, or nil when it follows the format.
    static func problem(with key: String) -> String? {
        let bytes = Array(key.utf8)
        func isLowerLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        guard let first = bytes.first, let last = bytes.last else { return "is empty" }
        if let reserved = reservedNamespaces.first(where: key.hasPrefix) {
            return "is in the \(reserved.dropLast()) namespace, which Docker reserves"
        }
        if let bad = bytes.first(where: { !isLowerLetter($0) && !isDigit($0) && !separators.contains($0) }) {
            let shown = (0x41...0x5A).contains(bad) ? "upper-case letters" : "'\(Character(Unicode.Scalar(bad)))'"
            return "contains \(shown); keys use only lower-case letters, digits, '.', '-', '_' and '/'"
        }
        if !isLowerLetter(first) { return "does not start with a lower-case letter" }
        if !isLowerLetter(last) && !isDigit(last) { return "does not end with a lower-case letter or digit" }
        if key.containsBytes("..") || key.containsBytes("--") { return "has two separators in a row" }
        return nil
    }

    /// A suggestion built from the key: lower-cased, with other characters as `-`.
    static func suggestedSuffix(for key: String) -> String {
        var result = ""
        for scalar in key.lowercased().unicodeScalars {
            let isAllowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "."
            let character: Character = isAllowed ? Character(scalar) : "-"
            if character == "-" || character == ".", result.last == "-" || result.last == "." || result.isEmpty { continue }
            result.append(character)
        }
        while result.last == "-" || result.last == "." { result.removeLast() }
        return result.isEmpty ? "name" : result
    }
}
