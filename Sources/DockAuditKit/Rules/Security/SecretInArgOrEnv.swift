/// DA502: a secret passed through ARG or ENV.
struct SecretInArgOrEnv: Rule {
    static let description = RuleDescription(
        code: "DA502", name: "secret-in-arg-or-env", severity: .warning, category: .security,
        aliases: ["SecretsUsedInArgOrEnv", "DL3064"],
        summary: "An ARG or ENV whose name or value reads as a secret.",
        rationale: """
            ENV values are stored in the image config and ARG values in its history: anyone \
            who can pull the image can read them (`docker history`, `docker inspect`). A \
            literal secret written in the Dockerfile is also in your repository. Build-time \
            secrets belong in `RUN --mount=type=secret`, runtime secrets in the orchestrator's \
            secret store. A literal value, or a value shaped like a known credential (AWS, \
            GitHub, GitLab, Slack, Stripe, Google, PyPI, npm keys, private keys), is an error.
            """,
        howToFix: "Remove the ARG/ENV; read the secret in the one RUN that needs it with `RUN --mount=type=secret,id=token,env=TOKEN …`, and pass it at run time from a secret store.",
        badExamples: [
            "FROM alpine\nARG ↓AWS_SECRET_ACCESS_KEY\n",
            "FROM alpine\nENV ↓DB_PASSWORD=hunter2\n",
            "FROM alpine\nENV ↓API_TOKEN ghp_0123456789abcdefghijklmnopqrstuvwxyz\n",
            "FROM alpine\nENV ↓DEPLOY=AKIAABCDEFGHIJKLMNOP\n",
            "FROM alpine\nARG ↓github_token=\n",
        ],
        goodExamples: [
            "FROM alpine\nARG PUBLIC_KEY_URL\nENV PASSWORD_FILE=/run/secrets/db\n",
            "FROM alpine\nENV AUTH_MODULE_VERSION=2\n",
            "ARG NPM_TOKEN\nFROM alpine\n",
            "FROM alpine\nRUN --mount=type=secret,id=token,env=TOKEN ./deploy.sh\n",
            "FROM alpine\nENV KEYBOARD=us SUNFLOWER=1\n",
            "FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
            "FROM alpine\nENV USE_GKE_GCLOUD_AUTH_PLUGIN=True KEY_DIR=/etc/keys RESET_PASSWORD=\"reset.sh\"\n",
        ],
        differences: [
            "differs from BuildKit: SecretsUsedInArgOrEnv looks at names only; dockaudit also recognises credential-shaped values under any name and rates literal secrets as errors.",
            "differs from BuildKit: BuildKit flags GPG_KEY (a public key fingerprint in every official Python image), KEY_DIR and boolean or file-name values; dockaudit does not.",
            "differs from hadolint: DL3064 flags any name containing `username` (`ARG USERNAME=vscode` in dev-container images) or `private` (`PRIVATE_ZONEFILE`), and file-name values (`RESET_OS_PASSWORD=resetOSPassword.sh`); a user name, a zone file and a script name are not secrets, so dockaudit does not.",
            "differs from hadolint: names outside hadolint's list that read as secrets by their parts (`LICENSE_KEY`, `DB_AUTH`) are reported too.",
        ])

    static let keywords: Set<InstructionKind> = [.arg, .env]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        // ARGs before the first FROM are not stored in any image (BuildKit skips them too).
        guard context.stageIndex(ofInstruction: index) != nil else { return }
        let keyword = instruction.kind == .env ? "ENV" : "ARG"
        for (name, value, range) in Self.assignments(of: instruction, index: index, context: context) {
            if let value, let kind = SecretPatterns.credentialKind(in: value) {
                findings.report(range, "\(keyword) \(name) holds what looks like \(kind): anyone who pulls the image can read it; remove it and revoke the credential", severity: .error)
                continue
            }
            guard SecretPatterns.nameLooksSecret(name) else { continue }
            // A flag (`USE_AUTH_PLUGIN=true`) or a file name (`PASSWORD_SCRIPT=reset.sh`)
            // is configuration, not a secret.
            if let value, SecretPatterns.isFlagOrPath(value) { continue }
            if let value, !value.isEmpty, !value.hasPrefix("$") {
                findings.report(range, "\(keyword) \(name) sets a secret in the image: anyone who pulls it can read the value; use RUN --mount=type=secret instead", severity: .error)
            } else {
                findings.report(range, "\(keyword) \(name) passes a secret through the image's \(instruction.kind == .env ? "config" : "history"): use RUN --mount=type=secret,id=… for build secrets")
            }
        }
    }

    /// (name, value as written or nil, range of the name).
    static func assignments(of instruction: Instruction, index: Int, context: LintContext) -> [(String, String?, SourceRange)] {
        switch instruction.arguments {
        case .keyValues(let pairs):
            return pairs.map { pair in
                (context.model.expand(pair.key.value, at: index), unquoted(pair.value.value), pair.key.range)
            }
        case .words(let words):
            return words.map { word in
                let (name, value) = DockerfileModel.splitArg(word.value)
                return (name, value.map(unquoted), word.range)
            }
        default:
            return []
        }
    }

    static func unquoted(_ text: String) -> String {
        var lexer = ShellLexer()
        lexer.skipUnsetEnv = true
        return (try? lexer.processWord(text, environment: VariableTable()).value) ?? text
    }
}

