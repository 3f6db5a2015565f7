/// The labels a team requires on its images (hadolint's `label-schema`), and what each
/// value must look like. Empty unless configured: the label rules then stay silent.
public struct LabelSchema: Sendable, Hashable {
    /// What a label's value must be.
    public enum ValueKind: String, Sendable, Hashable, CaseIterable {
        /// Any non-empty text.
        case text
        /// An absolute URI (`https://example.com/repo`).
        case url
        /// An RFC 3339 timestamp (`2026-11-23T10:00:00Z`).
        case rfc3339
        /// An SPDX license identifier (`MIT`, `Apache-2.0`).
        case spdx
        /// A git commit hash: 7 or 40 lower-case hexadecimal digits.
        case hash
        /// A semantic version (`1.4.0`, `2.0.0-rc.1`).
        case semver
        /// An e-mail address (`team@example.com`).
        case email
    }

    public struct Requirement: Sendable, Hashable {
        public var label: String
        public var kind: ValueKind

        public init(label: String, kind: ValueKind) {
            self.label = label
            self.kind = kind
        }

        /// `LABEL:KIND` as hadolint's `--require-label` takes it; a bare `LABEL` is text.
        public init?(parsing text: String) {
            guard let colon = text.lastIndex(of: ":") else {
                guard !text.isEmpty else { return nil }
                self.init(label: text, kind: .text)
                return
            }
            let label = String(text[..<colon])
            guard !label.isEmpty, let kind = ValueKind(rawValue: String(text[text.index(after: colon)...])) else { return nil }
            self.init(label: label, kind: kind)
        }
    }

    public var requirements: [Requirement]
    /// hadolint's `strict-labels`: a label the schema does not name is a finding.
    public var isStrict: Bool

    public init(requirements: [Requirement] = [], isStrict: Bool = false) {
        self.requirements = requirements
        self.isStrict = isStrict
    }

    public var isEmpty: Bool { requirements.isEmpty }

    public func requirement(for label: String) -> Requirement? {
        requirements.first { $0.label == label }
    }
}
