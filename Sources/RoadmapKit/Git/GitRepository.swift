import CLibgit2
import Foundation

/// A repository opened through libgit2: the only type that holds a libgit2 handle. Not Sendable: a
/// `git_repository` must not be used from two threads at once, and the tool reads it from one.
public final class GitRepository {
    public let gitDirectory: URL
    /// The same as `gitDirectory` except in linked worktrees.
    public let commonDirectory: URL
    public let workingDirectory: URL
    /// `refs/replace/*` as `git log` honours them, unless GIT_NO_REPLACE_OBJECTS or core.useReplaceRefs=false.
    let replacements: [ObjectID: git_oid]

    /// Owned: freed in deinit and never handed out.
    private let handle: OpaquePointer
    /// HEAD's tree as the last walk found it, so that the tree findings need not read HEAD again.
    var walkedHeadTree: (commit: git_oid, tree: git_oid)?

    /// Takes ownership of `handle`; the caller has checked that the repository has a work tree.
    init(handle: OpaquePointer, workingDirectory: String, environment: [String: String] = [:]) {
        self.handle = handle
        self.gitDirectory = URL(fileURLWithPath: String(cString: git_repository_path(handle)), isDirectory: true)
        self.commonDirectory = URL(
            fileURLWithPath: String(cString: git_repository_commondir(handle)), isDirectory: true)
        self.workingDirectory = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        self.replacements = Self.replacements(handle, environment: environment)
    }

    deinit {
        git_repository_free(handle)
    }

    // MARK: Opening

    /// Opens the repository the way git finds it: discovery upward from `path` (like `git -C path`),
    /// GIT_DIR / GIT_WORK_TREE / GIT_CEILING_DIRECTORIES / GIT_DISCOVERY_ACROSS_FILESYSTEM from
    /// `environment` (a hook runs with GIT_DIR set), core.worktree and linked worktrees. Relative GIT_DIR
    /// and GIT_WORK_TREE are taken from `path`, which plays the part of git's current directory.
    /// Not finding one, or finding a bare one, is a `.notARepository` error.
    public static func open(at path: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> GitRepository
    {
        Libgit2.initialize()
        // Not standardized: textual ".." removal differs from the kernel's when a symlink precedes it.
        let startDirectory = path.absoluteURL
        // GIT_REPOSITORY_OPEN_FROM_ENV would read the real process environment and rejects GIT_WORK_TREE,
        // so its rules are reproduced here from the dictionary instead.
        var handle: OpaquePointer?
        let gitDir = nonEmpty(environment["GIT_DIR"]).map { resolve($0, against: startDirectory) }
        let searched = gitDir ?? startDirectory.path
        let result: Int32
        if let gitDir {
            // GIT_DIR names the repository itself: no upward search and no "<dir>/.git" guess (as git).
            let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_NO_DOTGIT.rawValue
            result = git_repository_open_ext(&handle, gitDir, flags, nil)
        } else {
            let flags =
                isTrue(environment["GIT_DISCOVERY_ACROSS_FILESYSTEM"]) ? GIT_REPOSITORY_OPEN_CROSS_FS.rawValue : 0
            result = git_repository_open_ext(&handle, searched, flags, nonEmpty(environment["GIT_CEILING_DIRECTORIES"]))
        }
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            let ceiling = nonEmpty(environment["GIT_CEILING_DIRECTORIES"]).flatMap {
                deepestCeiling(in: $0, above: searched)
            }
            let scope =
                gitDir != nil
                ? "named by GIT_DIR" : ceiling.map { "or any parent up to \($0)" } ?? "or any of the parent directories"
            throw RoadmapError.notARepository("not a git repository (\(scope)): \(searched)")
        }
        if result < 0, let message = git_error_last()?.pointee.message,
            String(cString: message).contains("objectformat")
        {
            git_error_clear()
            throw RoadmapError.file(
                "\(searched) is a SHA-256 repository, which libgit2 1.5 (what roadmap reads git with) cannot read")
        }
        try Libgit2.check(result, path: searched)
        guard let handle else { throw RoadmapError.file("libgit2 opened no repository at \(searched)") }
        var handedOver = false
        defer { if !handedOver { git_repository_free(handle) } }
        let gitDirectoryPath = String(cString: git_repository_path(handle))

        // update_gitlink = 0 below: only this handle should see the work tree; never rewrite the config.
        if let workTree = nonEmpty(environment["GIT_WORK_TREE"]) {
            try Libgit2.check(
                git_repository_set_workdir(handle, resolve(workTree, against: startDirectory), 0),
                path: gitDirectoryPath)
        } else if gitDir != nil, git_repository_is_bare(handle) == 0, !namesWorkTree(handle) {
            // git's rule: GIT_DIR without GIT_WORK_TREE or core.worktree makes the current folder the top of
            // the work tree (a hook runs there). libgit2 would take the folder above the git folder, which
            // for `git init --separate-git-dir` is not the work tree at all.
            try Libgit2.check(git_repository_set_workdir(handle, startDirectory.path, 0), path: gitDirectoryPath)
        }
        guard git_repository_is_bare(handle) == 0, let workingDirectory = git_repository_workdir(handle) else {
            throw RoadmapError.notARepository("bare repository (no working tree): \(gitDirectoryPath)")
        }
        let repository = GitRepository(
            handle: handle, workingDirectory: String(cString: workingDirectory), environment: environment)
        handedOver = true
        return repository
    }

