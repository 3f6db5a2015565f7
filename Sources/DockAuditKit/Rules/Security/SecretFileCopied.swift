/// DA503: a key or credential file copied into the image.
struct SecretFileCopied: Rule {
    static let description = RuleDescription(
        code: "DA503", name: "secret-file-copied", severity: .error, category: .security,
        summary: "COPY or ADD of a private key or credentials file.",
        rationale: """
            A file copied into a layer stays in the image, even if a later RUN deletes it, and \
            everyone who can pull the image can extract it. SSH keys, TLS private keys, \
            `.env` files and package-registry credentials (`.npmrc`, `.pypirc`, `.netrc`, \
            `.git-credentials`, `~/.aws`, `~/.ssh`) must never be in a layer.
            """,
        howToFix: "Do not copy the file. For build-time access use `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc …` or `RUN --mount=type=ssh`; pass runtime secrets from a secret store, and list the file in .dockerignore.",
        badExamples: [
            "FROM alpine\nCOPY ↓id_rsa /root/.ssh/id_rsa\n",
            "FROM node:22-slim\nCOPY ↓.npmrc package.json ./\n",
            "FROM python:3.12-slim\nCOPY ↓.env /app/.env\n",
            "FROM alpine\nADD ↓certs/server.key /etc/ssl/private/\n",
            "FROM alpine\nCOPY ↓.aws /root/.aws\n",
            "FROM alpine\nCOPY ↓config/.ssh/ /root/.ssh/\n",
        ],
        goodExamples: [
            "FROM alpine\nCOPY .env.example /app/\n",
            "FROM alpine\nCOPY ca.pem /usr/local/share/ca-certificates/ca.crt\n",
            "FROM alpine\nCOPY --from=build /root/.npmrc /tmp/\n",
            "FROM node:22-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
            "FROM alpine\nCOPY keys.py environment.md /app/\n",
            "FROM nginx\nCOPY dhparams.pem fullchain.pem /etc/nginx/\n",
        ])

    static let keywords: Set<InstructionKind> = [.copy, .add]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        guard let copy = context.model.copies[index], copy.origin == .context else { return }
        let destination = copy.resolvedDestination
        for source in copy.sources where source.kind == .path {
            guard let kind = Self.secretKind(source.value) else { continue }
            // Public CA certificates are often shipped as .pem files.
            if kind == "a PEM file", Self.certificateFolders.contains(where: { destination.hasPrefix($0) }) { continue }
            findings.report(
                source.word.range,
                "\(source.value) is \(kind): once copied it stays in the image layers; use RUN --mount=type=secret (or ssh) instead and keep it out of the context")
        }
    }

    static let certificateFolders = ["/usr/local/share/ca-certificates", "/etc/ssl/certs", "/etc/pki/ca-trust", "/usr/share/ca-certificates"]

    static let exampleSuffixes = [".example", ".sample", ".template", ".dist", ".defaults"]

    /// What kind of secret the path names, if any.
    static func secretKind(_ path: String) -> String? {
        let components = path.split(separator: "/").map { $0.lowercased() }
        guard let base = components.last else { return nil }
        if components.dropLast().contains(".ssh") || base == ".ssh" { return "an SSH folder" }
        if components.dropLast().contains(".aws") || base == ".aws" { return "AWS credentials" }
        if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"].contains(base) { return "an SSH private key" }
        if [".npmrc", ".pypirc", ".netrc", ".git-credentials"].contains(base) { return "a credentials file" }
        if base == ".env" || (base.hasPrefix(".env.") && !exampleSuffixes.contains(where: base.hasSuffix)) {
            return "an environment file with secrets"
        }
        if base.hasSuffix(".key") { return "a private key" }
        if base.hasSuffix(".pem") {
            // Certificates, chains and Diffie-Hellman parameters are public.
            let publicHints = ["cert", "chain", "dhparam", "bundle", "ca.pem", "ca-", "pub", "trust", "root"]
            return publicHints.contains(where: base.contains) ? nil : "a PEM file"
        }
        return nil
    }
}
