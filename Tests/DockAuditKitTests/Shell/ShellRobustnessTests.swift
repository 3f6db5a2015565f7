import Foundation
import Testing
@testable import DockAuditKit

/// Bad and hostile input: the parser must finish, keep what it can, and report an error.
struct ShellRobustnessTests {
    /// Checks the invariants every result must satisfy, whatever the input.
    static func checkSane(_ script: ShellScript, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let size = text.utf8.count
        for command in script.commands {
            for word in [command.name].compactMap({ $0 }) + command.arguments {
                #expect(word.range.start.offset <= word.range.end.offset, sourceLocation: sourceLocation)
                #expect(word.range.end.offset <= size, sourceLocation: sourceLocation)
            }
        }
        for error in script.errors {
            #expect(error.range.end.offset <= size, sourceLocation: sourceLocation)
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        }
    }

    static let unterminated: [(script: String, commands: [String])] = [
        ("echo 'abc", ["echo abc"]),
        ("echo \"abc", ["echo abc"]),
        ("echo \"a $(b", ["echo a $(b", "b"]),
        ("echo $(ls", ["echo $(ls", "ls"]),
        ("echo ${x", ["echo ${x"]),
        ("echo `ls", ["echo `ls", "ls"]),
        ("echo $((1+", ["echo $((1+"]),
        ("echo $'x", ["echo x"]),
        ("a && (b", ["a", "b"]),
        ("{ a; b", ["a", "b"]),
        ("if a; then b", ["a", "b"]),
        ("if a; b; fi", ["a", "b"]),
        ("for x in 1 2; do y", ["y"]),
        ("while a; do b; fi", ["a", "b"]),
        ("case x in a) b", ["b"]),
        ("case x", []),
        ("[[ -f x", ["[[ -f x"]),
        ("cat <<EOF\nbody", ["cat"]),
        ("a &&", ["a"]),
        ("a |", ["a"]),
        ("a; ; b", ["a", "b"]),
        ("fi; done; esac; }; ) x", ["x"]),
        ("echo a > ", ["echo a"]),
        ("echo a >> #file", ["echo a"]),
        ("f() ", []),
        ("echo \\", ["echo \\"]),
    ]

    @Test(arguments: unterminated)
    func unterminatedConstructsGiveAResultAndAnError(_ testCase: (script: String, commands: [String])) {
        let script = ShellTestSupport.parse(testCase.script)
        #expect(ShellTestSupport.summary(script) == testCase.commands)
        if testCase.script != "echo \\" {
            #expect(!script.errors.isEmpty, "no error for \(testCase.script.debugDescription)")
        }
        Self.checkSane(script, testCase.script)
    }

    /// Every prefix of a busy script parses (cutting it at every byte leaves quotes and
    /// constructs open at every possible point).
    @Test func everyPrefixOfAComplexScriptParses() {
        let text = """
            set -eux; A="$(x 'y' "z $(w)")" B=${C:-`d`}; if [ "$A" ]; then for i in 1 2; do \
            case $i in 1|2) sh -c 'e "$1" | f' _ $i ;; *) { g; } ;; esac; done; fi <<EOF && h $((1+2)) 2>&1
            body
            EOF
            """
        let bytes = Array(text.utf8)
        for length in 0...bytes.count {
            let prefix = String(decoding: bytes[0..<length], as: UTF8.self)
            Self.checkSane(ShellTestSupport.parse(prefix), prefix)
        }
        let full = ShellTestSupport.parse(text)
        #expect(full.errors.isEmpty, "\(full.errors.map(\.message))")
        #expect(full.commands.map(\.commandName) == ["set", "", "x", "w", "d", "[", "e", "f", "g", "h"])
    }

    @Test(arguments: ["$(", "(", "{ ", "if a; then ", "while a; do ", "${", "\"$(", "$((", "<(", "x=$(", "case a in b) ", "f() { "])
    func deepNestingDoesNotOverflowTheStack(_ opener: String) {
        let text = String(repeating: opener, count: 10_000) + "echo deep"
        let script = ShellTestSupport.parse(text)
        Self.checkSane(script, text)
        #expect(!script.errors.isEmpty)
    }

    @Test func deeplyNestedShellStrings() {
        // Each level escapes the quotes of the next: sh -c "sh -c \"sh -c \\\"…".
        var text = "echo deep"
        for _ in 0..<5 {
            text = "sh -c \"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let script = ShellTestSupport.parse(text)
        #expect(script.errors.isEmpty)
        #expect(script.commands.map(\.wrappers.count) == [5])
        #expect(ShellTestSupport.text(script.commands[0].name!.range, in: text) == "echo")
    }

    @Test func deepButAllowedNestingIsParsed() {
        let depth = 8
        let text = String(repeating: "$(", count: depth) + "deep" + String(repeating: ")", count: depth)
        let script = ShellTestSupport.parse("echo " + text)
        #expect(script.errors.isEmpty)
        #expect(script.commands.last?.commandName == "deep")
        #expect(script.commands.count == depth + 1)
    }

    @Test func deeplyNestedSubshellsAndGroups() {
        let text = String(repeating: "( ", count: 8) + "a" + String(repeating: " )", count: 8)
            + " && " + String(repeating: "{ ", count: 8) + "b;" + String(repeating: " }", count: 8)
        let script = ShellTestSupport.parse(text)
        #expect(script.errors.isEmpty)
        #expect(ShellTestSupport.summary(script) == ["a", "b"])
        #expect(script.commands[0].context.inSubshell)
    }

    /// macOS gives secondary threads 512 KiB of stack: deep nesting must fit in that.
    @Test(arguments: ["$(", "sh -c \"$(", "if a; then "])
    func deepNestingFitsASmallThreadStack(_ opener: String) {
        let text = String(repeating: opener, count: 10_000) + "echo deep"
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var errors = 0
        let thread = Thread {
            errors = ShellTestSupport.parse(text).errors.count
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(errors > 0)
    }

    @Test func megabyteScript() {
        var text = "set -eux; \\\n"
        var line = 0
        while text.utf8.count < 1_000_000 {
            text += "apt-get install -y \"package-\(line)\" $(echo v\(line)) | tee -a /log && \\\n"
            line += 1
        }
        text += "echo done"
        let script = ShellTestSupport.parse(text)
        #expect(script.errors.isEmpty)
        #expect(script.commands.count == 1 + line * 3 + 1)
        #expect(script.commands.last?.name?.range.start.line == line + 2)
    }

    @Test func megabyteOfGarbage() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc $`'\"\\(){};|&<>#\n\t=*![]-".utf8)
        let bytes = (0..<1_000_000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        let text = String(decoding: bytes, as: UTF8.self)
        Self.checkSane(ShellTestSupport.parse(text), text)
    }

    @Test func invalidUTF8AndControlBytes() {
        let bytes: [UInt8] = Array("echo ".utf8) + [0xFF, 0xFE, 0x00, 0x01] + Array(" 'x".utf8) + [0xC3]
        let source = SourceFile(path: "-", bytes: bytes)
        let dockerfile = DockerfileParser.parse(SourceFile(path: "-", bytes: Array("RUN ".utf8) + bytes))
        let script = ShellScript.parse(instruction: dockerfile.instructions[0], in: dockerfile)
        #expect(script?.commands.first?.commandName == "echo")
        #expect(script?.errors.isEmpty == false)
        _ = source
    }

    @Test func manyErrorsAreCapped() {
        let text = String(repeating: "); ", count: 5_000)
        let script = ShellTestSupport.parse(text)
        #expect(script.errors.count <= ShellParseSession.maximumErrors)
    }
}
