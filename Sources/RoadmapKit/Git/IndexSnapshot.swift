import Foundation

/// git's index as it stood when the hook started, mapped and skimmed on the other core while the sync runs:
/// where the tracker's entry is (IndexEntryUpdate.Location) and the cache-tree's root (IndexCacheTree).
/// Used only while the file is provably the same one — same inode, size, modification and change times,
/// checked under git's lock — so a `git add` made meanwhile sends the update back to reading it afresh.
public final class IndexSnapshot: @unchecked Sendable {
    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: timespec, changed: timespec

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = status.st_mtim
            changed = status.st_ctim
        }

        static func == (lhs: Identity, rhs: Identity) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
                && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
        }
    }

    let identity: Identity
    let status: stat
    /// A private, writable mapping: the update patches it in place (copy on write; the file is untouched).
    let bytes: UnsafeMutableRawBufferPointer
    let path: [UInt8]
    let location: IndexEntryUpdate.Location?
    let rootTreeID: [UInt8]?

    /// The index at `indexPath`, skimmed for `path` (relative to the work tree); nil when it cannot be read.
    init?(indexPath: String, path: String) {
        let file = open(indexPath, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let mapping = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, file, 0), mapping != MAP_FAILED else { return nil }
        self.status = status
        identity = Identity(status)
        bytes = UnsafeMutableRawBufferPointer(start: mapping, count: size)
        self.path = Array(path.utf8)
        let readOnly = UnsafeRawBufferPointer(bytes)
        location = IndexEntryUpdate.locate(self.path, indexSecond: UInt32(truncatingIfNeeded: status.st_mtim.tv_sec), in: readOnly)
        rootTreeID = IndexCacheTree.rootTreeID(in: readOnly)
    }

    deinit {
        munmap(bytes.baseAddress, bytes.count)
    }
}
