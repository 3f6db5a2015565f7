/// Where a simple command sits in its script.
public struct ShellCommandContext: Sendable, Hashable {
    /// The operator that joins this command to what comes before it in the same list
    /// (`&&` for `b` in `a && b`; `|` for `b` in `a | b`); nil at the start of a list
    /// (start of the script, of a `$(…)`, of an `if` body …).
    public var operatorBefore: ShellOperator?
    /// The operator after it (`&&` for `a` in `a && b`, `&` for a background command).
    public var operatorAfter: ShellOperator?
    /// Position in its pipeline (0-based) and the pipeline's length (1 when not piped).
    /// Commands inside a compound element (`{ a; b; } | c`) share the element's position.
    public var pipelineIndex = 0
    public var pipelineLength = 1
    /// Commands of one pipeline share this number (unique within the script).
    public var pipelineID: Int?
    /// The pipeline is negated (`! cmd`).
    public var isNegated = false
    /// Inside `( … )`.
    public var inSubshell = false
    /// Inside `$(…)`, backticks or `<(…)`/`>(…)`.
    public var inCommandSubstitution = false
    /// In the condition of an `if`/`elif`/`while`/`until`.
    public var inCondition = false
    /// In a `for`/`while`/`until`/`select` loop (condition or body).
    public var inLoop = false
    /// In the body of a function definition.
    public var inFunction = false
    /// The `if`/`case` arms the command is in, outermost first. Conditions are in no arm
    /// of their own `if` (an `elif` condition runs after earlier conditions failed).
    public var branches: [ShellBranch] = []

    public init() {}

    /// The command's output (or input) goes through a pipe.
    public var isInPipeline: Bool { pipelineLength > 1 }

    /// This command and `other` are in different arms of one `if` or `case`, so one run of
    /// the script never runs both (`case $arch in x86_64) wget …;; *) curl …;; esac`).
    public func isAlternative(to other: ShellCommandContext) -> Bool {
        branches.contains { mine in other.branches.contains { $0.compound == mine.compound && $0.arm != mine.arm } }
    }
}

/// One arm of an `if` (`then` is arm 0, each `elif` and the `else` the next) or of a
/// `case` (its patterns in order).
public struct ShellBranch: Sendable, Hashable {
    /// Which `if`/`case` command: a number unique within the script.
    public var compound: Int
    public var arm: Int
}

/// A program the command was found inside: `sudo -u app`, `env A=1`, `sh -c`.
public struct ShellWrapperCall: Sendable, Hashable {
    /// The wrapper's program name without its directory (`sudo`, `sh`).
    public var name: String
    /// The wrapper's own words: its name and options (and the script word for `sh -c`).
    public var words: [ShellWord]
}