    /// Whether the repository's configuration sets core.worktree.
    private static func namesWorkTree(_ handle: OpaquePointer) -> Bool {
        configValue(handle, "core.worktree") != nil
    }

    static func configValue(_ handle: OpaquePointer, _ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0 else {
            git_error_clear()
            return nil
        }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, key) == 0, let value else {
            git_error_clear()
            return nil
        }
        return String(cString: value)
    }

    /// `refs/replace/<id>` → the object to read instead, as git reads it (GIT_REPLACE_REF_BASE honoured).
    private static func replacements(_ handle: OpaquePointer, environment: [String: String]) -> [ObjectID: git_oid] {
        guard environment["GIT_NO_REPLACE_OBJECTS"] == nil,
            configValue(handle, "core.useReplaceRefs").map({ !["false", "no", "off", "0"].contains($0.lowercased()) })
                ?? true
        else { return [:] }
        var base = nonEmpty(environment["GIT_REPLACE_REF_BASE"]) ?? "refs/replace/"
        if !base.hasSuffix("/") { base += "/" }
        var iterator: OpaquePointer?
        guard git_reference_iterator_glob_new(&iterator, handle, base + "*") == 0 else {
            git_error_clear()
            return [:]
        }
        defer { git_reference_iterator_free(iterator) }
        var found: [ObjectID: git_oid] = [:]
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0 {
            defer { git_reference_free(reference) }
            let name = String(cString: git_reference_name(reference)).dropFirst(base.count)
            guard let original = ObjectID(hex: name), let target = git_reference_target(reference) else { continue }
            found[original] = target.pointee
        }
        git_error_clear()
        return found
    }

    /// The ceiling that stopped the upward search, so that the message can say how far it looked.
    private static func deepestCeiling(in list: String, above path: String) -> String? {
        list.split(separator: ":", omittingEmptySubsequences: true)
            .map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : String($0) }
            .filter { $0.hasPrefix("/") && (path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/")) }
            .max { $0.count < $1.count }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func resolve(_ path: String, against directory: URL) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path
    }

    /// git's boolean spelling for environment switches.
    private static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    // MARK: Reading

    public var isShallow: Bool {
        git_repository_is_shallow(handle) == 1
    }

    /// The commit HEAD points at, or nil while HEAD is unborn.
    public func headCommitID() throws -> String? {
        try headObjectID(handle).map(hexString)
    }

    /// Every commit reachable from HEAD, oldest first, parents before children (`git rev-list --topo-order
    /// --reverse`). Unborn HEAD: calls body zero times.
    public func forEachCommit(_ body: (CommitRecord) throws -> Void) throws {
        let content: (CommitContent) -> CommitContent? = { $0 }
        _ = try walk(knownGeneration: nil, digest: content) { commit in
            guard let content = commit.digest else { return }
            try body(
                CommitRecord(
                    id: commit.id, parents: commit.parents, authorDate: content.authorDate, message: content.message))
        }
    }

    /// The commits reachable from HEAD that are not known yet, read once each, then handed to `body` parents
    /// first in forEachCommit's order, with generations.
    /// - `knownGeneration` (nil: none is known) is asked about HEAD and each parent met, at most once per
    ///   commit: a commit it gives a generation for is neither read nor emitted nor followed; it is reported
    ///   in the summary's `boundary` and its generation counts for its children.
    /// - `digest` is called once per commit read, in read order, before any `body` call; only its result is
    ///   kept (the message is not), so make it small and return nil for most commits.
    /// - A shallow clone's boundary commits have no parents.
    public func walk<Digest>(
        knownGeneration: ((String) -> UInt32?)?,
        digest: (CommitContent) -> Digest?,
        _ body: (WalkedCommit<Digest>) throws -> Void
    ) throws -> WalkSummary {
        guard let head = try headObjectID(handle) else { return WalkSummary() }
        var digests: [Digest] = []
        let (summary, headTree) = try historyReader().walk(from: head, knownGeneration: knownGeneration) { content in
            guard let result = digest(content) else { return false }
            digests.append(result)
            return true
        } _: { id, parents, generation, number in
            try body(WalkedCommit(id: id, parents: parents, generation: generation, digest: number.map { digests[$0] }))
        }
        if let headTree { walkedHeadTree = (head, headTree) }
        return summary
    }

    private func historyReader() -> HistoryReader {
        HistoryReader(
            repository: handle, errorPath: gitDirectory.path, replacements: replacements,
            shallowBoundary: shallowBoundary())
    }

    /// Runs `body` with the libgit2 repository. Every libgit2 call on `handle` goes through here.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(handle)
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
    private func shallowBoundary() -> Set<ObjectID> {
        guard git_repository_is_shallow(handle) == 1,
            let contents = try? String(contentsOf: commonDirectory.appendingPathComponent("shallow"), encoding: .utf8)
        else { return [] }
        return Set(
            contents.split(whereSeparator: \.isNewline).compactMap {
                ObjectID(hex: $0.trimmingCharacters(in: .whitespaces))
            })
    }

    /// What the evidence read from history depends on besides HEAD: the replacement refs honoured.
    public var replacementsSignature: String {
        replacements.map { "\($0.key)=\(hexString($0.value))" }.sorted().joined(separator: ",")
    }
}
