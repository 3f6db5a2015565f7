/// Shared by the rules that allow one CMD, ENTRYPOINT or HEALTHCHECK per stage: only the
/// last one takes effect, so each earlier one is reported at its own place.
struct SingleInstructionTracker {
    private var previous: (stage: Int, instruction: Instruction)?

    mutating func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let stage = context.stageIndex(ofInstruction: index) else { return }
        if let previous, previous.stage == stage {
            let keyword = instruction.kind.rawValue.uppercased()
            findings.report(
                previous.instruction.range,
                "this \(keyword) has no effect: the \(keyword) on line \(instruction.startLine) replaces it; keep only one \(keyword) per stage")
        }
        previous = (stage, instruction)
    }
}
