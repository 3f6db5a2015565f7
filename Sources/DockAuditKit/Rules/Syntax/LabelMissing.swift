/// DA130: a label the schema requires that the image never sets.
struct LabelMissing: Rule {
    static let description = RuleDescription(
        code: "DA130", name: "label-missing", severity: .info, category: .syntax,
        aliases: ["DL3049"],
        summary: "The image never sets a label the label schema requires (`--require-label`).",
        rationale: """
            Teams require labels (`org.opencontainers.image.source`, a version, an owner) so \
            that every image in a registry can be traced to its code and its people. Only \
            runs with a schema (`--require-label LABEL[:KIND]`). The image is the final \
            stage (the last one, or `--target`'s) with the stages it builds on: a label set \
            in `FROM base` is inherited, one set in a builder stage that is only copied from \
            is not in the image.
            """,
        howToFix: "Add the label to the final stage, or to the stage it builds on: `LABEL org.opencontainers.image.source=https://…`.",
        badExamples: [
            RuleExample("↓FROM alpine:3.20\nLABEL maintainer=team@example.com\n", options: LabelSchema.requiring(["version:semver"])),
            RuleExample("FROM golang:1.23 AS build\nLABEL version=1.0.0\n↓FROM alpine:3.20\nCOPY --from=build /app /app\n", options: LabelSchema.requiring(["version"])),
        ],
        goodExamples: [
            RuleExample("FROM alpine:3.20\nLABEL version=1.0.0\n", options: LabelSchema.requiring(["version:semver"])),
            RuleExample("FROM alpine:3.20 AS base\nLABEL version=1.0.0\nFROM base\nRUN true\n", options: LabelSchema.requiring(["version"])),
            "FROM alpine:3.20\n",
        ],
        differences: [
            "differs from hadolint: hadolint reports every stage that lacks the label (except stages only copied from); dockaudit judges the image that is built, the final stage with what it inherits, so a builder stage needs no labels."
        ])

    func finish(context: LintContext, findings: inout FindingSink) {
        let schema = context.options.labelSchema
        guard !schema.isEmpty, let final = context.finalStage else { return }
        let present = Set(ImageLabel.labels(of: context).map(\.key))
        let from = context.instructions[final.fromIndex]
        for requirement in schema.requirements where !present.contains(requirement.label) {
            findings.report(from.range, "Label \(requirement.label) is missing from the image: the label schema requires it; add LABEL \(requirement.label)=… to this stage")
        }
    }
}
