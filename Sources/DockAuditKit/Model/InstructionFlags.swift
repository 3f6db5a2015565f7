/// The `--flags` BuildKit's Dockerfile frontend accepts on each instruction
/// (frontend/dockerfile/instructions: parse.go, bflag.go and the RUN hooks), and how it
/// reads their values. A flag it does not accept fails the build.
public enum InstructionFlags {
    public enum ValueKind: Sendable, Hashable {
        /// `--link`, `--link=true|false` (any case).
        case boolean
        /// Needs `=value`; given at most once.
        case string
        /// Needs `=value`; may repeat (`--mount`, `--exclude`).
        case repeatable
    }

    /// The flags of each instruction kind; nil for the kinds whose flags BuildKit never
    /// parses (ARG, STOPSIGNAL, and HEALTHCHECK NONE), which it silently ignores.
    public static func accepted(for instruction: Instruction) -> [String: ValueKind]? {
        switch instruction.kind {
        case .from:
            return ["platform": .string]
        case .copy:
            return ["chown": .string, "from": .string, "chmod": .string, "link": .boolean, "exclude": .repeatable, "parents": .boolean]
        case .add:
            return [
                "chown": .string, "chmod": .string, "link": .boolean, "keep-git-dir": .boolean, "checksum": .string,
                "unpack": .boolean, "exclude": .repeatable,
            ]
        case .run:
            return ["mount": .repeatable, "network": .string, "security": .string, "device": .repeatable]
        case .healthcheck:
            if case .healthcheck(let type, _) = instruction.arguments, type.value.uppercased() == "NONE" { return nil }
            return ["interval": .string, "timeout": .string, "start-period": .string, "start-interval": .string, "retries": .string]
        case .arg, .stopsignal, .unknown:
            return nil
        case .env, .maintainer, .label, .onbuild, .workdir, .cmd, .entrypoint, .expose, .user, .volume, .shell:
            return [:]
        }
    }

    /// Values BuildKit accepts for `RUN --network` and `RUN --security`.
    public static let networkModes: Set<String> = ["default", "none", "host"]
    public static let securityModes: Set<String> = ["sandbox", "insecure"]

    /// Go's `strconv.ParseBool`.
    public static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// Whether Go's `time.ParseDuration` reads `text` (`1m30s`, `.5h`, `300ms`), and the
    /// duration is zero or at least a millisecond (HEALTHCHECK's minimum).
    public static func isHealthcheckDuration(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        if bytes.elementsEqual("0".utf8) { return true }
        guard !bytes.isEmpty else { return false }
        var nanoseconds = 0.0
        while !bytes.isEmpty {
            var number = ""
            while let byte = bytes.first, UTF8Text.isDigit(Unicode.Scalar(byte)) || byte == UInt8(ascii: ".") {
                number.unicodeScalars.append(Unicode.Scalar(byte))
                bytes = bytes.dropFirst()
            }
            guard number != ".", !number.isEmpty, let value = Double(number.hasPrefix(".") ? "0" + number : number) else { return false }
            var unit = ""
            while let byte = bytes.first, !UTF8Text.isDigit(Unicode.Scalar(byte)), byte != UInt8(ascii: ".") {
                unit.unicodeScalars.append(Unicode.Scalar(byte))
                bytes = bytes.dropFirst()
            }
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return false
            }
            nanoseconds += value * scale
        }
        return text.hasPrefix("-") || nanoseconds == 0 || nanoseconds >= 1e6
    }
}

/// What is wrong with one `RUN --mount` as BuildKit reads it (runmount.go `parseMount`),
/// with the message BuildKit fails the build with. Values still holding a `$` after
/// expansion are not judged.
public enum MountSpecProblem {
    static let mountTypes = ["bind", "cache", "tmpfs", "secret", "ssh"]
    static let sharingModes = ["shared", "private", "locked"]
    static let keys = [
        "type", "from", "source", "target", "readonly", "id", "sharing", "required", "size", "mode", "uid", "gid", "src",
        "dst", "destination", "ro", "rw", "readwrite", "env",
    ]

