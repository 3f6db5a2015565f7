/// DA622: `poetry install --no-dev`, an option Poetry deprecated in 1.2 and removed in 2.0.
struct PoetryNoDevDeprecated: Rule {
    static let description = RuleDescription(
        code: "DA622", name: "poetry-no-dev-deprecated", severity: .warning, category: .python,
        summary: "`poetry install --no-dev`: deprecated since Poetry 1.2 and removed in Poetry 2.0.",
        rationale: """
            Poetry 1.2 replaced `--no-dev` with dependency groups (`--only main`, `--without \
            dev`) and Poetry 2.0 removed it: `poetry install --no-dev` fails with "The option \
            --no-dev does not exist". An image that installs Poetry without a pin gets 2.x and \
            its build breaks the day it is rebuilt; one pinned to 1.2–1.8 prints a warning on \
            every build.
            """,
        howToFix: "Write `poetry install --only main` (the same set: the main group only).",
        badExamples: [
            "FROM python:3.12-slim\nRUN pip install poetry==1.8.3\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install ↓--no-dev --no-root\n",
            "FROM python:3.12-slim\nRUN poetry install --no-interaction ↓--no-dev\n",
        ],
        goodExamples: [
            "FROM python:3.12-slim\nRUN poetry install --only main --no-root\n",
            "FROM python:3.12-slim\nRUN poetry install --without dev\n",
            "FROM python:3.12-slim\nRUN uv sync --no-dev\n",
            "FROM python:3.12-slim\nRUN pip install poetry==1.1.15 && poetry install --no-dev\n",
        ],
        differences: [
            "differs from hadolint and BuildKit: neither looks at Poetry's options.",
        ],
        fixes: FixDescription(
            "replaces `--no-dev` with `--only main`", safety: .safe,
            before: "FROM python:3.12-slim\nRUN poetry install --no-dev --no-root\n",
            after: "FROM python:3.12-slim\nRUN poetry install --only main --no-root\n"))

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        for install in context.model.packageInstalls(at: index) where install.tool == .poetry {
            guard let word = install.arguments.first(where: { $0.value == "--no-dev" }) else { continue }
            // Poetry before 1.2 has no `--only`: there `--no-dev` is the right spelling.
            if Self.pinnedBefore12(context: context, index: index) { continue }
            let fix = FixEdits.isWrittenAsIs(word, in: context.source)
                ? Fix("use --only main", edits: [TextEdit(range: word.range.bytes, replacement: "--only main")])
                : nil
            findings.report(
                word.range, "--no-dev was removed in Poetry 2.0 (deprecated since 1.2): use --only main", fix: fix)
        }
    }

    /// Whether this stage installs Poetry pinned below 1.2 (`pip install poetry==1.1.15`,
    /// `POETRY_VERSION=1.1.x`) before the RUN at `index`.
    static func pinnedBefore12(context: LintContext, index: Int) -> Bool {
        guard let stage = context.stageIndex(ofInstruction: index) else { return false }
        let versions = context.model.packageInstalls.filter {
            $0.instructionIndex <= index && context.stageIndex(ofInstruction: $0.instructionIndex) == stage
        }.flatMap { install in
            install.packages.compactMap { word -> String? in
                let lowered = word.value.lowercased()
                return lowered.hasPrefix("poetry==") ? String(lowered.dropFirst("poetry==".count)) : nil
            }
        } + [context.model.states[index].variables.value(of: "POETRY_VERSION")].compactMap { $0 }
        return versions.contains { version in
            let parts = version.split(separator: ".").compactMap { Int($0) }
            return parts.count >= 2 && parts[0] == 1 && parts[1] < 2 || (parts.first ?? 1) == 0
        }
    }
}
