/// `dockaudit rules` and `dockaudit explain`: the rule catalogue, from the definitions.
struct RulesCommand: Sendable {
    let format: RulesFormat
    let docsFolder: String?
    let rules: [any Rule.Type]
    let fileSystem: any FileSystem

    func run() -> CommandResult {
        let descriptions = rules.map { $0.description }
        if let folder = docsFolder {
            do throws(InputError) {
                try fileSystem.makeDirectory(folder)
                let pages = RuleDocumentation.allPages(for: descriptions)
                for page in pages {
                    try fileSystem.writeAtomically(Array(page.contents.utf8), to: folder + "/" + page.name)
                }
                return CommandResult(standardOutput: "wrote \(pages.count) pages to \(folder)\n", exitCode: CommandResult.success)
            } catch {
                return CommandResult(standardError: error.message + "\n", exitCode: CommandResult.usageOrInputError)
            }
        }
        switch format {
        case .text:
            return CommandResult(standardOutput: RuleDocumentation.table(for: descriptions), exitCode: CommandResult.success)
        case .json:
            return CommandResult(
                standardOutput: RuleDocumentation.catalog(for: descriptions).serialized(pretty: true) + "\n",
                exitCode: CommandResult.success)
        }
    }

    static func explain(_ identifier: String, rules: [any Rule.Type]) -> CommandResult {
        let matches = RuleRegistry.rules(matching: identifier, in: rules)
        guard !matches.isEmpty else {
            return CommandResult(
                standardError: "dockaudit: no rule is called '\(identifier)'; 'dockaudit rules' lists them\n",
                exitCode: CommandResult.usageOrInputError)
        }
        let text = matches.map { RuleDocumentation.explanation(for: $0.description) }.joined(separator: "\n")
        return CommandResult(standardOutput: text, exitCode: CommandResult.success)
    }
}
