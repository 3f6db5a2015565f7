/// DA504: a download or package tool told not to check TLS certificates.
struct TLSVerificationDisabled: Rule {
    static let description = RuleDescription(
        code: "DA504", name: "tls-verification-disabled", severity: .warning, category: .security,
        summary: "A command or variable turns off TLS certificate verification (curl -k, pip --trusted-host, PIP_TRUSTED_HOST, git http.sslVerify=false…).",
        rationale: """
            Certificate checks are what make an HTTPS download come from the server you named. \
            Without them anyone on the network path (a proxy, a hotel Wi-Fi, a compromised \
            mirror) can hand your build a different package or script, and it ends up in the \
            image. Turning verification off usually papers over a missing CA bundle or a \
            corporate proxy's certificate; both have proper fixes. Covered: `curl -k`/`--insecure`, \
            `wget --no-check-certificate`, `pip --trusted-host` (and `pip config set \
            global.trusted-host`, `uv --allow-insecure-host`), `git -c http.sslVerify=false` and \
            `git config http.sslVerify false`, `npm`/`yarn`/`pnpm config set strict-ssl false`, \
            `conda config --set ssl_verify false`, apt's `Acquire::https::Verify-Peer=false`, \
            the same settings written into a config file with echo/printf, and the variables \
            `PIP_TRUSTED_HOST`, `UV_INSECURE_HOST`, `PYTHONHTTPSVERIFY=0` (PEP 493, honoured by \
            RHEL/CentOS builds of Python), `GIT_SSL_NO_VERIFY` (git skips the check whatever its \
            value), `NODE_TLS_REJECT_UNAUTHORIZED=0`, `npm_config_strict_ssl=false`, \
            `YARN_ENABLE_STRICT_SSL=false`, `CONDA_SSL_VERIFY=false` and `GOINSECURE`.
            """,
        howToFix: "Remove the option or variable. If the certificate really cannot be verified, install the missing CA (`ca-certificates`, or COPY your proxy's CA and run `update-ca-certificates`) and point the tool at it (`--cacert`, `PIP_CERT`, `git -c http.sslCAInfo=…`, `npm config set cafile …`).",
        badExamples: [
            "FROM debian:bookworm-slim\nRUN curl ↓-fsSLk https://example.com/tool.tar.gz | tar xz\n",
            "FROM alpine:3.20\nRUN wget ↓--no-check-certificate -O /tmp/app.zip https://example.com/app.zip\n",
            "FROM python:3.12-slim\nRUN pip install ↓--trusted-host pypi.example.com -i http://pypi.example.com/simple flask==3.0.3\n",
            "FROM python:3.12-slim\nENV ↓PIP_TRUSTED_HOST=mirrors.example.com\n",
            "FROM python:3.12-slim AS build\nARG ↓PYTHONHTTPSVERIFY=0\nRUN python fetch.py\nFROM python:3.12-slim\n",
            "FROM alpine/git\nRUN git -c ↓http.sslVerify=false clone https://git.example.com/app.git\n",
            "FROM node:22\nRUN npm config set ↓strict-ssl false && npm ci\n",
            "FROM alpine/git\nRUN git config --global ↓http.sslVerify \"false\"\n",
            "FROM node:22\nRUN ↓NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n",
            "FROM python:3.12-slim\nRUN pip config set ↓global.trusted-host mirrors.example.com\n",
            "FROM python:3.12-slim\nRUN ↓printf '[global]\\ntrusted-host = mirrors.example.com\\n' > /etc/pip.conf\n",
        ],
        goodExamples: [
            "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/tool.tar.gz | tar xz\n",
            "FROM python:3.12-slim\nRUN pip install --index-url https://pypi.example.com/simple flask==3.0.3\n",
            "FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=1 PIP_CERT=/etc/ssl/certs/corp.pem\n",
            "FROM alpine/git\nRUN git -c http.sslVerify=true clone https://git.example.com/app.git\n",
            "FROM node:22\nRUN npm config set strict-ssl true && npm ci\n",
            "FROM debian:bookworm-slim\nRUN curl -K /etc/curlrc -o /tmp/k https://example.com/k && wget -nv -O /tmp/x https://example.com/x\n",
            "FROM alpine:3.20\nRUN curl -u user:k https://example.com/ -H 'X-Mode: -k'\n",
            "ARG PIP_TRUSTED_HOST\nFROM python:3.12-slim\n",
        ])

    static let keywords: Set<InstructionKind> = [.run, .env, .arg]

