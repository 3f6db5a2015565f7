/// Remembers, stage by stage, whether a RUN already passed on a setting (for example an
/// apt option written to /etc/apt/apt.conf.d), so a rule visiting RUNs in file order can
/// ask "was this configured earlier in this stage or a stage it builds on?" without
/// rescanning every earlier RUN each time.
struct EarlierRunSetting {
    private var configuredStages: Set<Int> = []

    /// Whether an earlier RUN of the stage of instruction `index` (or of a stage it
    /// builds on) was recorded.
    func isSet(before index: Int, context: LintContext) -> Bool {
        guard let stageIndex = context.stageIndex(ofInstruction: index) else { return false }
        let stage = context.model.stages[stageIndex]
        return ([stage] + context.model.ancestors(of: stage)).contains { configuredStages.contains($0.index) }
    }

    /// Records the RUN at `index` when any argument of its commands matches `sets`.
    mutating func record(_ index: Int, context: LintContext, when sets: ([String]) -> Bool) {
        guard let stageIndex = context.stageIndex(ofInstruction: index), !configuredStages.contains(stageIndex),
            let commands = context.model.scripts[index]?.commands
        else { return }
        if sets(commands.flatMap { $0.arguments.map(\.value) }) { configuredStages.insert(stageIndex) }
    }
}
