import DockAuditKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// All the work is in DockAuditKit; this file only connects it to the process.
let result = DockAuditCommand.run(
    arguments: Array(CommandLine.arguments.dropFirst()),
    standardInput: { try StandardInput.readAll() },
    environment: ProcessEnvironment.current(),
    standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1)

/// Writes all of `text` (a pipe may take it in several pieces).
func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        bytes = bytes.dropFirst(written)
    }
}

writeAll(result.standardOutput, to: STDOUT_FILENO)
writeAll(result.standardError, to: STDERR_FILENO)
exit(result.exitCode)
