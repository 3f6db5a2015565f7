/// How serious a finding is. Ordered from most to least serious.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case error, warning, info, style

    /// Higher is more serious.
    public var rank: Int {
        switch self {
        case .error: return 3
        case .warning: return 2
        case .info: return 1
        case .style: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The code ranges of DESIGN.md: DA1xx syntax … DA7xx build context.
public enum RuleCategory: String, Sendable, CaseIterable, Codable {
    case syntax, baseImage = "base-image", files, shell, security, python, context

    public var title: String {
        switch self {
        case .syntax: return "Syntax and instruction use"
        case .baseImage: return "Base images and stages"
        case .files: return "COPY / ADD / files"
        case .shell: return "Shell commands in RUN"
        case .security: return "Security"
        case .python: return "Python images"
        case .context: return "Build context"
        }
    }
}
