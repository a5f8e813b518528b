import CLibgit2
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The index as libgit2 reads it, for the hook's fold check: read without index.lock, never written.
final class IndexReading {
    /// Owned: freed in deinit.
    private let index: OpaquePointer
    /// The index file's mtime, taken before libgit2 read it: a later write can only make entries look racy.
    let written: IndexTime
    /// Whether it is the repository's own index, which libgit2's attribute lookups read too.
    let isRepositoryIndex: Bool

    private init(index: OpaquePointer, written: IndexTime, isRepositoryIndex: Bool) {
        self.index = index
        self.written = written
        self.isRepositoryIndex = isRepositoryIndex
    }

    deinit {
        git_index_free(index)
    }

    /// Above this size git's own processes read the index sooner than libgit2 1.5, which hashes the whole
    /// file and allocates every entry: 1.6 ms (libgit2) against 2.3 ms (one `git ls-files`) at 290 KB and
    /// 2 000 entries, 5.4 against 2.5 ms at 800 KB, 90 against 31 ms at 13 MB and 100 000 entries.
    static let largestRead: Int64 = 512 << 10

    /// stat of the index file, nil when it is not a file. Taken before the index is read, so that a later
    /// write can only make entries look racily clean, never the other way round.
    static func status(of path: String) -> stat? {
        var file = stat()
        guard stat(path, &file) == 0, file.st_mode & S_IFMT == S_IFREG else { return nil }
        return file
    }

    static func mtime(of file: stat) -> IndexTime {
        IndexTime(
            seconds: UInt32(truncatingIfNeeded: file.st_mtim.tv_sec),
            nanoseconds: UInt32(truncatingIfNeeded: file.st_mtim.tv_nsec))
    }

    /// The index file at `path` (whose stat is `file`) read by libgit2, or nil when it could not be read
    /// exactly as git reads it: larger than `largestRead`, an extension libgit2 1.5 refuses (split index
    /// `link`, sparse index `sdir`), or case-insensitive lookups. The repository's own index is read
    /// through the repository, since libgit2's attribute lookups read it there too.
    static func open(_ repository: GitRepository, path: String, file: stat) -> IndexReading? {
        guard Int64(file.st_size) <= largestRead else { return nil }
        let written = mtime(of: file)
        let isDefault =
            status(of: repository.gitDirectory.appendingPathComponent("index").path).map {
                $0.st_dev == file.st_dev && $0.st_ino == file.st_ino
            } ?? false
        var index: OpaquePointer?
        let result = repository.withHandle { handle -> Int32 in
            if isDefault {
                let opened = git_repository_index(&index, handle)
                // The repository keeps its index once read: read again if the file changed since.
                return opened < 0 ? opened : git_index_read(index, 0)
            }
            return git_index_open(&index, path)
        }
        guard result == 0, let index else {
            git_error_clear()
            if let index { git_index_free(index) }
            return nil
        }
        guard git_index_caps(index) & GIT_INDEX_CAPABILITY_IGNORE_CASE.rawValue == 0 else {
            git_index_free(index)
            return nil
        }
        return IndexReading(index: index, written: written, isRepositoryIndex: isDefault)
    }

    /// The root tree the index's cache-tree records, where it is valid throughout (as `git commit` and
    /// `git read-tree` leave it): the tree `git write-tree` would write, read without writing anything. nil
    /// when any part of it is invalid or the index holds a conflict. libgit2 would write the missing trees,
    /// so it is handed an object database of its own with no backend: any write fails, and gives nil. (It
    /// then drops the cache-tree from this in-memory index, which is never written: a later check in the
    /// same process asks git.)
    func cachedRootTree() -> String? {
        var odb: OpaquePointer?
        guard git_odb_new(&odb) == 0, let odb else {
            git_error_clear()
            return nil
        }
        defer { git_odb_free(odb) }
        var scratch: OpaquePointer?
        guard git_repository_wrap_odb(&scratch, odb) == 0, let scratch else {
            git_error_clear()
            return nil
        }
        defer { git_repository_free(scratch) }
        var root = git_oid()
        guard git_index_write_tree_to(&root, index, scratch) == 0 else {
            git_error_clear()
            return nil
        }
        return hexString(root)
    }

