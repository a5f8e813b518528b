import CLibgit2
import Foundation

/// Who made a commit and when, as written in its `author` or `committer` line.
public struct GitSignature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Stored in whole seconds, as git does: any fraction is dropped (rounded down).
    public var date: Date
    /// The UTC offset in minutes, e.g. +0530 is 330 and -0700 is -420.
    public var timeZoneOffsetMinutes: Int

    public init(name: String, email: String, date: Date, timeZoneOffsetMinutes: Int) {
        self.name = name
        self.email = email
        self.date = date
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }
}

/// A libgit2 signature owned by Swift: freed when the value is released.
final class Libgit2Signature {
    let pointer: UnsafeMutablePointer<git_signature>

    private init(_ pointer: UnsafeMutablePointer<git_signature>) {
        self.pointer = pointer
    }

    deinit {
        git_signature_free(pointer)
    }

    /// libgit2 rejects an empty name or e-mail and angle brackets in either.
    convenience init(_ signature: GitSignature, errorPath: String) throws {
        // A newline or NUL would end the header line early or cut the C string: git itself refuses both.
        for field in [signature.name, signature.email] where field.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\0" }) {
            throw RoadmapError.usage("invalid signature: \(field.debugDescription) contains a line break or NUL")
        }
        let seconds = Int64(signature.date.timeIntervalSince1970.rounded(.down))
        var pointer: UnsafeMutablePointer<git_signature>?
        try Libgit2.check(
            git_signature_new(&pointer, signature.name, signature.email, seconds, Int32(clamping: signature.timeZoneOffsetMinutes)),
            path: errorPath)
        self.init(pointer!)
    }

    /// The repository's user.name / user.email and the current time (git_signature_default).
    convenience init(defaultFor repository: OpaquePointer, errorPath: String) throws {
        var pointer: UnsafeMutablePointer<git_signature>?
        try Libgit2.check(git_signature_default(&pointer, repository), path: errorPath)
        self.init(pointer!)
    }
}
