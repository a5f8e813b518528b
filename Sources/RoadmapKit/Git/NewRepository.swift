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
            let authorSignature = try Libgit2Signature(author, errorPath: errorPath)
            let committerSignature =
                try committer.map { try Libgit2Signature($0, errorPath: errorPath) } ?? authorSignature

            let index = try RepositoryIndex(handle, errorPath: errorPath)
            try Libgit2.check(
                git_index_add_all(index.pointer, nil, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil), path: errorPath)
            try index.write()
            var treeID = git_oid()
            try Libgit2.check(git_index_write_tree(&treeID, index.pointer), path: errorPath)

            let head = try headCommit(handle)
            defer { git_commit_free(head) }
            return try createCommit(
                handle, tree: treeID, parent: head, message: message,
                author: authorSignature, committer: committerSignature)
        }
    }

    // MARK: Internals

    /// HEAD's commit, or nil while HEAD is unborn. The caller frees it.
    private func headCommit(_ handle: OpaquePointer) throws -> OpaquePointer? {
        guard var headID = try headObjectID(handle) else { return nil }
        var commit: OpaquePointer?
        try Libgit2.check(git_commit_lookup(&commit, handle, &headID), path: gitDirectory.path)
        return commit
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
            git_commit_create(
                &id, handle, "HEAD", author.pointer, committer.pointer, nil, message, tree,
                parents.count, parents.baseAddress)
        }
        try Libgit2.check(result, path: gitDirectory.path)
        return hexString(id)
    }
}

/// The repository's index, re-read from disk (git or another tool may have changed it since this handle
/// last looked) and written back explicitly.
final class RepositoryIndex {
    let pointer: OpaquePointer
    private let errorPath: String

    init(_ repository: OpaquePointer, errorPath: String) throws {
        var index: OpaquePointer?
        try Libgit2.check(git_repository_index(&index, repository), path: errorPath)
        self.pointer = index!
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
        for field in [signature.name, signature.email]
        where field.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\0" }) {
            throw RoadmapError.usage("invalid signature: \(field.debugDescription) contains a line break or NUL")
        }
        let seconds = Int64(signature.date.timeIntervalSince1970.rounded(.down))
        var pointer: UnsafeMutablePointer<git_signature>?
        try Libgit2.check(
            git_signature_new(
                &pointer, signature.name, signature.email, seconds, Int32(clamping: signature.timeZoneOffsetMinutes)),
            path: errorPath)
        self.init(pointer!)
    }

}