/// One simple command the script runs, with its wrappers (`sudo`, `env`, `sh -c` …)
/// seen through.
public struct ShellCommand: Sendable, Hashable {
    /// The command's values, kept in one shared, immutable box: the rules loop over a
    /// script's commands by value, and copying a command is then one reference count
    /// instead of one for each of its arrays and strings (a visible share of a lint run).
    /// Changed only while this command holds the sole reference (`makeUnique`), as an
    /// array's storage is: never while shared, hence `@unchecked Sendable`.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private struct Fields: Sendable, Hashable {
        var name: ShellWord?
        var commandName: String
        var arguments: [ShellWord]
        var assignments: [ShellAssignment]
        var redirections: [ShellRedirection]
        var wrappers: [String]
        var wrapperCalls: [ShellWrapperCall]
        var context: ShellCommandContext
        var range: SourceRange
    }

    private var box: Box

    /// The program: the first word after assignments, redirections and wrappers.
    /// nil for a bare assignment or redirection (`A=1`, `> file`).
    public var name: ShellWord? {
        get { box.fields.name }
        set { update { $0.name = newValue; $0.commandName = Self.baseName(newValue?.value ?? "") } }
    }
    /// The program name without its directory: `apt-get` for `/usr/bin/apt-get`; empty
    /// when there is no name. Stored, not computed: every shell rule asks for it, for
    /// every command.
    public var commandName: String { box.fields.commandName }
    public var arguments: [ShellWord] {
        get { box.fields.arguments }
        _modify {
            makeUnique()
            yield &box.fields.arguments
        }
    }
    /// `A=1 cmd` prefixes, `env A=1` assignments, and `export A=1` arguments.
    public var assignments: [ShellAssignment] {
        get { box.fields.assignments }
        _modify {
            makeUnique()
            yield &box.fields.assignments
        }
    }
    public var redirections: [ShellRedirection] {
        get { box.fields.redirections }
        _modify {
            makeUnique()
            yield &box.fields.redirections
        }
    }
    /// Names of the wrappers it ran inside, outermost first (`["sudo", "sh"]`).
    public var wrappers: [String] {
        get { box.fields.wrappers }
        _modify {
            makeUnique()
            yield &box.fields.wrappers
        }
    }
    public var wrapperCalls: [ShellWrapperCall] {
        get { box.fields.wrapperCalls }
        _modify {
            makeUnique()
            yield &box.fields.wrapperCalls
        }
    }
    public var context: ShellCommandContext {
        get { box.fields.context }
        _modify {
            makeUnique()
            yield &box.fields.context
        }
    }
    /// From the first word of the command (wrappers and assignments included) to the last.
    public var range: SourceRange {
        get { box.fields.range }
        _modify {
            makeUnique()
            yield &box.fields.range
        }
    }

    public init(
        name: ShellWord?, arguments: [ShellWord], assignments: [ShellAssignment] = [],
        redirections: [ShellRedirection] = [], wrappers: [String] = [], wrapperCalls: [ShellWrapperCall] = [],
        context: ShellCommandContext = ShellCommandContext(), range: SourceRange
    ) {
        box = Box(Fields(
            name: name, commandName: Self.baseName(name?.value ?? ""), arguments: arguments, assignments: assignments,
            redirections: redirections, wrappers: wrappers, wrapperCalls: wrapperCalls, context: context, range: range))
    }

    /// A changed copy gets a box of its own; the sole owner changes its box in place (so
    /// attaching 10,000 heredoc bodies one by one stays linear).
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        makeUnique()
        change(&box.fields)
    }

    public static func == (left: ShellCommand, right: ShellCommand) -> Bool {
        left.box === right.box || left.box.fields == right.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }

    /// Whether the program is one of `names` (compared without directory).
    public func `is`(_ names: String...) -> Bool {
        names.contains(commandName)
    }

    /// Whether any argument equals one of `values` (hadolint's `cmdHasArgs`).
    public func hasArgument(_ values: String...) -> Bool {
        arguments.contains { values.contains($0.value) }
    }

    /// hadolint-style flags of the arguments: `--name=value` gives `name`, `-abc` gives
    /// `a`, `b`, `c`; `-` and `--` are not flags, and nothing after `--` is.
    public var flags: [String] {
        var result: [String] = []
        for argument in arguments {
            let value = argument.value
            if value == "--" { break }
            guard value.hasPrefix("-"), value != "-" else { continue }
            if value.hasPrefix("--") {
                let body = value.dropFirst(2)
                result.append(String(body.prefix { $0 != "=" }))
            } else {
                for character in value.dropFirst() { result.append(String(character)) }
            }
        }
        return result
    }

    /// `hasFlag("y")` matches `-y` and `-qy`; `hasFlag("yes")` matches `--yes`.
    public func hasFlag(_ flag: String) -> Bool {
        hasAnyFlag([flag])
    }

    public func hasAnyFlag(_ names: String...) -> Bool {
        hasAnyFlag(names)
    }

    /// `flags` contains one of `names`; checked word by word, without building `flags`.
    public func hasAnyFlag(_ names: [String]) -> Bool {
        for argument in arguments {
            let value = argument.value
            if value == "--" { break }
            guard value.hasPrefix("-"), value != "-" else { continue }
            if value.hasPrefix("--") {
                let body = value.utf8.dropFirst(2)
                let name = body.prefix { $0 != UInt8(ascii: "=") }
                if names.contains(where: { $0.utf8.elementsEqual(name) }) { return true }
            } else {
                for character in value.dropFirst() where names.contains(where: { $0.count == 1 && $0.first == character }) {
                    return true
                }
            }
        }
        return false
    }

    /// The value of the first matching option, or nil. Names follow `positionalArguments`:
    /// `optionValue("t", "target")` reads `-t x`, `-tx`, `--target=x` and `--target x`;
    /// a name written with dashes (`"-name"`) matches that spelling only.
    public func optionValue(_ names: String...) -> String? {
        optionOccurrences(names).first?.value
    }

    /// Every value of the matching options, in order (`-r a -r b` → `a`, `b`).
    public func optionValues(_ names: String...) -> [String] {
        optionOccurrences(names).map(\.value)
    }

    /// The word that holds the first matching option's value (the `--k=v` word itself when
    /// the value is attached).
    public func optionWord(_ names: String...) -> ShellWord? {
        optionOccurrences(names).first?.word
    }

    /// Arguments that are neither options nor values of the options in `optionsWithValues`
    /// (named as in `optionValue`). Everything after `--` is positional.
    public func positionalArguments(skipping optionsWithValues: [String] = []) -> [ShellWord] {
        positionalArguments(skipping: OptionSpec(optionsWithValues))
    }

    func positionalArguments(skipping spec: OptionSpec) -> [ShellWord] {
        var result: [ShellWord] = []
        var index = 0
        while index < arguments.count {
            let value = arguments[index].value
            if value == "--" {
                result.append(contentsOf: arguments[(index + 1)...])
                break
            }
            if value.hasPrefix("-"), value != "-" {
                index += spec.takesNextWord(value) ? 2 : 1
                continue
            }
            result.append(arguments[index])
            index += 1
        }
        return result
    }

    static func baseName(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[utf8.index(after: slash)...])
    }

    private func optionOccurrences(_ names: [String]) -> [(value: String, word: ShellWord)] {
        let spec = OptionSpec(names)
        var found: [(value: String, word: ShellWord)] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let value = word.value
            if value == "--" { break }
            guard value.hasPrefix("-"), value != "-" else {
                index += 1
                continue
            }
            switch spec.match(value) {
            case .none:
                index += 1
            case .attached(let attached):
                found.append((attached, word))
                index += 1
            case .nextWord:
                if index + 1 < arguments.count { found.append((arguments[index + 1].value, arguments[index + 1])) }
                index += 2
            }
        }
        return found
    }
}

