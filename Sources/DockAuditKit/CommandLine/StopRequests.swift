#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `lint --fix` learns that the user asked it to stop (Ctrl-C, a cancelled CI job),
/// so that it stops between two files instead of dying in the middle of its writes: every
/// file is then either untouched or fully fixed, and the run says how far it got.
///
/// The executable passes `signals`; a caller that runs the command in-process (tests) gets
/// `never`, so the process's own signal handling is left alone.
public struct StopRequests: Sendable {
    /// Starts listening; the value returned is handed to `end`.
    let begin: @Sendable () -> [Int32]
    let end: @Sendable ([Int32]) -> Void
    /// The signal that asked the run to stop, nil while none has.
    let pending: @Sendable () -> Int32?

    init(
        begin: @escaping @Sendable () -> [Int32] = { [] }, end: @escaping @Sendable ([Int32]) -> Void = { _ in },
        pending: @escaping @Sendable () -> Int32?
    ) {
        self.begin = begin
        self.end = end
        self.pending = pending
    }

    /// Nothing ever asks the run to stop.
    public static let never = StopRequests(pending: { nil })

    /// SIGINT and SIGTERM, caught only while a `--fix` run lasts.
    public static let signals = StopRequests(
        begin: { SignalCatcher.install() }, end: { SignalCatcher.uninstall($0) }, pending: { SignalCatcher.caught() })
}

/// The signal caught since `SignalCatcher.install`, 0 while none has been.
///
/// Global mutable state, the one place dockaudit has any: a signal handler is a C function
/// that can reach nothing else, and writing a `sig_atomic_t` is all a handler may safely
/// do. The lint threads and the write loop only read it (an aligned 32-bit load, atomic on
/// every platform Swift runs on); a stale read costs one more file, never a torn one.
nonisolated(unsafe) private var caughtSignal: sig_atomic_t = 0

private func catchSignal(_ number: Int32) {
    caughtSignal = number
    // A second Ctrl-C ends the process at once: the user insists.
    signal(number, SIG_DFL)
}

enum SignalCatcher {
    static let stopSignals = [SIGINT, SIGTERM]

    /// Catches SIGINT and SIGTERM; returns the signals it now catches. A signal the process
    /// was started ignoring (a background job of a script ignores SIGINT) stays ignored.
    static func install() -> [Int32] {
        caughtSignal = 0
        var installed: [Int32] = []
        for number in stopSignals {
            let previous = signal(number, catchSignal)
            if address(of: previous) == address(of: SIG_IGN) {
                signal(number, SIG_IGN)
            } else {
                installed.append(number)
            }
        }
        return installed
    }

    /// Puts back the default action (how the process started: `install` kept ignored ones).
    static func uninstall(_ installed: [Int32]) {
        for number in installed { signal(number, SIG_DFL) }
    }

    static func caught() -> Int32? {
        let number = caughtSignal
        return number == 0 ? nil : Int32(number)
    }

    /// A handler as a number, to compare with `SIG_IGN` (whose type, and whether it is
    /// optional, differ between C libraries).
    private static func address<Handler>(of handler: Handler?) -> Int? {
        handler.map { unsafeBitCast($0, to: Int.self) }
    }
}
