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

/// Reading and diffing trees through libgit2's tree API.
extension GitRepository {
    /// The id of HEAD's tree (of its replacement, under `refs/replace/`), or nil while HEAD is unborn.
    public func headTreeID() throws -> String? {
        try withHandle { handle in try headTreeObjectID(handle).map(hexString) }
    }

    func headTreeObjectID(_ handle: OpaquePointer) throws -> git_oid? {
        guard var headID = try headObjectID(handle) else { return nil }
        if var walked = walkedHeadTree, git_oid_equal(&headID, &walked.commit) == 1 { return walked.tree }
        var readID = replacements[ObjectID(headID)] ?? headID
        var commit: OpaquePointer?
        try Libgit2.check(git_commit_lookup(&commit, handle, &readID), path: gitDirectory.path)
        defer { git_commit_free(commit) }
        return git_commit_tree_id(commit)?.pointee
    }

    /// "<octal mode> <blob id>" of `path` in HEAD's tree, as `git ls-files -s` shows a staged entry; nil
    /// when HEAD has nothing there (or is unborn).
    public func headEntry(_ path: String) throws -> String? {
        try withHandle { handle in
            guard var treeID = try headTreeObjectID(handle) else { return nil }
            var tree: OpaquePointer?
            try Libgit2.check(git_tree_lookup(&tree, handle, &treeID), path: gitDirectory.path)
            defer { git_tree_free(tree) }
            var entry: OpaquePointer?
            guard git_tree_entry_bypath(&entry, tree, path) == 0 else {
                git_error_clear()
                return nil
            }
            defer { git_tree_entry_free(entry) }
            return String(git_tree_entry_filemode(entry).rawValue, radix: 8) + " " + hexString(git_tree_entry_id(entry))
        }
    }

    /// Paths (relative, '/'-separated) of every file in HEAD's tree, submodules included. Unborn HEAD: [].
    public func headTreePaths() throws -> [String] {
        try withHandle { handle in
            guard let root = try headTreeObjectID(handle) else { return [] }
            return try treePaths(handle, root: root, keepingFilesUnder: nil)
        }
    }

    /// The paths of tree `treeID` that lie under a folder `isKept` accepts by name (at any depth); nil keeps
    /// every path. Every tree is still read, since a kept folder may sit anywhere, but a file outside kept
    /// folders costs no path string: most of a 100 000-file tree.
    public func treePaths(of treeID: String, keepingFilesUnder isKept: ((String) -> Bool)?) throws -> [String] {
        let root = try Self.objectID(treeID, errorPath: gitDirectory.path)
        return try withHandle { handle in try treePaths(handle, root: root, keepingFilesUnder: isKept) }
    }

