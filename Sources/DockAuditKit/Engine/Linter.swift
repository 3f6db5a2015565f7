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
        var instances: [any Rule] = rules.map { $0.init() }
        var sinks = identities.map { FindingSink(rule: $0, file: dockerfile.source.path) }
        for (index, instruction) in dockerfile.instructions.enumerated() {
            guard let positions = dispatch[instruction.kind] else { continue }
            for position in positions {
                instances[position].visit(instruction, index: index, context: context, findings: &sinks[position])
            }
        }
        for position in instances.indices {
            instances[position].finish(context: context, findings: &sinks[position])
        }
        var findings = sinks.flatMap(\.findings)
        if !context.options.disableIgnorePragmas {
            findings.removeAll(where: context.pragmas.suppresses)
        }
        return findings.sorted(by: Finding.reportOrder)
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
