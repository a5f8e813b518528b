import CLibgit2
import Foundation

/// A new repository and its commits, for `roadmap demo`: a throwaway repository the binary makes alone,
/// without git. The user's repositories are changed only through git (GitCommand).
extension GitRepository {
    /// `git init` at `path` (creating missing folders) with `initialBranch` as the unborn HEAD's branch;
    /// returns it opened. libgit2's built-in templates are used, not git's template directory. As with
    /// `git init`, an existing repository is re-initialised harmlessly and keeps its HEAD.
    public static func initialize(at path: URL, initialBranch: String = "main") throws -> GitRepository {
        Libgit2.initialize()
        let directory = path.absoluteURL.path

        var valid: Int32 = 0
        try Libgit2.check(git_branch_name_is_valid(&valid, initialBranch), path: directory)
        guard valid == 1 else {
            throw RoadmapError.usage("'\(initialBranch)' is not a valid branch name")
        }

        var options = git_repository_init_options()
        try Libgit2.check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), path: directory)
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        var handle: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, directory, &options)
        }
        try Libgit2.check(result, path: directory)
        guard let handle else {
            throw RoadmapError.file("libgit2 created no repository at \(directory)")
        }
        guard let workingDirectory = git_repository_workdir(handle) else {
            git_repository_free(handle)
            throw RoadmapError.notARepository("bare repository (no working tree): \(directory)")
        }
        return GitRepository(handle: handle, workingDirectory: String(cString: workingDirectory))
    }

    /// Stages every change in the work tree like `git add --all` (new, modified and deleted files;
    /// .gitignore honoured) and commits the whole index on HEAD; the first commit when HEAD is unborn.
    /// `committer` defaults to `author`. The message is stored byte for byte (no clean-up such as
    /// `git commit` does: end it with a newline for git's usual form). A commit is made even when nothing
    /// changed, like `--allow-empty`. Returns the new commit's id (40 hex digits).
    public func commitAll(message: String, author: GitSignature, committer: GitSignature? = nil) throws -> String {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            let authorSignature = try author.libgit2Signature(errorPath: errorPath)
            defer { git_signature_free(authorSignature) }
            let committerSignature = try committer?.libgit2Signature(errorPath: errorPath)
            defer { git_signature_free(committerSignature) }

            var index: OpaquePointer?
            try Libgit2.check(git_repository_index(&index, handle), path: errorPath)
            defer { git_index_free(index) }
            var treeID = git_oid()
            // force = 1: read what is on disk now; git or another tool may have changed it since.
            try Libgit2.check(git_index_read(index, 1), path: errorPath)
            try Libgit2.check(git_index_add_all(index, nil, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil), path: errorPath)
            try Libgit2.check(git_index_write(index), path: errorPath)
            try Libgit2.check(git_index_write_tree(&treeID, index), path: errorPath)
            var tree: OpaquePointer?
            try Libgit2.check(git_tree_lookup(&tree, handle, &treeID), path: errorPath)
            defer { git_tree_free(tree) }

            var parent: OpaquePointer?
            if var headID = try headObjectID(handle) {
                try Libgit2.check(git_commit_lookup(&parent, handle, &headID), path: errorPath)
            }
            defer { git_commit_free(parent) }
            var parents: [OpaquePointer?] = parent == nil ? [] : [parent]
            // Moves HEAD's branch (or a detached HEAD); libgit2 refuses if HEAD moved away from `parent`.
            var id = git_oid()
            let result = parents.withUnsafeMutableBufferPointer { parents in
                git_commit_create(
                    &id, handle, "HEAD", authorSignature, committerSignature ?? authorSignature, nil, message, tree,
                    parents.count, parents.baseAddress)
            }
            try Libgit2.check(result, path: errorPath)
            return hexString(id)
        }
    }
}

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

extension GitSignature {
    /// A new libgit2 signature, for the caller to free. libgit2 rejects an empty name or e-mail and angle
    /// brackets in either.
    fileprivate func libgit2Signature(errorPath: String) throws -> UnsafeMutablePointer<git_signature> {
        // A newline or NUL would end the header line early or cut the C string: git itself refuses both.
        for field in [name, email] where field.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\0" }) {
            throw RoadmapError.usage("invalid signature: \(field.debugDescription) contains a line break or NUL")
        }
        var pointer: UnsafeMutablePointer<git_signature>?
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        try Libgit2.check(
            git_signature_new(&pointer, name, email, seconds, Int32(clamping: timeZoneOffsetMinutes)), path: errorPath)
        return pointer!
    }
}
