/// A container image reference, split the way Docker's reference grammar splits it:
/// `[registry/]repository[:tag][@digest]`. The first path component is a registry when
/// it contains `.` or `:` or is `localhost`.
public struct ImageReference: Sendable, Hashable {
    /// The reference as written (after variable expansion).
    public var text: String
    /// nil for Docker Hub.
    public var registry: String?
    /// The path as written, without registry, tag or digest (`python`, `library/python`,
    /// `bitnami/python`).
    public var repository: String
    public var tag: String?
    /// `sha256:…` when pinned by digest.
    public var digest: String?

    public init?(_ text: String) {
        guard !text.isEmpty, !text.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        self.text = text
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.containsBytes(".") || first.containsBytes(":") || first == "localhost" {
                registry = String(first)
                rest = rest[rest.index(after: slash)...]
            }
        }
        repository = String(rest)
        if repository.isEmpty { return nil }
    }

    /// Docker Hub's official images live under `library/`: `python` and
    /// `docker.io/library/python` are the same image.
    public var normalizedRepository: String {
        let lowered = repository.lowercased()
        let hub = registry == nil || registry == "docker.io" || registry == "index.docker.io" || registry == "registry-1.docker.io"
        if hub, !lowered.containsBytes("/") { return "library/" + lowered }
        return lowered
    }

    /// The last path component: `python` for `ghcr.io/org/python:3.12`.
    public var name: String {
        String(repository.split(separator: "/").last ?? Substring(repository)).lowercased()
    }

    public var isScratch: Bool { registry == nil && repository.lowercased() == "scratch" && tag == nil && digest == nil }
}
