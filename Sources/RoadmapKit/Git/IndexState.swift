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

    /// The index git uses in `environment`: GIT_INDEX_FILE (relative to `directory`, where git runs), else
    /// the repository's.
    static func path(of repository: GitRepository, environment: [String: String], directory: URL) -> String {
        guard let named = environment["GIT_INDEX_FILE"], !named.isEmpty else {
            return repository.gitDirectory.appendingPathComponent("index").path
        }
        return named.hasPrefix("/") ? named : directory.appendingPathComponent(named).path
    }

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

extension GitRepository {
    /// What the fold check knows of `path` (from the top of the work tree) without running git.
    /// `environment` is git's, for its `-c` options.
    func foldFacts(_ path: String, in index: IndexReading, environment: [String: String]) throws -> FoldFacts {
        var facts = try foldFacts(path, entry: index.entry(path), written: index.written, environment: environment)
        // Looked up only where it could matter. Attributes from another index than the repository's would
        // take libgit2 a second read, from the wrong index: such a file is left to git.
        switch facts.verdict {
        case .known(.clean):
            facts.filtered = !index.isRepositoryIndex || hasFilter(path)
        case .askGit where index.isRepositoryIndex && convertsNothing(path, environment: environment):
            // Racily clean (the hook's own tracker, a commit after the last) or touched: git would read the
            // file and compare what it hashes to, and so does the check.
            facts.workTreeContent = facts.workTree.flatMap { workTreeContent(path, mode: $0.mode) }
        default:
            break
        }
        return facts
    }

    /// The same from an entry git listed. No attribute lookup: libgit2's reads the whole index (100 ms at
    /// 100 000 files, the cost this route avoids), and a filter cannot change git's answer here anyway:
    /// for an entry whose stat data match and that is not racily clean, git does not read the file at all.
    func foldFacts(_ path: String, entry: IndexEntryFacts?, written: IndexTime, environment: [String: String])
        throws -> FoldFacts
    {
        var facts = FoldFacts(
            entry: entry, head: try headEntry(path), workTree: workTreeStat(path), indexWritten: written)
        facts.comparesCTime = comparesCTime(environment: environment)
        return facts
    }

    /// lstat of the work tree's file, nil when it is missing or any folder on the way is not a plain
    /// folder (git does not follow a symlinked folder into the work tree; it sees the file as deleted).
    func workTreeStat(_ path: String) -> StatFacts? {
        var location = workingDirectory.path
        if location.hasSuffix("/") { location.removeLast() }
        var status = stat()
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        for (number, component) in components.enumerated() {
            location += "/" + component
            guard !component.isEmpty, lstat(location, &status) == 0 else { return nil }
            if number < components.count - 1, status.st_mode & S_IFMT != S_IFDIR { return nil }
        }
        return StatFacts(
            mode: UInt32(status.st_mode),
            ctime: IndexTime(
                seconds: UInt32(truncatingIfNeeded: status.st_ctim.tv_sec),
                nanoseconds: UInt32(truncatingIfNeeded: status.st_ctim.tv_nsec)),
            mtime: IndexTime(
                seconds: UInt32(truncatingIfNeeded: status.st_mtim.tv_sec),
                nanoseconds: UInt32(truncatingIfNeeded: status.st_mtim.tv_nsec)),
            inode: UInt32(truncatingIfNeeded: status.st_ino), uid: UInt32(status.st_uid),
            gid: UInt32(status.st_gid), size: UInt64(status.st_size))
    }

    /// core.trustctime as libgit2 reads the configuration, trusted only where git reads the same files
    /// (Libgit2.readsSameConfiguration: `-c` options or another global file could make git compare ctime)
    /// and reads them the same way (readsAsGit): else ctime is compared.
    private func comparesCTime(environment: [String: String]) -> Bool {
        if !Libgit2.readsSameConfiguration(asGitWith: environment) { return true }
        return withHandle { handle in
            var config: OpaquePointer?
            guard git_repository_config_snapshot(&config, handle) == 0 else {
                git_error_clear()
                return true
            }
            defer { git_config_free(config) }
            guard let config, Self.readsAsGit(config) else { return true }
            var trusted: Int32 = 1
            if git_config_get_bool(&trusted, config, "core.trustctime") < 0 { git_error_clear() }
            return trusted != 0
        }
    }

