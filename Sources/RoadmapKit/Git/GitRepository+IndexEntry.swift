import Foundation

extension GitRepository {
    public enum IndexEntryOutcome: Equatable, Sendable {
        case updated
        /// Left to git: the reason says what this cannot do as git would (IndexEntryUpdate).
        case declined(String)
    }

    /// The index skimmed for `path` ahead of the update (on another thread, while the sync runs); nil when
    /// `GIT_INDEX_FILE` names another file or the index cannot be read.
    public func indexSnapshot(for path: String, environment: [String: String]) -> IndexSnapshot? {
        guard usesTheRepositoryIndex(environment) else { return nil }
        return IndexSnapshot(indexPath: gitDirectory.appendingPathComponent("index").path, path: path)
    }

    func usesTheRepositoryIndex(_ environment: [String: String]) -> Bool {
        guard let indexFile = environment["GIT_INDEX_FILE"] else { return true }
        return URL(fileURLWithPath: indexFile, relativeTo: workingDirectory).standardizedFileURL.path
            == gitDirectory.appendingPathComponent("index").standardizedFileURL.path
    }

    /// Reflects an amend made by `amendHead(updating:…, updateIndex: false)` in git's index, as
    /// `git update-index -- path` would, by patching the file in place under git's `index.lock`
    /// (IndexEntryUpdate). The work tree's file must hold the amended contents: it is read back and
    /// compared, so that a change made since cannot be recorded as clean.
    /// An index git wrote without a checksum (`index.skipHash`: its trailer is all zeros) is written the same
    /// way, as git would while that setting holds.
    /// - Parameters:
    ///   - snapshot: the index as skimmed ahead; used when it is still the file under the lock.
    ///   - releasingOldIndexElsewhere: the replaced index is handed to a short-lived `cat` to free
    ///     (MappedFile.releaseElsewhere) — for a process about to exit (the hook); the child is not waited for.
    public func updateIndexEntry(
        after amend: AmendedCommit, environment: [String: String], snapshot: IndexSnapshot? = nil, releasingOldIndexElsewhere: Bool = false
    ) throws -> IndexEntryOutcome {
        guard usesTheRepositoryIndex(environment) else { return .declined("another index file (GIT_INDEX_FILE)") }
        let indexPath = gitDirectory.appendingPathComponent("index").path
        let lockPath = indexPath + ".lock"
        // git's lock: whoever creates index.lock owns the index until it renames the lock over it.
        let lock = Glibc.open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard lock >= 0 else {
            let reason = errno == EEXIST ? "another git process holds \(lockPath)" : String(cString: strerror(errno))
            throw RoadmapError.file("cannot lock the index: \(reason)")
        }
        var renamed = false
        defer {
            close(lock)
            if !renamed { unlink(lockPath) }
        }

        // Under the lock the file cannot change: the snapshot serves if it is still this file.
        var current = stat()
        guard stat(indexPath, &current) == 0, current.st_size > 0 else { return .declined("no index to update") }
        let path = Array(amend.path.utf8)
        guard let index = snapshot.flatMap({ $0.path == path && $0.isStill(current) ? $0 : nil }) ?? IndexSnapshot(indexPath: indexPath, path: amend.path)
        else { throw RoadmapError.file("cannot read \(indexPath): \(String(cString: strerror(errno)))") }
        guard let fileStat = Self.statOfUnchangedFile(workingDirectory.appendingPathComponent(amend.path).path, holding: amend.contents) else {
            return .declined("the work tree's file is not what was amended")
        }
        let update = IndexEntryUpdate(
            path: path, blobID: amend.blobID, stat: fileStat, trees: amend.trees,
            indexSecond: UInt32(truncatingIfNeeded: index.status.st_mtim.tv_sec))
        let checksumStart: Int
        switch update.patch(index.bytes, at: index.location) {
        case .declined(let reason):
            return .declined(reason)
        case .patched(let start):
            checksumStart = start
        }
        // The new checksum is computed while everything it covers is written out; the mappings outlive both.
        let covered = UnsafeRawBufferPointer(rebasing: index.bytes[..<checksumStart])
        let unhashed = index.bytes[checksumStart...].allSatisfy { $0 == 0 }
        let hashing = unhashed ? nil : Background { IndexEntryUpdate.sha1(covered) }
        var writeError = Self.writeAll(lock, covered)
        let checksum = hashing?.value ?? [UInt8](repeating: 0, count: IndexFileFormat.hashSize)
        if writeError == 0 { writeError = checksum.withUnsafeBytes { Self.writeAll(lock, $0) } }
        guard writeError == 0 else { throw RoadmapError.file("cannot write \(lockPath): \(String(cString: strerror(writeError)))") }
        fchmod(lock, index.status.st_mode & 0o7777)
        guard rename(lockPath, indexPath) == 0 else {
            throw RoadmapError.file("cannot replace \(indexPath): \(String(cString: strerror(errno)))")
        }
        renamed = true
        if releasingOldIndexElsewhere { index.releaseReplacedFileElsewhere() }
        return .updated
    }

    /// Writes all of `bytes` to `file`; returns 0 or the errno of the failure. A megabyte at a time: given
    /// all 13 MB of a 100 000-file index in one call, the kernel fills the page cache with its largest
    /// folios, and in one write of four or so it stopped 30-50 ms to compact memory for them (the same
    /// write in 1 MB pieces: 4-6 ms, every time).
    /// `write` is the system's, but for tests.
    static func writeAll(
        _ file: Int32, _ bytes: UnsafeRawBufferPointer, through write: (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }
    ) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = write(file, bytes.baseAddress! + written, min(bytes.count - written, 1 << 20))
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return result < 0 ? errno : ENOSPC }
            written += result
        }
        return 0
    }

    /// The stat data of the regular file at `path`, when it holds exactly `contents` and did not change
    /// while it was read (same size, mtime and ctime before and after).
    static func statOfUnchangedFile(_ path: String, holding contents: [UInt8]) -> IndexEntryUpdate.StatData? {
        let file = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var before = stat(), after = stat()
        guard fstat(file, &before) == 0, before.st_mode & S_IFMT == S_IFREG, before.st_size == contents.count else { return nil }
        var read = [UInt8](repeating: 0, count: contents.count + 1)
        var total = 0
        while total < read.count {
            let result = read.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress! + total, $0.count - total) }
            if result < 0 && errno == EINTR { continue }
            guard result >= 0 else { return nil }
            if result == 0 { break }
            total += result
        }
        guard total == contents.count, read.prefix(total).elementsEqual(contents), fstat(file, &after) == 0,
              after.st_size == before.st_size, after.st_mtim.tv_sec == before.st_mtim.tv_sec, after.st_mtim.tv_nsec == before.st_mtim.tv_nsec,
              after.st_ctim.tv_sec == before.st_ctim.tv_sec, after.st_ctim.tv_nsec == before.st_ctim.tv_nsec
        else { return nil }
        func cut<T: BinaryInteger>(_ value: T) -> UInt32 { UInt32(truncatingIfNeeded: value) }
        return IndexEntryUpdate.StatData(
            ctimeSeconds: cut(after.st_ctim.tv_sec), ctimeNanoseconds: cut(after.st_ctim.tv_nsec),
            mtimeSeconds: cut(after.st_mtim.tv_sec), mtimeNanoseconds: cut(after.st_mtim.tv_nsec),
            device: cut(after.st_dev), inode: cut(after.st_ino), userID: cut(after.st_uid), groupID: cut(after.st_gid),
            size: cut(after.st_size), isExecutable: after.st_mode & 0o100 != 0)
    }
}
