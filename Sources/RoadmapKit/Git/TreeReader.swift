import CLibgit2

/// Reads tree objects straight from the object database and walks their raw entries
/// (`<octal mode> SP <name> NUL <20-byte id>`, repeated). Listing a 100 000-file tree through
/// git_tree_lookup spends as long in its object cache, locks and per-entry allocations as in inflating;
/// here each tree is one odb read and no allocation per entry.
final class TreeReader {
    struct Entry {
        /// The name's bytes; valid only during the callback.
        var name: UnsafeBufferPointer<UInt8>
        var id: git_oid
        /// A subtree (mode 040000); anything else is a file, a symlink or a submodule (gitlink).
        var isTree: Bool
    }

    private let odb: OpaquePointer
    private let errorPath: String
    /// Reads trees straight from the object files, deltas resolved; libgit2 reads whatever this does not.
    private let objectFiles: ObjectFiles?

    init(repository: OpaquePointer, errorPath: String, objectFiles: ObjectFiles? = nil) throws {
        var odb: OpaquePointer?
        try Libgit2.check(git_repository_odb(&odb, repository), path: errorPath)
        self.odb = odb!
        self.errorPath = errorPath
        self.objectFiles = objectFiles
    }

    deinit {
        git_odb_free(odb)
    }

    func forEachEntry(of id: git_oid, _ body: (Entry) throws -> Void) throws {
        var id = id
        if let objectFiles, let object = withUnsafeBytes(of: &id.id, { objectFiles.readOwned($0) }) {
            guard object.type == .tree else {
                throw GitError(kind: .libgit2, path: errorPath, message: "object \(CommitReader.hexString(id)) is not a tree")
            }
            return try object.bytes.withUnsafeBufferPointer { try forEachEntry(of: id, in: $0, body) }
        }
        var object: OpaquePointer?
        try Libgit2.check(git_odb_read(&object, odb, &id), path: errorPath)
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
            throw GitError(kind: .libgit2, path: errorPath, message: "object \(CommitReader.hexString(id)) is not a tree")
        }
        let bytes = UnsafeBufferPointer(
            start: git_odb_object_data(object)?.assumingMemoryBound(to: UInt8.self), count: git_odb_object_size(object))
        try forEachEntry(of: id, in: bytes, body)
    }

    private func forEachEntry(of id: git_oid, in bytes: UnsafeBufferPointer<UInt8>, _ body: (Entry) throws -> Void) throws {
        var position = 0
        while position < bytes.count {
            guard let space = bytes[position...].firstIndex(of: 0x20),
                  let nul = bytes[(space + 1)...].firstIndex(of: 0),
                  nul + 21 <= bytes.count
            else {
                throw GitError(kind: .libgit2, path: errorPath, message: "failed to parse tree \(CommitReader.hexString(id)) - truncated entry")
            }
            // 040000 is the only mode git writes for trees (historic 40000 too): both start "40" after zeros.
            let mode = bytes[position..<space].drop { $0 == 0x30 }
            let isTree = mode.elementsEqual("40000".utf8)
            var entryID = git_oid()
            withUnsafeMutableBytes(of: &entryID) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(nul + 1)..<(nul + 21)]))) }
            try body(Entry(name: UnsafeBufferPointer(rebasing: bytes[(space + 1)..<nul]), id: entryID, isTree: isTree))
            position = nul + 21
        }
    }
}
