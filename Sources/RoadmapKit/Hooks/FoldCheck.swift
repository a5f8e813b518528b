import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What git says before the hook writes: whether each file may be folded in, and whether anything else
/// is staged (then only `--only` amends just these files).
public struct FoldCheck: Sendable {
    public var states: [FoldableState]
    public var othersStaged: Bool
    /// Whether libgit2 read the index (else git listed it, or answered everything), and how many gits were
    /// started: what ROADMAP_TRACE shows, so that a fall back to git is seen.
    public var readIndex = false
    public var gitProcesses = 0
}

extension GitCommand {
    /// The files at `paths` (relative to the top of the work tree) before the hook writes them, and (when
    /// `askingWhetherOthersAreStaged`) whether anything else is staged. libgit2 reads the index (or, when
    /// it cannot read it as git does, one `git ls-files` lists it) and lstat the work tree, and git is
    /// asked only what they cannot settle (FoldFacts.verdict). Each git here only reads, except as `git diff`
    /// does for a user: finding a file's stat data changed and its content not, it refreshes the index.
    public func foldCheck(
        of paths: [String], in repository: GitRepository, askingWhetherOthersAreStaged: Bool = true
    ) throws -> FoldCheck {
        var started = 0
        func launch(_ arguments: [String]) throws -> () throws -> Result {
            started += 1
            return try start(arguments)
        }
        let indexPath = Self.indexPath(of: repository, environment: environment, directory: directory)
        let file = IndexReading.status(of: indexPath)
        let index = file.flatMap { IndexReading.open(repository, path: indexPath, file: $0) }
        // Whether anything is staged: the index's cache-tree, where it is valid throughout (as `git commit`
        // leaves it), names the tree the index would commit, so HEAD's tree is compared with it and git's
        // `diff --cached` answers only the rest. Reading every tree of HEAD instead took 7.8 ms for the
        // learner benchmark's 3 000 trees; always amending with --only costs 36.6 against 24.3 ms there.
        var stagedByCacheTree: Bool?
        if askingWhetherOthersAreStaged, let index, let root = index.cachedRootTree(),
            let headTree = try repository.headTreeID()
        {
            stagedByCacheTree = root != headTree
        }
        // Else started first, to run beside the rest. A staged submodule counts whatever diff.ignoreSubmodules
        // says: --include would fold it into the commit.
        let staged =
            try askingWhetherOthersAreStaged && stagedByCacheTree == nil
            ? launch(["--no-optional-locks", "diff", "--cached", "--quiet", "--ignore-submodules=none"]) : nil
        var check: FoldCheck
        var diffs: [(() throws -> Result)?] = paths.map { _ in nil }
        if let (facts, byLibgit2) = try foldFacts(
            of: paths, in: repository, index: index, file: file, diffs: &diffs, launch: launch)
        {
            let verdicts = facts.map(\.verdict)
            // Side by side; rare (a file edited, or racy and converted by git).
            for (number, verdict) in verdicts.enumerated() where verdict == .askGit && diffs[number] == nil {
                diffs[number] = try launch(Self.workTreeDiff(paths[number]))
            }
            var states: [FoldableState] = []
            for (number, verdict) in verdicts.enumerated() {
                switch verdict {
                case .known(let state): states.append(state)
                case .untrackedOrIgnored: states.append(try ignoredOrUntracked(paths[number], launch: launch))
                case .askGit: states.append(try workTreeState(of: paths[number], diff: diffs[number]!()))
                }
            }
            check = FoldCheck(states: states, othersStaged: true, readIndex: byLibgit2)
        } else {
            check = try foldCheckThroughGit(of: paths, headEntry: repository.headEntry, launch: launch)
        }
        if let stagedByCacheTree { check.othersStaged = stagedByCacheTree }
        if let staged { check.othersStaged = try staged().status != 0 }
        check.gitProcesses = started
        return check
    }

    /// The index git uses in `environment`: GIT_INDEX_FILE (relative to `directory`, where git runs), else
    /// the repository's.
    private static func indexPath(of repository: GitRepository, environment: [String: String], directory: URL) -> String
    {
        guard let named = environment["GIT_INDEX_FILE"], !named.isEmpty else {
            return repository.gitDirectory.appendingPathComponent("index").path
        }
        return named.hasPrefix("/") ? named : directory.appendingPathComponent(named).path
    }

    /// What libgit2 read of the index (`index`, below IndexReading.largestRead), else what one `git ls-files`
    /// lists of it; nil when neither could be read, and git must answer everything. Listed by git, a file
    /// modified in or after the index file's second (racily clean or edited) has its diff started beside
    /// the listing, not after it: at 100 000 files the listing and then the diff took 84 ms, side by side 52.
    private func foldFacts(
        of paths: [String], in repository: GitRepository, index: IndexReading?, file: stat?,
        diffs: inout [(() throws -> Result)?], launch: ([String]) throws -> () throws -> Result
    ) throws -> ([FoldFacts], byLibgit2: Bool)? {
        let configuration = repository.configurationAsGitReadsIt(environment: environment)
        if let index {
            return (try paths.map { try repository.foldFacts($0, in: index, configuration: configuration) }, true)
        }
        // No index file: git reads none either, and every path is untracked.
        let written = file.map(IndexReading.mtime) ?? IndexTime(seconds: 0, nanoseconds: 0)
        for (number, path) in paths.enumerated()
        where repository.workTreeStat(path).map({ $0.mtime.seconds >= written.seconds }) ?? true {
            diffs[number] = try launch(Self.workTreeDiff(path))
        }
        let listed = try launch(IndexListing.arguments + paths.map(Self.pathspec))()
        guard listed.status == 0, let entries = IndexListing.parse(listed.output) else { return nil }
        let facts = try paths.map {
            try repository.foldFacts($0, entry: entries[$0], written: written, configuration: configuration)
        }
        return (facts, false)
    }

