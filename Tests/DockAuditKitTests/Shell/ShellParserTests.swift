import Testing
@testable import DockAuditKit

/// Every construct the parser knows, as script → the simple commands it runs, in order.
struct ShellParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var script: String
        var commands: [String]
        var testDescription: String { script.debugDescription }
        init(_ script: String, _ commands: [String]) {
            self.script = script
            self.commands = commands
        }
    }

    static let constructs: [Case] = [
        // Words, quotes and escapes.
        Case("echo hello world", ["echo hello world"]),
        Case("echo 'single $HOME' \"double $HOME\"", ["echo single $HOME double $HOME"]),
        Case(#"echo "a \"quoted\" \$x \\ \n""#, [#"echo a "quoted" $x \ \n"#]),
        Case(#"echo a\ b \$c \'d"#, ["echo a b $c 'd"]),
        Case("echo ab'cd'\"ef\"gh", ["echo abcdefgh"]),
        Case("echo $'tab\\there' $\"locale\"", ["echo tab\there locale"]),
        Case("echo '' \"\"", ["echo  "]),
        Case("echo ~/x *.txt {a,b} a=b", ["echo ~/x *.txt {a,b} a=b"]),
        // Expansions stay as written.
        Case("echo $A ${B:-x} ${#C} $1 $@ $? $$", ["echo $A ${B:-x} ${#C} $1 $@ $? $$"]),
        Case("echo \"${A:-\"in quotes\"}\" ${x//\\//_}", ["echo ${A:-\"in quotes\"} ${x//\\//_}"]),
        Case("echo ${x:-{}} ${K8{S}/y", ["echo ${x:-{}} ${K8{S}/y"]),
        Case("echo $[1 + 2] $[a[0]]", ["echo $[1 + 2] $[a[0]]"]),
        Case("echo $((1 + (2 * 3))) $(( x << 2 ))", ["echo $((1 + (2 * 3))) $(( x << 2 ))"]),
        // Command substitution: the inner commands come after the one they are in.
        Case("echo $(date +%s) `whoami`", ["echo $(date +%s) `whoami`", "date +%s", "whoami"]),
        Case("echo \"x $(cat \"$(ls)\")\"", ["echo x $(cat \"$(ls)\")", "cat $(ls)", "ls"]),
        Case("a=$(b $(c) `d`)", ["a=$(b $(c) `d`)", "b $(c) `d`", "c", "d"]),
        Case("echo `echo \\`inner\\``", ["echo `echo \\`inner\\``", "echo `inner`", "inner"]),
        Case("echo ${A:-$(default)}", ["echo ${A:-$(default)}", "default"]),
        Case("diff <(sort a) >(tee b)", ["diff <(sort a) >(tee b)", "sort a", "tee b"]),
        Case("x=$(case $y in a) echo a;; esac)", ["x=$(case $y in a) echo a;; esac)", "echo a"]),
        // Operators.
        Case("a && b || c; d & e\nf", ["a", "b", "c", "d", "e", "f"]),
        Case("a |& b | c", ["a", "b", "c"]),
        Case("! a | b", ["a", "b"]),
        Case("a &&\n  b ||\n  c |\n  d", ["a", "b", "c", "d"]),
        Case("a;b;c", ["a", "b", "c"]),
        // Compound commands.
        Case("( cd /x && make ) && { echo a; echo b; }", ["cd /x", "make", "echo a", "echo b"]),
        Case("if [ -f x ]; then a; elif test -d y; then b; else c; fi", ["[ -f x ]", "a", "test -d y", "b", "c"]),
        Case("if true\nthen\n  a\nfi", ["true", "a"]),
        Case("for f in a b $(ls); do echo $f; done", ["ls", "echo $f"]),
        Case("for f; do x; done; for ((i=0; i<3; i++)); do y; done", ["x", "y"]),
        Case("while read l; do echo $l; done < file", ["read l", "echo $l"]),
        Case("until false; do sleep 1; done", ["false", "sleep 1"]),
        Case("case \"$a\" in\n  x|y) one ;;\n  (z) two ;&\n  *) three ;;\nesac", ["one", "two", "three"]),
        Case("case $a in *) ;; esac; after", ["after"]),
        Case("f() { body; }; f", ["body", "f"]),
        Case("function g { body; }\nfunction h() ( sub )", ["body", "sub"]),
        Case("[[ -n $A && ( $B == x || $C < d ) ]] && ok", ["[[ -n $A && ( $B == x || $C < d ) ]]", "ok"]),
        Case("(( i++ )) && echo $i", ["echo $i"]),
        Case("select x in a b; do echo $x; done", ["echo $x"]),
        // Redirections.
        Case("make 2>&1 >/dev/null < in >> log &> all &>> more >| f <> rw 3<&0 {x", ["make {x"]),
        Case("> empty; 2>/dev/null cmd arg", ["", "cmd arg"]),
        Case("cat <<< \"here string\" 1>&2", ["cat"]),
        Case("{ a; } > log 2>&1; (b) >> log", ["a", "b"]),
        // Here-documents: the body is data.
        Case("cat <<EOF > /etc/x\nrm -rf /\nEOF\necho next", ["cat", "echo next"]),
        Case("cat <<-'EOF'\n\trm -rf /\n\tEOF\necho next", ["cat", "echo next"]),
        Case("cat <<A; cat <<B\nbody a\nA\nbody b\nB\nlast", ["cat", "cat", "last"]),
        Case("while read x; do a; done <<EOF\nb\nEOF", ["read x", "a"]),
        Case("x=$(cat <<EOF\ninside\nEOF\n)", ["x=$(cat <<EOF\ninside\nEOF\n)", "cat"]),
        // Here-documents a shell reads are scripts.
        Case("bash <<'EOF'\nset -e\napt-get update\nEOF", ["bash", "bash>set -e", "bash>apt-get update"]),
        Case("sh -s -- arg <<EOF\nmake\nEOF", ["sh -s -- arg", "sh>make"]),
        Case("python3 <<EOF\nimport os\nEOF", ["python3"]),
        // Comments.
        Case("echo a # comment && rm -rf /\necho b#notcomment", ["echo a", "echo b#notcomment"]),
        Case("# only a comment", []),
        // Assignments.
        Case("A=1 B=\"2 3\" make install", ["make install"]),
        Case("A=1", ["A=1"]),
        Case("arr=(a b c) x+=y", ["arr=(a b c) x+=y"]),
        Case("export A=1 B; readonly C=2", ["export A=1 B", "readonly C=2"]),
        // Line continuations inside a script (heredoc bodies, `sh -c` strings).
        Case("apt-get install \\\n  curl \\\n  git", ["apt-get install curl git"]),
        Case("echo a\\\nb", ["echo ab"]),
        // CRLF line endings (heredoc bodies of CRLF files).
        Case("echo a\r\necho b\r\n", ["echo a", "echo b"]),
    ]

    @Test(arguments: constructs)
    func parsesConstruct(_ testCase: Case) {
        let script = ShellTestSupport.parse(testCase.script)
        #expect(ShellTestSupport.summary(script) == testCase.commands)
        #expect(script.errors.isEmpty, "\(script.errors.map(\.message))")
    }

    @Test func wordsKnowWhetherTheyAreLiteral() {
        let script = ShellTestSupport.parse("cmd plain 'quoted' \"dq\" \"$x\" ${y} $(z) `w` $((1)) $'\\n' a\\ b ~")
        let words = script.commands[0].arguments
        #expect(words.map(\.isLiteral) == [true, true, true, false, false, false, false, false, true, true, true])
        #expect(words.map(\.isQuoted) == [false, true, true, true, false, false, false, false, true, true, false])
        #expect(words.map(\.raw) == ["plain", "'quoted'", "\"dq\"", "\"$x\"", "${y}", "$(z)", "`w`", "$((1))", "$'\\n'", "a\\ b", "~"])
    }

    @Test func assignmentsHaveNamesValuesAndRanges() {
        let text = "A=1 B+=\"two words\" C[0]=x cmd"
        let command = ShellTestSupport.parse(text).commands[0]
        #expect(command.assignments.map(\.name) == ["A", "B", "C"])
        #expect(command.assignments.map(\.value.value) == ["1", "two words", "x"])
        #expect(command.assignments.map(\.isAppend) == [false, true, false])
        #expect(ShellTestSupport.text(command.assignments[1].value.range, in: text) == "\"two words\"")
        #expect(ShellTestSupport.text(command.assignments[1].range, in: text) == "B+=\"two words\"")
        let exported = ShellTestSupport.parse("export PIP_NO_CACHE_DIR=1 PATH=\"$PATH:/x\"").commands[0]
        #expect(exported.assignments.map(\.name) == ["PIP_NO_CACHE_DIR", "PATH"])
        #expect(exported.assignments[1].value.isLiteral == false)
    }

    @Test func redirectionsAreRecorded() {
        let text = "make 2>&1 >/dev/null &>>log <<< \"s\""
        let command = ShellTestSupport.parse(text).commands[0]
        #expect(command.redirections.map(\.op) == [">&", ">", "&>>", "<<<"])
        #expect(command.redirections.map(\.fileDescriptor) == [2, nil, nil, nil])
        #expect(command.redirections.map { $0.target?.value } == ["1", "/dev/null", "log", "s"])
        #expect(ShellTestSupport.text(command.redirections[0].range, in: text) == "2>&1")
    }

    @Test func hereDocumentBodiesAreAttached() {
        let text = "cat <<'EOF' > /etc/apt/sources.list\ndeb http://x $y\nEOF\n"
        let command = ShellTestSupport.parse(text).commands[0]
        let document = command.redirections[0].hereDocument
        #expect(document?.delimiter == "EOF")
        #expect(document?.isQuoted == true)
        #expect(document?.content == "deb http://x $y\n")
        #expect(document.map { ShellTestSupport.text($0.range, in: text) } == "deb http://x $y\n")
        #expect(command.redirections[1].target?.value == "/etc/apt/sources.list")
    }

    @Test func operatorsAroundCommands() {
        let script = ShellTestSupport.parse("a && b || c; d | e |& f & g\nh")
        let context = script.commands.map(\.context)
        #expect(context.map(\.operatorBefore) == [nil, .and, .or, .semicolon, .pipe, .pipeAll, .background, .newline])
        #expect(context.map(\.operatorAfter) == [.and, .or, .semicolon, .pipe, .pipeAll, .background, .newline, nil])
        #expect(context.map(\.pipelineIndex) == [0, 0, 0, 0, 1, 2, 0, 0])
        #expect(context.map(\.pipelineLength) == [1, 1, 1, 3, 3, 3, 1, 1])
        #expect(context[3].pipelineID != nil && context[3].pipelineID == context[5].pipelineID)
    }

    @Test func contextFlags() {
        let script = ShellTestSupport.parse("""
            if grep -q x f; then in_then; fi
            while cond; do body; done
            ( sub ) && echo $(subst)
            fn() { inside; }
            ! negated | piped
            { grouped; other; } | tail
            """)
        let byName = Dictionary(script.commands.map { ($0.commandName, $0.context) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["grep"]!.inCondition && !byName["grep"]!.inLoop)
        #expect(!byName["in_then"]!.inCondition)
        #expect(byName["cond"]!.inCondition && byName["cond"]!.inLoop)
        #expect(byName["body"]!.inLoop && !byName["body"]!.inCondition)
        #expect(byName["sub"]!.inSubshell && !byName["sub"]!.inCommandSubstitution)
        #expect(byName["subst"]!.inCommandSubstitution && !byName["echo"]!.inCommandSubstitution)
        #expect(byName["inside"]!.inFunction)
        #expect(byName["negated"]!.isNegated && byName["piped"]!.isNegated)
        #expect(byName["grouped"]!.pipelineLength == 2 && byName["other"]!.pipelineIndex == 0)
        #expect(byName["tail"]!.pipelineIndex == 1)
    }

    @Test func ifAndCaseArmsAreAlternatives() {
        let script = ShellTestSupport.parse("""
            if probe; then first; elif second_probe; then second; else third; fi
            case "$arch" in x86_64) wget_arm ;; arm*|aarch64) curl_arm && $(nested_arm) ;; *) sh -c 'wrapped_arm' ;; esac
            after
            if outer; then case x in a) inner_a ;; b) inner_b ;; esac; fi
            """)
        let byName = Dictionary(script.commands.map { ($0.commandName, $0.context) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["probe"]!.branches.isEmpty && byName["second_probe"]!.branches.isEmpty)
        #expect(byName["first"]!.isAlternative(to: byName["second"]!))
        #expect(byName["second"]!.isAlternative(to: byName["third"]!))
        #expect(!byName["first"]!.isAlternative(to: byName["probe"]!))
        #expect(byName["wget_arm"]!.isAlternative(to: byName["curl_arm"]!))
        #expect(byName["nested_arm"]!.isAlternative(to: byName["wget_arm"]!))
        #expect(byName["wrapped_arm"]!.isAlternative(to: byName["curl_arm"]!))
        #expect(!byName["curl_arm"]!.isAlternative(to: byName["nested_arm"]!))
        #expect(byName["after"]!.branches.isEmpty && !byName["after"]!.isAlternative(to: byName["wget_arm"]!))
        #expect(byName["inner_a"]!.isAlternative(to: byName["inner_b"]!))
        #expect(byName["inner_a"]!.branches.count == 2 && !byName["inner_a"]!.isAlternative(to: byName["first"]!))
    }

    @Test func substitutionInsidePipelineIsNotPiped() {
        let script = ShellTestSupport.parse("curl $(cat url) | sh")
        #expect(ShellTestSupport.summary(script) == ["curl $(cat url)", "cat url", "sh"])
        #expect(script.commands.map(\.context.pipelineLength) == [2, 1, 2])
    }

    @Test func emptyScriptsHaveNoCommands() {
        for text in ["", "   ", "\n\n", "# c\n# d", ";", "\\\n"] {
            #expect(ShellTestSupport.parse(text).commands.isEmpty, "\(text.debugDescription)")
        }
    }
}
