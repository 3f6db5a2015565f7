/// Keeps the recursive shell parser within a fixed amount of stack.
///
/// Nesting is capped at `ShellCore.maximumDepth` levels, but the stack one level takes
/// depends on the build (a debug frame is several times a release one), and the parser
/// may run on a thread with little stack (512 KiB for secondary threads on macOS). So
/// the parser also measures how far the stack pointer moved since the parse started and
/// stops nesting past `budget` bytes: about 50 levels of `$(` in a release build, fewer
/// in a debug build, far more than any real script uses.
struct StackGuard {
    static let budget: UInt = 256 * 1024

    /// The stack address when the parse started; 0 before `start()`.
    private var base: UInt = 0

    mutating func start() {
        base = Self.currentAddress()
    }

    /// Whether another level of nesting fits in the budget (stacks grow down).
    func hasRoom() -> Bool {
        let current = Self.currentAddress()
        return base == 0 || current >= base || base - current < Self.budget
    }

    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
