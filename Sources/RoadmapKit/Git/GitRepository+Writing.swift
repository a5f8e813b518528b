import CLibgit2
import Foundation

/// The write side: creating a repository and making commits, for `roadmap demo` and the post-commit hook.
/// libgit2 runs no hooks, so nothing here can trigger the hook that calls it.
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
            throw GitError(kind: .libgit2, path: directory, message: "'\(initialBranch)' is not a valid branch name")
        }

        var options = git_repository_init_options()
        try Libgit2.check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), path: directory)
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        var handle: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, directory, &options)
        }
        try Libgit2.check(result, path: directory)
        guard let handle else {
            throw GitError(kind: .libgit2, path: directory, message: "libgit2 created no repository")
        }
        guard let workingDirectory = git_repository_workdir(handle) else {
            git_repository_free(handle)
            throw GitError.bareRepository(at: directory)
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
            let authorSignature = try Libgit2Signature(author, errorPath: errorPath)
            let committerSignature = try committer.map { try Libgit2Signature($0, errorPath: errorPath) } ?? authorSignature

            let index = try RepositoryIndex(handle, errorPath: errorPath)
            try Libgit2.check(git_index_add_all(index.pointer, nil, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil), path: errorPath)
            try index.write()
            var treeID = git_oid()
            try Libgit2.check(git_index_write_tree(&treeID, index.pointer), path: errorPath)

            let head = try headCommit(handle)
            defer { git_commit_free(head) }
            return try createCommit(handle, tree: treeID, parent: head, message: message,
                                    author: authorSignature, committer: committerSignature)
        }
    }

    /// Stages only `paths` (files or folders, relative to the work tree: new, modified or deleted) and
    /// commits just them on HEAD, like `git commit --only -- paths`: changes staged earlier for other
    /// paths stay staged and are not committed. Untracked ignored files are not added (as `git add`).
    /// Author and committer default to the repository's user.name / user.email (git_signature_default);
    /// with none configured this throws libgit2's error. Message and empty commits as in `commitAll`.
    /// Returns the new commit's id.
    public func commit(paths: [String], message: String, author: GitSignature? = nil) throws -> String {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            let committer = try Libgit2Signature(defaultFor: handle, errorPath: errorPath)
            let authorSignature = try author.map { try Libgit2Signature($0, errorPath: errorPath) } ?? committer

            let index = try RepositoryIndex(handle, errorPath: errorPath)
            try index.stage(paths)
            try index.write()
            let head = try headCommit(handle)
            defer { git_commit_free(head) }
            let treeID = try index.tree(takingOnly: paths, over: head)
            return try createCommit(handle, tree: treeID, parent: head, message: message,
                                    author: authorSignature, committer: committer)
        }
    }

    /// Stages `paths` and rewrites HEAD's commit to include them, like
    /// `git commit --amend --no-edit --no-verify --only -- paths` without running hooks: same message
    /// (byte for byte) and author (name, e-mail, date, zone), same parents, committer = the repository's
    /// default signature now. The index is updated too, so `git status` is clean for those paths after.
    /// Extra headers of the old commit (e.g. a GPG signature, which would no longer verify) are dropped.
    /// Throws when HEAD has no commit yet. Returns the new commit's id.
    public func amendHead(adding paths: [String]) throws -> String {
        try withHandle { handle in
            try amendHeadCommit(handle) { head in
                let index = try RepositoryIndex(handle, errorPath: gitDirectory.path)
                try index.stage(paths)
                try index.write()
                return try index.tree(takingOnly: paths, over: head)
            }
        }
    }

    /// Replaces HEAD's commit by one with the tree `newTree(head)` returns: same raw message, author and
    /// encoding, committer from the configuration, HEAD moved only if it has not moved meanwhile.
    /// - Parameter expected: the commit the caller read (40 hex); HEAD elsewhere is an error, not an amend of
    ///   a commit the caller never saw.
    func amendHeadCommit(_ handle: OpaquePointer, expected: String? = nil, newTree: (_ head: OpaquePointer?) throws -> git_oid) throws -> String {
        let errorPath = gitDirectory.path
        let committer = try Libgit2Signature(defaultFor: handle, errorPath: errorPath)
        var headID = git_oid()
        // Fails with libgit2's "reference 'refs/heads/…' not found" while HEAD is unborn.
        try Libgit2.check(git_reference_name_to_id(&headID, handle, "HEAD"), path: errorPath)
        if let expected, CommitReader.hexString(headID) != expected {
            throw GitError(kind: .libgit2, path: errorPath, message: "HEAD moved to \(CommitReader.hexString(headID).prefix(7)) while roadmap read \(expected.prefix(7)); not amending")
        }
        var head: OpaquePointer?
        try Libgit2.check(git_commit_lookup(&head, handle, &headID), path: errorPath)
        defer { git_commit_free(head) }
        var treeID = try newTree(head)
        var tree: OpaquePointer?
        try Libgit2.check(git_tree_lookup(&tree, handle, &treeID), path: errorPath)
        defer { git_tree_free(tree) }

        var id = git_oid()
        // The raw message: git_commit_amend's default (git_commit_message) would drop leading newlines.
        // Author and encoding nil: kept from the amended commit. No ref to update here: libgit2 would
        // log it as "commit: …", where git logs an amend as "commit (amend): …".
        let message = git_commit_message_raw(head)
        try Libgit2.check(git_commit_amend(&id, head, nil, nil, committer.pointer, nil, message, tree), path: errorPath)
        try moveHead(handle, from: headID, to: id, reflogMessage: Self.amendReflogMessage(message))
        return CommitReader.hexString(id)
    }

    // MARK: Internals

    /// HEAD's commit, or nil while HEAD is unborn. The caller frees it.
    private func headCommit(_ handle: OpaquePointer) throws -> OpaquePointer? {
        guard var headID = try headObjectID(handle) else { return nil }
        var commit: OpaquePointer?
        try Libgit2.check(git_commit_lookup(&commit, handle, &headID), path: gitDirectory.path)
        return commit
    }

    /// Points HEAD's branch (or a detached HEAD) at `new`, only if it still points at `old`.
    func moveHead(_ handle: OpaquePointer, from old: git_oid, to new: git_oid, reflogMessage: [CChar]) throws {
        var old = old
        var new = new
        var head: OpaquePointer?
        try Libgit2.check(git_reference_lookup(&head, handle, "HEAD"), path: gitDirectory.path)
        defer { git_reference_free(head) }
        let name = git_reference_type(head) == GIT_REFERENCE_SYMBOLIC
            ? String(cString: git_reference_symbolic_target(head))
            : "HEAD"
        var updated: OpaquePointer?
        try Libgit2.check(
            git_reference_create_matching(&updated, handle, name, &new, 1, &old, reflogMessage), path: gitDirectory.path)
        git_reference_free(updated)
    }

    /// "commit (amend): " and the message's first line with text, as git logs an amend; the line's bytes
    /// are copied as stored, whatever the commit's encoding. NUL-terminated, for libgit2.
    static func amendReflogMessage(_ message: UnsafePointer<CChar>?) -> [CChar] {
        var result = Array("commit (amend): ".utf8CString.dropLast())
        if let message {
            let isSpace = { (byte: CChar) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            let lines = UnsafeBufferPointer(start: message, count: strlen(message)).split(separator: 0x0A)
            if let subject = lines.first(where: { !$0.allSatisfy(isSpace) }) {
                result.append(contentsOf: subject.reversed().drop(while: isSpace).reversed())
            }
        }
        result.append(0)
        return result
    }

    /// Writes a commit of `tree` whose only parent is `parent` (none for a first commit) and moves HEAD's
    /// branch (or a detached HEAD) to it. libgit2 refuses if HEAD moved away from `parent` meanwhile.
    private func createCommit(
        _ handle: OpaquePointer, tree treeID: git_oid, parent: OpaquePointer?, message: String,
        author: Libgit2Signature, committer: Libgit2Signature
    ) throws -> String {
        var treeID = treeID
        var tree: OpaquePointer?
        try Libgit2.check(git_tree_lookup(&tree, handle, &treeID), path: gitDirectory.path)
        defer { git_tree_free(tree) }

        var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
        var id = git_oid()
        let result = parents.withUnsafeMutableBufferPointer { parents in
            git_commit_create(&id, handle, "HEAD", author.pointer, committer.pointer, nil, message, tree,
                              parents.count, parents.baseAddress)
        }
        try Libgit2.check(result, path: gitDirectory.path)
        return CommitReader.hexString(id)
    }
}

