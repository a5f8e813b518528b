import CSHA1
import Glibc

/// The post-commit hook's amend, reflected in git's index without git: one entry gets the new blob and the
/// file's fresh stat data, the cache-tree nodes on its path get the amended commit's trees, the trailer is
/// hashed again. What `git update-index --add -- path` does, at the cost of one pass over the file — git
/// reads the whole index into memory and writes it back out entry by entry (~90 ms for 100 000 entries).
///
/// It only ever patches bytes in place (nothing moves), and declines — the caller then asks git — whenever
/// the result would not be exactly what git would write: a path with no stage-0 entry or with conflict
/// stages, skip-worktree or intent-to-add entries, a mode change, a required extension (split or sparse
/// index), fsmonitor data, or a cache-tree node on the path that records a tree other than the old one.
///
/// The old trailer is not checked: git reads an index without checking it (only `git fsck` does, since
/// git 2.13), and `git update-index` writes a fresh one over a wrong one just the same.
struct IndexEntryUpdate: Sendable {
    /// The stat data git keeps per entry, each field cut to 32 bits as git stores it.
    struct StatData: Equatable, Sendable {
        var ctimeSeconds: UInt32, ctimeNanoseconds: UInt32
        var mtimeSeconds: UInt32, mtimeNanoseconds: UInt32
        var device: UInt32, inode: UInt32
        var userID: UInt32, groupID: UInt32
        var size: UInt32
        var isExecutable: Bool
    }

    /// A folder on the path (root is "") and its tree id before and after the amend.
    struct TreeChange: Equatable, Sendable {
        var folder: [UInt8]
        var old: [UInt8]
        var new: [UInt8]
    }

    var path: [UInt8]
    var blobID: [UInt8]
    var stat: StatData
    var trees: [TreeChange]
    /// The index file's mtime in whole seconds before this update. Git trusts an entry's stat data only
    /// when the entry is older than the index file; an entry from that second or later (racily clean) gets
    /// its size zeroed, as git does when it rewrites the index, so that git still compares its contents
    /// after the new, later index time.
    var indexSecond: UInt32

    enum Patch: Equatable {
        /// Everything but the trailing checksum, which covers the bytes before `checksumStart`.
        case patched(checksumStart: Int)
        case declined(String)
    }

    /// Where the update lands in one index file: the path's entries, the racily clean ones to smudge, and
    /// the file's layout. Depends on the bytes, the path and the index's second only, so it can be found
    /// ahead of time (IndexSnapshot) while the amend is still being worked out.
    struct Location {
        var format: IndexFileFormat
        var found: [IndexFileFormat.Entry]
        var racy: [Int]
        /// The cache-tree's nodes for the folders above the path, root first: [] without a cache-tree, nil
        /// when it does not parse.
        var cacheTreeNodes: [IndexFileFormat.CacheTreeNode]?
    }

    static func locate(_ path: [UInt8], indexSecond: UInt32, in readOnly: UnsafeRawBufferPointer) -> Location? {
        let isVersion4 = readOnly.count >= 8 && IndexFileFormat.u32(readOnly, 4) == 4
        var found: [IndexFileFormat.Entry] = []
        var racy: [Int] = []
        var currentPath: [UInt8] = []
        var malformed = false
        let format = IndexFileFormat(readOnly) { entry in
            let stored = UnsafeRawBufferPointer(rebasing: readOnly[entry.pathStart..<entry.pathEnd])
            let matches: Bool
            if isVersion4 {
                // The previous entry's path with its end dropped and this suffix added; dropping more than
                // there is makes git die ("malformed name field"), and this decline.
                if entry.strippedCount > currentPath.count { malformed = true }
                currentPath.removeLast(min(entry.strippedCount, currentPath.count))
                currentPath.append(contentsOf: stored)
                matches = currentPath == path
            } else {
                matches = stored.count == path.count && path.withUnsafeBytes { memcmp($0.baseAddress!, stored.baseAddress!, stored.count) == 0 }
            }
            if matches {
                found.append(entry)
            } else if Self.u32(readOnly, entry.offset + 8) >= indexSecond {
                racy.append(entry.offset)
            }
        }
        guard let format, !malformed else { return nil }
        var nodes: [IndexFileFormat.CacheTreeNode]? = []
        if let cacheTree = format.extensions.first(where: { $0.signature == IndexFileFormat.tree }) {
            nodes = IndexFileFormat.cacheTreeNodes(readOnly, in: cacheTree.dataStart..<cacheTree.dataEnd, above: path)
        }
        return Location(format: format, found: found, racy: racy, cacheTreeNodes: nodes)
    }

