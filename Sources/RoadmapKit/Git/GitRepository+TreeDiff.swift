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
        try withHandle { handle in try headTreeObjectID(handle).map(CommitReader.hexString) }
    }

    /// HEAD's tree id from the commit object's first line. git_commit_lookup would parse, and copy, the
    /// whole commit: 20 MB more work when the message is that long.
    func headTreeObjectID(_ handle: OpaquePointer) throws -> git_oid? {
        guard var headID = try headObjectID(handle) else { return nil }
        if var walked = walkedHeadTree, git_oid_equal(&headID, &walked.commit) == 1 { return walked.tree }
        var odb: OpaquePointer?
        try Libgit2.check(git_repository_odb(&odb, handle), path: gitDirectory.path)
        defer { git_odb_free(odb) }
        var object: OpaquePointer?
        try Libgit2.check(git_odb_read(&object, odb, &headID), path: gitDirectory.path)
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, size >= 46, let data = git_odb_object_data(object) else {
            throw GitError(kind: .libgit2, path: gitDirectory.path, message: "HEAD is not a commit")
        }
        guard let tree = CommitReader.treeID(ofCommit: UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: 46)) else {
            throw GitError(kind: .libgit2, path: gitDirectory.path, message: "failed to parse commit \(CommitReader.hexString(headID)) - no tree line")
        }
        return tree
    }

    /// The files added and deleted from tree `old` to tree `new`. Walks both trees side by side and skips
    /// every subtree whose id is the same on both sides, so one changed file in a tree of 100 000 costs a
    /// handful of object reads (libgit2 1.5's git_diff_tree_to_tree iterates every entry: half a second there).
    public func changes(fromTree old: String, toTree new: String) throws -> TreeChanges {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            func lookup(_ id: UnsafePointer<git_oid>) throws -> OpaquePointer? {
                var tree: OpaquePointer?
                try Libgit2.check(git_tree_lookup(&tree, handle, id), path: errorPath)
                return tree
            }
            func lookup(hex: String) throws -> OpaquePointer? {
                var id = git_oid()
                try Libgit2.check(git_oid_fromstr(&id, hex), path: errorPath)
                return try lookup(&id)
            }
            var changes = TreeChanges()
            /// Every file under `tree` (one side only), reported as added or deleted.
            func all(_ tree: OpaquePointer?, prefix: String, added: Bool) throws {
                for index in 0..<git_tree_entrycount(tree) {
                    let entry = git_tree_entry_byindex(tree, index)
                    let path = prefix + String(cString: git_tree_entry_name(entry))
                    if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                        let subtree = try lookup(git_tree_entry_id(entry))
                        defer { git_tree_free(subtree) }
                        try all(subtree, prefix: path + "/", added: added)
                    } else if added {
                        changes.added.append(path)
                    } else {
                        changes.deleted.append(path)
                    }
                }
            }
            func compare(_ left: OpaquePointer?, _ right: OpaquePointer?, prefix: String) throws {
                let leftCount = git_tree_entrycount(left), rightCount = git_tree_entrycount(right)
                var i = 0, j = 0
                while i < leftCount || j < rightCount {
                    let leftEntry = i < leftCount ? git_tree_entry_byindex(left, i) : nil
                    let rightEntry = j < rightCount ? git_tree_entry_byindex(right, j) : nil
                    let order: Int32
                    if let leftEntry, let rightEntry {
                        order = git_tree_entry_cmp(leftEntry, rightEntry)
                    } else {
                        order = leftEntry == nil ? 1 : -1
                    }
                    if order == 0, let leftEntry, let rightEntry {
                        i += 1
                        j += 1
                        guard git_oid_equal(git_tree_entry_id(leftEntry), git_tree_entry_id(rightEntry)) == 0 else { continue }
                        let name = prefix + String(cString: git_tree_entry_name(leftEntry))
                        let leftIsTree = git_tree_entry_type(leftEntry) == GIT_OBJECT_TREE
                        let rightIsTree = git_tree_entry_type(rightEntry) == GIT_OBJECT_TREE
                        switch (leftIsTree, rightIsTree) {
                        case (true, true):
                            let a = try lookup(git_tree_entry_id(leftEntry))
                            defer { git_tree_free(a) }
                            let b = try lookup(git_tree_entry_id(rightEntry))
                            defer { git_tree_free(b) }
                            try compare(a, b, prefix: name + "/")
                        case (false, false):
                            break  // modified: the path exists on both sides
                        case (true, false):
                            let a = try lookup(git_tree_entry_id(leftEntry))
                            defer { git_tree_free(a) }
                            try all(a, prefix: name + "/", added: false)
                            changes.added.append(name)
                        case (false, true):
                            let b = try lookup(git_tree_entry_id(rightEntry))
                            defer { git_tree_free(b) }
                            changes.deleted.append(name)
                            try all(b, prefix: name + "/", added: true)
                        }
                    } else if order < 0, let leftEntry {
                        i += 1
                        let name = prefix + String(cString: git_tree_entry_name(leftEntry))
                        if git_tree_entry_type(leftEntry) == GIT_OBJECT_TREE {
                            let a = try lookup(git_tree_entry_id(leftEntry))
                            defer { git_tree_free(a) }
                            try all(a, prefix: name + "/", added: false)
                        } else {
                            changes.deleted.append(name)
                        }
                    } else if let rightEntry {
                        j += 1
                        let name = prefix + String(cString: git_tree_entry_name(rightEntry))
                        if git_tree_entry_type(rightEntry) == GIT_OBJECT_TREE {
                            let b = try lookup(git_tree_entry_id(rightEntry))
                            defer { git_tree_free(b) }
                            try all(b, prefix: name + "/", added: true)
                        } else {
                            changes.added.append(name)
                        }
                    }
                }
            }
            let oldTree = try lookup(hex: old)
            defer { git_tree_free(oldTree) }
            let newTree = try lookup(hex: new)
            defer { git_tree_free(newTree) }
            try compare(oldTree, newTree, prefix: "")
            return changes
        }
    }
}

