/// DA131: with `--strict-labels`, a label the schema does not name.
struct LabelNotInSchema: Rule {
    static let description = RuleDescription(
        code: "DA131", name: "label-not-in-schema", severity: .info, category: .syntax,
        aliases: ["DL3050"],
        summary: "With `--strict-labels`, the image sets a label the label schema does not name.",
        rationale: """
            A strict schema keeps the labels of all images uniform: one spelling per fact, \
            no forgotten experiments. Only runs with `--strict-labels` and a schema. Labels of \
            builder stages the image does not build on are not in the image and not judged.
            """,
        howToFix: "Remove the label, rename it to the schema's name for the same fact, or add it to the schema.",
        badExamples: [
            RuleExample("FROM alpine:3.20\nLABEL version=1.0.0 ↓Vendor=ACME\n", options: LabelSchema.requiring(["version"], strict: true)),
        ],
        goodExamples: [
            RuleExample("FROM alpine:3.20\nLABEL version=1.0.0\n", options: LabelSchema.requiring(["version"], strict: true)),
            RuleExample("FROM alpine:3.20\nLABEL version=1.0.0 vendor=ACME\n", options: LabelSchema.requiring(["version"])),
        ],
        differences: [
            "differs from hadolint: labels of stages the final image does not build on are not judged."
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let schema = context.options.labelSchema
        guard schema.isStrict, !schema.isEmpty else { return }
        for label in ImageLabel.labels(of: context) where schema.requirement(for: label.key) == nil {
            findings.report(label.keyRange, "Label \(label.key) is not in the label schema (strict labels): remove it or add it to the schema")
        }
    }
}
