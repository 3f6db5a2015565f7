import Testing
@testable import DockAuditKit

/// Exact source ranges: line, column (Unicode scalars, 1-based) and UTF-8 byte offset of
/// every piece of an instruction. Expected positions were worked out by hand from the
/// sample text (offsets count bytes: `é` is 2, `🐳` is 4).
@Suite("Source ranges")
struct SourceRangeTests {
    static let sample = [
        "FROM --platform=linux/amd64 alpine:3.20 AS base",  // line 1, offset 0
        "RUN --mount=type=cache,target=/var/cache/apk \\",  // line 2, offset 48
        "    apk add \\",  // line 3, offset 95
        "      curl",  // line 4, offset 109
        "ENV APP_HOME=/srv/app MODE=\"prod x\"",  // line 5, offset 120
        "COPY [\"src dir\", \"/app/\"]",  // line 6, offset 156
        "COPY <<EOF /etc/motd",  // line 7, offset 182
        "hello",  // line 8, offset 203
        "EOF",  // line 9, offset 209
        "LABEL é=ü 🐳=whale",  // line 10, offset 213
        "ENV legacy value here",  // line 11, offset 236
    ].joined(separator: "\n") + "\n"

    /// `line:column@offset-line:column@offset`.
    static func describe(_ range: SourceRange) -> String {
        "\(range.start.line):\(range.start.column)@\(range.start.offset)-\(range.end.line):\(range.end.column)@\(range.end.offset)"
    }

    let file = DockerfileParser.parse(text: SourceRangeTests.sample)

    @Test func sampleParsesCleanly() {
        #expect(file.diagnostics.isEmpty)
        #expect(file.instructions.map(\.keyword) == ["FROM", "RUN", "ENV", "COPY", "COPY", "LABEL", "ENV"])
        #expect(file.source.bytes.count == 258)
    }

    @Test func fromWithFlag() {
        let from = file.instructions[0]
        #expect(Self.describe(from.range) == "1:1@0-1:48@47")
        #expect(Self.describe(from.keywordRange) == "1:1@0-1:5@4")
        #expect(Self.describe(from.flags[0].range) == "1:6@5-1:28@27")
        #expect(from.words.map { Self.describe($0.range) } == ["1:29@28-1:40@39", "1:41@40-1:43@42", "1:44@43-1:48@47"])
        #expect(Self.describe(from.argumentsRange) == "1:29@28-1:48@47")
    }

    @Test func runAcrossContinuationLines() {
        let run = file.instructions[1]
        #expect(Self.describe(run.range) == "2:1@48-4:11@119")
        #expect(Self.describe(run.keywordRange) == "2:1@48-2:4@51")
        #expect(Self.describe(run.flags[0].range) == "2:5@52-2:45@92")
        // The shell-form argument starts on line 3 and ends on line 4.
        #expect(run.words.map(\.value) == ["apk add       curl"])
        #expect(Self.describe(run.words[0].range) == "3:5@99-4:11@119")
        #expect(run.startLine == 2)
        #expect(run.endLine == 4)
    }

    @Test func envKeysAndValues() throws {
        guard case .keyValues(let pairs) = file.instructions[2].arguments else {
            Issue.record("ENV without pairs")
            return
        }
        #expect(pairs.map { Self.describe($0.key.range) } == ["5:5@124-5:13@132", "5:23@142-5:27@146"])
        #expect(pairs.map { Self.describe($0.value.range) } == ["5:14@133-5:22@141", "5:28@147-5:36@155"])
        #expect(pairs.map(\.value.value) == ["/srv/app", "\"prod x\""])
    }

    @Test func jsonElementsIncludeTheirQuotes() {
        let copy = file.instructions[3]
        #expect(copy.isJSONForm)
        #expect(copy.words.map { Self.describe($0.range) } == ["6:7@162-6:16@171", "6:18@173-6:25@180"])
        #expect(Self.describe(copy.argumentsRange) == "6:6@161-6:26@181")
    }

    @Test func heredocMarkerBodyAndTerminator() throws {
        let copy = file.instructions[4]
        let heredoc = try #require(copy.heredocs.first)
        #expect(Self.describe(copy.range) == "7:1@182-9:4@212")
        #expect(Self.describe(heredoc.markerRange) == "7:6@187-7:11@192")
        #expect(Self.describe(heredoc.contentRange) == "8:1@203-9:1@209")
        #expect(Self.describe(try #require(heredoc.terminatorRange)) == "9:1@209-9:4@212")
        #expect(file.source.text(heredoc.contentRange.bytes) == heredoc.content)
    }

