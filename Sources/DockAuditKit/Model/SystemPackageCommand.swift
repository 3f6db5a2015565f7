/// A command of a distribution's package manager (apt-get/apt/aptitude, apk, dnf/yum/
/// microdnf, zypper) that installs or removes packages.
public struct SystemPackageCommand: Sendable {
    public enum Manager: String, Sendable { case apt, apk, dnf, zypper }
    public enum Action: Sendable, Equatable {
        case install
        /// `remove`/`purge`/`del`/`erase`; `autoRemove` when `--auto-remove` is given too.
        case remove(autoRemove: Bool)
        /// `apt-get autoremove`, `dnf autoremove`: removes only what was installed as a
        /// dependency (or marked automatic).
        case autoRemove
    }

    public var manager: Manager
    public var action: Action
    public var command: ShellCommand
    /// The package words as written (versions and architectures included).
    public var packages: [ShellWord]
    /// `apk add --virtual NAME` / `-t NAME`: the group the packages are added under.
    public var virtualGroup: String?

    static let optionsWithValues: [Manager: [String]] = [
        .apt: ["o", "c", "t", "a", "option", "config-file", "target-release", "default-release", "host-architecture"],
        .apk: ["t", "virtual", "X", "repository", "p", "root", "arch", "cache-dir", "keys-dir", "repositories-file"],
        .dnf: ["c", "x", "config", "exclude", "installroot", "releasever", "enablerepo", "disablerepo", "repo", "repoid", "setopt", "forcearch", "downloaddir"],
        .zypper: ["r", "repo", "from", "t", "type"],
    ]

    public init?(_ command: ShellCommand) {
        switch command.commandName {
        case "apt-get", "apt", "aptitude": manager = .apt
        case "apk": manager = .apk
        case "dnf", "yum", "microdnf", "tdnf": manager = .dnf
        case "zypper": manager = .zypper
        default: return nil
        }
        let positional = command.positionalArguments(skipping: Self.optionsWithValues[manager] ?? [])
        guard let subcommand = positional.first else { return nil }
        let autoFlag = command.hasAnyFlag("auto-remove", "autoremove")
        switch (manager, subcommand.value) {
        case (.apt, "install"), (.apk, "add"), (.dnf, "install"), (.zypper, "install"), (.zypper, "in"):
            action = .install
        case (.apt, "remove"), (.apt, "purge"), (.apk, "del"), (.dnf, "remove"), (.dnf, "erase"), (.zypper, "remove"), (.zypper, "rm"):
            action = .remove(autoRemove: autoFlag)
        case (.apt, "autoremove"), (.apt, "autopurge"), (.dnf, "autoremove"):
            action = .autoRemove
        default:
            return nil
        }
        self.command = command
        packages = Array(positional.dropFirst())
        virtualGroup = manager == .apk ? command.optionValue("t", "virtual") : nil
    }

    /// A package word without its version, release or architecture: `gcc` for
    /// `gcc=4:12.2.0-3`, `gcc>=12`, `libc6-dev:amd64`.
    public static func packageName(_ word: String) -> String {
        var name = Substring(word)
        if let cut = name.firstIndex(where: { $0 == "=" || $0 == "<" || $0 == ">" || $0 == "~" }) { name = name[..<cut] }
        if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        return name.lowercased()
    }
}

extension SystemPackageCommand {
    /// `apt-get` or `apt` (the tools the apt rules check; `aptitude` has other switches).
    public var isAptGetOrApt: Bool {
        manager == .apt && (command.commandName == "apt-get" || command.commandName == "apt")
    }

    /// Whether an apt package word names a version or release, or is a local `.deb`:
    /// `curl=8.5.0-2`, `curl/bookworm-backports`, `./app.deb` (hadolint's DL3008 test).
    public static func isPinnedAptPackage(_ word: String) -> Bool {
        word.contains("=") || word.contains("/") || word.hasSuffix(".deb")
    }