    /// Whether libgit2 1.5 reads this configuration as git does: no config.worktree
    /// (extensions.worktreeConfig) and no `includeIf "hasconfig:…"`, neither of which it follows.
    private static func readsAsGit(_ config: OpaquePointer) -> Bool {
        var worktreeConfig: Int32 = 0
        if git_config_get_bool(&worktreeConfig, config, "extensions.worktreeconfig") < 0 { git_error_clear() }
        guard worktreeConfig == 0 else { return false }
        var iterator: OpaquePointer?
        guard git_config_iterator_glob_new(&iterator, config, "^includeif\\.hasconfig:") == 0 else {
            git_error_clear()
            return false
        }
        defer { git_config_iterator_free(iterator) }
        var entry: UnsafeMutablePointer<git_config_entry>?
        let next = git_config_next(&entry, iterator)
        if next < 0 { git_error_clear() }
        return next == GIT_ITEROVER.rawValue
    }

    /// Whether git stages `path`'s bytes as they are: no filter, text, eol, crlf, ident or
    /// working-tree-encoding attribute and no core.autocrlf, read where git reads them and as git reads them
    /// (Libgit2.readsSameConfiguration, readsAsGit). false whenever libgit2 cannot tell.
    private func convertsNothing(_ path: String, environment: [String: String]) -> Bool {
        if !Libgit2.readsSameConfiguration(asGitWith: environment) { return false }
        return withHandle { handle in
            var config: OpaquePointer?
            guard git_repository_config_snapshot(&config, handle) == 0 else {
                git_error_clear()
                return false
            }
            defer { git_config_free(config) }
            guard let config, Self.readsAsGit(config) else { return false }
            // "input" is no boolean: an error, and so a conversion.
            var autocrlf: Int32 = 0
            let found = git_config_get_bool(&autocrlf, config, "core.autocrlf")
            if found < 0 { git_error_clear() }
            let autocrlfOff = found == GIT_ENOTFOUND.rawValue || (found == 0 && autocrlf == 0)
            guard autocrlfOff else { return false }
            let names = ["filter", "text", "eol", "crlf", "ident", "working-tree-encoding"]
            var values = [UnsafePointer<CChar>?](repeating: nil, count: names.count)
            let pointers = names.map { strdup($0) }
            defer { for pointer in pointers { free(pointer) } }
            var namePointers = pointers.map { UnsafePointer($0) }
            let result = namePointers.withUnsafeMutableBufferPointer { buffer in
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

    /// "<mode> <blob id>" of the work tree's regular file at `path` (whose lstat gave `mode`), as `git add`
    /// would stage it when nothing is converted: 100755 when its owner may execute it. nil for anything
    /// else, or unreadable.
    private func workTreeContent(_ path: String, mode: UInt32) -> String? {
        guard mode & UInt32(S_IFMT) == UInt32(S_IFREG),
            let bytes = LocalFiles.contents(atPath: workingDirectory.appendingPathComponent(path).path)
        else { return nil }
        var id = git_oid()
        let hashed = bytes.withUnsafeBytes { git_odb_hash(&id, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
        guard hashed == 0 else {
            git_error_clear()
            return nil
        }
        return (mode & 0o100 != 0 ? "100755 " : "100644 ") + hexString(id)
    }

    /// Whether a `filter` attribute applies to `path`, true when libgit2 cannot tell.
    private func hasFilter(_ path: String) -> Bool {
        withHandle { handle in
            var value: UnsafePointer<CChar>?
            guard git_attr_get(&value, handle, UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX), path, "filter") == 0 else {
                git_error_clear()
                return true
            }
            return git_attr_value(value) != GIT_ATTR_VALUE_UNSPECIFIED
        }
    }
}