    /// nil when BuildKit accepts the mount. `expand` gives a field value as the build
    /// sees it; `workdirIsRoot` tells whether a missing target resolves to `/`.
    public static func problem(in spec: String, expand: (String) -> String, workdirIsRoot: Bool) -> String? {
        var type = "bind"
        var target = "", source = "", id = "", from = ""
        var sharing = false
        var fileInfo: String?
        for field in RunMount.csvFields(spec) {
            guard let equals = field.firstIndex(of: "=") else {
                let key = field.lowercased()
                switch key {
                case "readonly", "ro", "readwrite", "rw": continue
                case "required":
                    if type == "secret" || type == "ssh" { continue }
                    return "unexpected key '\(key)' for mount type '\(type)'"
                default:
                    return "invalid field '\(field)' must be a key=value pair"
                }
            }
            let key = field[..<equals].lowercased()
            let raw = String(field[field.index(after: equals)...])
            if key == "from", let dollar = raw.firstIndex(of: "$"), raw.index(after: dollar) != raw.endIndex {
                return "'from' doesn't support variable expansion, define alias stage instead"
            }
            let value = expand(raw)
            let unknown = value.containsBytes("$")
            switch key {
            case "type":
                if unknown { return nil }
                guard mountTypes.contains(value.lowercased()) else {
                    return "unsupported mount type \"\(value)\"" + suggestion(value, among: mountTypes)
                }
                type = value.lowercased()
            case "from": from = value
            case "source", "src": source = value
            case "target", "dst", "destination": target = value
            case "readonly", "ro", "readwrite", "rw":
                if !unknown, InstructionFlags.parseBool(value) == nil { return "invalid value for \(key): \(value)" }
            case "required":
                guard type == "secret" || type == "ssh" else { return "unexpected key '\(key)' for mount type '\(type)'" }
                if !unknown, InstructionFlags.parseBool(value) == nil { return "invalid value for \(key): \(value)" }
            case "size":
                guard type == "tmpfs" else { return "unexpected key '\(key)' for mount type '\(type)'" }
            case "id": id = value
            case "sharing":
                if !unknown, !sharingModes.contains(value.lowercased()) {
                    return "unsupported sharing value \"\(value)\"" + suggestion(value, among: sharingModes)
                }
                sharing = true
            case "mode":
                if !unknown, UInt32(value, radix: 8) == nil { return "invalid value \(value) for mode" }
                fileInfo = fileInfo ?? "mode"
            case "uid", "gid":
                if !unknown, UInt32(value) == nil { return "invalid value \(value) for \(key)" }
                fileInfo = fileInfo ?? key
            case "env":
                break
            default:
                return "unexpected key '\(key)' in '\(field)'" + suggestion(key, among: keys)
            }
        }
        if let fileInfo, !(type == "secret" || type == "ssh" || type == "cache") {
            return "\(fileInfo) not allowed for \"\(type)\" type mounts"
        }
        if type == "secret" {
            if !from.isEmpty { return "secret mount should not have a from" }
            if sharing { return "secret mount should not define sharing" }
            if source.isEmpty, target.isEmpty, id.isEmpty { return "invalid secret mount. one of source, target required" }
            if !source.isEmpty, !id.isEmpty { return "both source and id can't be set" }
        }
        if sharing, type != "cache" { return "invalid cache sharing set for \(type) mount" }
        if type == "ssh", !source.isEmpty { return "ssh does not support source" }
        if type == "bind" || type == "cache" || type == "tmpfs", !target.containsBytes("$") {
            if target == "/" || (target.isEmpty && workdirIsRoot) { return "invalid mount target \"/\"" }
        }
        return nil
    }

    /// BuildKit's " (did you mean x?)" suffix: the closest candidate under 3 edits.
    static func suggestion(_ value: String, among candidates: [String]) -> String {
        guard let match = BuildKitSuggestion.search(value, among: candidates) else { return "" }
        return " (did you mean \(match)?)"
    }
}

/// BuildKit's `suggest.Search`, case-sensitive (as on Linux): the first candidate at the
/// smallest Levenshtein distance below 3; none when a candidate is `name` itself.
public enum BuildKitSuggestion {
    public static func search(_ name: String, among candidates: [String]) -> String? {
        var best: String?
        var smallest = 3
        for candidate in candidates {
            if candidate == name { return nil }
            let distance = FromLookup.editDistance(name, candidate)
            if distance < smallest {
                best = candidate
                smallest = distance
            }
        }
        return best
    }
}