    func visit(_ instruction: Instruction, index: Int, context: LintContext, findings: inout FindingSink) {
        // ARGs before the first FROM reach no RUN unless a stage declares them again.
        guard context.stageIndex(ofInstruction: index) != nil else { return }
        switch instruction.kind {
        case .env, .arg:
            for (name, value, range) in Self.assignments(of: instruction, index: index, context: context) {
                guard let value, let problem = Self.insecureVariable(name: name, value: value) else { continue }
                findings.report(range, "\(instruction.kind == .env ? "ENV" : "ARG") \(name)=\(value) \(problem); remove it and install the CA certificate the tool needs instead")
            }
        case .run:
            guard let script = context.model.scripts[index] else { return }
            for command in script.commands {
                for assignment in command.assignments {
                    if let problem = Self.insecureVariable(name: assignment.name, value: assignment.value.value) {
                        findings.report(assignment.range, "\(assignment.name)=\(assignment.value.value) \(problem); remove it and install the CA certificate the tool needs instead")
                    }
                }
                if let (word, message) = Self.insecureOption(in: command) {
                    findings.report(word.range, message)
                }
            }
        default:
            break
        }
    }

    static let falseValues: Set<String> = ["false", "0", "no", "off"]

    /// What setting `name` to `value` does to certificate checks, when it turns them off.
    static func insecureVariable(name: String, value: String) -> String? {
        let lowered = value.lowercased()
        switch name {
        case "PIP_TRUSTED_HOST" where !value.isEmpty: return "makes pip accept these hosts without checking their certificates"
        case "UV_INSECURE_HOST" where !value.isEmpty: return "makes uv accept these hosts without checking their certificates"
        case "PYTHONHTTPSVERIFY" where value == "0": return "asks Python not to verify HTTPS certificates"
        case "GIT_SSL_NO_VERIFY": return "makes git skip certificate checks (whatever the value, even false)"
        case "NODE_TLS_REJECT_UNAUTHORIZED" where value == "0": return "makes Node.js accept any certificate"
        case "YARN_ENABLE_STRICT_SSL" where falseValues.contains(lowered): return "makes yarn accept any certificate"
        case "CONDA_SSL_VERIFY" where falseValues.contains(lowered): return "makes conda accept any certificate"
        case "GOINSECURE" where !value.isEmpty: return "makes go fetch these modules without checking certificates"
        default: break
        }
        if name.lowercased() == "npm_config_strict_ssl", falseValues.contains(lowered) { return "makes npm accept any certificate" }
        return nil
    }

    /// The option of `command` that turns certificate checks off, with a message.
    static func insecureOption(in command: ShellCommand) -> (ShellWord, String)? {
        let name = command.commandName
        if let download = DownloadCommand(command), let word = download.insecureWord {
            return (word, "\(name) \(word.value) turns off certificate checks, so the download can be swapped on the way; drop it and fix the CA bundle (install ca-certificates, or pass --cacert/--ca-certificate)")
        }
        if PackageInstall.isPip(name) || PackageInstall.isPython(name) || ["uv", "pipx", "pipenv", "pdm"].contains(name) {
            for word in command.arguments {
                let value = word.value
                if value.hasPrefix("--trusted-host") || value.hasPrefix("--allow-insecure-host") || (value.containsBytes("--trusted-host") && name == "pipx") {
                    return (word, "\(value.hasPrefix("--allow") ? "--allow-insecure-host" : "--trusted-host") makes \(name == "uv" ? "uv" : "pip") accept the host without checking its certificate; use an HTTPS index with a valid certificate (or PIP_CERT for a private CA)")
                }
            }
            if let key = configKey(of: command, subcommand: "config", after: "set"), key.value.lowercased().hasSuffix(".trusted-host") {
                return (key, "pip's \(key.value) setting makes pip accept the host without checking its certificate; use an HTTPS index with a valid certificate (or set global.cert for a private CA)")
            }
            return nil
        }
        switch name {
        case "git":
            return insecureGit(command)
        case "npm", "yarn", "pnpm":
            for (position, word) in command.arguments.enumerated() {
                let value = word.value.lowercased()
                let bare = value.drop { $0 == "-" }
                if value == "--no-strict-ssl" { return (word, "\(name) \(word.value) accepts any certificate; use a valid certificate or set cafile") }
                guard bare.hasPrefix("strict-ssl") || bare.hasPrefix("enablestrictssl") else { continue }
                let setting: String?
                if let equals = bare.firstIndex(of: "=") {
                    setting = String(bare[bare.index(after: equals)...])
                } else if bare == "strict-ssl" || bare == "enablestrictssl" {
                    setting = position + 1 < command.arguments.count ? command.arguments[position + 1].value.lowercased() : nil
                } else {
                    setting = nil
                }
                if let setting, falseValues.contains(setting) {
                    return (word, "\(name)'s strict-ssl=false accepts any certificate for the registry; fix the CA instead (`\(name) config set cafile /path/ca.pem`)")
                }
            }
        case "conda", "mamba", "micromamba":
            for (position, word) in command.arguments.enumerated() where word.value == "ssl_verify" && position + 1 < command.arguments.count {
                if falseValues.contains(command.arguments[position + 1].value.lowercased()) {
                    return (word, "conda's ssl_verify false accepts any certificate; point ssl_verify at your CA bundle instead")
                }
            }
        case "apt-get", "apt", "aptitude":
            for word in command.arguments where aptDisablesVerification(word.value) {
                return (word, "\(word.value) makes apt accept any certificate for HTTPS repositories; install the CA instead")
            }
        case "echo", "printf":
            return insecureConfigText(command)
        default:
            break
        }
        return nil
    }