    /// Patches an index file's bytes, all but the trailing checksum, which the caller computes (while it writes
    /// the rest out).
    /// `location`: what `locate` found in these very bytes, when the caller has it already.
    func patch(_ bytes: UnsafeMutableRawBufferPointer, at location: Location? = nil) -> Patch {
        guard let location = location ?? Self.locate(path, indexSecond: indexSecond, in: UnsafeRawBufferPointer(bytes)) else {
            return .declined("the index does not parse")
        }
        return patch(bytes, location)
    }

    private func patch(_ bytes: UnsafeMutableRawBufferPointer, _ location: Location) -> Patch {
        let (format, found, racy) = (location.format, location.found, location.racy)
        let readOnly = UnsafeRawBufferPointer(bytes)
        guard found.count == 1, let entry = found.first else {
            return .declined(found.isEmpty ? "the path has no index entry" : "the path has conflict stages")
        }
        guard entry.stage == 0 else { return .declined("the path has conflict stages") }
        guard !entry.isSkipWorktree, !entry.isIntentToAdd else { return .declined("the entry is skip-worktree or intent-to-add") }
        let mode = Self.u32(readOnly, entry.offset + 24)
        guard mode == 0o100644 || mode == 0o100755 else { return .declined("the entry is not a regular file") }
        guard (mode == 0o100755) == stat.isExecutable else { return .declined("the file's mode changed") }
        guard blobID.count == IndexFileFormat.hashSize, trees.allSatisfy({ $0.old.count == IndexFileFormat.hashSize && $0.new.count == IndexFileFormat.hashSize }) else {
            return .declined("object ids are not SHA-1")
        }
        for signature in format.extensions.map(\.signature) {
            if signature == IndexFileFormat.fsmonitor { return .declined("the index has fsmonitor data") }
        }
        guard format.extensions.allSatisfy(\.isOptional) else { return .declined("the index needs an extension this cannot keep (split or sparse index)") }

        // Every check is done before the first byte changes.
        var treeIDs: [(offset: Int, id: [UInt8])] = []
        guard let nodes = location.cacheTreeNodes else { return .declined("the cache-tree does not parse") }
        for node in nodes {
            guard let idStart = node.idStart else { continue }
            // A valid node the caller gave no new tree for would keep a stale id.
            guard let change = trees.first(where: { $0.folder == node.folder }) else {
                return .declined("no new tree given for '\(String(decoding: node.folder, as: UTF8.self))'")
            }
            guard readOnly[idStart..<(idStart + IndexFileFormat.hashSize)].elementsEqual(change.old) else {
                return .declined("the cache-tree records another tree for '\(String(decoding: node.folder, as: UTF8.self))'")
            }
            treeIDs.append((idStart, change.new))
        }

        let fields = [stat.ctimeSeconds, stat.ctimeNanoseconds, stat.mtimeSeconds, stat.mtimeNanoseconds,
                      stat.device, stat.inode, mode, stat.userID, stat.groupID, stat.size]
        for (position, value) in fields.enumerated() {
            bytes.storeBytes(of: value.bigEndian, toByteOffset: entry.offset + 4 * position, as: UInt32.self)
        }
        bytes.baseAddress!.advanced(by: entry.offset + 40).copyMemory(from: blobID, byteCount: blobID.count)
        for offset in racy {
            bytes.storeBytes(of: UInt32(0), toByteOffset: offset + 36, as: UInt32.self)
        }
        for (offset, id) in treeIDs {
            bytes.baseAddress!.advanced(by: offset).copyMemory(from: id, byteCount: id.count)
        }
        return .patched(checksumStart: format.checksumStart)
    }

    /// The folders above `path`, root ("") first: what the cache-tree holds a node for.
    static func folders(above path: [UInt8]) -> [[UInt8]] {
        var folders: [[UInt8]] = [[]]
        for (position, byte) in path.enumerated() where byte == UInt8(ascii: "/") {
            folders.append(Array(path[..<position]))
        }
        return folders
    }

    static func sha1(_ bytes: UnsafeRawBufferPointer, accelerated: Bool = true) -> [UInt8] {
        var context = roadmap_sha1_context()
        roadmap_sha1_init(&context, accelerated ? 1 : 0)
        roadmap_sha1_update(&context, bytes.baseAddress, bytes.count)
        var digest = [UInt8](repeating: 0, count: 20)
        roadmap_sha1_final(&context, &digest)
        return digest
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