/// Names and values that read as secrets.
enum SecretPatterns {
    static let secretWords: Set<String> = [
        "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token",
    ]
    /// BuildKit's exclusions (`public`, `file`, `version`), plus parts that name where a
    /// secret lives or what kind it is rather than the secret itself, and the GPG key
    /// fingerprints official images publish (`GPG_KEY`).
    static let harmlessWords: Set<String> = [
        "public", "file", "version",
        "gpg", "pgp", "gnupg", "fingerprint", "keyring", "keyserver",
        "dir", "path", "url", "uri", "name", "type", "plugin", "server", "method", "mode", "length", "size",
    ]

    /// BuildKit's rule: an `_`-separated part is a secret word, and no part is harmless
    /// (case-insensitive). A .NET configuration path whose last part is `Key`
    /// (`Filters__0__Key`) names a setting, not a secret.
    static func nameLooksSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if lowered.containsBytes("__"), lowered.hasSuffix("__key") { return false }
        let parts = lowered.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        return parts.contains(where: secretWords.contains) && !parts.contains(where: harmlessWords.contains)
    }

    static let flagValues: Set<String> = ["true", "false", "yes", "no", "on", "off", "0", "1"]
    static let fileExtensions = ["sh", "py", "txt", "json", "yaml", "yml", "conf", "cfg", "ini", "xml", "rsp", "properties"]

    /// A boolean, or a path or script name, rather than a secret.
    static func isFlagOrPath(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if flagValues.contains(lowered) { return true }
        if lowered.hasPrefix("/") || lowered.hasPrefix("./") || lowered.hasPrefix("~/") { return true }
        if let dot = lowered.lastIndex(of: "."), !lowered.containsBytes(" ") {
            return fileExtensions.contains(String(lowered[lowered.index(after: dot)...]))
        }
        return false
    }

    /// A description of the credential `value` looks like, when it does.
    static func credentialKind(in value: String) -> String? {
        let bytes = Array(value.utf8)
        func isAlnum(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        func run(from start: Int, _ accept: (UInt8) -> Bool) -> Int {
            var end = start
            while end < bytes.count, accept(bytes[end]) { end += 1 }
            return end - start
        }
        // Compares in place: this runs at every word start of every ENV, ARG and RUN word.
        func hasPrefix(_ prefix: StaticString, at index: Int) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != prefix.utf8Start[offset] { return false }
            return true
        }
        if value.containsBytes("-----BEGIN") && value.containsBytes("PRIVATE KEY") { return "a private key" }
        // The shortest token below (a Slack one) has 15 characters.
        guard bytes.count >= 15 else { return nil }
        for index in bytes.indices {
            // Only look where a token may start, and only at a letter one may start with.
            if index > 0, isAlnum(bytes[index - 1]) { continue }
            guard "AgxsrpnG".utf8.contains(bytes[index]) else { continue }
            if hasPrefix("AKIA", at: index) || hasPrefix("ASIA", at: index),
                run(from: index + 4, { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) >= 16
            {
                return "an AWS access key"
            }
            if hasPrefix("gh", at: index), index + 3 < bytes.count, "pousr".utf8.contains(bytes[index + 2]), bytes[index + 3] == 0x5F,
                run(from: index + 4, isAlnum) >= 36
            {
                return "a GitHub token"
            }
            if hasPrefix("github_pat_", at: index), run(from: index + 11, { isAlnum($0) || $0 == 0x5F }) >= 40 { return "a GitHub token" }
            if hasPrefix("glpat-", at: index), run(from: index + 6, { isAlnum($0) || $0 == 0x2D || $0 == 0x5F }) >= 20 { return "a GitLab token" }
            if hasPrefix("xox", at: index), index + 4 < bytes.count, "baprs".utf8.contains(bytes[index + 3]), bytes[index + 4] == 0x2D,
                run(from: index + 5, { isAlnum($0) || $0 == 0x2D }) >= 10
            {
                return "a Slack token"
            }
            if hasPrefix("sk_live_", at: index) || hasPrefix("rk_live_", at: index), run(from: index + 8, isAlnum) >= 16 { return "a Stripe key" }
            if hasPrefix("AIza", at: index), run(from: index + 4, { isAlnum($0) || $0 == 0x2D || $0 == 0x5F }) >= 35 { return "a Google API key" }
            if hasPrefix("pypi-AgEIcHlwaS5vcmc", at: index) { return "a PyPI token" }
            if hasPrefix("npm_", at: index), run(from: index + 4, isAlnum) >= 36 { return "an npm token" }
        }
        return nil
    }
}
