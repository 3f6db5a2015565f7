/// `--format json`: one array, one object per finding, in report order; `[]` when clean.
///
/// The keys are a superset of hadolint's (`code column file level line message`), so a
/// tool that reads hadolint's JSON reads ours; `endLine`, `endColumn` and `name` add the
/// exact span and the readable rule name, and `aliases` the hadolint codes and BuildKit
/// checks the finding stands for (for a team moving from hadolint, its DL code).
enum JSONReport {
    static func render(_ findings: [Finding]) -> String {
        let objects: [JSONValue] = findings.inReportOrder().map { finding in
            .object([
                ("file", .string(finding.file)),
                ("line", .int(finding.range.start.line)),
                ("column", .int(finding.range.start.column)),
                ("endLine", .int(finding.range.end.line)),
                ("endColumn", .int(finding.range.end.column)),
                ("code", .string(finding.code)),
                ("name", .string(finding.name)),
                ("level", .string(finding.severity.rawValue)),
                ("message", .string(finding.message)),
                ("aliases", .array(finding.aliases.map { .string($0) })),
            ])
        }
        return JSONValue.array(objects).serialized() + "\n"
    }
}
