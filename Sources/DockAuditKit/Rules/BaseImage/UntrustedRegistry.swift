/// DA208: an image pulled from a registry outside the configured trusted ones.
struct UntrustedRegistry: Rule {
    static let trusted = LintOptions(trustedRegistries: ["docker.io", "*.corp.example"])

    static let description = RuleDescription(
        code: "DA208", name: "untrusted-registry", severity: .error, category: .baseImage,
        aliases: ["DL3026"],
        summary: "An image comes from a registry that is not in the trusted list (`--trusted-registry`).",
        rationale: """
            Teams that mirror and scan their base images want every image to come from those \
            registries: an image pulled from elsewhere skips the scanning, can change or \
            vanish upstream, and may not be reachable from the build network. This rule only \
            runs when trusted registries are configured (`--trusted-registry docker.io \
            --trusted-registry '*.corp.example'`; a pattern is a host, `*`, `*.suffix` or \
            `prefix*`). It checks FROM images, `COPY --from=<image>` and \
            `RUN --mount=…,from=<image>`; stages and `scratch` are not pulled. An image \
            without a registry comes from Docker Hub, which `docker.io` or `hub.docker.com` \
            allows.
            """,
        howToFix: "Pull the image through a trusted registry (your mirror: `FROM registry.corp.example/library/python:3.12`), or add the registry to the trusted list.",
        badExamples: [
            RuleExample("FROM ↓ghcr.io/astral-sh/uv:0.5 AS uv\n", options: trusted),
            RuleExample("FROM python:3.12\nCOPY ↓--from=quay.io/org/tools:1 /bin/tool /usr/local/bin/\n", options: trusted),
            RuleExample("ARG REGISTRY=registry.example.com\nFROM ↓${REGISTRY}/base:1\n", options: trusted),
            RuleExample("FROM python:3.12\nRUN ↓--mount=type=bind,from=gcr.io/org/wheels:1,target=/wheels pip install /wheels/*\n", options: trusted),
        ],
        goodExamples: [
            RuleExample("FROM python:3.12 AS build\nFROM registry.corp.example/base:1\nCOPY --from=build /app /app\n", options: trusted),
            RuleExample("FROM scratch\nCOPY --from=docker.io/library/busybox:1.36 /bin/busybox /busybox\n", options: trusted),
            RuleExample("FROM mirror.corp.example/python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install x\n", options: trusted),
            // Without configuration the rule is silent.
            "FROM ghcr.io/astral-sh/uv:0.5\n",
        ],
        differences: [
            "differs from hadolint: ARGs in the image name are expanded (hadolint judges `${REGISTRY}/base` as written), and a name left unknown is not judged.",
            "differs from hadolint: registry names and patterns are compared case-insensitively, and `index.docker.io`/`registry-1.docker.io` count as Docker Hub.",
        ])

    static let keywords: Set<InstructionKind> = [.from, .copy, .run]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let patterns = context.options.trustedRegistries
        guard !patterns.isEmpty else { return }
        switch instruction.kind {
        case .from:
            guard let stageIndex = context.stageIndex(ofInstruction: index),
                case .image(let reference) = context.model.stages[stageIndex].base, !reference.isScratch,
                let word = context.model.stages[stageIndex].baseWord
            else { return }
            check(reference, at: word.range, what: "FROM image", patterns: patterns, findings: &findings)
        case .copy:
            guard let flag = instruction.flag(named: "from"), let value = flag.value,
                let reference = Self.pulledImage(value, at: index, context: context)
            else { return }
            check(reference, at: flag.range, what: "COPY --from image", patterns: patterns, findings: &findings)
        case .run:
            for mount in context.model.mounts[index] ?? [] where mount.type == "bind" || mount.type == "cache" {
                guard let from = mount.from, let reference = Self.pulledImage(from, at: index, context: context) else { continue }
                check(reference, at: mount.range, what: "RUN --mount from= image", patterns: patterns, findings: &findings)
            }
        default:
            return
        }
    }

    func check(_ reference: ImageReference, at range: SourceRange, what: String, patterns: [String], findings: inout FindingSink) {
        guard !Self.isTrusted(reference, patterns: patterns) else { return }
        let registry = Self.isDockerHub(reference) ? "Docker Hub (docker.io)" : reference.registry ?? "docker.io"
        findings.report(
            range,
            "\(what) \(reference.text) comes from \(registry), which is not a trusted registry (\(patterns.joined(separator: ", "))): pull it through a trusted registry")
    }

    /// The image a `--from` value pulls: nil for a stage (by name or number), `scratch`,
    /// or a value still holding an unknown variable.
    static func pulledImage(_ value: String, at index: Int, context: LintContext) -> ImageReference? {
        let expanded = context.model.expand(value, at: index)
        guard !expanded.containsBytes("$") else { return nil }
        let current = context.stageIndex(ofInstruction: index) ?? context.model.stages.count
        let earlier = context.model.stages.prefix(current + 1)
        if earlier.contains(where: { $0.name == expanded.lowercased() }) { return nil }
        if let number = Int(expanded), number >= 0, number < context.model.stages.count { return nil }
        guard let reference = ImageReference(expanded), !reference.isScratch else { return nil }
        return reference
    }

    static let dockerHubNames: Set<String> = ["docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"]

    static func isDockerHub(_ reference: ImageReference) -> Bool {
        reference.registry.map { dockerHubNames.contains($0.lowercased()) } ?? true
    }

    static func isTrusted(_ reference: ImageReference, patterns: [String]) -> Bool {
        // Docker Hub goes by several names; `docker.io` or `hub.docker.com` allows it.
        let names = isDockerHub(reference) ? ["docker.io", "hub.docker.com"] : [reference.registry?.lowercased() ?? ""]
        return patterns.contains { pattern in names.contains { matches($0, pattern: pattern) } }
    }

    /// `*`, `*.suffix`, `prefix*`, or the exact host (case-insensitive). A Docker Hub
    /// alias as a pattern stands for Docker Hub.
    static func matches(_ registry: String, pattern rawPattern: String) -> Bool {
        var pattern = rawPattern.lowercased()
        if dockerHubNames.contains(pattern) { pattern = "docker.io" }
        if pattern == "*" { return true }
        if pattern.hasPrefix("*") { return registry.hasSuffix(pattern.dropFirst()) }
        if pattern.hasSuffix("*") { return registry.hasPrefix(pattern.dropLast()) }
        return registry == pattern
    }
}