    /// Whether an apk package word carries a version constraint or is a local `.apk`:
    /// `curl=8.5.0-r0`, `curl~8.5`, `'curl>8'` (hadolint's DL3018 test).
    public static func isPinnedApkPackage(_ word: String) -> Bool {
        word.contains { "=~<>".contains($0) } || word.hasSuffix(".apk")
    }

    /// Whether apt will not stop to ask before installing: `-y`, `--yes`, `--assume-yes`,
    /// `-qq` / `-q -q` / `-q=2` (quiet level 2 implies yes), or
    /// `-o APT::Get::Assume-Yes=true`.
    public var answersYes: Bool {
        let flags = aptFlags
        if flags.contains(where: { ["y", "yes", "assume-yes"].contains($0) }) { return true }
        if flags.filter({ $0 == "q" || $0 == "quiet" }).count >= 2 { return true }
        for argument in command.arguments {
            let value = argument.value
            if value == "--" { break }
            for prefix in ["-q=", "--quiet="] where value.hasPrefix(prefix) {
                if (Int(value.dropFirst(prefix.count)) ?? 0) >= 2 { return true }
            }
        }
        return command.optionValues("o", "option").contains { Self.aptOption($0, named: "apt::get::assume-yes", is: true) }
    }

    /// apt's `-s`/`--simulate`/`--dry-run`/`--just-print`/`--recon`/`--no-act`: nothing is
    /// installed and nothing is asked.
    public var isSimulation: Bool {
        manager == .apt && aptFlags.contains { ["s", "simulate", "dry-run", "just-print", "recon", "no-act"].contains($0) }
    }

    /// The switches of an apt command line: long names (`--yes`, `--quiet=2` gives
    /// `quiet`) and the letters of short clusters up to a letter that takes a value
    /// (`-qy` gives `q`, `y`; `-oAPT::…` gives `o` only). Option values are skipped.
    var aptFlags: [String] {
        let valued = Set(Self.optionsWithValues[.apt] ?? [])
        var result: [String] = []
        var index = 0
        let arguments = command.arguments
        while index < arguments.count {
            let value = arguments[index].value
            index += 1
            if value == "--" { break }
            guard value.hasPrefix("-"), value != "-" else { continue }
            if value.hasPrefix("--") {
                let name = String(value.dropFirst(2).prefix { $0 != "=" })
                result.append(name)
                if valued.contains(name), !value.contains("=") { index += 1 }
                continue
            }
            for (offset, letter) in value.dropFirst().enumerated() {
                if letter == "=" { break }
                result.append(String(letter))
                if valued.contains(String(letter)) {
                    if offset == value.count - 2 { index += 1 }
                    break
                }
            }
        }
        return result
    }

    /// Whether `--no-install-recommends` or `-o APT::Install-Recommends=false` is given.
    public var skipsRecommends: Bool {
        if command.hasFlag("no-install-recommends") { return true }
        if command.arguments.contains(where: { Self.aptOption($0.value, named: "apt::install-recommends", is: false) }) { return true }
        return command.optionValues("o", "option").contains { Self.aptOption($0, named: "apt::install-recommends", is: false) }
    }

    /// `Name=value` apt option text with the given (lower-cased) name and boolean value.
    static func aptOption(_ text: String, named name: String, is expected: Bool) -> Bool {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == name else { return false }
        let value = parts[1].lowercased().strippingCharacters("\"' ")
        return expected ? ["1", "true", "yes", "on"].contains(value) : ["0", "false", "no", "off"].contains(value)
    }
}

extension String {
    fileprivate func strippingCharacters(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}

extension DockerfileModel {
    /// The package installs and removals of the RUN at `index`, wrappers and heredoc
    /// scripts seen through.
    public func systemPackageCommands(at index: Int) -> [SystemPackageCommand] {
        (scripts[index]?.commands ?? []).compactMap(SystemPackageCommand.init)
    }