/// A set of option names, hadolint style: one letter means `-x`, longer means `--name`,
/// a leading dash means exactly that spelling (`-name` for `find`).
struct OptionSpec {
    enum Match { case none, attached(String), nextWord }

    // Arrays, not sets: a rule names two or three options, and hashing them for every
    // call cost more than the scan.
    var short: [Character] = []
    var long: [Substring] = []
    var exact: [Substring] = []

    init(_ names: [String]) {
        for name in names {
            if name.hasPrefix("-") {
                exact.append(Substring(name))
            } else if name.utf8.count == 1 {
                short.append(name.first!)
            } else {
                long.append(Substring(name))
            }
        }
    }

    /// How `word` (which starts with `-`) carries a value for one of these options.
    func match(_ word: String) -> Match {
        let (key, attached) = Self.splitEquals(word)
        if exact.contains(key) { return attached.map { .attached(String($0)) } ?? .nextWord }
        if word.hasPrefix("--") {
            guard long.contains(key.dropFirst(2)) else { return .none }
            return attached.map { .attached(String($0)) } ?? .nextWord
        }
        // A short cluster: the first letter that takes a value ends the cluster; the rest
        // of the cluster (if any) is its value.
        var index = word.index(after: word.startIndex)
        while index < word.endIndex {
            if short.contains(word[index]) {
                let rest = word[word.index(after: index)...]
                return rest.isEmpty ? .nextWord : .attached(String(rest))
            }
            index = word.index(after: index)
        }
        return .none
    }

    func takesNextWord(_ word: String) -> Bool {
        if case .nextWord = match(word) { return true }
        return false
    }

    static func splitEquals(_ word: String) -> (key: Substring, value: Substring?) {
        guard let equals = word.firstIndex(of: "=") else { return (Substring(word), nil) }
        return (word[..<equals], word[word.index(after: equals)...])
    }
}
