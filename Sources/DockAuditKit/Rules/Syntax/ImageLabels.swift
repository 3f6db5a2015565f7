/// The LABELs of the image that is built: every LABEL of the final stage (the last one,
/// or `--target`'s) and of the stages it builds on, oldest first. Shared by the label
/// schema rules (DA130–DA133).
struct ImageLabel {
    /// The key, quotes removed and variables expanded.
    var key: String
    /// The value, quotes removed and variables expanded; nil when it depends on a variable
    /// whose value is not known here (an ARG without a default, the base image's ENV).
    var value: String?
    var keyRange: SourceRange
    var valueRange: SourceRange
    var instructionIndex: Int

    static func labels(of context: LintContext) -> [ImageLabel] {
        guard let final = context.finalStage else { return [] }
        let chain = (context.model.ancestors(of: final).reversed() + [final])
        var labels: [ImageLabel] = []
        var lexer = ShellLexer(escapeToken: Unicode.Scalar(context.dockerfile.escapeToken))
        lexer.skipUnsetEnv = true
        for stage in chain {
            for index in stage.instructionIndices where context.instructions[index].kind == .label {
                guard case .keyValues(let pairs) = context.instructions[index].arguments else { continue }
                let variables = context.model.states[index].variables
                for pair in pairs {
                    let key = context.model.expand(pair.key.value, at: index)
                    let expansion = try? lexer.processWord(pair.value.value, environment: variables)
                    let value = expansion.flatMap { $0.unmatched.isEmpty ? $0.value : nil }
                    labels.append(ImageLabel(key: key, value: value, keyRange: pair.key.range, valueRange: pair.value.range, instructionIndex: index))
                }
            }
        }
        return labels
    }
}

extension LabelSchema {
    /// A schema for rule examples: `--require-label` for each `label:kind`.
    static func requiring(_ labels: [String], strict: Bool = false) -> LintOptions {
        LintOptions(labelSchema: LabelSchema(requirements: labels.compactMap(Requirement.init(parsing:)), isStrict: strict))
    }
}
