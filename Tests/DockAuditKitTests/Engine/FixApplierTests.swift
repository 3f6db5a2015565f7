import Testing
@testable import DockAuditKit

@Suite("Applying fixes")
struct FixApplierTests {
    static let text = Array("FROM alpine\r\nmaintainer me\r\n".utf8)

    static func apply(_ fixes: [Fix], unsafe: Bool = false) -> (String, Int) {
        let (bytes, applied) = FixApplier.apply(fixes, to: text, includingUnsafe: unsafe)
        return (String(decoding: bytes, as: UTF8.self), applied)
    }

    @Test func untouchedBytesStayAsTheyWere() {
        let upper = Fix("upper-case", edits: [TextEdit(range: 13..<23, replacement: "MAINTAINER")])
        #expect(Self.apply([upper]) == ("FROM alpine\r\nMAINTAINER me\r\n", 1))
    }

    @Test func overlappingFixesWaitForTheNextRound() {
        let first = Fix("a", edits: [TextEdit(range: 13..<23, replacement: "MAINTAINER")])
        let second = Fix("b", edits: [TextEdit(range: 13..<26, replacement: "LABEL x=me")])
        let insertion = Fix("c", edits: [.insert("# x\r\n", at: 13)])
        let sameInsertion = Fix("d", edits: [.insert("# y\r\n", at: 13)])
        #expect(Self.apply([first, second]) == ("FROM alpine\r\nMAINTAINER me\r\n", 1), "of two fixes at one place, the one reported first wins")
        #expect(Self.apply([insertion, first]) == ("FROM alpine\r\n# x\r\nMAINTAINER me\r\n", 2), "an insertion at an edit's start does not overlap it")
        #expect(Self.apply([insertion, sameInsertion]).1 == 1, "two insertions at one point would need an order")
    }

    @Test func unsafeFixesOnlyWhenAsked() {
        let unsafe = Fix("u", edits: [TextEdit(range: 5..<11, replacement: "alpine:3.20")], safety: .unsafe)
        #expect(Self.apply([unsafe]).1 == 0)
        #expect(Self.apply([unsafe], unsafe: true) == ("FROM alpine:3.20\r\nmaintainer me\r\n", 1))
    }

    @Test func aFixWhoseEditsLeaveTheFileIsDropped() {
        #expect(Self.apply([Fix("x", edits: [TextEdit(range: 20..<400, replacement: "")])]).1 == 0)
    }
}
