/// Fixes one file the way `dockaudit lint --fix` does: lint, apply the findings' fixes,
/// re-parse and re-lint the new text, and repeat until no fix applies, since one fix can
/// uncover another (or one had to wait because it overlapped).
public struct FileFixer: Sendable {
    /// Enough rounds for fixes that wait on each other; a fix that keeps changing the
    /// text (a bug) stops here rather than looping.
    public static let maximumRounds = 10

    /// What fixing one file gave.
    public struct Result: Sendable {
        /// The text after fixing (the original when nothing applied).
        public var bytes: [UInt8]
        /// The findings of the final text: those fixed are gone.
        public var findings: [Finding]
        /// How many fixes were applied, over all rounds, per rule code.
        public var appliedByRule: [String: Int] = [:]
        /// Why fixing stopped early, for stderr: a round broke the parse.
        public var stopReason: String?

        public var applied: Int { appliedByRule.values.reduce(0, +) }
        /// Unsafe fixes still offered by the final findings (not applied without `--unsafe-fixes`).
        public var unsafeLeft: Int { findings.filter { $0.fix?.safety == .unsafe }.count }
    }

    /// Parses and lints a text; the findings are those the user would see (ignored
    /// rules and severities already applied), so only their fixes count.
    public var lint: @Sendable (SourceFile) -> (Dockerfile, [Finding])
    public var includingUnsafe: Bool

    public init(includingUnsafe: Bool, lint: @escaping @Sendable (SourceFile) -> (Dockerfile, [Finding])) {
        self.includingUnsafe = includingUnsafe
        self.lint = lint
    }

    public func fix(path: String, bytes original: [UInt8]) -> Result {
        let (dockerfile, firstFindings) = lint(SourceFile(path: path, bytes: original))
        let originalErrors = Self.errorCount(dockerfile)
        let originalRejected = dockerfile.buildKitError != nil
        var findings = firstFindings
        var result = Result(bytes: original, findings: findings)
        for _ in 0..<Self.maximumRounds {
            let fixable = findings.filter { $0.fix != nil }
            let fixes = fixable.compactMap(\.fix)
            let (next, applied) = FixApplier.apply(fixes, to: result.bytes, includingUnsafe: includingUnsafe)
            guard applied > 0, next != result.bytes else { break }
            let (nextDockerfile, nextFindings) = lint(SourceFile(path: path, bytes: next))
            // A fix must never turn a file BuildKit reads into one it rejects (or add a
            // syntax error): the round is dropped and the file is left as it was.
            if (!originalRejected && nextDockerfile.buildKitError != nil) || Self.errorCount(nextDockerfile) > originalErrors {
                let reason = nextDockerfile.buildKitError?.message ?? "a new syntax error"
                result.stopReason = "fixing stopped: the fixed text would not parse (\(reason)); file left as it was after \(result.applied) fixes"
                break
            }
            for index in FixApplier.chosenFixes(fixes, byteCount: result.bytes.count, includingUnsafe: includingUnsafe) {
                result.appliedByRule[fixable[index].code, default: 0] += 1
            }
            result.bytes = next
            findings = nextFindings
            result.findings = nextFindings
        }
        return result
    }

    static func errorCount(_ dockerfile: Dockerfile) -> Int {
        dockerfile.diagnostics.filter { $0.severity == .error }.count
    }
}
