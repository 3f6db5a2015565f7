/// DA122: an ENV value that reads a variable the same ENV sets in an earlier pair.
struct EnvSelfReference: Rule {
    static let description = RuleDescription(
        code: "DA122", name: "env-self-reference", severity: .error, category: .syntax,
        aliases: ["DL3044"],
        summary: "An `ENV` value refers to a variable set by an earlier pair of the same `ENV`.",
        rationale: """
            Every pair of one `ENV` is expanded with the variables from before the \
            instruction. In `ENV A=1 B=$A`, B does not get `1`: it gets whatever A was \
            before this line, usually nothing. The same holds when A had an earlier, \
            different value: `ENV VERSION=2 URL=…/$VERSION` still builds the URL of the old \
            version. A value referring to its own name (`PATH=/opt/bin:$PATH`) is fine: it \
            means the old value on purpose.
            """,
        howToFix: "Split the ENV in two (`ENV A=1` then `ENV B=$A`), or write the value out.",
        badExamples: [
            "FROM alpine:3.20\nENV APP_HOME=/app APP_BIN=↓$APP_HOME/bin\n",
            "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"↓${BLA}/blubb\"\n",
            "FROM alpine:3.20\nENV VERSION=1.0\nENV VERSION=2.0 \\\n    URL=https://example.com/app-↓${VERSION}.tar.gz\n",
            "FROM alpine:3.20\nENV A=1 B=\"x${C:-↓$A}\" C=2\n",
        ],
        goodExamples: [
            "FROM alpine:3.20\nENV PATH=/opt/app/bin:$PATH\n",
            "FROM alpine:3.20\nENV BLA=blubb BLUBB=\"$BLAFOO/blubb\"\n",
            "FROM alpine:3.20\nARG BLA\nENV BLA=${BLA} OTHER=${BLA}/x\n",
            "FROM alpine:3.20\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin\n",
            "FROM alpine:3.20\nENV A=1 B='$A'\n",
            "FROM alpine:3.20\nENV VERSION=2.0\nENV VERSION=2.0 URL=https://example.com/app-${VERSION}.tar.gz\n",
            "FROM alpine:3.20\nENV B=$A A=1\n",
        ],
        differences: [
            "differs from hadolint: a name the ENV sets in a *later* pair (`ENV B=$A A=1`) is not reported, as B gets the value A had before, which is what the order says.",
            "differs from hadolint: a name defined earlier with a different, known value (`ENV V=1` then `ENV V=2 URL=/v$V`) is reported (hadolint has no code for it): the URL gets the old value. An earlier ARG without a value, or the same value, stays silent as in hadolint.",
            "differs from hadolint: references are read as BuildKit expands them (single quotes do not expand, `$AB` is not `$A`), and variables are scoped per stage, not per file.",
        ])

    static let keywords: Set<InstructionKind> = [.env]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard case .keyValues(let pairs) = instruction.arguments, pairs.count > 1 else { return }
        let before = context.model.states[index].variables
        let escape = context.dockerfile.escapeToken
        // Unknown names (the base image's ENV) expand as unset in both readings below: the
        // question is only whether this ENV's own pairs change the result.
        let lexer = ShellLexer(escapeToken: Unicode.Scalar(escape))
        // What the pairs read so far set, expanded as BuildKit does (with the variables
        // from before the instruction): the values the author expects later pairs to see.
        var setHere: [String: String] = [:]
        for pair in pairs {
            if !setHere.isEmpty, let actual = try? lexer.processWord(pair.value.value, environment: before) {
                let names = actual.matched.union(actual.unmatched).filter { setHere[$0] != nil }
                let expected = try? lexer.processWord(pair.value.value, environment: Overlay(base: before, overrides: setHere))
                // `DIR=${DIR:-/x} SUB=${DIR:-/x}/y` gives the same either way: no surprise.
                if let expected, expected.value != actual.value {
                    for name in names.sorted() where setHere[name] != before.value(of: name) {
                        report(name, newValue: setHere[name] ?? "", earlier: before[name], in: pair, context: context, findings: &findings)
                    }
                }
            }
            let key = DockerfileModel.expand(pair.key.value, with: before, escapeToken: escape)
            if !key.isEmpty, setHere[key] == nil, let value = try? lexer.processWord(pair.value.value, environment: before).value {
                setHere[key] = value
            }
        }
    }

    func report(_ name: String, newValue: String, earlier: Variable?, in pair: KeyValuePair, context: LintContext, findings: inout FindingSink) {
        let range = FromLookup.rangeOfVariable(name, in: pair.value.range, source: context.source) ?? pair.value.range
        if let earlier {
            // Defined before with an unknown value (`ARG V` then `ENV V=$V URL=…$V`): the
            // old value is what was meant, as hadolint also reads it.
            guard let oldValue = earlier.value else { return }
            findings.report(
                range,
                "$\(name) here is the earlier value '\(oldValue)', not '\(newValue)' set by this ENV: every pair of one ENV sees the variables from before it; split the ENV in two",
                aliases: [])
        } else {
            findings.report(
                range,
                "$\(name) is set by this same ENV, but every pair sees the variables from before the instruction, so it is not '\(newValue)' here: split the ENV in two (ENV \(name)=… then the line that uses it)")
        }
    }
}

/// The variables from before an ENV, with the values its earlier pairs set laid over them.
private struct Overlay: VariableLookup {
    var base: VariableScope
    var overrides: [String: String]

    func value(of name: String) -> String? { overrides[name] ?? base.value(of: name) }
}
