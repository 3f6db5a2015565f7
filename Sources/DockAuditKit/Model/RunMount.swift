/// One `RUN --mount=…` option, read like BuildKit: comma-separated `key=value` fields
/// (CSV, so quoted fields may hold commas), keys case-insensitive, `type` defaulting to
/// `bind`, `src`/`source`, `dst`/`target`/`destination` aliases.
public struct RunMount: Sendable, Hashable {
    public var type: String
    public var target: String?
    public var source: String?
    public var from: String?
    public var id: String?
    /// Every field as written (keys lower-cased), including the ones above.
    public var options: [String: String]
    public var range: SourceRange

    public init(flag: Flag) {
        var options: [String: String] = [:]
        for field in RunMount.csvFields(flag.value ?? "") {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].lowercased()
            options[key] = parts.count > 1 ? String(parts[1]) : ""
        }
        self.options = options
        type = options["type"]?.lowercased() ?? "bind"
        target = options["target"] ?? options["dst"] ?? options["destination"]
        source = options["source"] ?? options["src"]
        from = options["from"]
        id = options["id"]
        range = flag.range
    }

    /// Splits one CSV record: fields separated by commas, `"…"` quotes a field (a doubled
    /// quote inside stands for one).
    static func csvFields(_ text: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { current.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.unicodeScalars.append(scalar)
                }
            } else if scalar == "," {
                fields.append(current)
                current = ""
            } else if scalar == "\"" {
                inQuotes = true
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        fields.append(current)
        return fields.filter { !$0.isEmpty }
    }

    /// Whether this is a cache (or tmpfs) mount covering `path` (e.g. the pip cache).
    public func caches(_ path: String) -> Bool {
        guard type == "cache" || type == "tmpfs", let target else { return false }
        let cleanTarget = target.hasSuffix("/") ? String(target.dropLast()) : target
        return path == cleanTarget || path.hasPrefix(cleanTarget + "/")
    }
}
