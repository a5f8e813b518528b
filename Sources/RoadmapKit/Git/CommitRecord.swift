import Foundation

/// One commit as the rest of the tool sees it: plain values copied out of the repository.
public struct CommitRecord: Sendable, Equatable {
    /// The 40-hex object id.
    public let id: String
    /// The 40-hex ids of the parents, in the commit's parent order (as `git log --format=%P`).
    public let parents: [String]
    public let authorName: String
    public let authorEmail: String
    /// The author time (not the committer time).
    public let authorDate: Date
    /// The author's UTC offset in minutes, e.g. +0530 is 330 and -0700 is -420.
    public let authorTimeZoneOffsetMinutes: Int
    /// The full raw message, decoded to Unicode from the commit's declared encoding.
    public let message: String

    public init(
        id: String,
        parents: [String],
        authorName: String,
        authorEmail: String,
        authorDate: Date,
        authorTimeZoneOffsetMinutes: Int,
        message: String
    ) {
        self.id = id
        self.parents = parents
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorDate = authorDate
        self.authorTimeZoneOffsetMinutes = authorTimeZoneOffsetMinutes
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
