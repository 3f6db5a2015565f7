/// DA111: a suppression comment names a rule that does not exist.
struct UnknownRuleInPragma: Rule {
    static let description = RuleDescription(
        code: "DA111", name: "unknown-rule-in-pragma", severity: .warning, category: .syntax,
        summary: "An ignore pragma names a rule that does not exist.",
        rationale: """
            A typo in `# dockaudit ignore=…` (or `# hadolint ignore=…`) silences nothing, and \
            the finding it was meant to silence stays, or worse, a later real finding of the \
            intended rule is not silenced the way the author believed. hadolint drops such \
            pragmas without a word; dockaudit says so.
            """,
        howToFix: "Correct the name (any real hadolint code or BuildKit check name is accepted, even one dockaudit does not implement): a code (DA105), a rule name (maintainer-deprecated), a hadolint code (DL4000) or a BuildKit check name. `dockaudit rules` lists them.",
        badExamples: [
            "FROM alpine\n# dockaudit ignore=↓DA9999\nMAINTAINER me\n",
            "FROM alpine\n# hadolint ignore=DL4000,↓DL40000\nMAINTAINER me\n",
            "FROM alpine\n# hadolint ignore=↓DL3999\nRUN true\n",
            "# dockaudit ignore-file=↓not-a-rule # reason\nFROM alpine\n",
        ],
        goodExamples: [
            "FROM alpine\n# dockaudit ignore=DA105 # the base image sets it\nMAINTAINER me\n",
            "FROM alpine\n# hadolint ignore=DL4000,SC2086\nMAINTAINER me\n",
            "FROM alpine\n# dockaudit is great; ignore=this\nRUN true\n",
            "FROM alpine\n# hadolint ignore=DL3008,DL3013\n# check=skip=UndefinedVar\nRUN true\n",
        ],
        differences: ["differs from hadolint: hadolint silently drops a pragma that names an unknown rule (and with it the valid ones beside it); dockaudit applies the valid names and reports the unknown one."])

    func finish(context: LintContext, findings: inout FindingSink) {
        for unknown in context.pragmas.unknownRules {
            findings.report(unknown.range, "'\(unknown.name)' is not a rule, so this pragma silences nothing for it: check the spelling ('dockaudit rules' lists every rule)")
        }
    }
}
