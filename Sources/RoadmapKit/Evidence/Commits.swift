import Foundation

/// What the first pass of a walk sees of one commit, before ordering (`GitRepository.walk`).
/// Valid only during the `digest` call: keep what you need in the digest, not this value.
public struct CommitContent: Sendable, Equatable {
    /// The 40-hex object id.
    public let id: String
    /// The author time (not the committer time).
    public let authorDate: Date
    /// The full raw message, decoded exactly as `CommitRecord.message` is (the commit's `encoding` header).
    public let message: String

    public init(id: String, authorDate: Date, message: String) {
        self.id = id
        self.authorDate = authorDate
        self.message = message
    }

    /// The first line of the message, without a trailing carriage return (as `CommitRecord.subject`).
    public var subject: String {
        CommitRecord.subject(of: message)
    }
}

/// One commit of a walk, in topological order (parents first).
public struct WalkedCommit<Digest> {
    /// The 40-hex object id.
    public let id: String
    /// All parents as recorded in the commit, in order, including known (boundary) parents that were not
    /// read. A shallow clone's boundary commit has none, as `git log --format=%P` shows.
    public let parents: [String]
    /// 1 + the largest generation of its parents: a root (or shallow boundary commit) is 1; a known parent
    /// counts with the generation `knownGeneration` gave for it.
    public let generation: UInt32
    /// What `digest` returned for this commit.
    public let digest: Digest?

    public init(id: String, parents: [String], generation: UInt32, digest: Digest?) {
        self.id = id
        self.parents = parents
        self.generation = generation
        self.digest = digest
    }
}

extension WalkedCommit: Sendable where Digest: Sendable {}
extension WalkedCommit: Equatable where Digest: Equatable {}

/// How a walk ended.
public struct WalkSummary: Sendable, Equatable {
    /// The known commits (`knownGeneration` gave a value) that the walk reached, as HEAD or as parents: 40 hex.
    public var boundary: Set<String>
    /// How many commits were read and emitted.
    public var walked: Int

    public init(boundary: Set<String> = [], walked: Int = 0) {
        self.boundary = boundary
        self.walked = walked
    }
}

/// One whole commit, as `roadmap demo` lists its history and the tests compare it with git's.
public struct CommitRecord: Sendable, Equatable {
    /// The 40-hex object id.
    public let id: String
    /// The 40-hex ids of the parents, in the commit's parent order (as `git log --format=%P`).
    public let parents: [String]
    /// The author time (not the committer time).
    public let authorDate: Date
    /// The full raw message, decoded to Unicode from the commit's declared encoding.
    public let message: String

    public init(id: String, parents: [String], authorDate: Date, message: String) {
        self.id = id
        self.parents = parents
        self.authorDate = authorDate
        self.message = message
    }

    /// The first seven hex digits, as git abbreviates by default.
    public var shortID: String {
        String(id.prefix(7))
    }

    /// The first line of the message, without a trailing carriage return.
    public var subject: String {
        Self.subject(of: message)
    }

    /// The first line of `message` without a trailing carriage return (shared with `CommitContent`).
    static func subject(of message: String) -> String {
        // Work on UTF-8 code units: as Characters, "\r\n" is a single grapheme and would never match "\n".
        let utf8 = message.utf8
        var end = utf8.firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        if end > utf8.startIndex {
            let last = utf8.index(before: end)
            if utf8[last] == UInt8(ascii: "\r") {
                end = last
            }
        }
        return String(Substring(utf8[..<end]))
    }
}
