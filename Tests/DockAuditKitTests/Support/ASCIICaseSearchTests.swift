import Testing
@testable import DockAuditKit

@Suite("ASCII case-insensitive search")
struct ASCIICaseSearchTests {
    @Test(arguments: [
        ("-o APT::Get::Assume-Yes=true", true),
        ("apt::get::assume-yes", true),
        ("APT::GET::ASSUME-YES", true),
        ("APT::Get::Assume", false),
        ("xxapt::get::assume-yesxx", true),
        ("", false),
        ("aapt::get::assume-yes", true),
        ("apt::get::assume-ye", false),
        ("é APT::Get::Assume-Yes", true),
    ])
    func findsTheKey(text: String, found: Bool) {
        #expect(text.containsIgnoringASCIICase("apt::get::assume-yes") == found)
    }
}
