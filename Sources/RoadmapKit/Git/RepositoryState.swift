import CLibgit2
import Foundation

/// A multi-step git operation that has stopped part-way (or is running and creating commits, as a rebase
/// does): hooks should stay out of its way. Raw values are git's own names for them.
public enum RepositoryOperation: String, Sendable {
    case merge
    case revert
    case cherryPick = "cherry-pick"
    case rebase
    case bisect
    case applyMailbox = "am"
}

extension GitRepository {
    /// The operation in progress, as `git status` would name it, or nil when none.
    ///
    /// libgit2's git_repository_state covers rebase, am, merge, revert, cherry-pick and (through BISECT_LOG)
    /// bisect, reporting one of them. Two of git's own checks are added: a bisect is also recognised by
    /// BISECT_START, and a revert or cherry-pick of several commits by its sequencer/todo, which is all that
    /// is left of it between two picks (while the post-commit hook of each pick runs).
    public var operationInProgress: RepositoryOperation? {
        if let operation = Self.operation(forLibgit2State: withHandle { git_repository_state($0) })
            ?? sequencerOperation()
        {
            return operation
        }
        let fileManager = FileManager.default
        if ["BISECT_LOG", "BISECT_START"].contains(where: {
            fileManager.fileExists(atPath: gitDirectory.appendingPathComponent($0).path)
        }) {
            return .bisect
        }
        return nil
    }

    private static func operation(forLibgit2State state: Int32) -> RepositoryOperation? {
        guard state > 0 else { return nil }
        switch git_repository_state_t(rawValue: UInt32(state)) {
        case GIT_REPOSITORY_STATE_MERGE:
            return .merge
        case GIT_REPOSITORY_STATE_REVERT, GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
            return .revert
        case GIT_REPOSITORY_STATE_CHERRYPICK, GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
            return .cherryPick
        case GIT_REPOSITORY_STATE_BISECT:
            return .bisect
        case GIT_REPOSITORY_STATE_REBASE, GIT_REPOSITORY_STATE_REBASE_INTERACTIVE, GIT_REPOSITORY_STATE_REBASE_MERGE,
            GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
            // A rebase-apply folder without `applying` in it is a rebase to git (wt_status_check_rebase).
            return .rebase
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
            return .applyMailbox
        default:
            return nil
        }
    }

    /// git's sequencer_get_last_command: the first word of sequencer/todo.
    private func sequencerOperation() -> RepositoryOperation? {
        let todo = gitDirectory.appendingPathComponent("sequencer/todo")
        guard let data = FileManager.default.contents(atPath: todo.path) else { return nil }
        let command = String(decoding: data, as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .first
        switch command {
        case "pick", "p":
            return .cherryPick
        case "revert":
            return .revert
        default:
            return nil
        }
    }
}

extension GitRepository {
    /// A configuration value as a string (e.g. "core.hooksPath"), nil if unset. Read from every level libgit2
    /// knows (repository, worktree, global, XDG, system; includes followed), the last value winning, and
    /// re-read when a config file changed on disk. A key given without value (`[core] bare`) reads as "".
    /// git's `-c` options (GIT_CONFIG_PARAMETERS) are not seen: libgit2 1.5 does not read them.
    public func configString(_ key: String) throws -> String? {
        try withHandle { handle in
            var config: OpaquePointer?
            try Libgit2.check(git_repository_config(&config, handle), path: gitDirectory.path)
            defer { git_config_free(config) }
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            let result = git_config_get_string_buf(&buffer, config, key)
            if result == GIT_ENOTFOUND.rawValue {
                git_error_clear()
                return nil
            }
            try Libgit2.check(result, path: gitDirectory.path)
            guard let bytes = buffer.ptr else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: bytes, count: buffer.size), as: UTF8.self)
        }
    }
}

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