/// The repository's index, re-read from disk (git or another tool may have changed it since this handle
/// last looked) and written back explicitly.
final class RepositoryIndex {
    let pointer: OpaquePointer
    private let repository: OpaquePointer
    private let errorPath: String

    init(_ repository: OpaquePointer, errorPath: String) throws {
        var index: OpaquePointer?
        try Libgit2.check(git_repository_index(&index, repository), path: errorPath)
        self.pointer = index!
        self.repository = repository
        self.errorPath = errorPath
        // force = 1: compare no timestamps, just read; nothing unsaved is held in memory at this point.
        try Libgit2.check(git_index_read(pointer, 1), path: errorPath)
    }

    deinit {
        git_index_free(pointer)
    }

    func write() throws {
        try Libgit2.check(git_index_write(pointer), path: errorPath)
    }

    /// Stages the work tree's state of `paths` like `git add --all -- paths`, taking the paths literally
    /// (no glob patterns): status lists what differs under them, and each change is added or removed.
    func stage(_ paths: [String]) throws {
        var options = git_status_options()
        try Libgit2.check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), path: errorPath)
        options.show = GIT_STATUS_SHOW_WORKDIR_ONLY
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue

        var list: OpaquePointer?
        let result = withStringArray(paths.map(Self.normalized)) { pathspec in
            options.pathspec = pathspec
            return git_status_list_new(&list, repository, &options)
        }
        try Libgit2.check(result, path: errorPath)
        defer { git_status_list_free(list) }

        for position in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, position), let delta = entry.pointee.index_to_workdir else { continue }
            if entry.pointee.status.rawValue & GIT_STATUS_WT_DELETED.rawValue != 0 {
                try Libgit2.check(git_index_remove_bypath(pointer, delta.pointee.old_file.path), path: errorPath)
            } else {
                // Also resolves a conflict on the path, as `git add` does.
                try Libgit2.check(git_index_add_bypath(pointer, delta.pointee.new_file.path), path: errorPath)
            }
        }
    }

    /// The tree `git commit --only -- paths` records: `base`'s tree (empty when nil) with everything at or
    /// under `paths` replaced by what this index holds there. Other staged changes are left out.
    func tree(takingOnly paths: [String], over base: OpaquePointer?) throws -> git_oid {
        var scratch: OpaquePointer?
        try Libgit2.check(git_index_new(&scratch), path: errorPath)
        defer { git_index_free(scratch) }
        if let base {
            var baseTree: OpaquePointer?
            try Libgit2.check(git_commit_tree(&baseTree, base), path: errorPath)
            defer { git_tree_free(baseTree) }
            try Libgit2.check(git_index_read_tree(scratch, baseTree), path: errorPath)
        }

        let prefixes = paths.map { Array(Self.normalized($0).utf8) }
        for prefix in prefixes {
            if prefix.isEmpty {
                try Libgit2.check(git_index_clear(scratch), path: errorPath)
                continue
            }
            let path = String(decoding: prefix, as: UTF8.self)
            try Libgit2.check(git_index_remove_directory(scratch, path, 0), path: errorPath)
            let removed = git_index_remove(scratch, path, 0)
            if removed == GIT_ENOTFOUND.rawValue { git_error_clear() } else { try Libgit2.check(removed, path: errorPath) }
        }
        for position in 0..<git_index_entrycount(pointer) {
            guard let entry = git_index_get_byindex(pointer, position), git_index_entry_stage(entry) == 0,
                  let path = entry.pointee.path,
                  prefixes.contains(where: { Self.path(path, isAtOrUnder: $0) })
            else { continue }
            try Libgit2.check(git_index_add(scratch, entry), path: errorPath)
        }

        var treeID = git_oid()
        try Libgit2.check(git_index_write_tree_to(&treeID, scratch, repository), path: errorPath)
        return treeID
    }

    /// Paths compared as git does, byte for byte (Swift's String equality would equate Unicode-equivalent
    /// spellings that are different files to git).
    private static func path(_ path: UnsafePointer<CChar>, isAtOrUnder prefix: [UInt8]) -> Bool {
        if prefix.isEmpty { return true }
        let length = strlen(path)
        guard length >= prefix.count, memcmp(path, prefix, prefix.count) == 0 else { return false }
        return length == prefix.count || path[prefix.count] == CChar(UInt8(ascii: "/"))
    }

    /// "./docs//a/" → "docs/a"; "." → "" (the whole tree).
    static func normalized(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.joined(separator: "/")
    }
}

/// Lends `strings` to C as a git_strarray for the duration of `body`.
private func withStringArray<T>(_ strings: [String], _ body: (git_strarray) throws -> T) rethrows -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for pointer in pointers { free(pointer) } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        try body(git_strarray(strings: buffer.baseAddress, count: buffer.count))
    }
}
