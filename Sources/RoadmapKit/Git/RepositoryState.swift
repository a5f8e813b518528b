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
        let state = withHandle { git_repository_state($0) }
        if let operation = Self.operation(forLibgit2State: state) {
            return operation
        }
        if let operation = sequencerOperation() {
            return operation
        }
        let fileManager = FileManager.default
        if ["BISECT_LOG", "BISECT_START"].contains(where: { fileManager.fileExists(atPath: gitDirectory.appendingPathComponent($0).path) }) {
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
