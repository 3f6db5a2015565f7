/// One documented example: a Dockerfile and, for rules that audit the build context,
/// the files of the context it is built from (path → contents; a path ending in `/` is
/// an empty folder), and for rules that need configuration (`--trusted-registry`,
/// `--require-label`), the options it is linted with. A plain string literal is an example
/// without a context, linted with the default options.
public struct RuleExample: Sendable, ExpressibleByStringLiteral {
    public var dockerfile: String
    public var contextFiles: [(path: String, contents: String)]
    /// The configuration the example is linted with; nil for the defaults.
    public var options: LintOptions?

    public init(_ dockerfile: String, context: [(path: String, contents: String)] = [], options: LintOptions? = nil) {
        self.dockerfile = dockerfile
        self.contextFiles = context
        self.options = options
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var needsContext: Bool { !contextFiles.isEmpty }
}

/// A rule's fix, as documentation: what it changes, how safe it is, and a before/after
/// pair that the tests apply.
public struct FixDescription: Sendable {
    public var summary: String
    public var safety: Fix.Safety
    public var before: String
    public var after: String

    public init(_ summary: String, safety: Fix.Safety = .safe, before: String, after: String) {
        self.summary = summary
        self.safety = safety
        self.before = before
        self.after = after
    }
}

/// What a rule is, as data: its documentation and its test suite in one place.
public struct RuleDescription: Sendable {
    /// Stable code, `DA` and three digits.
    public var code: String
    /// Kebab-case name, also accepted wherever a code is.
    public var name: String
    public var severity: Severity
    public var category: RuleCategory
    /// hadolint codes (`DL3008`) and BuildKit check names (`JSONArgsRecommended`) this
    /// rule stands for.
    public var aliases: [String]
    /// One line: what the rule finds.
    public var summary: String
    /// Why it matters, in a few sentences.
    public var rationale: String
    /// What to change, in a sentence or two.
    public var howToFix: String
    /// Dockerfiles on which the rule must fire. A `↓` marks where a finding must start
    /// (it is removed before linting); without one, any finding will do.
    public var badExamples: [RuleExample]
    /// Dockerfiles on which the rule must stay silent.
    public var goodExamples: [RuleExample]
    /// Where dockaudit deliberately reads a case differently from hadolint or BuildKit.
    public var differences: [String]
    /// Off unless asked for (`--select`): rules most projects would not want by default,
    /// as hadolint keeps DL3057 and DL1001 at severity "ignore".
    public var isOptIn: Bool
    /// What `--fix` does for this rule's findings, and whether it is safe; nil when the
    /// rule has no fix. Shown by `dockaudit explain` and on the rule's page.
    public var fixes: FixDescription?

    public init(
        code: String, name: String, severity: Severity, category: RuleCategory, aliases: [String] = [],
        summary: String, rationale: String, howToFix: String, badExamples: [RuleExample], goodExamples: [RuleExample],
        differences: [String] = [], isOptIn: Bool = false, fixes: FixDescription? = nil
    ) {
        self.code = code
        self.name = name
        self.severity = severity
        self.category = category
        self.aliases = aliases
        self.summary = summary
        self.rationale = rationale
        self.howToFix = howToFix
        self.badExamples = badExamples
        self.goodExamples = goodExamples
        self.differences = differences
        self.isOptIn = isOptIn
        self.fixes = fixes
    }
}

/// A lint rule. A fresh value is made for every file, so a rule may keep state across the
/// instructions of one file (counts per stage, what was seen before).
///
/// The linter calls `visit` for each top-level instruction whose kind is in `keywords`
/// (in file order), then `finish` once. Rules only read the prepared `LintContext`; they
/// never re-parse text or read files.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// The instruction kinds `visit` wants; empty for rules that only use `finish`.
    static var keywords: Set<InstructionKind> { get }
    init()
    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink)
    mutating func finish(context: LintContext, findings: inout FindingSink)
}

extension Rule {
    public static var keywords: Set<InstructionKind> { [] }
    public mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {}
    public mutating func finish(context: LintContext, findings: inout FindingSink) {}
}

/// Collects the findings of one rule on one file; it knows the rule, so a rule only says
/// where and what.
public struct FindingSink: Sendable {
    /// What every finding of one rule shares, taken from its description once per run
    /// rather than copying the whole description (texts, examples) for every file.
    struct RuleIdentity: Sendable {
        let code: String
        let name: String
        let severity: Severity
        let aliases: [String]

        init(_ description: RuleDescription) {
            (code, name, severity, aliases) = (description.code, description.name, description.severity, description.aliases)
        }
    }

    let rule: RuleIdentity
    let file: String
    public private(set) var findings: [Finding] = []

    init(rule: RuleIdentity, file: String) {
        self.rule = rule
        self.file = file
    }

    /// Reports a finding; `severity` overrides the rule's default for this one finding
    /// (a rule whose findings differ in weight, like a secret with or without a value).
    /// `aliases` narrows which of the rule's aliases this finding stands for, when the
    /// rule covers several that mean different things (DL3033 for yum, DL3041 for dnf), or
    /// none of them (`[]`: a case hadolint has no code for); nil means all of them.
    /// `fix` is the repair `--fix` may apply (see `RuleDescription.fixes`).
    public mutating func report(
        _ range: SourceRange, _ message: String, severity: Severity? = nil, aliases: [String]? = nil, fix: Fix? = nil
    ) {
        findings.append(Finding(
            file: file, code: rule.code, name: rule.name, severity: severity ?? rule.severity,
            message: message, range: range, aliases: aliases ?? rule.aliases, fix: fix))
    }
}
