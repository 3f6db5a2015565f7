/// Everything a rule may read about one file. Built once per file, shared by all rules.
public struct LintContext: Sendable {
    public let dockerfile: Dockerfile
    /// Index of the first FROM, or nil when the file has none.
    public let firstFromIndex: Int?
    /// For each instruction, the index of the FROM that starts its stage (nil before the
    /// first FROM).
    public let stageStart: [Int?]

    public init(dockerfile: Dockerfile) {
        self.dockerfile = dockerfile
        var current: Int?
        var starts: [Int?] = []
        starts.reserveCapacity(dockerfile.instructions.count)
        for (index, instruction) in dockerfile.instructions.enumerated() {
            if instruction.kind == .from { current = index }
            starts.append(current)
        }
        self.stageStart = starts
        self.firstFromIndex = dockerfile.instructions.firstIndex { $0.kind == .from }
    }

    public var source: SourceFile { dockerfile.source }
    public var instructions: [Instruction] { dockerfile.instructions }
}
