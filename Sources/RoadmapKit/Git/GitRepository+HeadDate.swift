import CLibgit2
import Foundation

extension GitRepository {
    /// The author date of HEAD's commit, or nil while HEAD is unborn: the "as of" date of the progress chart.
    /// The author date, not the committer date, because an amend (the hook's, or a user's) keeps it, so a
    /// chart drawn before an amend is still the chart of the amended commit.
    public func headAuthorDate() throws -> Date? {
        try withHandle { handle in
            guard var headID = try headObjectID(handle) else { return nil }
            var commit: OpaquePointer?
            try Libgit2.check(git_commit_lookup(&commit, handle, &headID), path: gitDirectory.path)
            defer { git_commit_free(commit) }
            guard let author = git_commit_author(commit) else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(author.pointee.when.time))
        }
    }
}
