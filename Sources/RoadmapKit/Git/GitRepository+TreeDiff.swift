import CLibgit2
import Foundation

/// Files added and deleted between two trees (a modified file is in neither: it exists in both).
public struct TreeChanges: Sendable, Equatable {
    public var added: [String] = []
    public var deleted: [String] = []

    public init(added: [String] = [], deleted: [String] = []) {
        self.added = added
        self.deleted = deleted
    }
}

extension GitRepository {
    /// The id of HEAD's tree, or nil while HEAD is unborn.
    public func headTreeID() throws -> String? {
        try withHandle { handle in
            guard var headID = try headObjectID(handle) else { return nil }
            var commit: OpaquePointer?
            try Libgit2.check(git_commit_lookup(&commit, handle, &headID), path: gitDirectory.path)
            defer { git_commit_free(commit) }
            return CommitReader.hexString(git_commit_tree_id(commit))
        }
    }

    /// The files added and deleted from tree `old` to tree `new`. libgit2 skips subtrees whose ids are equal,
    /// so one changed file in a tree of 100 000 costs a handful of object reads.
    public func changes(fromTree old: String, toTree new: String) throws -> TreeChanges {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            func lookup(_ hex: String) throws -> OpaquePointer? {
                var id = git_oid()
                try Libgit2.check(git_oid_fromstr(&id, hex), path: errorPath)
                var tree: OpaquePointer?
                try Libgit2.check(git_tree_lookup(&tree, handle, &id), path: errorPath)
                return tree
            }
            let oldTree = try lookup(old)
            defer { git_tree_free(oldTree) }
            let newTree = try lookup(new)
            defer { git_tree_free(newTree) }
            var diff: OpaquePointer?
            try Libgit2.check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, nil), path: errorPath)
            defer { git_diff_free(diff) }
            var changes = TreeChanges()
            for index in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
                switch delta.status {
                case GIT_DELTA_ADDED: changes.added.append(String(cString: delta.new_file.path))
                case GIT_DELTA_DELETED: changes.deleted.append(String(cString: delta.old_file.path))
                case GIT_DELTA_TYPECHANGE, GIT_DELTA_MODIFIED: break
                default:
                    changes.deleted.append(String(cString: delta.old_file.path))
                    changes.added.append(String(cString: delta.new_file.path))
                }
            }
            return changes
        }
    }
}