extension GitRepository {
    /// True when it is certain, cheaply, that `contents` (the work tree's bytes of `path`) are what HEAD
    /// holds for it and that the index holds HEAD's tree (IndexCacheTree); nil when that takes asking git
    /// or `matchesHeadAndIndex` (a filter, a staged change, an index this cannot read, another index file).
    /// - Parameter snapshot: the index as skimmed ahead, used while the file is still that one.
    public func provablyMatchesHeadAndIndex(path: String, contents: [UInt8], environment: [String: String], snapshot: IndexSnapshot? = nil) throws -> Bool? {
        guard usesTheRepositoryIndex(environment) else { return nil }
        let indexPath = gitDirectory.appendingPathComponent("index")
        var status = stat()
        let cacheTree: [UInt8]?
        if let snapshot, stat(indexPath.path, &status) == 0, snapshot.isStill(status) {
            cacheTree = snapshot.rootTreeID
        } else {
            cacheTree = IndexCacheTree.rootTreeID(ofIndexAt: indexPath)
        }
        guard let cacheTree else { return nil }
        return try withHandle { handle in
            let errorPath = gitDirectory.path
            // The cheap test first: the cache-tree against HEAD's tree id, from the commit's first line.
            guard let treeID = try headTreeObjectID(handle), withUnsafeBytes(of: treeID, { Array($0) }) == cacheTree else { return nil }
            var blobID = try Self.blobID(of: contents, errorPath: errorPath)
            return try tree(handle, id: treeID, holds: &blobID, at: path) ? true : nil
        }
    }

    /// Whether `contents` (the work tree's bytes of `path`) are exactly what HEAD and the index hold for
    /// it: three object ids compared, where git_status_file would scan the whole work tree. Any filter
    /// (autocrlf, clean filters) makes it answer false, which callers treat as "has changes": the safe side.
    public func matchesHeadAndIndex(path: String, contents: [UInt8]) throws -> Bool {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            var blobID = try Self.blobID(of: contents, errorPath: errorPath)
            guard let treeID = try headTreeObjectID(handle), try tree(handle, id: treeID, holds: &blobID, at: path) else { return false }
            // Read from disk now: the handle's own index may predate a `git add` made since.
            let index = try RepositoryIndex(handle, errorPath: errorPath)
            guard let staged = git_index_get_bypath(index.pointer, path, 0) else { return false }
            var stagedID = staged.pointee.id
            return git_oid_equal(&stagedID, &blobID) == 1
        }
    }

    /// The id git gives `contents` as a blob.
    private static func blobID(of contents: [UInt8], errorPath: String) throws -> git_oid {
        var id = git_oid()
        try contents.withUnsafeBytes { raw in
            try Libgit2.check(git_odb_hash(&id, raw.baseAddress, raw.count, GIT_OBJECT_BLOB), path: errorPath)
        }
        return id
    }

    /// Whether tree `id` holds blob `blobID` at `path` (false when the path is missing).
    private func tree(_ handle: OpaquePointer, id: git_oid, holds blobID: inout git_oid, at path: String) throws -> Bool {
        var id = id
        var tree: OpaquePointer?
        try Libgit2.check(git_tree_lookup(&tree, handle, &id), path: gitDirectory.path)
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0 else {
            git_error_clear()
            return false
        }
        defer { git_tree_entry_free(entry) }
        return git_oid_equal(git_tree_entry_id(entry), &blobID) == 1
    }
}

