/// Settings of one lint run that rules may read.
public struct LintOptions: Sendable {
    /// The stage `docker build --target` builds; nil for the last stage.
    public var target: String?
    /// "Today" for end-of-life rules, so CI results do not change overnight.
    public var asOf: CalendarDate?
    /// The build context; nil for standard input without `--context`, or `--no-context`.
    /// Rules that need it are skipped without it.
    public var buildContext: BuildContext?
    /// The Dockerfile's path as given (for `<Dockerfile>.dockerignore`); nil for stdin.
    public var dockerfilePath: String?
    /// Report everything, whatever ignore pragmas say (`--disable-ignore-pragmas`).
    public var disableIgnorePragmas: Bool
    /// Registries images may come from (`--trusted-registry`); empty means any.
    public var trustedRegistries: [String]
    /// Labels images must carry (`--require-label`, `--strict-labels`).
    public var labelSchema: LabelSchema

    public init(
        target: String? = nil, asOf: CalendarDate? = nil, buildContext: BuildContext? = nil, dockerfilePath: String? = nil,
        disableIgnorePragmas: Bool = false, trustedRegistries: [String] = [], labelSchema: LabelSchema = LabelSchema()
    ) {
        self.target = target
        self.asOf = asOf
        self.buildContext = buildContext
        self.dockerfilePath = dockerfilePath
        self.disableIgnorePragmas = disableIgnorePragmas
        self.trustedRegistries = trustedRegistries
        self.labelSchema = labelSchema
    }
}

/// Everything a rule may read about one file. Built once per file, shared by all rules.
public struct LintContext: Sendable {
    public let dockerfile: Dockerfile
    public let model: DockerfileModel
    public let options: LintOptions
    /// The file's suppression comments.
    public let pragmas: Pragmas

    public init(dockerfile: Dockerfile, options: LintOptions = LintOptions()) {
        self.dockerfile = dockerfile
        self.model = DockerfileModel(dockerfile)
        self.options = options
        self.pragmas = Pragmas(dockerfile: dockerfile, model: model)
    }

    public var source: SourceFile { dockerfile.source }
    public var buildContext: BuildContext? { options.buildContext }
    public var instructions: [Instruction] { dockerfile.instructions }

    /// Index of the first FROM, or nil when the file has none.
    public var firstFromIndex: Int? { model.stages.first?.fromIndex }

    /// The stage instruction `index` belongs to (nil before the first FROM).
    public func stageIndex(ofInstruction index: Int) -> Int? { model.states[index].stage }

    /// The day end-of-life rules compare with.
    public var today: CalendarDate { options.asOf ?? EndOfLife.today() }

    /// The stage that is built: the last, or `--target`'s.
    public var finalStage: Stage? { model.finalStage(target: options.target) }
}
