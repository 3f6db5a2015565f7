import Testing
@testable import DockAuditKit

/// `--name=value` words between the keyword and the arguments (BuildKit's
/// `extractBuilderFlags`). The parser keeps every flag, known or not, in order.
@Suite("Flags")
struct FlagTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var flags: [(name: String, value: String?)]
        var arguments: [String]
        var testDescription: String { line }
    }

    @Test(arguments: [
        Case(line: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
             flags: [("platform", "$BUILDPLATFORM")], arguments: ["golang:1.22", "AS", "build"]),
        Case(line: "RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npmrc,required --network=none --security=insecure --device=nvidia.com/gpu=all make",
             flags: [("mount", "type=cache,target=/root/.cache"), ("mount", "type=secret,id=npmrc,required"), ("network", "none"),
                     ("security", "insecure"), ("device", "nvidia.com/gpu=all")],
             arguments: ["make"]),
        Case(line: "COPY --from=builder --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=tests/ ./src /app/",
             flags: [("from", "builder"), ("chown", "app:app"), ("chmod", "0755"), ("link", nil), ("parents", nil),
                     ("exclude", "*.md"), ("exclude", "tests/")],
             arguments: ["./src", "/app/"]),
        Case(line: "ADD --checksum=sha256:0123abcd --keep-git-dir=true --unpack=false --link=false --chown=1000 https://example.com/a.tar.gz /opt/",
             flags: [("checksum", "sha256:0123abcd"), ("keep-git-dir", "true"), ("unpack", "false"), ("link", "false"), ("chown", "1000")],
             arguments: ["https://example.com/a.tar.gz", "/opt/"]),
        Case(line: "HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD wget -q localhost",
             flags: [("interval", "30s"), ("timeout", "3s"), ("start-period", "5s"), ("start-interval", "1s"), ("retries", "3")],
             arguments: ["CMD", "wget -q localhost"]),
        Case(line: "COPY --frm=typo --made-up a b", flags: [("frm", "typo"), ("made-up", nil)], arguments: ["a", "b"]),
        Case(line: "ENV --flag=x A=1", flags: [("flag", "x")], arguments: ["A", "1", "="]),
        Case(line: "ARG --ignored=yes VERSION", flags: [("ignored", "yes")], arguments: ["VERSION"]),
        Case(line: "COPY --link= --from a b", flags: [("link", ""), ("from", nil)], arguments: ["a", "b"]),
        Case(line: "RUN --mount=type=bind,source=a=b,target=/x cat /x", flags: [("mount", "type=bind,source=a=b,target=/x")], arguments: ["cat /x"]),
        Case(line: "COPY\t--chmod=644\t\ta\tb", flags: [("chmod", "644")], arguments: ["a", "b"]),
    ])
    func flagsAreKeptInOrder(_ test: Case) throws {
        let instruction = try #require(parsed(lines: test.line).instructions.first)
        #expect(instruction.flags.map(\.name) == test.flags.map(\.name))
        #expect(instruction.flags.map(\.value) == test.flags.map(\.value))
        #expect(instruction.argumentValues == test.arguments)
    }

    @Test func flagLookupByName() throws {
        let instruction = try #require(parsed(lines: "COPY --from=a --chown=1 --from=b x y").instructions.first)
        #expect(instruction.flag(named: "from")?.value == "a")
        #expect(instruction.flag(named: "chown")?.text == "--chown=1")
        #expect(instruction.flag(named: "chmod") == nil)
    }

    @Test(arguments: [
        ("COPY --chown=\"app user\" a b", "--chown=app user"),
        ("COPY --chmod='6''44' a b", "--chmod=644"),
        ("COPY --from=\"st\"age'1' a b", "--from=stage1"),
        ("RUN --mount=type=secret,id=\"my id\",target=/run/s cat", "--mount=type=secret,id=my id,target=/run/s"),
        ("COPY --chown=\"\" a b", "--chown="),
        ("COPY --chown='a\"b' a b", "--chown=a\"b"),
        ("COPY --chown=a\\ b x y", "--chown=a b"),
        ("COPY --chmod=7\\55 x y", "--chmod=755"),
        ("COPY --chown=\"a\\\"b\" x y", "--chown=a\"b"),
        ("COPY --chown='it\\'s' x y", "--chown=it's"),
    ])
    func quotesAndEscapesAreRemoved(_ line: String, _ flag: String) throws {
        let instruction = try #require(parsed(lines: line).instructions.first)
        #expect(instruction.flagTexts == [flag])
        #expect(instruction.argumentValues.count >= 1)
    }

    @Test func escapeTokenAppliesToFlags() throws {
        let file = parsed(lines: "# escape=`", "FROM x", "COPY --chown=a`:b --chmod=7\\55 --from=`\"q a b")
        #expect(file.instructions[1].flagTexts == ["--chown=a:b", "--chmod=7\\55", "--from=\"q"])
        #expect(file.instructions[1].argumentValues == ["a", "b"])
    }

    @Test func nonASCIIInFlagsIsWidenedByteByByteLikeBuildKit() throws {
        // BuildKit writes each byte of a flag as a rune, so UTF-8 comes out as Latin-1.
        let instruction = try #require(parsed(lines: "COPY --chown=é a b").instructions.first)
        #expect(instruction.flagTexts == ["--chown=Ã©"])
        #expect(instruction.argumentValues == ["a", "b"])
    }

    @Test func bareDoubleDashEndsTheFlags() throws {
        let file = parsed(lines: "COPY --chown=1 -- --weird-name /dst", "COPY -- --from=x /dst", "COPY --link --", "RUN -- echo")
        #expect(file.instructions[0].flagTexts == ["--chown=1"])
        #expect(file.instructions[0].argumentValues == ["--weird-name", "/dst"])
        #expect(file.instructions[1].flagTexts == [])
        #expect(file.instructions[1].argumentValues == ["--from=x", "/dst"])
        #expect(file.instructions[2].flagTexts == ["--link"])
        #expect(file.instructions[2].arguments == .none)
        #expect(file.instructions[3].argumentValues == ["echo"])
    }

    @Test func flagAfterTheFirstArgumentIsAnArgument() throws {
        let file = parsed(lines: "COPY a --from=b c", "RUN echo --mount=x", "FROM alpine --platform=linux/amd64")
        #expect(file.instructions.allSatisfy { $0.flags.isEmpty })
        #expect(file.instructions[0].argumentValues == ["a", "--from=b", "c"])
        #expect(file.instructions[1].argumentValues == ["echo --mount=x"])
        #expect(file.instructions[2].argumentValues == ["alpine", "--platform=linux/amd64"])
    }

    @Test(arguments: ["RUN -x foo", "RUN - foo", "RUN -", "COPY -a b"])
    func singleDashIsNotAFlag(_ line: String) throws {
        let instruction = try #require(parsed(lines: line).instructions.first)
        #expect(instruction.flags.isEmpty)
    }

    @Test func flagsOnlyInstruction() throws {
        let file = parsed(lines: "RUN --network=host", "HEALTHCHECK --interval=5s")
        #expect(file.instructions[0].flagTexts == ["--network=host"])
        #expect(file.instructions[0].arguments == .none)
        #expect(file.instructions[1].flagTexts == ["--interval=5s"])
        #expect(file.instructions[1].arguments == .none)
    }

    @Test func flagsSpanningAContinuation() throws {
        let file = parsed(lines: "RUN --mount=type=cache,target=/var/cache/apt \\", "    --mount=type=cache,target=/var/lib/apt \\", "    apt-get update")
        #expect(file.instructions[0].flags.map(\.value) == ["type=cache,target=/var/cache/apt", "type=cache,target=/var/lib/apt"])
        #expect(file.instructions[0].argumentValues == ["apt-get update"])
    }

    @Test func onbuildTriggerFlags() throws {
        let file = parsed(lines: "ONBUILD COPY --from=builder --chown=1 /a /b")
        let onbuild = file.instructions[0]
        #expect(onbuild.flags.isEmpty)
        #expect(onbuild.trigger?.flagTexts == ["--from=builder", "--chown=1"])
        #expect(BuildKitDump.dump(onbuild) == "(onbuild (copy [\"--from=builder\" \"--chown=1\"] \"/a\" \"/b\"))")
    }

    @Test func flagsBeforeOnbuildBelongToOnbuild() throws {
        let file = parsed(lines: "ONBUILD --x=1 RUN a")
        #expect(file.instructions[0].flagTexts == ["--x=1"])
        #expect(file.instructions[0].trigger?.keyword == "RUN")
    }
}