    /// `git -c http.sslVerify=false …`, `git config [--global] http.sslVerify false`.
    static func insecureGit(_ command: ShellCommand) -> (ShellWord, String)? {
        let words = command.arguments
        func isSSLVerifyKey(_ key: String) -> Bool {
            let lowered = key.lowercased()
            return lowered.hasPrefix("http.") && lowered.hasSuffix(".sslverify") || lowered == "http.sslverify"
        }
        let message = "git's http.sslVerify=false accepts any certificate, so the clone can be swapped on the way; set http.sslCAInfo to your CA instead"
        var index = 0
        while index < words.count {
            let value = words[index].value
            if value == "-c", index + 1 < words.count {
                let setting = words[index + 1].value
                if let equals = setting.firstIndex(of: "="), isSSLVerifyKey(String(setting[..<equals])),
                    falseValues.contains(setting[setting.index(after: equals)...].lowercased())
                {
                    return (words[index + 1], message)
                }
                index += 2
                continue
            }
            if value == "config" {
                let positional = Array(words[(index + 1)...]).filter { !$0.value.hasPrefix("-") }
                if positional.count >= 2, isSSLVerifyKey(positional[0].value), falseValues.contains(positional[1].value.lowercased()) {
                    return (positional[0], message)
                }
                return nil
            }
            if !value.hasPrefix("-") { return nil }
            index += 1
        }
        return nil
    }

    /// `pip config set KEY VALUE`: the KEY word.
    static func configKey(of command: ShellCommand, subcommand: String, after action: String) -> ShellWord? {
        let positional = command.arguments.filter { !$0.value.hasPrefix("-") }
        var words = positional[...]
        if PackageInstall.isPython(command.commandName) {
            // python -m pip config set …
            guard let pip = words.firstIndex(where: { $0.value == "pip" }) else { return nil }
            words = words[(pip + 1)...]
        }
        guard words.count >= 3, words[words.startIndex].value == subcommand, words[words.startIndex + 1].value == action else { return nil }
        return words[words.startIndex + 2]
    }

    static func aptDisablesVerification(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return (lowered.containsBytes("verify-peer") || lowered.containsBytes("verify-host")) && lowered.containsBytes("false")
    }

    /// echo/printf writing a setting that turns certificate checks off into a config file
    /// (pip.conf, apt.conf, .npmrc, .gitconfig, .wgetrc).
    static func insecureConfigText(_ command: ShellCommand) -> (ShellWord, String)? {
        guard let name = command.name, !command.redirections.isEmpty || command.context.isInPipeline else { return nil }
        let text = command.arguments.map { $0.value.lowercased() }.joined(separator: " ")
        let problem: String?
        if text.containsBytes("trusted-host") {
            problem = "writes pip's trusted-host setting, which accepts the host without checking its certificate"
        } else if aptDisablesVerification(text) {
            problem = "writes apt's Verify-Peer/Verify-Host false, which accepts any certificate"
        } else if text.containsBytes("strict-ssl") && text.containsBytes("false") {
            problem = "writes npm's strict-ssl=false, which accepts any certificate"
        } else if text.containsBytes("sslverify") && text.containsBytes("false") {
            problem = "writes git's sslVerify=false, which accepts any certificate"
        } else if text.containsBytes("check_certificate") && text.containsBytes("off") {
            problem = "writes wget's check_certificate=off, which accepts any certificate"
        } else {
            problem = nil
        }
        guard let problem else { return nil }
        return (name, "\(command.commandName) \(problem); install the CA certificate instead")
    }

    /// (name, value expanded, range of the name) of each ENV pair or ARG with a value.
    static func assignments(of instruction: Instruction, index: Int, context: LintContext) -> [(String, String?, SourceRange)] {
        switch instruction.arguments {
        case .keyValues(let pairs):
            return pairs.map { pair in
                (context.model.expand(pair.key.value, at: index), context.model.expand(pair.value.value, at: index), pair.key.range)
            }
        case .words(let words):
            return words.map { word in
                let (name, value) = DockerfileModel.splitArg(word.value)
                return (name, value.map { context.model.expand($0, at: index) }, word.range)
            }
        default:
            return []
        }
    }
}