    @Test func columnsCountUnicodeScalars() throws {
        let label = file.instructions[5]
        #expect(Self.describe(label.range) == "10:1@213-10:18@235")
        guard case .keyValues(let pairs) = label.arguments else {
            Issue.record("LABEL without pairs")
            return
        }
        #expect(pairs.map(\.key.value) == ["é", "🐳"])
        #expect(pairs.map { Self.describe($0.key.range) } == ["10:7@219-10:8@221", "10:11@225-10:12@229"])
        #expect(pairs.map { Self.describe($0.value.range) } == ["10:9@222-10:10@224", "10:13@230-10:18@235"])
    }

    @Test func legacyEnvPair() throws {
        guard case .keyValues(let pairs) = file.instructions[6].arguments else {
            Issue.record("ENV without pairs")
            return
        }
        #expect(Self.describe(pairs[0].key.range) == "11:5@240-11:11@246")
        #expect(Self.describe(pairs[0].value.range) == "11:12@247-11:22@257")
    }

    @Test func everyRangeTextMatchesItsValue() {
        // For plain words the bytes under the range are the value itself.
        for instruction in file.instructions where !instruction.isJSONForm {
            for word in instruction.words where !word.value.contains(" ") {
                #expect(file.source.text(word.range.bytes) == word.value)
            }
            for flag in instruction.flags {
                #expect(file.source.text(flag.range.bytes) == flag.text)
            }
            #expect(file.source.text(instruction.keywordRange.bytes) == instruction.keyword)
        }
    }

    @Test func wordsOnContinuationLines() {
        let file = parsed(lines: "COPY a \\", "     b \\", "  /dst/", "COPY sr\\", "c /d")
        #expect(file.instructions[0].words.map { Self.describe($0.range) } == ["1:6@5-1:7@6", "2:6@14-2:7@15", "3:3@20-3:8@25"])
        // A word glued across a line break starts on one line and ends on the next.
        #expect(file.instructions[1].words.map(\.value) == ["src", "/d"])
        #expect(file.instructions[1].words.map { Self.describe($0.range) } == ["4:6@31-5:2@36", "5:3@37-5:5@39"])
    }

    @Test func crlfRangesExcludeTheCarriageReturn() throws {
        let file = parsed("FROM alpine\r\nRUN a \\\r\n  b\r\nENV K=v\r\n")
        #expect(Self.describe(file.instructions[0].range) == "1:1@0-1:12@11")
        #expect(Self.describe(file.instructions[1].range) == "2:1@13-3:4@25")
        #expect(Self.describe(file.instructions[1].words[0].range) == "2:5@17-3:4@25")
        guard case .keyValues(let pairs) = file.instructions[2].arguments else {
            Issue.record("ENV without pairs")
            return
        }
        #expect(Self.describe(pairs[0].key.range) == "4:5@31-4:6@32")
        #expect(Self.describe(pairs[0].value.range) == "4:7@33-4:8@34")
    }

    @Test func onbuildTriggerRanges() throws {
        let file = parsed(lines: "FROM x", "ONBUILD  COPY --chown=1 a b")
        let onbuild = file.instructions[1]
        let trigger = try #require(onbuild.trigger)
        #expect(Self.describe(onbuild.range) == "2:1@7-2:28@34")
        #expect(Self.describe(trigger.keywordRange) == "2:10@16-2:14@20")
        #expect(Self.describe(trigger.flags[0].range) == "2:15@21-2:24@30")
        #expect(trigger.words.map { Self.describe($0.range) } == ["2:25@31-2:26@32", "2:27@33-2:28@34"])
    }

    @Test func diagnosticsPointAtTheirSource() throws {
        let file = parsed(lines: "FROM x", "ENV A=1 oops", "RUN \\", "", "  a")
        let error = try #require(file.errors.first)
        #expect(Self.describe(error.range) == "2:9@15-2:13@19")
        let warning = try #require(file.warnings.first)
        #expect(Self.describe(warning.range) == "5:1@27-5:4@30")
    }
}
