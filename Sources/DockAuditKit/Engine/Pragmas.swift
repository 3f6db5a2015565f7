/// Suppression comments, read once per file:
/// - `# dockaudit ignore=CODE[,CODE] [# reason]` (or `# hadolint ignore=…`): the next
///   instruction (comment lines may stand between);
/// - `# dockaudit ignore-stage=…` (or `# hadolint stage ignore=…`): the rest of the stage,
///   including its FROM line when the comment stands right above it;
/// - `# dockaudit ignore-file=…` (or `# hadolint global ignore=…`): the whole file;
/// - BuildKit's `# check=skip=A,B` (or `skip=all`) parser directive for the whole file, and
///   a `# check=skip=…` comment right above an instruction for that instruction.
/// A rule may be named by code, name or alias. Names that match no rule are reported
/// (DA111) instead of being silently ignored.
public struct Pragmas: Sendable {
    struct Suppression: Sendable {
        var codes: Set<String>
        /// Lines the suppression covers (of the finding's start line).
        var lines: ClosedRange<Int>
    }

    /// A rule name in a pragma that matches no rule.
    public struct UnknownRule: Sendable, Hashable {
        public var name: String
        public var range: SourceRange
    }

    private(set) var fileCodes: Set<String> = []
    private(set) var suppressions: [Suppression] = []
    public private(set) var unknownRules: [UnknownRule] = []
    /// The per-instruction pragmas (`# dockaudit ignore=…`, `# hadolint ignore=…`), by the
    /// range of their comment, for DA125 (teams that forbid inline suppressions).
    public private(set) var inlineIgnores: [SourceRange] = []

    public init() {}

    /// Rule names are resolved against every rule dockaudit has (not only the ones that
    /// run), so a pragma naming a rule that is switched off is not "unknown".
    public init(dockerfile: Dockerfile, model: DockerfileModel, rules: [any Rule.Type] = RuleRegistry.all) {
        let source = dockerfile.source
        let instructions = dockerfile.instructions
        let commentLines = Set(dockerfile.comments.map(\.range.start.line))

        func codes(for names: [(name: String, range: SourceRange)]) -> Set<String> {
            var codes: Set<String> = []
            for entry in names {
                let matches = RuleRegistry.rules(matching: entry.name, in: rules)
                if matches.isEmpty && !Self.isKnownForeignName(entry.name) {
                    unknownRules.append(UnknownRule(name: entry.name, range: entry.range))
                }
                codes.formUnion(matches.map { $0.description.code })
            }
            return codes
        }

        /// The instruction the comment on `line` stands above: the next one, with only
        /// comment lines between.
        func instruction(after line: Int) -> Int? {
            guard let index = instructions.firstIndex(where: { $0.startLine > line }) else { return nil }
            let between = (line + 1)..<instructions[index].startLine
            return between.allSatisfy(commentLines.contains) ? index : nil
        }

        for comment in dockerfile.comments where !comment.insideInstruction {
            guard let pragma = PragmaText(comment: comment, source: source) else { continue }
            let line = comment.range.start.line
            let covered = codes(for: pragma.rules)
            switch pragma.scope {
            case .file:
                fileCodes.formUnion(covered)
            case .nextInstruction:
                inlineIgnores.append(comment.range)
                guard let index = instruction(after: line) else { continue }
                let target = instructions[index]
                suppressions.append(Suppression(codes: covered, lines: target.startLine...max(target.startLine, target.endLine)))
            case .stage:
                let next = instruction(after: line)
                // The stage of the next instruction, or (at the end of the file) the last one.
                let stageIndex = next.flatMap { model.states[$0].stage } ?? model.stages.indices.last
                guard let stageIndex, stageIndex < model.stages.count else { continue }
                let stage = model.stages[stageIndex]
                let last = instructions[stage.instructionIndices.upperBound - 1]
                let start = next == stage.fromIndex ? instructions[stage.fromIndex].startLine : line
                suppressions.append(Suppression(codes: covered, lines: start...max(start, last.endLine)))
            }
        }

        // BuildKit's `check` directive: `skip=A,B` or `skip=all`, names as BuildKit spells them.
        for directive in dockerfile.directives where directive.name == "check" {
            let skipped = Self.checkSkips(directive.value)
            fileCodes.formUnion(Self.codes(forBuildKitChecks: skipped, rules: rules))
        }
        // The per-instruction form: `# check=skip=…` right above the instruction.
        for instruction in instructions {
            for comment in instruction.precedingComments where comment.hasPrefix("check=") {
                let skipped = Self.checkSkips(String(comment.dropFirst("check=".count)))
                let covered = Self.codes(forBuildKitChecks: skipped, rules: rules)
                guard !covered.isEmpty else { continue }
                suppressions.append(Suppression(codes: covered, lines: instruction.startLine...max(instruction.startLine, instruction.endLine)))
            }
        }
    }

