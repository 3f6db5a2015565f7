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

    /// What an install names, for the dnf family: packages (`dnf install curl`), groups
    /// (`yum groupinstall "Development Tools"`, `dnf group install …`) or module streams
    /// (`dnf module install nodejs:18`). Every other manager installs packages.
    public enum InstallForm: Sendable, Equatable { case packages, group, module }

    public var manager: Manager
    public var action: Action
    public var installForm: InstallForm = .packages
    public var command: ShellCommand
    /// The subcommand word as written: `install`, `in`, `groupinstall`; for `dnf group
    /// install` / `dnf module install`, the `group` / `module` word.
    public var subcommand: ShellWord
    /// The package words as written (versions and architectures included).
    public var packages: [ShellWord]
    /// `apk add --virtual NAME` / `-t NAME`: the group the packages are added under.
    public var virtualGroup: String?
    /// For apt, its switches (see `aptFlags(of:)`), read once: three rules ask.
    let aptFlags: [String]

    static let optionsWithValues: [Manager: [String]] = [
        .apt: ["o", "c", "t", "a", "option", "config-file", "target-release", "default-release", "host-architecture"],
        .apk: ["t", "virtual", "X", "repository", "p", "root", "arch", "cache-dir", "keys-dir", "repositories-file"],
        .dnf: [
            "c", "x", "d", "e", "config", "exclude", "installroot", "releasever", "enablerepo", "disablerepo", "repo", "repoid",
            "setopt", "forcearch", "downloaddir", "destdir", "debuglevel", "errorlevel", "rpmverbosity", "color",
            "enableplugin", "disableplugin", "disableexcludes", "advisory", "comment",
        ],
        .zypper: [
            "r", "repo", "from", "t", "type", "R", "root", "c", "config", "C", "cache-dir", "D", "reposd-dir", "userdata",
            "raw-cache-dir", "solv-cache-dir", "pkg-cache-dir", "installroot",
        ],
    ]

    static let aptOptionsWithValues = Set(optionsWithValues[.apt] ?? [])

    /// `optionsWithValues` read once, for the manager's every command.
    static let optionSpecs: [Manager: OptionSpec] = optionsWithValues.mapValues(OptionSpec.init)

    public init?(_ command: ShellCommand) {
        guard let call = PackageManagerCall(command) else { return nil }
        manager = call.manager
        var operands = call.operands
        let autoFlag = command.hasAnyFlag("auto-remove", "autoremove")
        switch (manager, call.subcommand.value) {
        case (.apt, "install"), (.apk, "add"), (.dnf, "install"), (.dnf, "in"), (.dnf, "localinstall"), (.dnf, "reinstall"),
            (.zypper, "install"), (.zypper, "in"):
            action = .install
        case (.dnf, "groupinstall"):
            action = .install
            installForm = .group
        case (.dnf, "group"), (.dnf, "groups"), (.dnf, "module"):
            // `dnf group install NAME`, `dnf module install NAME:STREAM`: the second word
            // is the real subcommand.
            guard let second = operands.first, second.value == "install" else { return nil }
            action = .install
            installForm = call.subcommand.value == "module" ? .module : .group
            operands.removeFirst()
        case (.apt, "remove"), (.apt, "purge"), (.apk, "del"), (.dnf, "remove"), (.dnf, "erase"), (.zypper, "remove"), (.zypper, "rm"):
            action = .remove(autoRemove: autoFlag)
        case (.apt, "autoremove"), (.apt, "autopurge"), (.dnf, "autoremove"):
            action = .autoRemove
        default:
            return nil
        }
        self.command = command
        subcommand = call.subcommand
        packages = operands
        virtualGroup = manager == .apk ? command.optionValue("t", "virtual") : nil
        aptFlags = manager == .apt ? Self.aptFlags(of: command) : []
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

/// Any call of a distribution's package manager, with its subcommand found past the
/// global options: `dnf -y install a`, `zypper -n dup`, `yum clean all`, `apt-get update`.
public struct PackageManagerCall: Sendable {
    public var manager: SystemPackageCommand.Manager
    public var command: ShellCommand
    /// The first word that is not an option: `install`, `clean`, `dup`.
    public var subcommand: ShellWord
    /// The words after it that are not options: packages, `all` for `clean all`.
    public var operands: [ShellWord]

    public init?(_ command: ShellCommand) {
        switch command.commandName {
        case "apt-get", "apt", "aptitude": manager = .apt
        case "apk": manager = .apk
        case "dnf", "dnf5", "dnf-3", "yum", "microdnf", "tdnf": manager = .dnf
        case "zypper": manager = .zypper
        default: return nil
        }
        let positional = command.positionalArguments(skipping: SystemPackageCommand.optionSpecs[manager] ?? OptionSpec([]))
        guard let first = positional.first else { return nil }
        self.command = command
        subcommand = first
        operands = Array(positional.dropFirst())
    }

    /// zypper's `-n`/`--non-interactive` (global options, before the subcommand; after it
    /// `-n` is `--name`), or the install options `-y`/`--no-confirm`.
    public var isNonInteractiveZypper: Bool {
        if command.hasAnyFlag("non-interactive", "no-confirm") { return true }
        for argument in command.arguments {
            let value = argument.value
            guard value.hasPrefix("-"), !value.hasPrefix("--") else { continue }
            let isGlobal = argument.range.start.offset < subcommand.range.start.offset
            if value.dropFirst().containsBytes("y") || (isGlobal && value.dropFirst().containsBytes("n")) { return true }
        }
        return false
    }

    /// The hadolint code that stands for a finding on this call: hadolint checks `yum`
    /// under one code and `dnf`/`microdnf` under another, and knows neither `tdnf` nor `dnf5`
    /// (`[]`: no code).
    public func hadolintAliases(yum: String, dnf: String) -> [String] {
        switch command.commandName {
        case "yum": [yum]
        case "dnf", "microdnf": [dnf]
        default: []
        }
    }
}

extension SystemPackageCommand {
    /// Whether an rpm package word (dnf, yum, microdnf) names a version, or is a file:
    /// `curl-7.76.1`, `curl-7.76.1-26.el9`, `nginx-1:1.20.1`, `python3-3.11*`, `./app.rpm`,
    /// `'curl >= 7.76'`. A version is the last dash-separated part when it starts with a
    /// digit and has a dot or epoch (`7.76.1`, `1:1.20`), or the last two when both start
    /// with a digit (`12-1`, version and release). So `python3.11`, `gcc-c++`,
    /// `glibc-langpack-en`, `java-17-openjdk-devel` and `gcc-toolset-12` are names: a digit
    /// inside a name is not a version.
    public static func isPinnedRpmPackage(_ word: String) -> Bool {
        if word.hasSuffix(".rpm") || word.contains(where: { "=<>".contains($0) }) { return true }
        var parts = word.split(separator: "-", omittingEmptySubsequences: false)
        // `name-1.2-*`: any release of version 1.2.
        if parts.count > 2, parts.last == "*" { parts.removeLast() }
        guard parts.count >= 2, let last = parts.last, isRpmVersionPart(last) else { return false }
        if last.contains(where: { $0 == "." || $0 == ":" || $0 == "*" }) { return true }
        return parts.count >= 3 && isRpmVersionPart(parts[parts.count - 2])
    }

    /// A part that starts with a digit and holds only what rpm versions hold.
    static func isRpmVersionPart(_ part: Substring) -> Bool {
        guard let first = part.first, first.isASCII, first.isNumber else { return false }
        return part.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || ".~^_:+*".contains($0) }
    }

    /// Whether a zypper package word carries a version constraint or is a local `.rpm`:
    /// `curl=8.0.1`, `'curl>=8'` (hadolint's DL3037 test).
    public static func isPinnedZypperPackage(_ word: String) -> Bool {
        word.contains { "=<>".contains($0) } || word.hasSuffix(".rpm")
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
        word.containsBytes("=") || word.containsBytes("/") || word.hasSuffix(".deb")
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
    static func aptFlags(of command: ShellCommand) -> [String] {
        let valued = aptOptionsWithValues
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
                if valued.contains(name), !value.containsBytes("=") { index += 1 }
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

    /// The words a package word stands for: itself when literal, the text around a
    /// variable when ARG/ENV values resolve it (`tools-${MAJOR}`), else the value of
    /// `$NAME` / `${NAME}` split on blanks — from an inline or exported assignment, a bare
    /// `NAME=…` earlier in the RUN, or ENV/ARG. nil when the value is unknown (`$(cat list)`,
    /// an ARG without a default).
    public func packageWords(_ word: ShellWord, for command: ShellCommand, at index: Int) -> [String]? {
        let value = word.value
        guard value.containsBytes("$") || value.containsBytes("`") else { return [value] }
        var name = Substring(value)
        if name.hasPrefix("${"), name.hasSuffix("}") { name = name.dropFirst(2).dropLast() } else if name.hasPrefix("$") { name = name.dropFirst() } else { name = "" }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            // Text around a variable (`tools-${MAJOR}`): judge it when ARG/ENV values
            // resolve every variable in it.
            guard !value.containsBytes("`"), !value.containsBytes("$("),
                Self.variableNames(in: value).allSatisfy({ states[index].variables.value(of: $0) != nil })
            else { return nil }
            let expanded = expand(value, at: index)
            guard !expanded.containsBytes("$"), !expanded.isEmpty else { return nil }
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
        guard let found, !found.containsBytes("$"), !found.containsBytes("`") else { return nil }
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
                // `rm -rf /var/cache/dnf*`: every entry whose name starts so.
                let isNamePrefix = value.hasSuffix("*")
                if isNamePrefix { value.removeLast() }
                guard let path = absolutePath(value.isEmpty ? "/" : value, for: later, at: index), path != "/" else { continue }
                if folder == path || folder.hasPrefix(path + "/") { return true }
                if isNamePrefix, folder.hasPrefix(path) { return true }
            }
        }
        return false
    }
}