    /// The words a package word stands for: itself when literal (or when only part of it
    /// is a variable), else the value of `$NAME` / `${NAME}` split on blanks — from an
    /// inline or exported assignment, a bare `NAME=…` earlier in the RUN, or ENV/ARG.
    /// nil when the value is unknown (`$(cat list)`, an ARG without a default).
    /// The names a word refers to as `$NAME` or `${NAME…}`.
    static func variableNames(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var names: [String] = []
        var position = 0
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
        }
        while position < scalars.count {
            defer { position += 1 }
            guard scalars[position] == "$", position + 1 < scalars.count else { continue }
            var start = position + 1
            if scalars[start] == "{" { start += 1 }
            var end = start
            while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
            if end > start { names.append(String(String.UnicodeScalarView(scalars[start..<end]))) }
            position = end - 1
        }
        return names
    }

    /// Commands whose prefix assignments stay set afterwards: `export` by definition, and
    /// the special builtins POSIX says keep them (`set`, `:`, `readonly`).
    static let keepsPrefixAssignments: Set<String> = ["export", "set", ":", "readonly"]

    public func packageWords(_ word: ShellWord, for command: ShellCommand, at index: Int) -> [String]? {
        let value = word.value
        guard value.contains("$") || value.contains("`") else { return [value] }
        var name = Substring(value)
        if name.hasPrefix("${"), name.hasSuffix("}") { name = name.dropFirst(2).dropLast() } else if name.hasPrefix("$") { name = name.dropFirst() } else { name = "" }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            // Text around a variable (`tools-${MAJOR}`): judge it when ARG/ENV values
            // resolve every variable in it.
            guard !value.contains("`"), !value.contains("$("),
                Self.variableNames(in: value).allSatisfy({ states[index].variables.value(of: $0) != nil })
            else { return nil }
            let expanded = expand(value, at: index)
            guard !expanded.contains("$"), !expanded.isEmpty else { return nil }
            return [expanded]
        }
        let variable = String(name)
        var found: String? = command.assignments.last(where: { $0.name == variable })?.value.value
        if found == nil {
            // Assignments before a POSIX special builtin outlive it in sh (dash, busybox
            // ash): `deps='gcc make' set -x && apk add $deps` installs gcc and make.
            for earlier in commands(before: command, at: index).reversed()
            where earlier.name == nil || Self.keepsPrefixAssignments.contains(earlier.commandName) {
                if let assignment = earlier.assignments.last(where: { $0.name == variable }) {
                    found = assignment.value.value
                    break
                }
            }
        }
        if found == nil { found = states[index].variables.value(of: variable) }
        guard let found, !found.contains("$"), !found.contains("`") else { return nil }
        return found.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// Whether a RUN in `stage` matters to the image the way hadolint's DL3009 reads it:
    /// the stage is the final one, or a later FROM builds on it.
    public func stageIsShipped(_ stageIndex: Int, finalStage: Stage?) -> Bool {
        if finalStage?.index == stageIndex { return true }
        return stages.contains { $0.index > stageIndex && $0.parent == stageIndex }
    }

    /// A cache or tmpfs mount of the RUN at `index` covers `path`.
    public func mountCaches(_ path: String, at index: Int) -> Bool {
        (mounts[index] ?? []).contains { mount in
            guard mount.type == "cache" || mount.type == "tmpfs", let target = mount.target else { return false }
            let cleaned = PathText.clean(expand(target, at: index))
            return cleaned == "/" || path == cleaned || path.hasPrefix(cleaned + "/")
        }
    }

    /// An `rm` after `command` in the same RUN deleting `folder`, its contents or a folder
    /// holding it (`rm -rf /var/lib/apt/lists/*`, `rm -r /var/cache/apk`).
    public func removesLater(_ folder: String, after command: ShellCommand, at index: Int) -> Bool {
        guard let script = scripts[index] else { return false }
        for later in script.commands where later.range.start.offset > command.range.start.offset && later.commandName == "rm" {
            for argument in later.positionalArguments() {
                var value = argument.value
                while value.hasSuffix("/*") || value.hasSuffix("/") { value = String(value.dropLast(value.hasSuffix("/*") ? 2 : 1)) }
                guard let path = absolutePath(value.isEmpty ? "/" : value, for: later, at: index), path != "/" else { continue }
                if folder == path || folder.hasPrefix(path + "/") { return true }
            }
        }
        return false
    }
}
