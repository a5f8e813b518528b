import CLibgit2
import Foundation

/// A repository opened through libgit2.
///
/// `@unchecked Sendable`: a libgit2 `git_repository` must not be used from two threads at once, so every
/// call that touches `handle` runs under `lock`. The lock is recursive so that a `forEachCommit` or `walk` body may
/// call back into the same repository (e.g. `headTreePaths()`) on its own thread without deadlocking. A walk's
/// `digest` may run on another thread while the walk holds the lock: it must not call back.
/// The directory URLs are immutable values captured at open time.
public final class GitRepository: RepositoryReading, @unchecked Sendable {
    public let gitDirectory: URL
    public let commonDirectory: URL
    public let workingDirectory: URL

    /// Owned: freed in deinit and never handed out.
    private let handle: OpaquePointer
    private let lock = NSRecursiveLock()
    /// HEAD's tree as the last walk found it on HEAD's first line (guarded by `lock`): reading it again means
    /// inflating the whole commit, 20 MB when the message is that long.
    var walkedHeadTree: (commit: git_oid, tree: git_oid)?
    /// The pack indexes ObjectFiles reads, mapped once for this handle and the ones `reopened()` makes.
    private var sharedPacks: ObjectFiles.Packs?

    /// Takes ownership of `handle`; the caller has checked that the repository has a work tree.
    init(handle: OpaquePointer, workingDirectory: String) {
        self.handle = handle
        self.gitDirectory = URL(fileURLWithPath: String(cString: git_repository_path(handle)), isDirectory: true)
        self.commonDirectory = URL(fileURLWithPath: String(cString: git_repository_commondir(handle)), isDirectory: true)
        self.workingDirectory = URL(fileURLWithPath: workingDirectory, isDirectory: true)
    }

    deinit {
        git_repository_free(handle)
    }

    // MARK: Opening

    /// Lets libgit2 start up on another thread now, for a command that will open a repository soon.
    public static func prepare() {
        Libgit2.initializeInBackground()
    }

    /// What a process that called `prepare()` does before it exits, by any path.
    public static func finishPreparation() {
        Libgit2.waitForBackgroundInitialization()
    }

