/// DA426: a dnf or yum install names a package without a version.
struct DnfPackageUnpinned: Rule {
    static let description = RuleDescription(
        code: "DA426", name: "dnf-package-unpinned", severity: .warning, category: .shell,
        aliases: ["DL3033", "DL3041"],
        summary: "`dnf install` or `yum install` names a package without a version, or a module without a stream.",
        rationale: """
            Without a version, `dnf install curl` installs whatever the repositories offer on \
            the day of the build, so two builds of the same Dockerfile can differ. rpm \
            versions are written after the name with a dash: `curl-7.76.1` (any release of \
            that version), `curl-7.76.1-29.el9` (exact), `nginx-1:1.20.1` (with epoch), or \
            `curl-7.76*`. A digit inside a name is not a version: `python3.11`, \
            `java-17-openjdk-devel` and `gcc-toolset-12` are names, and `gcc-c++` or \
            `glibc-langpack-en` carry no version either. Module installs need a stream \
            (`dnf module install nodejs:18`). Local or downloaded `.rpm` files, groups \
            (`@development`, `groupinstall`) and words whose value is unknown (`$PKGS` from \
            an ARG without a default) are not checked.
            """,
        howToFix: "Add the version after a dash: `dnf install -y curl-7.76.1` (or `curl-7.76.1-29.el9`); `dnf module install -y nodejs:18`.",
        badExamples: [
            "FROM rockylinux:9\nRUN dnf install -y ↓curl && dnf clean all\n",
            "FROM centos:7\nRUN yum install -y curl-7.29.0 ↓gcc-c++ && yum clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y ↓python3.11 ↓java-17-openjdk-devel && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y ↓gcc-toolset-12 ↓glibc-langpack-en && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf module install -y ↓nodejs && dnf clean all\n",
            "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install ↓curl && microdnf clean all\n",
            "FROM rockylinux:9\nRUN sudo dnf install -y ↓curl && dnf clean all\n",
            "FROM rockylinux:9\nRUN <<EOF\ndnf install -y ↓curl\ndnf clean all\nEOF\n",
            "FROM rockylinux:9\nARG PKGS=\"curl-7.76.1 git\"\nRUN dnf install -y ↓$PKGS && dnf clean all\n",
        ],
        goodExamples: [
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1 && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y curl-7.76.1-29.el9_4 nginx-1:1.20.1 'python3-3.9*' && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y java-17-openjdk-devel-17.0.12.0.7 gcc-toolset-12-12.0-6.el9 && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf module install -y nodejs:18/common && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y @nodejs:18 && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm ./app.rpm && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf groupinstall -y 'Development Tools' && dnf install -y @development && dnf clean all\n",
            "FROM rockylinux:9\nARG VERSION=7.76.1\nRUN dnf install -y curl-${VERSION} && dnf clean all\n",
            "FROM rockylinux:9\nARG PKGS\nRUN dnf install -y $PKGS && dnf clean all\n",
            "FROM rockylinux:9\nRUN dnf install -y --setopt=install_weak_deps=False --enablerepo=crb 'curl >= 7.76' && dnf clean all\n",
        ],
        differences: [
            "differs from hadolint: a version must follow the last dash and start with a digit (`curl-7.76.1`); hadolint's yum check (DL3033) takes any dash as a version (`gcc-c++`, `glibc-langpack-en` pass), and its dnf check (DL3041) any dash-separated part that starts with a digit (`java-17-openjdk-devel`, `gcc-toolset-12` pass). dockaudit reports these names.",
            "differs from hadolint: groups (`@development`, `groupinstall`) are not reported, since they cannot be pinned; `@module:stream` counts as pinned; relational specs (`'curl >= 7.76'`) count as pinned.",
            "differs from hadolint: a variable is expanded when its value is known and checked word by word; one whose value is unknown is not reported.",
            "differs from hadolint: commands under `sudo`, `env` or `sh -c`, and heredoc bodies, are checked, and so are `tdnf` and `dnf5` (reported without a hadolint code).",
        ])

    static let keywords: Set<InstructionKind> = [.run]

    /// A name with a number after a dash or dot (`python3.11`, `java-17-openjdk`), which
    /// readers may take for a version.
    static func looksVersioned(_ name: String) -> Bool {
        zip(name, name.dropFirst()).contains { ($0 == "-" || $0 == ".") && $1.isNumber }
    }

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        let model = context.model
        for install in model.systemPackageCommands(at: index) where install.manager == .dnf && install.action == .install {
            let name = install.command.commandName
            let aliases = PackageManagerCall(install.command)?.hadolintAliases(yum: "DL3033", dnf: "DL3041") ?? []
            switch install.installForm {
            case .group:
                continue
            case .module:
                for word in install.packages where !word.value.containsBytes(":") && !word.value.containsBytes("$") {
                    findings.report(word.range, "Name the module stream: \(name) module install \(word.value):<stream>", aliases: aliases)
                }
            case .packages:
                for word in install.packages {
                    guard let values = model.packageWords(word, for: install.command, at: index) else { continue }
                    // `@group` cannot be pinned; `@module:stream` is.
                    let unpinned = values.filter { !$0.hasPrefix("@") && !SystemPackageCommand.isPinnedRpmPackage($0) }
                    guard !unpinned.isEmpty else { continue }
                    let shown = unpinned.prefix(3).map { "\($0)-<version>" }.joined(separator: " ")
                    findings.report(
                        word.range,
                        word.value == unpinned.first && values.count == 1
                            ? "Pin the version: \(name) install \(shown)"
                                + (Self.looksVersioned(unpinned[0]) ? " (a number inside the name is not a version)" : "")
                            : "\(word.value) holds unpinned packages (\(unpinned.joined(separator: ", "))); pin each: \(shown)",
                        aliases: aliases)
                }
            }
        }
    }
}
