import Foundation

/// git's index, mapped privately and skimmed for one path: where the path's entry is
/// (IndexEntryUpdate.Location) and the cache-tree's root (IndexCacheTree). The hook takes one on the other
/// core while the sync runs, and uses it only while the file is provably the same one — same inode, size,
/// modification and change times — so a `git add` made meanwhile sends the update back to reading it afresh.
/// Once the update has replaced the file, the snapshot is what still holds the old one
/// (`releaseReplacedFileElsewhere`).
public final class IndexSnapshot: @unchecked Sendable {
    private let file: MappedFile
    let path: [UInt8]
    let location: IndexEntryUpdate.Location?
    let rootTreeID: [UInt8]?

    var status: stat { file.status }
    /// Patched in place by the update.
    var bytes: UnsafeMutableRawBufferPointer { file.bytes }

    /// The index at `indexPath`, skimmed for `path` (relative to the work tree); nil when it cannot be read.
    init?(indexPath: String, path: String) {
        guard let file = MappedFile(indexPath, writable: true, keepingDescriptor: true) else { return nil }
        self.file = file
        self.path = Array(path.utf8)
        let readOnly = UnsafeRawBufferPointer(file.bytes)
        location = IndexEntryUpdate.locate(self.path, indexSecond: UInt32(truncatingIfNeeded: file.status.st_mtim.tv_sec), in: readOnly)
        rootTreeID = location.flatMap { IndexCacheTree.rootTreeID(in: readOnly, format: $0.format) }
    }

    /// After the update renamed the new index over this one: its pages and blocks are freed by a child
    /// process once this snapshot is released, beside the hook's exit rather than in it
    /// (MappedFile.releaseElsewhere).
    @discardableResult
    func releaseReplacedFileElsewhere() -> pid_t? { file.releaseElsewhere() }

    /// Whether `current` (a stat of the index now) is the file this snapshot mapped.
    func isStill(_ current: stat) -> Bool {
        current.st_dev == status.st_dev && current.st_ino == status.st_ino && current.st_size == status.st_size
            && current.st_mtim.tv_sec == status.st_mtim.tv_sec && current.st_mtim.tv_nsec == status.st_mtim.tv_nsec
            && current.st_ctim.tv_sec == status.st_ctim.tv_sec && current.st_ctim.tv_nsec == status.st_ctim.tv_nsec
    }
}
