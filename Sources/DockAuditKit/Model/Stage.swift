/// What a stage is built on.
public enum StageBase: Sendable, Hashable {
    case scratch
    /// An earlier stage of this file (`FROM builder`): its index.
    case stage(Int)
    case image(ImageReference)
    /// Not a valid reference after expanding the global ARGs (unknown variables, typos).
    case unresolved(String)
}

public struct Stage: Sendable {
    public var index: Int
    /// Lower-cased `AS` name.
    public var name: String?
    public var nameRange: SourceRange?
    /// Position of the FROM instruction in `Dockerfile.instructions`.
    public var fromIndex: Int
    /// The FROM and every instruction up to the next FROM.
    public var instructionIndices: Range<Int>
    /// The FROM image word as written, and expanded with the global ARGs.
    public var baseWord: Word?
    public var baseText: String
    public var base: StageBase
    /// `--platform`, expanded, when given.
    public var platform: String?

    /// The stage this one builds on, when its base is an earlier stage.
    public var parent: Int? {
        if case .stage(let index) = base { return index }
        return nil
    }

    /// The image at the bottom of the chain of stages this one builds on.
    public func rootImage(in stages: [Stage]) -> ImageReference? {
        if case .image(let reference)? = rootBase(in: stages) { return reference }
        return nil
    }

    /// The base at the bottom of the chain of stages this one builds on: an image,
    /// `scratch` or an unresolved name; nil for a cycle.
    public func rootBase(in stages: [Stage]) -> StageBase? {
        var current = self
        var seen: Set<Int> = [index]
        while case .stage(let parent) = current.base {
            guard seen.insert(parent).inserted else { return nil }
            current = stages[parent]
        }
        return current.base
    }
}

/// The build state an instruction sees (before it runs).
public struct InstructionState: Sendable {
    /// The stage it belongs to; nil before the first FROM.
    public var stage: Int?
    public var variables: VariableScope
    /// The USER in force, expanded; nil when no USER was set in the stage chain (the base
    /// image's user, root for most images).
    public var user: String?
    /// The working directory, absolute and cleaned.
    public var workdir: String
    /// False while the working directory is still the base image's, which is unknown here.
    public var workdirKnown: Bool
    /// True once any WORKDIR ran in this stage chain (BuildKit's `workdirSet`).
    public var workdirSet: Bool
    /// The SHELL in force: `["/bin/sh", "-c"]` (`["cmd", "/S", "/C"]` in a file with a
    /// `# escape=`` directive) unless a SHELL instruction changed it.
    public var shell: [String]
    /// True when the SHELL was set by a SHELL instruction in this stage chain.
    public var shellSet: Bool
}

/// Where a COPY/ADD reads from.
public enum CopyOrigin: Sendable, Hashable {
    case context
    case stage(Int)
    case image(ImageReference)
    /// `--from` naming something that is neither a stage nor a valid image.
    case unresolved(String)
}

public struct CopySource: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A path (or glob) in the origin; `value` is expanded and cleaned of a leading `./`.
        case path
        /// A heredoc (`COPY <<EOF /dst`): `value` is the heredoc name.
        case heredoc
        /// A URL (ADD only): http(s) or git.
        case url
    }

    public var kind: Kind
    public var value: String
    public var word: Word
}

/// A COPY or ADD, with sources and destination read and resolved.
public struct CopyOperation: Sendable {
    public var instructionIndex: Int
    public var isAdd: Bool
    public var origin: CopyOrigin
    public var sources: [CopySource]
    /// The destination as written, expanded.
    public var destination: String
    public var destinationWord: Word?
    /// The destination made absolute against the WORKDIR in force (a trailing `/` kept).
    public var resolvedDestination: String

    /// The source that copies the whole build context (`.`, `./`, `/`, or `*`), if any.
    public var wholeContextSource: CopySource? {
        guard origin == .context else { return nil }
        return sources.first { $0.kind == .path && ($0.value == "." || $0.value == "*") }
    }
}
