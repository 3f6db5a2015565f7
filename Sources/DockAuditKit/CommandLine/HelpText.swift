/// The help pages. `debug-lex-tables` is left out on purpose: it is a test hook.
enum HelpText {
    static func page(_ topic: HelpTopic) -> String {
        switch topic {
        case .general: return general
        case .lint: return lint
        case .parse: return parse
        case .rules: return rules
        case .explain: return explain
        }
    }

    /// The line after a usage error.
    static func pointer(to topic: HelpTopic) -> String {
        switch topic {
        case .general: return "Run 'dockaudit --help' for usage."
        case .lint: return "Run 'dockaudit lint --help' for usage."
        case .parse: return "Run 'dockaudit parse --help' for usage."
        case .rules: return "Run 'dockaudit rules --help' for usage."
        case .explain: return "Run 'dockaudit explain --help' for usage."
        }
    }

    static let exitStatus = """
        Exit status:
          0  no finding at or above the failure threshold
          1  findings at or above the failure threshold
          2  usage error, or an input that could not be read
        """

    static let general = """
        dockaudit \(DockAuditCommand.version): lints Dockerfiles and audits their build context.

        Usage:
          dockaudit lint [OPTIONS] PATH...   lint Dockerfiles: files, directories, or - for standard input
          dockaudit parse [--format buildkit-json] FILE...
                                             print BuildKit's reading of each file, one JSON line each
          dockaudit rules [--format text|json] [--write-docs DIR]
                                             list the rules (or write their documentation pages)
          dockaudit explain RULE             explain a rule: a code, a name or an alias (DL3008)
          dockaudit help [COMMAND]           show help for dockaudit or a command (also -h, --help)
          dockaudit --version                print the version

        Run 'dockaudit lint --help' for the lint options.

        \(exitStatus)

        """

    static let lint = """
        Usage: dockaudit lint [OPTIONS] PATH...

        Lints each PATH: a file (linted whatever its name), a directory, or - for standard
        input. Directories are searched recursively for Dockerfile, Dockerfile.*,
        *.Dockerfile, *.dockerfile, Containerfile and Containerfile.*; hidden entries such
        as .git are skipped and symbolic links to directories are not followed (unless
        --follow-symlinks).

        Findings are printed one a line, as path:line:column: severity: message [CODE name],
        followed by a summary line; nothing is printed when there are none.

        Options:
          -f, --format FORMAT            text (default), json, compact (or gnu: one line per
                                         finding, no summary), sarif (SARIF 2.1.0), checkstyle,
                                         gitlab (Code Quality), github (Actions annotations)
                                         or junit
          -o, --output FILE              write the report of the --format just before it
                                         to FILE (repeatable); a --format no --output takes
                                         goes to standard output
              --statistics               print a count of findings per rule instead
          -q, --quiet                    print nothing; the exit code says it all
              --fix                      apply the safe fixes findings offer, rewriting each
                                         file in place (- : print the fixed text to standard
                                         output and the findings to standard error); the
                                         findings left are reported as usual
              --diff                     print what --fix would change as a unified diff,
                                         write nothing; exit 1 when a file would change
              --unsafe-fixes             with --fix or --diff, apply unsafe fixes too
              --color auto|always|never  colour the text report (auto: on a terminal, unless
                                         NO_COLOR is set)
              --context DIR              build context for every Dockerfile
                                         (default: the folder holding each Dockerfile)
              --no-context               skip the checks that read the build context
              --follow-symlinks          follow symbolic links to directories when searching
                                         a directory (a link back to a folder above it is
                                         skipped with a note)
              --target STAGE             the stage that is built (default: the last one)
          -t, --failure-threshold LEVEL  exit 1 when a finding is at or above LEVEL: error,
                                         warning, info (default) or style; none never fails
              --as-of YYYY-MM-DD         judge end-of-life dates as of this day (default: today)
              --disable-ignore-pragmas   report findings that ignore comments would hide
              --select RULE[,RULE]       also run these opt-in rules (code, name or alias)
              --trusted-registry REG     only allow images from REG (repeatable; `*`,
                                         `*.example.com` and `prefix*` patterns)
              --require-label LABEL[:KIND]
                                         require LABEL in every image (repeatable); KIND is
                                         text (default), url, rfc3339, spdx, hash, semver
                                         or email
              --strict-labels            report labels that no --require-label names
              --ignore RULE[,RULE]       drop these rules' findings (code, name or alias)
              --severity RULE=LEVEL      another severity for a rule: error, warning, info,
                                         style or off (also hadolint's --error RULE, --warning
                                         RULE, --info RULE, --style RULE)
              --min-severity LEVEL       leave out findings below LEVEL
              --no-fail                  exit 0 even with findings at the threshold
          -c, --config FILE              the configuration file (default: .dockaudit.yaml in
                                         this folder or a parent up to the repository root,
                                         then ~/.config/dockaudit/config.yaml, then
                                         hadolint's .hadolint.yaml)
          -h, --help                     show this help

        Each option can also be set in the configuration file or as DOCKAUDIT_<OPTION>
        (DOCKAUDIT_FAILURE_THRESHOLD=warning); the command line beats the environment, which
        beats the file, and lists (ignore, select, severities) add up.

        Ignore comments: `# dockaudit ignore=CODE[,CODE] [# reason]` above an instruction,
        `# dockaudit ignore-stage=…` (rest of the stage), `# dockaudit ignore-file=…`;
        hadolint's `# hadolint ignore=`, `global ignore=`, `stage ignore=` and BuildKit's
        `# check=skip=…` are read too. A rule is named by code, name or alias.

        \(exitStatus)

        """

    static let parse = """
        Usage: dockaudit parse [--format buildkit-json] FILE...

        Prints, for each FILE in order (- for standard input), one line of JSON with the
        instructions as BuildKit's parser reads them, to compare with BuildKit itself.

        Options:
          -f, --format FORMAT   buildkit-json (the default and only format)
          -h, --help            show this help

        """

    static let rules = """
        Usage: dockaudit rules [--format text|json] [--write-docs DIR]

        Lists every rule: code, name, severity, summary and aliases (the hadolint codes and
        BuildKit check names it stands for).

        Options:
          -f, --format text|json   text (default) or a JSON array with code, name, severity,
                                   category, aliases and summary
          --write-docs DIR         write one Markdown page per rule, and an index, into DIR
        """

    static let explain = """
        Usage: dockaudit explain RULE

        Prints what a rule finds, why it matters, how to fix it, and examples. RULE is a code
        (DA105), a name (maintainer-deprecated), a hadolint code (DL4000) or a BuildKit check
        name (MaintainerDeprecated).
        """
}
