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
