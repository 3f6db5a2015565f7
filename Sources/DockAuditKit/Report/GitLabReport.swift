/// `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`), a
/// JSON array GitLab shows in merge requests. The fingerprint is what GitLab uses to tell
/// new findings from old ones, so it must not change when unrelated lines move
/// (`FindingFingerprints`).
enum GitLabReport {
    static func render(_ report: LintReport) -> String {
        let fingerprints = FindingFingerprints.compute(report)
        let issues: [JSONValue] = zip(report.findings, fingerprints).map { finding, fingerprint in
            .object([
                ("type", .string("issue")),
                ("description", .string(finding.message)),
                ("check_name", .string(finding.code)),
                ("fingerprint", .string(fingerprint)),
                ("severity", .string(severity(finding.severity))),
                ("categories", .array([.string(category(finding, rule: report.rule(code: finding.code)))])),
                ("location", .object([
                    ("path", .string(finding.file)),
                    ("lines", .object([
                        ("begin", .int(finding.range.start.line)),
                        ("end", .int(GitHubReport.lastLine(of: finding.range))),
                    ])),
                ])),
            ])
        }
        return JSONValue.array(issues).serialized(pretty: true) + "\n"
    }

    /// GitLab's scale is info, minor, major, critical, blocker; `blocker` is not used.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "critical"
        case .warning: return "major"
        case .info: return "minor"
        case .style: return "info"
        }
    }

    /// One of Code Climate's categories: security rules are `Security`, style findings
    /// `Style`, everything else `Bug Risk`.
    static func category(_ finding: Finding, rule: RuleDescription?) -> String {
        if rule?.category == .security { return "Security" }
        if finding.severity == .style { return "Style" }
        return "Bug Risk"
    }
}
