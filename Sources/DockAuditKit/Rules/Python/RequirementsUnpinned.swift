/// DA605: a requirements file installed with `-r` has entries without an exact pin.
struct RequirementsUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA605", name: "requirements-unpinned", severity: .warning, category: .python,
        summary: "A requirements file installed with `-r` has entries that are not pinned to one version.",
        rationale: """
            `pip install -r requirements.txt` is only as repeatable as the file: a line such as \
            `flask` or `requests>=2.31` installs whatever is newest on the day of the build, so \
            the same Dockerfile and the same context give different images, and an upstream \
            release can break a build nobody touched ("pin your dependencies", says one of the \
            project's source articles, after pandas 1.0.0 broke a year-old project overnight). \
            dockaudit reads the file the build installs — found through the COPY or bind mount \
            that put it at the path the RUN names, with WORKDIR and `cd` taken into account — \
            and follows its `-r`/`-c` includes. An entry counts as pinned with `==X` or `===X`, \
            a VCS URL at a full commit, an archive URL with a hash or a versioned file name, a \
            local path, or an exact pin in a constraints file (`-c`). Without the build context, \
            or when the file cannot be traced (generated in the build, copied from another \
            stage), the rule stays silent.
            """,
        howToFix: "Pin every entry with `==`: keep the loose list in `requirements.in` and generate `requirements.txt` from it with `pip-compile` or `uv pip compile` (add `--generate-hashes` for DA606), or add a constraints file with exact pins (`-c constraints.txt`).",
        badExamples: [
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r ↓requirements.txt\n",
                        context: [("requirements.txt", "flask\nrequests>=2.31\ngunicorn==22.0.0\n")]),
            RuleExample("FROM python:3.12-slim\nRUN --mount=type=bind,source=deps,target=/tmp/deps pip install -r ↓/tmp/deps/prod.txt\n",
                        context: [("deps/prod.txt", "-r base.txt\ncelery==5.4.0\n"), ("deps/base.txt", "django~=5.0\n")]),
            RuleExample("FROM python:3.12-slim AS build\nCOPY . /src\nRUN cd /src && pip wheel -w /wheels -r requirements/prod.txt && pip install -r ↓requirements/prod.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n",
                        context: [("requirements/prod.txt", "numpy\n")]),
            RuleExample("FROM python:3.12-slim\nARG REQS=requirements.txt\nCOPY $REQS /tmp/\nRUN uv pip install --system -r ↓/tmp/$REQS\n",
                        context: [("requirements.txt", "fastapi[standard]\n")]),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
                        context: [("requirements.txt", "flask==3.0.3\n./libs/common\ngit+https://github.com/org/x.git@0123456789abcdef0123456789abcdef01234567#egg=x\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY requirements.txt constraints.txt ./\nRUN pip install -r requirements.txt -c constraints.txt\n",
                        context: [("requirements.txt", "flask\n"), ("constraints.txt", "flask==3.0.3\n")]),
            RuleExample("FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\nRUN poetry export -o requirements.txt && pip install -r requirements.txt\n",
                        context: [("requirements.txt", "flask\n"), ("pyproject.toml", ""), ("poetry.lock", "")]),
            RuleExample("FROM python:3.12-slim AS build\nCOPY requirements.txt .\nRUN pip wheel -w /w -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /requirements.txt .\nRUN pip install -r requirements.txt\n",
                        context: [("requirements.txt", "flask==3.0.3\n")]),
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
            RuleExample("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r /srv/requirements.txt\n",
                        context: [("requirements.txt", "flask\n")]),
        ],
        differences: [
            "differs from hadolint: hadolint cannot see the build context: it exempts every `pip install -r`. dockaudit reads the file.",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let buildContext = context.buildContext else { return }
        let model = context.model
        for install in model.packageInstalls(at: index) {
            let traced = model.tracedRequirements(of: install, in: buildContext)
            guard !traced.isEmpty else { continue }
            // A constraints file named in the environment is not traced: its pins are unknown.
            if ["PIP_CONSTRAINT", "UV_CONSTRAINT"].contains(where: { !(model.environmentValue($0, for: install.command, at: index) ?? "").isEmpty }) { continue }
            guard let constraints = model.tracedConstraints(of: install, in: buildContext) else { continue }
            let pinnedByConstraints = Set(constraints.flatMap { $0.requirements + $0.constraints }.filter(\.isPinned).compactMap(\.normalizedName))
            for requirements in traced {
                let unpinned = requirements.set.unpinnedRequirements.filter { entry in
                    guard let name = entry.normalizedName else { return true }
                    return !pinnedByConstraints.contains(name)
                }
                guard !unpinned.isEmpty else { continue }
                let shown = unpinned.prefix(3).map { entry in
                    entry.file == requirements.path ? "\(entry.text) (line \(entry.line))" : "\(entry.text) (\(entry.file):\(entry.line))"
                }.joined(separator: ", ")
                let more = unpinned.count > 3 ? ", …" : ""
                let count = unpinned.count == 1 ? "1 entry" : "\(unpinned.count) entries"
                findings.report(
                    requirements.word.range,
                    "\(requirements.path) has \(count) without an exact pin: \(shown)\(more); pin each with == (generate the file with pip-compile or uv pip compile)")
            }
        }
    }
}
