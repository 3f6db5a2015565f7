/// Where a variable visible to an instruction comes from.
public enum VariableOrigin: Sendable, Hashable {
    /// An ARG before the first FROM (usable in FROM lines, and in a stage that redeclares it).
    case globalArg
    /// An ARG inside a stage.
    case arg
    case env
    /// Set by BuildKit itself (`TARGETPLATFORM`, `BUILDARCH`…): declared, value unknown here.
    case automatic
}

public struct Variable: Sendable, Hashable {
    public var name: String
    /// nil when declared without a known value (an ARG without default and no global
    /// value, an automatic platform argument).
    public var value: String?
    public var origin: VariableOrigin
    /// The instruction that declared it (index into `Dockerfile.instructions`), nil for
    /// automatic ones.
    public var declaredAt: Int?
}

/// The variables visible at one point of the file. A value type: each instruction that
/// changes variables makes a new one; the others share storage.
public struct VariableScope: Sendable, Hashable, VariableLookup {
    public private(set) var variables: [String: Variable] = [:]

    public init() {}

    public subscript(name: String) -> Variable? { variables[name] }

    public mutating func set(_ variable: Variable) { variables[variable.name] = variable }

    /// For expansion: the value when known. Declared variables without a known value
    /// count as unset, so an expansion with `skipUnsetEnv` leaves them as written.
    public func value(of name: String) -> String? { variables[name]?.value }

    /// An ARG declared without a value is unset at build time unless a build argument
    /// sets it, so `${NAME:-default}` gives the default. Automatic arguments are set by
    /// BuildKit to values unknown here.
    public func isKnownUnset(_ name: String) -> Bool {
        guard let variable = variables[name] else { return false }
        return variable.value == nil && variable.origin != .automatic
    }

    /// BuildKit's automatic platform arguments.
    public static let automaticArgs = [
        "BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
    ]
}
