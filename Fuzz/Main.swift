#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The one libFuzzer entry point of the fuzz binary. All five targets are compiled into
/// one binary, which takes minutes with the sanitizers, instead of five; the target is
/// named by `DOCKAUDIT_FUZZ_TARGET` (Scripts/fuzz sets it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget(data, size)
}

/// The function of the target the environment names, read once at the first input. A
/// constant once set, so no state is shared between inputs.
let selectedTarget: @Sendable (UnsafePointer<UInt8>, Int) -> CInt = {
    let name = getenv("DOCKAUDIT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    switch name {
    case "parser": return fuzzParser
    case "lint": return fuzzLint
    case "dockerignore": return fuzzDockerignore
    case "requirements": return fuzzRequirements
    case "yaml": return fuzzYAML
    default: fatalError("DOCKAUDIT_FUZZ_TARGET must be parser, lint, dockerignore, requirements or yaml, not '\(name)'")
    }
}()