    /// Opens the repository the way git does: discovery upward from `path` (like `git -C path`), honouring
    /// GIT_DIR / GIT_WORK_TREE / GIT_CEILING_DIRECTORIES / GIT_DISCOVERY_ACROSS_FILESYSTEM from `environment`
    /// when set (a git hook runs with GIT_DIR set), and linked worktrees. Relative GIT_DIR and GIT_WORK_TREE
    /// are taken relative to `path`, which plays the part of git's current directory. With GIT_DIR but no
    /// GIT_WORK_TREE the work tree is the one the repository names (core.worktree, a linked worktree's link,
    /// or the folder holding a `.git` directory), as libgit2 decides; git would take the current directory,
    /// which is the same thing inside a hook (hooks run at the top of the work tree).
    /// A bare repository is `GitError(.bareRepository)`; nothing found is `.notARepository`.
    public static func open(
        at path: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GitRepository {
        Libgit2.initialize()
        // Not standardized: textual ".." removal differs from the kernel's when a symlink precedes it;
        // libgit2 resolves the real path itself.
        let startDirectory = path.absoluteURL

        // libgit2's GIT_REPOSITORY_OPEN_FROM_ENV would read the real process environment and rejects
        // GIT_WORK_TREE, so its rules are reproduced here from the dictionary instead.
        var handle: OpaquePointer?
        if let gitDirSetting = nonEmpty(environment["GIT_DIR"]) {
            let gitDir = resolve(gitDirSetting, against: startDirectory)
            // GIT_DIR names the repository itself: no upward search and no "<dir>/.git" guess (as git, and FROM_ENV).
            let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_NO_DOTGIT.rawValue
            let result = git_repository_open_ext(&handle, gitDir, flags, nil)
            if result == GIT_ENOTFOUND.rawValue {
                throw GitError.notARepository(namedByGitDir: gitDir)
            }
            try Libgit2.check(result, path: gitDir)
        } else {
            var flags: UInt32 = 0
            if isTrue(environment["GIT_DISCOVERY_ACROSS_FILESYSTEM"]) {
                flags |= GIT_REPOSITORY_OPEN_CROSS_FS.rawValue
            }
            let ceilings = nonEmpty(environment["GIT_CEILING_DIRECTORIES"])
            let result = git_repository_open_ext(&handle, startDirectory.path, flags, ceilings)
            if result == GIT_ENOTFOUND.rawValue {
                throw GitError.notARepository(searchedFrom: startDirectory.path, ceilingDirectories: ceilings)
            }
            try Libgit2.check(result, path: startDirectory.path)
        }
        guard let handle else {
            throw GitError(kind: .libgit2, path: startDirectory.path, message: "libgit2 opened no repository")
        }

        var handedOver = false
        defer {
            if !handedOver { git_repository_free(handle) }
        }
        let gitDirectoryPath = String(cString: git_repository_path(handle))

        if let workTreeSetting = nonEmpty(environment["GIT_WORK_TREE"]) {
            // update_gitlink = 0: only this handle should see the work tree; never rewrite the repository's config.
            let workTree = resolve(workTreeSetting, against: startDirectory)
            try Libgit2.check(git_repository_set_workdir(handle, workTree, 0), path: gitDirectoryPath)
        }
        guard git_repository_is_bare(handle) == 0, let workingDirectory = git_repository_workdir(handle) else {
            throw GitError.bareRepository(at: gitDirectoryPath)
        }

        let repository = GitRepository(handle: handle, workingDirectory: String(cString: workingDirectory))
        handedOver = true
        return repository
    }

    /// A second handle on the same repository (its git folder, with this one's work tree), for reading on
    /// another thread: every call on a handle holds its lock, and a full walk holds it throughout.
    public func reopened() throws -> GitRepository {
        var handle: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_NO_DOTGIT.rawValue
        try Libgit2.check(git_repository_open_ext(&handle, gitDirectory.path, flags, nil), path: gitDirectory.path)
        guard let handle else { throw GitError(kind: .libgit2, path: gitDirectory.path, message: "libgit2 opened no repository") }
        if git_repository_is_bare(handle) == 1 || git_repository_workdir(handle).map({ String(cString: $0) }) != workingDirectory.path + "/" {
            // The work tree came from GIT_WORK_TREE: this handle gets it too (never written to the config).
            let result = git_repository_set_workdir(handle, workingDirectory.path, 0)
            guard result == 0 else {
                git_repository_free(handle)
                try Libgit2.check(result, path: gitDirectory.path)
                throw GitError(kind: .libgit2, path: gitDirectory.path, message: "cannot reopen the repository")
            }
        }
        let second = GitRepository(handle: handle, workingDirectory: workingDirectory.path)
        second.sharedPacks = packs()
        return second
    }

    /// A reader of the object files over this repository's shared pack indexes; one per thread.
    func objectFiles() -> ObjectFiles {
        ObjectFiles(sharing: packs())
    }

    /// The pack indexes, mapped on first use and shared by every reader of this handle and of `reopened()`'s.
    private func packs() -> ObjectFiles.Packs {
        lock.lock()
        defer { lock.unlock() }
        if let sharedPacks { return sharedPacks }
        let packs = ObjectFiles.Packs(objectsDirectory: objectsDirectory)
        sharedPacks = packs
        return packs
    }

    /// The `objects` folder as libgit2 resolved it.
    private var objectsDirectory: String {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_repository_item_path(&buffer, handle, GIT_REPOSITORY_ITEM_OBJECTS) == 0, let path = buffer.ptr else {
            git_error_clear()
            return commonDirectory.appendingPathComponent("objects").path
        }
        var text = String(cString: path)
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func resolve(_ path: String, against directory: URL) -> String {
        if path.hasPrefix("/") { return path }
        return directory.appendingPathComponent(path).path
    }

    /// git's boolean spelling for environment switches.
    private static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    // MARK: Reading

    public var isShallow: Bool {
        withHandle { git_repository_is_shallow($0) == 1 }
    }

    public func headCommitID() throws -> String? {
        try withHandle { handle in
            try headObjectID(handle).map { id in withUnsafePointer(to: id) { CommitReader.hexString($0) } }
        }
    }

    public func forEachCommit(_ body: (CommitRecord) throws -> Void) throws {
        try withHandle { handle in
            guard let head = try headObjectID(handle) else { return }
            let boundary = git_repository_is_shallow(handle) == 1 ? shallowBoundary() : []
            let reader = CommitReader(repository: handle, errorPath: gitDirectory.path, objectFiles: objectFiles())
            try reader.forEachCommit(from: head, shallowBoundary: boundary, body)
        }
    }

    /// Generic only in this thin layer, inlinable so that callers in other modules get it specialized for
    /// their `Digest` (unspecialized, its metadata look-ups cost 3% of a 200 000-commit walk). Digests are
    /// few, so they are kept here in an array and the walk itself (`walkCommits`) only numbers them.
    @inlinable
    public func walk<Digest>(
        knownGeneration: ((String) -> UInt32?)?,
        digest: (CommitContent) -> Digest?,
        _ body: (WalkedCommit<Digest>) throws -> Void
    ) throws -> WalkSummary {
        var digests: [Digest] = []
        return try walkCommits(knownGeneration: knownGeneration) { content in
            guard let result = digest(content) else { return false }
            digests.append(result)
            return true
        } _: { id, parents, generation, number in
            try body(WalkedCommit(id: id, parents: parents, generation: generation, digest: number.map { digests[$0] }))
        }
    }

    /// `walk` with digests numbered rather than stored: `keep` answers whether it kept a digest of the
    /// commit, and `body` gets that digest's number (0, 1, ... in read order), or nil.
    @usableFromInline
    func walkCommits(
        knownGeneration: ((String) -> UInt32?)?,
        keep: (CommitContent) -> Bool,
        _ body: (_ id: String, _ parents: [String], _ generation: UInt32, _ digest: Int?) throws -> Void
    ) throws -> WalkSummary {
        try withHandle { handle in
            guard let head = try headObjectID(handle) else { return WalkSummary() }
            let boundary = git_repository_is_shallow(handle) == 1 ? shallowBoundary() : []
            let reader = CommitReader(repository: handle, errorPath: gitDirectory.path, objectFiles: objectFiles())
            let summary = try reader.walk(
                from: head, shallowBoundary: boundary, knownGeneration: knownGeneration, keep: keep, body)
            if let tree = summary.headTree { walkedHeadTree = (head, tree) }
            return summary
        }
    }

    public func headTreePaths() throws -> [String] {
        try withHandle { handle in
            guard let root = try headTreeObjectID(handle) else { return [] }
            return try treePaths(handle, root: root, keepingFilesUnder: nil)
        }
    }

    /// The paths of tree `treeID` (HEAD's, as TreeSource looked it up) that lie under a folder `isKept`
    /// accepts by name (at any depth); nil keeps every path. Every tree is still read, since a kept folder
    /// may sit anywhere, but a file outside kept folders costs a byte test instead of a path string: most
    /// of a 100 000-file tree.
    public func treePaths(of treeID: String, keepingFilesUnder isKept: ((String) -> Bool)?) throws -> [String] {
        var root = git_oid()
        guard git_oid_fromstrn(&root, treeID, 40) == 0, treeID.utf8.count == 40 else {
            throw GitError(kind: .libgit2, path: gitDirectory.path, message: "invalid tree id \(treeID)")
        }
        return try withHandle { handle in try treePaths(handle, root: root, keepingFilesUnder: isKept) }
    }

    private func treePaths(_ handle: OpaquePointer, root: git_oid, keepingFilesUnder isKept: ((String) -> Bool)?) throws -> [String] {
        let reader = try TreeReader(repository: handle, errorPath: gitDirectory.path, objectFiles: objectFiles())
        var paths: [String] = []
        var prefix: [UInt8] = []
        var verdicts: [String: Bool] = [:]
        func list(_ id: git_oid, keeping: Bool) throws {
            try reader.forEachEntry(of: id) { entry in
                if entry.isTree {
                    var keepsBelow = keeping
                    if !keepsBelow, let isKept {
                        let folder = String(decoding: entry.name, as: UTF8.self)
                        keepsBelow = verdicts[folder] ?? { let verdict = isKept(folder); verdicts[folder] = verdict; return verdict }()
                    }
                    let mark = prefix.count
                    prefix.append(contentsOf: entry.name)
                    prefix.append(UInt8(ascii: "/"))
                    try list(entry.id, keeping: keepsBelow)
                    prefix.removeSubrange(mark...)
                } else if keeping || isKept == nil {
                    // Git paths are bytes; invalid UTF-8 is repaired with U+FFFD by String(decoding:).
                    paths.append(String(decoding: prefix + entry.name, as: UTF8.self))
                }
            }
        }
        try list(root, keeping: false)
        return paths
    }

    // MARK: Internals

    /// Runs `body` with exclusive use of the libgit2 repository. Every libgit2 call on `handle` goes through here.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(handle)
    }

    /// The id HEAD resolves to, or nil while HEAD is unborn.
    func headObjectID(_ handle: OpaquePointer) throws -> git_oid? {
        let unborn = git_repository_head_unborn(handle)
        try Libgit2.check(unborn, path: gitDirectory.path)
        if unborn == 1 { return nil }
        var id = git_oid()
        try Libgit2.check(git_reference_name_to_id(&id, handle, "HEAD"), path: gitDirectory.path)
        return id
    }

    /// The commits listed in `shallow`: git treats them as having no parents (their parents were not fetched).
    private func shallowBoundary() -> Set<String> {
        let file = commonDirectory.appendingPathComponent("shallow")
        guard let contents = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return Set(contents.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
