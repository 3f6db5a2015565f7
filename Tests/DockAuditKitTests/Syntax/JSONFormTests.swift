import Testing
@testable import DockAuditKit

/// The exec ("JSON") form: a valid JSON array of strings, decoded like Go's
/// `encoding/json`; anything else falls back to the shell form, except a valid array
/// holding a non-string, which BuildKit rejects.
@Suite("JSON exec form")
struct JSONFormTests {
    @Test(arguments: [
        ("CMD [\"nginx\", \"-g\", \"daemon off;\"]", ["nginx", "-g", "daemon off;"]),
        ("ENTRYPOINT [ \"/bin/tini\" , \"--\" ]", ["/bin/tini", "--"]),
        ("RUN\t[\t\"a\",\t\"b\"\t]\t", ["a", "b"]),
        ("SHELL [\"pwsh\", \"-Command\"]", ["pwsh", "-Command"]),
        ("COPY [\"my file\", \"/opt/my dir/\"]", ["my file", "/opt/my dir/"]),
        ("ADD [\"a\", \"b\", \"/c/\"]", ["a", "b", "/c/"]),
        ("VOLUME [\"/data\", \"/logs\"]", ["/data", "/logs"]),
        ("CMD [\"\"]", [""]),
        ("CMD [\"tab\\there\", \"quote\\\"d\", \"back\\\\slash\", \"sl\\/ash\", \"nl\\n\"]", ["tab\there", "quote\"d", "back\\slash", "sl/ash", "nl\n"]),
        ("CMD [\"caf\\u00e9\", \"\\u2603\"]", ["café", "☃"]),
        ("CMD [\"\\ud83d\\udc33\"]", ["🐳"]),
        ("CMD [\"\\ud83d\", \"x\\udc33y\"]", ["\u{FFFD}", "x\u{FFFD}y"]),
        ("CMD [\"\\u0000\"]", ["\u{0}"]),
        ("CMD [\"ünïcödé\", \"🐳\"]", ["ünïcödé", "🐳"]),
    ])
    func validArrays(_ line: String, _ values: [String]) throws {
        let file = parsed(lines: line)
        let instruction = try #require(file.instructions.first)
        #expect(instruction.isJSONForm)
        #expect(instruction.argumentValues == values)
        #expect(file.diagnostics.isEmpty)
    }

    @Test(arguments: ["CMD []", "CMD [ ]", "ENTRYPOINT [\t]", "RUN []"])
    func emptyArrayIsExecFormWithNoArguments(_ line: String) {
        let instruction = parsed(lines: line).instructions[0]
        #expect(instruction.isJSONForm)
        #expect(instruction.arguments == .none)
        #expect(BuildKitDump.dump(instruction) == "(\(line.prefix { $0 != " " }.lowercased()))")
    }

    @Test(arguments: [
        ("CMD ['nginx', '-g']", "['nginx', '-g']"),
        ("CMD [\"a\",]", "[\"a\",]"),
        ("CMD [\"a\", \"b\"", "[\"a\", \"b\""),
        ("CMD [\"a\"] extra", "[\"a\"] extra"),
        ("CMD [\"unterminated]", "[\"unterminated]"),
        ("CMD {\"key\": \"value\"}", "{\"key\": \"value\"}"),
        ("CMD [\"c:\\windows\"]", "[\"c:\\windows\"]"),
        ("CMD [\"bad \\x escape\"]", "[\"bad \\x escape\"]"),
        ("CMD \"[\\\"a\\\"]\"", "\"[\\\"a\\\"]\""),
        ("CMD [\"a\" \"b\"]", "[\"a\" \"b\"]"),
        ("CMD [\"tab\there\"]", "[\"tab\there\"]"),
    ])
    func invalidJSONFallsBackToShellForm(_ line: String, _ shellText: String) throws {
        let file = parsed(lines: line)
        let instruction = try #require(file.instructions.first)
        #expect(!instruction.isJSONForm)
        #expect(instruction.argumentValues == [shellText])
        #expect(file.diagnostics.isEmpty)
    }

    @Test func invalidJSONInWordListInstructionsIsSplitOnBlanks() {
        let file = parsed(lines: "COPY [\"a b\", \"c\"", "VOLUME [/data]")
        #expect(file.instructions[0].argumentValues == ["[\"a", "b\",", "\"c\""])
        #expect(file.instructions[1].argumentValues == ["[/data]"])
        #expect(!file.instructions[0].isJSONForm)
    }

    @Test(arguments: [
        "RUN [\"a\", 1]", "CMD [\"a\", [\"b\"]]", "ENTRYPOINT [null]", "COPY [\"a\", {\"b\": \"c\"}]", "CMD [true, \"x\"]",
        "SHELL [\"sh\", -1.5e3]",
    ])
    func nonStringElementIsAnError(_ line: String) throws {
        let file = parsed(lines: "FROM alpine", line, "USER nobody")
        let error = try #require(file.errors.first)
        #expect(error.kind == .jsonNotStringArray)
        #expect(error.rejectedByBuildKit)
        #expect(error.message == "when using JSON array syntax, arrays must be comprised of strings only")
        #expect(error.range.start.line == 2)
        // Recovery: the instruction is kept (as shell form) and parsing goes on.
        #expect(file.instructions.map(\.keyword) == ["FROM", String(line.prefix { $0 != " " }), "USER"])
        #expect(!file.instructions[1].isJSONForm)
    }

    @Test func flagsBeforeJSON() throws {
        let file = parsed(lines: "RUN --network=none --mount=type=cache,target=/c [\"make\", \"all\"]", "CMD --doit -- [\"a\"]")
        let run = file.instructions[0]
        #expect(run.isJSONForm)
        #expect(run.flagTexts == ["--network=none", "--mount=type=cache,target=/c"])
        #expect(run.argumentValues == ["make", "all"])
        #expect(file.instructions[1].flagTexts == ["--doit"])
        #expect(file.instructions[1].isJSONForm)
        #expect(file.instructions[1].argumentValues == ["a"])
    }

    @Test func healthcheckCommandJSON() throws {
        let file = parsed(lines:
            "HEALTHCHECK --interval=10s CMD [\"curl\", \"-f\", \"http://localhost/\"]",
            "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
            "HEALTHCHECK CMD [\"broken\"")
        guard case .healthcheck(let type, let command) = file.instructions[0].arguments else {
            Issue.record("not a healthcheck")
            return
        }
        #expect(type.value == "CMD")
        #expect(command.map(\.value) == ["curl", "-f", "http://localhost/"])
        #expect(file.instructions[0].isJSONForm)
        #expect(file.instructions[1].argumentValues == ["CMD", "curl -f http://localhost/ || exit 1"])
        #expect(!file.instructions[1].isJSONForm)
        #expect(file.instructions[2].argumentValues == ["CMD", "[\"broken\""])
    }

    @Test func jsonSpanningContinuationLines() {
        let file = parsed(lines: "CMD [\"a\", \\", "     \"b\"]")
        #expect(file.instructions[0].isJSONForm)
        #expect(file.instructions[0].argumentValues == ["a", "b"])
    }

    @Test func instructionsWithoutJSONFormTakeTheBracketsLiterally() {
        let file = parsed(lines: "FROM [\"alpine\"]", "WORKDIR [\"/app\"]", "EXPOSE [\"80\"]", "ARG [\"A\"]")
        #expect(file.instructions.allSatisfy { !$0.isJSONForm })
        #expect(file.instructions.map(\.argumentValues) == [["[\"alpine\"]"], ["[\"/app\"]"], ["[\"80\"]"], ["[\"A\"]"]])
    }
}