    public func suppresses(_ finding: Finding) -> Bool {
        if fileCodes.contains(finding.code) { return true }
        let line = finding.range.start.line
        return suppressions.contains { $0.codes.contains(finding.code) && $0.lines.contains(line) }
    }

    /// BuildKit's check names (Dockerfile frontend 1.x `linter/ruleset.go`).
    static let buildKitChecks: Set<String> = [
        "StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing", "DuplicateStageName",
        "ReservedStageName", "JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom", "WorkdirRelativePath",
        "UndefinedVar", "MultipleInstructionsDisallowed", "LegacyKeyValueFormat", "InvalidBaseImagePlatform",
        "RedundantTargetPlatform", "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom", "FromPlatformFlagConstDisallowed",
        "CopyIgnoredFile", "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat",
    ]

    /// A real hadolint 2.15 code (DL1000–DL1001, DL3000–DL3067, DL4000–DL4006), a
    /// ShellCheck code (`SC2086`, which hadolint pragmas may name) or a BuildKit check
    /// name: not dockaudit's, but not a typo either, so not reported as unknown.
    static func isKnownForeignName(_ name: String) -> Bool {
        if buildKitChecks.contains(name) { return true }
        let upper = name.uppercased()
        guard upper.count == 6, let number = Int(upper.dropFirst(2)) else { return false }
        if upper.hasPrefix("SC") { return number >= 1000 }
        guard upper.hasPrefix("DL") else { return false }
        return (1000...1001).contains(number) || (3000...3067).contains(number) || (4000...4006).contains(number)
    }

    /// `skip=A,B;error=true` → ["A", "B"] (only the text up to the first space counts).
    static func checkSkips(_ value: String) -> [String] {
        checkOption("skip", in: value)
    }

    /// The names one option of a `check` directive lists: `experimental` in
    /// `skip=A;experimental=B,C` → ["B", "C"].
    static func checkOption(_ name: String, in value: String) -> [String] {
        let options = value.split(separator: " ").first.map(String.init) ?? ""
        for option in options.split(separator: ";") where option.hasPrefix(name + "=") {
            return option.dropFirst(name.count + 1).split(separator: ",").map(String.init)
        }
        return []
    }

    /// Rules carrying one of the BuildKit check names (case-sensitive, as BuildKit
    /// compares them); `all` means every rule that stands for a BuildKit check.
    static func codes(forBuildKitChecks names: [String], rules: [any Rule.Type]) -> Set<String> {
        let wanted = Set(names)
        return Set(rules.filter { rule in
            let checks = rule.description.aliases.filter { !$0.hasPrefix("DL") }
            return !checks.isEmpty && (wanted.contains("all") || checks.contains(where: wanted.contains))
        }.map { $0.description.code })
    }
}

/// One pragma comment, read: its scope and the rule names it lists, with their ranges.
struct PragmaText {
    enum Scope { case nextInstruction, stage, file }

    var scope: Scope
    var rules: [(name: String, range: SourceRange)]

    /// Reads `dockaudit ignore…=` and `hadolint [global|stage] ignore=` comments.
    init?(comment: Comment, source: SourceFile) {
        let bytes = source.bytes
        let end = comment.range.end.offset
        var index = comment.range.start.offset + 1  // after '#'
        func skipBlanks() { while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 } }
        func word() -> String {
            let start = index
            while index < end, bytes[index] != 0x20, bytes[index] != 0x09, bytes[index] != UInt8(ascii: "=") { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        skipBlanks()
        let tool = word()
        guard tool == "dockaudit" || tool == "hadolint" else { return nil }
        skipBlanks()
        var keyword = word()
        var scope = Scope.nextInstruction
        if tool == "hadolint", keyword == "global" || keyword == "stage" {
            scope = keyword == "global" ? .file : .stage
            skipBlanks()
            keyword = word()
            guard keyword == "ignore" else { return nil }
        } else {
            switch keyword {
            case "ignore": scope = .nextInstruction
            case "ignore-stage" where tool == "dockaudit": scope = .stage
            case "ignore-file" where tool == "dockaudit": scope = .file
            default: return nil
            }
        }
        skipBlanks()
        guard index < end, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        var rules: [(String, SourceRange)] = []
        while index < end {
            skipBlanks()
            // A `#` starts the reason.
            if index >= end || bytes[index] == UInt8(ascii: "#") { break }
            let start = index
            while index < end, bytes[index] != UInt8(ascii: ","), bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
            if index > start {
                rules.append((String(decoding: bytes[start..<index], as: UTF8.self), source.range(start..<index)))
            }
            skipBlanks()
            if index < end, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if index < end, bytes[index] != UInt8(ascii: "#") { continue }
        }
        guard !rules.isEmpty else { return nil }
        self.scope = scope
        self.rules = rules
    }
}
