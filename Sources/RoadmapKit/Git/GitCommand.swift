import Foundation

/// `git` itself, as the user's shell would run it: the first `git` on PATH, the caller's environment, in
/// the caller's folder. Everything that changes a user's repository goes through here, so that filters,
/// line-ending rules, signing, identity from the environment, sparse and skip-worktree entries and
/// `index.lock` behave exactly as git makes them behave.
public struct GitCommand: Sendable {
    public let executable: String
    public let environment: [String: String]
    /// Where git runs (`git -C`); relative GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE are taken from here,
    /// as a hook's are from the top of the work tree it runs in.
    public let directory: URL

    public struct Result: Sendable {
        public var status: Int32
        public var output: [UInt8]
        public var errors: String

        public var text: String { String(decoding: output, as: UTF8.self) }
        /// git's first line of complaint, for a one-line message.
        public var firstErrorLine: String {
            errors.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(status)"
        }
    }

    /// nil when no `git` is on the environment's PATH.
    public init?(environment: [String: String], directory: URL) {
        guard let git = ChildProcess.executable(named: "git", environment: environment) else { return nil }
        self.executable = git
        self.environment = environment
        self.directory = directory
    }

    /// Runs `git <arguments>`; a status other than 0 is the caller's to judge.
    public func run(_ arguments: [String]) throws -> Result {
        try start(arguments)()
    }

    /// Starts `git <arguments>` and returns what waits for it: several started at once run side by side.
    func start(_ arguments: [String]) throws -> () throws -> Result {
        let running = try ChildProcess.start(executable, ["-C", directory.path] + arguments, environment: environment)
        return {
            let result = try running.finish()
            return Result(
                status: result.status, output: result.output, errors: String(decoding: result.errors, as: UTF8.self))
        }
    }

    /// Runs `git <arguments>` and throws git's first line of complaint when it fails. `meanwhile` runs on
    /// this thread while git works: the caller's own work there costs nothing.
    @discardableResult
    public func succeed(_ arguments: [String], meanwhile: () -> Void = {}) throws -> Result {
        let finish = try start(arguments)
        meanwhile()
        let result = try finish()
        guard result.status == 0 else {
            throw RoadmapError.file("git \(arguments.first ?? "") failed: \(result.firstErrorLine)")
        }
        return result
    }
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
        let indexPath = IndexReading.path(of: repository, environment: environment, directory: directory)
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

    /// What libgit2 read of the index (`index`, below IndexReading.largestRead), else what one `git ls-files`
    /// lists of it; nil when neither could be read, and git must answer everything. Listed by git, a file
    /// modified in or after the index file's second (racily clean or edited) has its diff started beside
    /// the listing, not after it: at 100 000 files the listing and then the diff took 84 ms, side by side 52.
    private func foldFacts(
        of paths: [String], in repository: GitRepository, index: IndexReading?, file: stat?,
        diffs: inout [(() throws -> Result)?], launch: ([String]) throws -> () throws -> Result
    ) throws -> ([FoldFacts], byLibgit2: Bool)? {
        if let index {
            return (try paths.map { try repository.foldFacts($0, in: index, environment: environment) }, true)
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
            try repository.foldFacts($0, entry: entries[$0], written: written, environment: environment)
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

    /// `git commit --amend --no-edit --no-verify --only -- paths`: HEAD's commit with these files as the
    /// work tree holds them, and the index updated for them, all by git. git runs post-commit again for
    /// the amend: the environment must carry the hook's guard.
    ///
    /// When nothing else is staged (as right after most commits), `--include` gives the same commit and
    /// index, cheaper: `--only` builds a second index from HEAD and writes both (640 against 270 ms at
    /// 100 000 files). Both hold `index.lock` until the new HEAD is in place.
    public func amendHead(only paths: [String], othersStaged: Bool, meanwhile: () -> Void = {}) throws {
        let way = othersStaged ? "--only" : "--include"
        try succeed(
            ["commit", "--quiet", "--amend", "--no-edit", "--no-verify", way, "--"] + paths.map(Self.pathspec),
            meanwhile: meanwhile)
    }

    /// `git commit --only -m message -- paths`: a separate commit of these files.
    public func commit(only paths: [String], message: String) throws {
        try succeed(
            ["commit", "--quiet", "--no-verify", "--only", "--cleanup=verbatim", "-m", message, "--"]
                + paths.map(Self.pathspec))
    }

    /// `path` (from the top of the work tree) exactly, whatever folder git runs in and whatever it holds.
    static func pathspec(_ path: String) -> String {
        ":(top,literal)" + path
    }
}
