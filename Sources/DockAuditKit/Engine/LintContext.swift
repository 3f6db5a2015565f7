/// A build stage as the syntax tree shows it: where its FROM is, its name, and the earlier
/// stage it builds on when its base image names one (`FROM builder`).
public struct StageOutline: Sendable, Hashable {
    public var index: Int
    /// Position of the FROM instruction in `Dockerfile.instructions`.
    public var fromIndex: Int
    /// Lower-cased stage name (`AS name`), if any.
    public var name: String?
    /// The stage this one builds on, when its base image is an earlier stage's name.
    public var parent: Int?
}

/// Everything a rule may read about one file. Built once per file, shared by all rules.
public struct LintContext: Sendable {
    public let dockerfile: Dockerfile
    /// Index of the first FROM, or nil when the file has none.
    public let firstFromIndex: Int?
    /// For each instruction, the stage it belongs to (nil before the first FROM).
    public let stageOfInstruction: [Int?]
    public let stages: [StageOutline]

    public init(dockerfile: Dockerfile) {
        self.dockerfile = dockerfile
        var stages: [StageOutline] = []
        var stageOfInstruction: [Int?] = []
        stageOfInstruction.reserveCapacity(dockerfile.instructions.count)
        for (index, instruction) in dockerfile.instructions.enumerated() {
            if instruction.kind == .from {
                let words = instruction.words
                let name = words.count >= 3 && words[1].value.lowercased() == "as" ? words[2].value.lowercased() : nil
                let base = words.first?.value.lowercased()
                // Stage names are compared case-insensitively, and only earlier stages count.
                let parent = base.flatMap { base in stages.lastIndex { $0.name == base } }
                stages.append(StageOutline(index: stages.count, fromIndex: index, name: name, parent: parent))
            }
            stageOfInstruction.append(stages.isEmpty ? nil : stages.count - 1)
        }
        self.stages = stages
        self.stageOfInstruction = stageOfInstruction
        self.firstFromIndex = stages.first?.fromIndex
    }

    public var source: SourceFile { dockerfile.source }
    public var instructions: [Instruction] { dockerfile.instructions }
}