    /// The entries at `path` (from the top of the work tree), nil when there is none at any stage.
    func entry(_ path: String) -> IndexEntryFacts? {
        var conflicted = false
        for stage: Int32 in 1...3 where git_index_get_bypath(index, path, stage) != nil { conflicted = true }
        guard let found = git_index_get_bypath(index, path, 0) else {
            guard conflicted else { return nil }
            var facts = IndexEntryFacts(modeAndID: "", recorded: Self.recorded(nil))
            facts.conflicted = true
            return facts
        }
        let entry = found.pointee
        var facts = IndexEntryFacts(
            modeAndID: String(entry.mode, radix: 8) + " " + hexString(entry.id), recorded: Self.recorded(entry))
        facts.conflicted = conflicted
        facts.skipWorktree = UInt32(entry.flags_extended) & GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue != 0
        facts.intentToAdd = UInt32(entry.flags_extended) & GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue != 0
        facts.assumeUnchanged = UInt32(entry.flags) & GIT_INDEX_ENTRY_VALID.rawValue != 0
        return facts
    }

    private static func recorded(_ entry: git_index_entry?) -> StatFacts {
        guard let entry else {
            let zero = IndexTime(seconds: 0, nanoseconds: 0)
            return StatFacts(mode: 0, ctime: zero, mtime: zero, inode: 0, uid: 0, gid: 0, size: 0)
        }
        return StatFacts(
            mode: entry.mode,
            ctime: IndexTime(seconds: UInt32(bitPattern: entry.ctime.seconds), nanoseconds: entry.ctime.nanoseconds),
            mtime: IndexTime(seconds: UInt32(bitPattern: entry.mtime.seconds), nanoseconds: entry.mtime.nanoseconds),
            inode: entry.ino, uid: entry.uid, gid: entry.gid, size: UInt64(entry.file_size))
    }
}

/// What the fold check may believe of git's configuration and attributes as libgit2 reads them.
struct ConfigurationAsGitReadsIt {
    /// core.trustctime (git then ignores ctime when false).
    var trustsCTime: Bool
    /// core.autocrlf set to anything but false ("input" is no boolean, and converts too).
    var convertsLineEndings: Bool
}

extension GitRepository {
    /// core.trustctime and core.autocrlf from one snapshot of the configuration, or nil where git could read
    /// other values: a GIT_CONFIG* or GIT_ATTR* variable or another HOME (Libgit2.readsSameConfiguration),
    /// a config.worktree or an `includeIf "hasconfig:…"`, neither of which libgit2 1.5 follows.
    func configurationAsGitReadsIt(environment: [String: String]) -> ConfigurationAsGitReadsIt? {
        guard Libgit2.readsSameConfiguration(asGitWith: environment) else { return nil }
        return withHandle { handle in
            var config: OpaquePointer?
            guard git_repository_config_snapshot(&config, handle) == 0, let config else {
                git_error_clear()
                return nil
            }
            defer { git_config_free(config) }
            func bool(_ key: String, unset: Bool) -> Bool? {
                var value: Int32 = 0
                let found = git_config_get_bool(&value, config, key)
                git_error_clear()
                return found == GIT_ENOTFOUND.rawValue ? unset : found == 0 ? value != 0 : nil
            }
            var iterator: OpaquePointer?
            guard bool("extensions.worktreeconfig", unset: false) == false,
                git_config_iterator_glob_new(&iterator, config, "^includeif\\.hasconfig:") == 0
            else {
                git_error_clear()
                return nil
            }
            defer { git_config_iterator_free(iterator) }
            var entry: UnsafeMutablePointer<git_config_entry>?
            guard git_config_next(&entry, iterator) == GIT_ITEROVER.rawValue else {
                git_error_clear()
                return nil
            }
            git_error_clear()
            return ConfigurationAsGitReadsIt(
                trustsCTime: bool("core.trustctime", unset: true) ?? true,
                convertsLineEndings: bool("core.autocrlf", unset: false) ?? true)
        }
    }

    /// Whether none of the attributes `names` applies to `path` (from the top of the work tree), looked up
    /// in the work tree's .gitattributes files, then the index's; false when libgit2 cannot tell.
    func attributesUnset(_ names: [String], at path: String) -> Bool {
        withHandle { handle in
            var values = [UnsafePointer<CChar>?](repeating: nil, count: names.count)
            let copies = names.map { strdup($0) }
            defer { for copy in copies { free(copy) } }
            var pointers = copies.map { UnsafePointer($0) }
            let result = pointers.withUnsafeMutableBufferPointer { buffer in
                git_attr_get_many(
                    &values, handle, UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX), path, names.count, buffer.baseAddress)
            }
            guard result == 0 else {
                git_error_clear()
                return false
            }
            return values.allSatisfy { git_attr_value($0) == GIT_ATTR_VALUE_UNSPECIFIED }
        }
    }

    /// The id git gives `bytes` as a blob (`git hash-object`), without writing it.
    static func blobID(of bytes: [UInt8]) -> String? {
        var id = git_oid()
        let hashed = bytes.withUnsafeBytes { git_odb_hash(&id, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
        guard hashed == 0 else {
            git_error_clear()
            return nil
        }
        return hexString(id)
    }
}