    private func treePaths(_ handle: OpaquePointer, root: git_oid, keepingFilesUnder isKept: ((String) -> Bool)?) throws
        -> [String]
    {
        var paths: [String] = []
        var verdicts: [String: Bool] = [:]
        func list(_ id: UnsafePointer<git_oid>, prefix: String, keeping: Bool) throws {
            var tree: OpaquePointer?
            try Libgit2.check(git_tree_lookup(&tree, handle, id), path: gitDirectory.path)
            defer { git_tree_free(tree) }
            for position in 0..<git_tree_entrycount(tree) {
                let entry = git_tree_entry_byindex(tree, position)
                if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                    // Git paths are bytes; invalid UTF-8 is repaired with U+FFFD by String(cString:).
                    let folder = String(cString: git_tree_entry_name(entry))
                    var keepsBelow = keeping
                    if !keepsBelow, let isKept {
                        keepsBelow =
                            verdicts[folder]
                            ?? {
                                let verdict = isKept(folder)
                                verdicts[folder] = verdict
                                return verdict
                            }()
                    }
                    try list(git_tree_entry_id(entry), prefix: prefix + folder + "/", keeping: keepsBelow)
                } else if keeping || isKept == nil {
                    paths.append(prefix + String(cString: git_tree_entry_name(entry)))
                }
            }
        }
        var root = root
        try list(&root, prefix: "", keeping: false)
        return paths
    }

    static func objectID(_ hex: String, errorPath: String) throws -> git_oid {
        var id = git_oid()
        guard hex.utf8.count == Int(GIT_OID_HEXSZ), git_oid_fromstr(&id, hex) == 0 else {
            git_error_clear()
            throw RoadmapError.file("git error in \(errorPath): invalid object id \(hex)")
        }
        return id
    }

    /// The files added and deleted from tree `old` to tree `new`. Walks both trees side by side and skips
    /// every subtree whose id is the same on both sides, so one changed file in a tree of 100 000 costs a
    /// handful of object reads (libgit2 1.5's git_diff_tree_to_tree iterates every entry: half a second there).
    public func changes(fromTree old: String, toTree new: String) throws -> TreeChanges {
        try withHandle { handle in
            let errorPath = gitDirectory.path
            func withTree(_ id: UnsafePointer<git_oid>?, _ body: (OpaquePointer?) throws -> Void) throws {
                var tree: OpaquePointer?
                try Libgit2.check(git_tree_lookup(&tree, handle, id), path: errorPath)
                defer { git_tree_free(tree) }
                try body(tree)
            }
            var changes = TreeChanges()
            /// One side's entry, with everything under it when it is a folder, as added or deleted.
            func report(_ entry: OpaquePointer?, prefix: String, added: Bool) throws {
                let path = prefix + String(cString: git_tree_entry_name(entry))
                guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
                    if added { changes.added.append(path) } else { changes.deleted.append(path) }
                    return
                }
                try withTree(git_tree_entry_id(entry)) { tree in
                    for index in 0..<git_tree_entrycount(tree) {
                        try report(git_tree_entry_byindex(tree, index), prefix: path + "/", added: added)
                    }
                }
            }
            func compare(_ left: OpaquePointer?, _ right: OpaquePointer?, prefix: String) throws {
                let leftCount = git_tree_entrycount(left)
                let rightCount = git_tree_entrycount(right)
                var i = 0
                var j = 0
                while i < leftCount || j < rightCount {
                    let leftEntry = i < leftCount ? git_tree_entry_byindex(left, i) : nil
                    let rightEntry = j < rightCount ? git_tree_entry_byindex(right, j) : nil
                    let order =
                        leftEntry == nil ? 1 : rightEntry == nil ? -1 : git_tree_entry_cmp(leftEntry, rightEntry)
                    if order < 0 {
                        i += 1
                        try report(leftEntry, prefix: prefix, added: false)
                    } else if order > 0 {
                        j += 1
                        try report(rightEntry, prefix: prefix, added: true)
                    } else {
                        i += 1
                        j += 1
                        guard git_oid_equal(git_tree_entry_id(leftEntry), git_tree_entry_id(rightEntry)) == 0 else {
                            continue
                        }
                        switch (
                            git_tree_entry_type(leftEntry) == GIT_OBJECT_TREE,
                            git_tree_entry_type(rightEntry) == GIT_OBJECT_TREE
                        ) {
                        case (true, true):
                            let name = prefix + String(cString: git_tree_entry_name(leftEntry)) + "/"
                            try withTree(git_tree_entry_id(leftEntry)) { a in
                                try withTree(git_tree_entry_id(rightEntry)) { b in try compare(a, b, prefix: name) }
                            }
                        case (false, false):
                            break  // modified: the path exists on both sides
                        default:  // a file became a folder, or a folder a file
                            try report(leftEntry, prefix: prefix, added: false)
                            try report(rightEntry, prefix: prefix, added: true)
                        }
                    }
                }
            }
            var oldID = try Self.objectID(old, errorPath: errorPath)
            var newID = try Self.objectID(new, errorPath: errorPath)
            try withTree(&oldID) { a in try withTree(&newID) { b in try compare(a, b, prefix: "") } }
            return changes
        }
    }
}