/// A commit made by `amendHead(updating:…)`, with what reflecting it in the index takes
/// (`updateIndexEntry(after:)`): the file's blob and the trees on its path before and after.
public struct AmendedCommit: Sendable {
    public let id: String
    let path: String
    let contents: [UInt8]
    let blobID: [UInt8]
    let trees: [IndexEntryUpdate.TreeChange]
}

extension GitRepository {
    /// Folds one file's new contents into HEAD's commit (same message, author and author date; committer
    /// now), editing only the trees on that file's path — where building the tree from the index would
    /// touch all 100 000 entries — and updates that file's index entry from the work tree, which already
    /// holds `contents`.
    /// - Parameter updateIndex: false leaves the index to the caller (the hook patches it in place, or has
    ///   git update it, which keeps git's cache-tree: an index written by libgit2 1.5 loses it, and git's
    ///   next commit then rebuilds every tree of a 100 000-file index).
    public func amendHead(updating path: String, contents: [UInt8], updateIndex: Bool = true, expectedHead: String? = nil) throws -> AmendedCommit {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            var blobID = git_oid()
            var trees: [IndexEntryUpdate.TreeChange] = []
            let id = try amendHeadCommit(handle, expected: expectedHead) { head in
                var baseTree: OpaquePointer?
                try Libgit2.check(git_commit_tree(&baseTree, head), path: errorPath)
                defer { git_tree_free(baseTree) }
                try contents.withUnsafeBytes { raw in
                    try Libgit2.check(git_blob_create_from_buffer(&blobID, handle, raw.baseAddress, raw.count), path: errorPath)
                }
                var mode = GIT_FILEMODE_BLOB
                var existing: OpaquePointer?
                if git_tree_entry_bypath(&existing, baseTree, path) == 0 {
                    mode = git_tree_entry_filemode(existing)
                    git_tree_entry_free(existing)
                } else {
                    git_error_clear()
                }
                var treeID = git_oid()
                try path.withCString { cPath in
                    var update = git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: blobID, filemode: mode, path: cPath)
                    try Libgit2.check(git_tree_create_updated(&treeID, handle, baseTree, 1, &update), path: errorPath)
                }
                var newTree: OpaquePointer?
                try Libgit2.check(git_tree_lookup(&newTree, handle, &treeID), path: errorPath)
                defer { git_tree_free(newTree) }
                trees = IndexEntryUpdate.folders(above: Array(path.utf8)).compactMap { folder in
                    guard let old = Self.treeID(in: baseTree, at: folder), let new = Self.treeID(in: newTree, at: folder) else { return nil }
                    return IndexEntryUpdate.TreeChange(folder: folder, old: old, new: new)
                }
                return treeID
            }
            if updateIndex { try stageFromWorkTree(handle, path) }
            return AmendedCommit(id: id, path: path, contents: contents, blobID: withUnsafeBytes(of: blobID.id) { Array($0) }, trees: trees)
        }
    }

    /// The id of the tree at `folder` in `tree` ("" for `tree` itself), nil when there is none.
    private static func treeID(in tree: OpaquePointer?, at folder: [UInt8]) -> [UInt8]? {
        guard !folder.isEmpty else { return withUnsafeBytes(of: git_tree_id(tree).pointee.id) { Array($0) } }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, String(decoding: folder, as: UTF8.self)) == 0 else {
            git_error_clear()
            return nil
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        return withUnsafeBytes(of: git_tree_entry_id(entry).pointee.id) { Array($0) }
    }

    /// `git add -- path` through libgit2, for a file the work tree already holds as it should be staged.
    public func stageFromWorkTree(_ path: String) throws {
        try withHandle { try stageFromWorkTree($0, path) }
    }

    private func stageFromWorkTree(_ handle: OpaquePointer, _ path: String) throws {
        // Re-read first: writing back the handle's own copy would undo a `git add` made since it loaded.
        let index = try RepositoryIndex(handle, errorPath: gitDirectory.path)
        try Libgit2.check(git_index_add_bypath(index.pointer, path), path: gitDirectory.path)
        try index.write()
    }
}
