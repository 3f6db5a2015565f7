/// `--format sarif`: SARIF 2.1.0, the format GitHub code scanning, Azure DevOps and many
/// security dashboards import. Each rule with a finding is described once in
/// `tool.driver.rules`; each result points at it by id and index.
///
/// Regions need no conversion: SARIF columns are 1-based and its end column is exclusive,
/// as ours are (`SourceRange.end` is the position just after the last byte), and
/// `columnKind` says columns count Unicode scalars, as ours do.
enum SARIFReport {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/dockaudit/dockaudit"

    /// A SARIF `fix`: the finding's edits as byte ranges of the file (SARIF regions may be
    /// given in bytes, which is what the edits are), marked safe or unsafe in its properties.
    static func fixObject(_ fix: Fix, file: String) -> JSONValue {
        let replacements: [JSONValue] = fix.edits.map { edit in
            .object([
                ("deletedRegion", .object([
                    ("byteOffset", .int(edit.range.lowerBound)),
                    ("byteLength", .int(edit.range.count)),
                ])),
                ("insertedContent", .object([("text", .string(edit.replacement))])),
            ])
        }
        return .object([
            ("description", .object([("text", .string(fix.title))])),
            ("artifactChanges", .array([.object([
                ("artifactLocation", .object([("uri", .string(uri(for: file)))])),
                ("replacements", .array(replacements)),
            ])])),
            ("properties", .object([("safety", .string(fix.safety.rawValue))])),
        ])
    }

    static func render(_ report: LintReport) -> String {
        let fingerprints = FindingFingerprints.compute(report)
        let codes = Array(Set(report.findings.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules: [JSONValue] = codes.map { code in
            let name = report.findings.first { $0.code == code }?.name ?? code
            return ruleObject(code: code, name: name, description: report.rule(code: code))
        }
        let results: [JSONValue] = zip(report.findings, fingerprints).map { finding, fingerprint in
            let range = finding.range
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(finding.code)),
                ("ruleIndex", .int(ruleIndex[finding.code] ?? 0)),
                ("level", .string(level(finding.severity))),
                ("message", .object([("text", .string(finding.message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(uri(for: finding.file)))])),
                        ("region", .object([
                            ("startLine", .int(range.start.line)),
                            ("startColumn", .int(range.start.column)),
                            ("endLine", .int(range.end.line)),
                            ("endColumn", .int(range.end.column)),
                        ])),
                    ])),
                ])])),
                ("partialFingerprints", .object([("primaryLocationLineHash", .string(fingerprint))])),
            ]
            if let fix = finding.fix { members.append(("fixes", .array([fixObject(fix, file: finding.file)]))) }
            return .object(members)
        }
        let driver: JSONValue = .object([
            ("name", .string("dockaudit")),
            ("informationUri", .string(informationURI)),
            ("version", .string(DockAuditCommand.version)),
            ("rules", .array(rules)),
        ])
        let log: JSONValue = .object([
            ("$schema", .string(schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", driver)])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return log.serialized(pretty: true) + "\n"
    }

    static func ruleObject(code: String, name: String, description: RuleDescription?) -> JSONValue {
        guard let description else {
            return .object([("id", .string(code)), ("name", .string(name))])
        }
        return .object([
            ("id", .string(code)),
            ("name", .string(description.name)),
            ("shortDescription", .object([("text", .string(description.summary))])),
            ("fullDescription", .object([("text", .string(description.rationale))])),
            ("help", .object([("text", .string(description.howToFix))])),
            ("helpUri", .string(RuleDocumentation.onlineURL(for: description))),
            ("defaultConfiguration", .object([("level", .string(level(description.severity)))])),
            ("properties", .object([("tags", .array(description.aliases.map { .string($0) }))])),
        ])
    }

    /// SARIF has error, warning, note (and none); info and style are notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info, .style: return "note"
        }
    }

    /// A URI reference for a path as the user gave it: relative paths stay relative,
    /// absolute ones become `file://` URIs, standard input is `stdin`; bytes outside
    /// the unreserved set and `/` are percent-encoded.
    static func uri(for path: String) -> String {
        if path == "-" { return "stdin" }
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
