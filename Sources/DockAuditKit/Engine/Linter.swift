#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs rules over parsed files.
public struct Linter: Sendable {
    public let rules: [any Rule.Type]
    /// For each instruction kind, the positions in `rules` of the rules that visit it.
    private let dispatch: [InstructionKind: [Int]]
    /// Each rule's code, name, severity and aliases, in `rules` order.
    private let identities: [FindingSink.RuleIdentity]

    public init(rules: [any Rule.Type] = RuleRegistry.enabledByDefault) {
        self.rules = rules
        var dispatch: [InstructionKind: [Int]] = [:]
        for (position, rule) in rules.enumerated() {
            for kind in rule.keywords { dispatch[kind, default: []].append(position) }
        }
        self.dispatch = dispatch
        self.identities = rules.map { FindingSink.RuleIdentity($0.description) }
    }

    public func lint(_ source: SourceFile, options: LintOptions = LintOptions()) -> [Finding] {
        lint(DockerfileParser.parse(source), options: options)
    }

    /// All findings of all rules on one file, in report order.
    public func lint(_ dockerfile: Dockerfile, options: LintOptions = LintOptions()) -> [Finding] {
        let experimental = experimentalRules(for: dockerfile)
        if !experimental.isEmpty {
            return Linter(rules: rules + experimental).lint(dockerfile, options: options)
        }
        let context = LintContext(dockerfile: dockerfile, options: options)
        // The rules only read the context, so a big file's rules can run in groups on
        // separate cores; a small file's do not pay for the hand-over (and a run over
        // many files already keeps the cores busy with one file each).
        let groupCount = dockerfile.instructions.count >= Self.instructionsPerRuleGroup ? Self.ruleGroupLimit : 1
        let groups = (0..<groupCount).map { group in Array(stride(from: group, to: rules.count, by: groupCount)) }
        let sinks = groups.concurrentMap { positions in run(positions, on: dockerfile, context: context) }
        var findings = sinks.flatMap { $0.flatMap(\.findings) }
        if !context.options.disableIgnorePragmas {
            findings.removeAll(where: context.pragmas.suppresses)
        }
        return findings.sorted(by: Finding.reportOrder)
    }

    /// A file has this many instructions before its rules are split over cores.
    static let instructionsPerRuleGroup = 2_000
    /// At most this many groups: the machines this runs on in CI have two to four cores.
    static let ruleGroupLimit = max(1, min(4, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Runs the rules at `positions` (of `rules`) over the file: each visits the
    /// instructions of its keywords in file order, then finishes.
    private func run(_ positions: [Int], on dockerfile: Dockerfile, context: LintContext) -> [FindingSink] {
        var instances: [any Rule] = positions.map { rules[$0].init() }
        var sinks = positions.map { FindingSink(rule: identities[$0], file: dockerfile.source.path) }
        var slot = [Int](repeating: -1, count: rules.count)
        for (index, position) in positions.enumerated() { slot[position] = index }
        for (index, instruction) in dockerfile.instructions.enumerated() {
            guard let visitors = dispatch[instruction.kind] else { continue }
            for position in visitors where slot[position] >= 0 {
                let local = slot[position]
                instances[local].visit(instruction, index: index, context: context, findings: &sinks[local])
            }
        }
        for local in instances.indices {
            instances[local].finish(context: context, findings: &sinks[local])
        }
        return sinks
    }

    /// The opt-in rules standing for BuildKit checks that the file's own
    /// `# check=experimental=A,B` (or `=all`) directive turns on, as BuildKit runs its
    /// experimental checks only when named there; those not already among `rules`.
    func experimentalRules(for dockerfile: Dockerfile) -> [any Rule.Type] {
        let names = dockerfile.directives.filter { $0.name == "check" }.flatMap { Pragmas.checkOption("experimental", in: $0.value) }
        guard !names.isEmpty else { return [] }
        let present = Set(rules.map { $0.description.code })
        let optIn = RuleRegistry.all.filter { $0.description.isOptIn && !present.contains($0.description.code) }
        let wanted = Pragmas.codes(forBuildKitChecks: names, rules: optIn)
        return optIn.filter { wanted.contains($0.description.code) }
    }
}