    /// The fold check by git alone. At 100 000 files each git reads the 13 MB index (~33 ms).
    private func foldCheckThroughGit(
        of paths: [String], headEntry: (String) throws -> String?,
        launch: ([String]) throws -> () throws -> Result
    ) throws -> FoldCheck {
        // -t -v: the tag says skip-worktree (S) and assume-unchanged (lower case); -s: the staged mode and
        // blob, compared with HEAD's without another git. Nothing listed: untracked. (-m would say whether
        // the stat data differ, but checks every entry of the index: 280 ms at 100 000 files.)
        let listings = try paths.map { try launch(["ls-files", "-s", "-t", "-v", "--", Self.pathspec($0)]) }
        let diffs = try paths.map { try launch(Self.workTreeDiff($0)) }
        var states: [FoldableState] = []
        for (index, path) in paths.enumerated() {
            let listed = try listings[index]()
            guard listed.status == 0 else { throw RoadmapError.file("git ls-files failed: \(listed.firstErrorLine)") }
            if listed.output.isEmpty {
                states.append(try ignoredOrUntracked(path, launch: launch))
                continue
            }
            let entries = listed.text.split(separator: "\n")
            // More than one entry: a conflict (stages 1 to 3).
            guard entries.count == 1, let entry = entries.first, let tag = entry.first else {
                states.append(.changed)
                continue
            }
            if tag == "S" || tag == "s" {
                states.append(.skipWorktree)
            } else if tag.isLowercase {
                states.append(.assumeUnchanged)
            } else {
                // "H 100644 <blob> 0\tpath"
                let fields = entry.split(separator: " ", maxSplits: 3)
                guard tag == "H", fields.count == 4, try headEntry(path) == "\(fields[1]) \(fields[2])" else {
                    states.append(.changed)
                    continue
                }
                states.append(try workTreeState(of: path, diff: diffs[index]()))
            }
        }
        return FoldCheck(states: states, othersStaged: true)
    }

    /// The work tree against the index by content, through git's filters: a clean filter or autocrlf can
    /// make a file that differs on disk equal to what is staged. --no-optional-locks does not stop git's
    /// refresh of stat-only changes (refresh_index_quietly), which git does for any `git diff`.
    private static func workTreeDiff(_ path: String) -> [String] {
        ["--no-optional-locks", "diff", "--quiet", "--ignore-submodules=all", "--", pathspec(path)]
    }

    private func workTreeState(of path: String, diff: Result) throws -> FoldableState {
        switch diff.status {
        case 0: return .clean
        case 1: return .changed
        default: throw RoadmapError.file("git diff failed for \(path): \(diff.firstErrorLine)")
        }
    }

    private func ignoredOrUntracked(_ path: String, launch: ([String]) throws -> () throws -> Result) throws
        -> FoldableState
    {
        try launch(["check-ignore", "-q", "--", ":(top)" + path])().status == 0 ? .ignored : .untracked
    }
}

extension GitRepository {
    /// What the fold check knows of `path` (from the top of the work tree) without running git.
    /// `configuration` is nil where libgit2 cannot read git's configuration as git does.
    func foldFacts(_ path: String, in index: IndexReading, configuration: ConfigurationAsGitReadsIt?) throws
        -> FoldFacts
    {
        var facts = try foldFacts(path, entry: index.entry(path), written: index.written, configuration: configuration)
        // Looked up only where it could matter. Attributes from another index than the repository's would
        // take libgit2 a second read, from the wrong index: such a file is left to git.
        switch facts.verdict {
        case .known(.clean):
            facts.filtered = !index.isRepositoryIndex || !attributesUnset(["filter"], at: path)
        case .askGit
        where index.isRepositoryIndex && configuration?.convertsLineEndings == false
            && attributesUnset(["filter", "text", "eol", "crlf", "ident", "working-tree-encoding"], at: path):
            // Racily clean (the hook's own tracker, a commit after the last) or touched, and git would convert
            // nothing: git would read the file and compare what it hashes to, and so does the check.
            facts.workTreeContent = facts.workTree.flatMap { workTreeContent(path, mode: $0.mode) }
        default:
            break
        }
        return facts
    }

    /// The same from an entry git listed. No attribute lookup: libgit2's reads the whole index (100 ms at
    /// 100 000 files, the cost this route avoids), and a filter cannot change git's answer here anyway:
    /// for an entry whose stat data match and that is not racily clean, git does not read the file at all.
    func foldFacts(
        _ path: String, entry: IndexEntryFacts?, written: IndexTime, configuration: ConfigurationAsGitReadsIt?
    ) throws -> FoldFacts {
        var facts = FoldFacts(
            entry: entry, head: try headEntry(path), workTree: workTreeStat(path), indexWritten: written)
        // Where git might read another core.trustctime, ctime is compared.
        facts.comparesCTime = configuration?.trustsCTime ?? true
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

    /// "<mode> <blob id>" of the work tree's regular file at `path` (whose lstat gave `mode`), as `git add`
    /// would stage it when nothing is converted: 100755 when its owner may execute it. nil for anything
    /// else, or unreadable.
    private func workTreeContent(_ path: String, mode: UInt32) -> String? {
        guard mode & UInt32(S_IFMT) == UInt32(S_IFREG),
            let bytes = LocalFiles.contents(atPath: workingDirectory.appendingPathComponent(path).path),
            let id = Self.blobID(of: bytes)
        else { return nil }
        return (mode & 0o100 != 0 ? "100755 " : "100644 ") + id
    }
}
