/// DA422: `gem install` of a gem without a version.
struct GemPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA422", name: "gem-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3028"],
        summary: "`gem install <gem>` names a gem without a version.",
        rationale: """
            `gem install bundler` installs whatever version is newest on the day of the build, \
            so two builds of one Dockerfile can differ, and a new major release (bundler 2 \
            refusing a Gemfile.lock written by bundler 1 is the classic) breaks the build with \
            no change on your side. Name the version with `gem install bundler:2.5.6`, or with \
            `-v 2.5.6` / `--version '~> 2.5'` (which applies to every gem of the command). \
            Local `.gem` files are fixed already, and `gem install -g Gemfile` installs what \
            the Gemfile says.
            """,
        howToFix: "Add a version: `gem install bundler:2.5.6` or `gem install bundler -v 2.5.6`.",
        badExamples: [
            "FROM ruby:3.3-slim\nRUN gem install ↓bundler\n",
            "FROM ruby:3.3-slim\nRUN gem i --no-document rake:13.2.1 ↓rails\n",
            "FROM ruby:3.3-slim\nRUN sudo gem install ↓bundler\n",
            "FROM ruby:3.3-slim\nRUN <<EOF\ngem install ↓bundler\nEOF\n",
            "FROM ruby:3.3-slim\nRUN gem install --source https://rubygems.org ↓bundler\n",
        ],
        goodExamples: [
            "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.6\n",
            "FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.6\n",
            "FROM ruby:3.3-slim\nRUN gem install bundler -v2.5.6\n",
            "FROM ruby:3.3-slim\nRUN gem install --no-document bundler --version '~> 2.5'\n",
            "FROM ruby:3.3-slim\nRUN gem install -N 'bundler:~> 2.5' rake:13.2.1\n",
            "FROM ruby:3.3-slim\nCOPY pkg/app-1.0.0.gem /tmp/\nRUN gem install /tmp/app-1.0.0.gem\n",
            "FROM ruby:3.3-slim\nRUN gem update --system 3.5.6 && gem install -g Gemfile\n",
        ],
        differences: [
            "differs from hadolint: `-v2.5.6` (value attached) is accepted and local `.gem` files are not reported; hadolint reports both.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked.",
            "differs from hadolint: a variable is expanded when its value is known; one whose value is unknown is not reported.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// gem options that take a value in the next word.
    static let optionsWithValues = [
        "v", "version", "i", "install-dir", "n", "bindir", "s", "source", "platform", "P", "trust-policy", "g", "file",
        "build-root", "p", "http-proxy", "document", "config-file", "target-rbconfig",
    ]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for command in model.scripts[index]?.commands ?? [] where command.commandName == "gem" {
            let words = command.positionalArguments(skipping: Self.optionsWithValues)
            guard let verb = words.first?.value, verb == "install" || verb == "i" else { continue }
            // `-v` pins every gem of the command (gem refuses it with several gems).
            if command.optionValue("v", "version") != nil { continue }
            for word in words.dropFirst() {
                guard let values = model.packageWords(word, for: command, at: index) else { continue }
                let unpinned = values.filter { !Self.isPinned($0) }
                guard !unpinned.isEmpty else { continue }
                let shown = unpinned.prefix(3).map { "\($0):<version>" }.joined(separator: " ")
                findings.report(
                    word.range,
                    word.value == unpinned.first && values.count == 1
                        ? "Pin the version: gem install \(shown) (or -v <version>)"
                        : "\(word.value) holds unpinned gems (\(unpinned.joined(separator: ", "))); pin each: \(shown)")
            }
        }
    }

    /// `name:version` or a local `.gem` file.
    static func isPinned(_ gem: String) -> Bool {
        gem.containsBytes(":") || gem.hasSuffix(".gem")
    }
}
