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
    standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1,
    stopRequests: .signals)

/// Writes all of `text` (a pipe may take it in several pieces), from the string's own
/// storage: a corpus report is megabytes, and copying it first doubled its memory.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

writeAll(result.standardOutput, to: STDOUT_FILENO)
writeAll(result.standardError, to: STDERR_FILENO)
exit(result.exitCode)
