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

/// The variables visible at one point of the file. A value type: every instruction keeps
/// the scope it saw, so a change must not copy the whole table. The scope is a persistent
/// two-level trie on the name's hash (64 × 64 buckets): setting a variable copies two
/// 64-slot nodes and one small bucket, and the rest is shared with earlier scopes. (With a
/// plain dictionary, a file with thousands of ENV lines kept thousands of full copies.)
public struct VariableScope: Sendable, Hashable, VariableLookup {
    private final class Bucket: Sendable {
        let entries: [String: Variable]
        init(_ entries: [String: Variable]) { self.entries = entries }
    }

    private final class Node: Sendable {
        let buckets: [Bucket?]
        init(_ buckets: [Bucket?]) { self.buckets = buckets }
    }

    private static let width = 64
    private var nodes: [Node?] = Array(repeating: nil, count: VariableScope.width)
    public private(set) var count = 0

    public init() {}

    private static func slots(_ name: String) -> (node: Int, bucket: Int) {
        var hasher = Hasher()
        hasher.combine(name)
        let hash = UInt(bitPattern: hasher.finalize())
        return (Int(hash % UInt(width)), Int((hash / UInt(width)) % UInt(width)))
    }

    public subscript(name: String) -> Variable? {
        let (node, bucket) = Self.slots(name)
        return nodes[node]?.buckets[bucket]?.entries[name]
    }

    public mutating func set(_ variable: Variable) {
        let (nodeIndex, bucketIndex) = Self.slots(variable.name)
        var buckets = nodes[nodeIndex]?.buckets ?? Array(repeating: nil, count: Self.width)
        var entries = buckets[bucketIndex]?.entries ?? [:]
        if entries.updateValue(variable, forKey: variable.name) == nil { count += 1 }
        buckets[bucketIndex] = Bucket(entries)
        nodes[nodeIndex] = Node(buckets)
    }

    /// Every visible variable, by name (builds a dictionary: for reports, not hot paths).
    public var variables: [String: Variable] {
        var all: [String: Variable] = [:]
        all.reserveCapacity(count)
        for node in nodes {
            for bucket in node?.buckets ?? [] {
                if let bucket { all.merge(bucket.entries) { first, _ in first } }
            }
        }
        return all
    }

    public static func == (lhs: VariableScope, rhs: VariableScope) -> Bool {
        lhs.count == rhs.count && lhs.variables == rhs.variables
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }

    /// For expansion: the value when known. Declared variables without a known value
    /// count as unset, so an expansion with `skipUnsetEnv` leaves them as written.
    public func value(of name: String) -> String? { self[name]?.value }

    /// An ARG declared without a value is unset at build time unless a build argument
    /// sets it, so `${NAME:-default}` gives the default. Automatic arguments are set by
    /// BuildKit to values unknown here.
    public func isKnownUnset(_ name: String) -> Bool {
        guard let variable = self[name] else { return false }
        return variable.value == nil && variable.origin != .automatic
    }

    /// BuildKit's automatic platform arguments.
    public static let automaticArgs = [
        "BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
    ]
}
