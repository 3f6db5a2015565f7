/// The parse record `dockaudit parse --format buildkit-json` prints: the fields BuildKit's
/// parser produces for each instruction, so dockaudit's reading can be compared with
/// BuildKit's own on any corpus (see `Scripts/conformance`).
public enum BuildKitRecord {
    public static func record(for dockerfile: Dockerfile, file: String) -> JSONValue {
        if let failure = dockerfile.buildKitError {
            return .object([("file", .string(file)), ("ok", .bool(false)), ("error", .string(failure.message))])
        }
        // BuildKit reports an empty continuation line at the instruction's last joined line.
        let warnings: [JSONValue] = dockerfile.diagnostics.compactMap { diagnostic in
            guard diagnostic.kind == .emptyContinuationLine else { return nil }
            return .object([("rule", .string("NoEmptyContinuation")), ("lines", .array([.int(diagnostic.range.start.line)]))])
        }
        return .object([
            ("file", .string(file)),
            ("ok", .bool(true)),
            ("escapeToken", .string(String(UnicodeScalar(dockerfile.escapeToken)))),
            ("warnings", .array(warnings)),
            ("children", .array(dockerfile.instructions.map { node($0) })),
        ])
    }

    static func node(_ instruction: Instruction) -> JSONValue {
        let next: [JSONValue]
        switch instruction.arguments {
        case .none:
            next = []
        case .words(let words):
            next = words.map { .string($0.value) }
        case .keyValues(let pairs):
            next = pairs.flatMap { pair -> [JSONValue] in
                [.string(pair.key.value), .string(pair.value.value), .string(pair.hasEquals ? "=" : "")]
            }
        case .healthcheck(let type, let command):
            next = [.string(type.value)] + command.map { .string($0.value) }
        case .onbuild(let trigger):
            next = [.object([("children", .array([node(trigger)]))])]
        case .ignored:
            next = [.string("")]
        }
        let heredocs: [JSONValue] = instruction.heredocs.map { heredoc in
            .object([
                ("name", .string(heredoc.name)),
                ("fileDescriptor", .int(heredoc.fileDescriptor)),
                ("expand", .bool(heredoc.expand)),
                ("chomp", .bool(heredoc.chomp)),
                ("content", .string(heredoc.content)),
            ])
        }
        return .object([
            ("value", .string(instruction.keyword)),
            ("original", .string(instruction.original)),
            ("flags", .array(instruction.flags.map { .string($0.text) })),
            ("startLine", .int(instruction.startLine)),
            ("endLine", .int(instruction.endLine)),
            ("jsonForm", .bool(instruction.isJSONForm)),
            ("next", .array(next)),
            ("heredocs", .array(heredocs)),
        ])
    }
}
