/// Reads the bytes of each input: a file, or `-` for standard input.
struct InputReader: Sendable {
    let fileSystem: any FileSystem
    /// Standard input, read once up front (before the parallel part) when `-` is an input.
    private let standardInput: Result<[UInt8], InputError>?

    init(fileSystem: any FileSystem, readsStandardInput: Bool, standardInput: () throws -> [UInt8]) {
        self.fileSystem = fileSystem
        guard readsStandardInput else {
            self.standardInput = nil
            return
        }
        do {
            self.standardInput = .success(try standardInput())
        } catch let error as InputError {
            self.standardInput = .failure(error)
        } catch {
            self.standardInput = .failure(InputError(path: "-", problem: .system("\(error)")))
        }
    }

    /// The bytes of `path` (`-` is standard input). A file with a NUL byte is refused: no
    /// text Dockerfile has one, while images, archives and UTF-16 files do.
    func bytes(of path: String) throws(InputError) -> [UInt8] {
        let bytes: [UInt8]
        if path == "-", let standardInput {
            bytes = try standardInput.get()
        } else {
            bytes = try fileSystem.contents(of: path)
        }
        if FileRead.containsNUL(bytes) { throw InputError(path: path, problem: .binary) }
        return bytes
    }
}
