import DockAuditKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

// Temporary entry point: `parse --format buildkit-json FILE…`.
let arguments = Array(CommandLine.arguments.dropFirst())
var output = ""
for path in arguments.dropFirst(3) {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    let file = DockerfileParser.parse(SourceFile(path: path, bytes: Array(data)))
    output += BuildKitRecord.record(for: file, file: path).serialized() + "\n"
}
print(output, terminator: "")
