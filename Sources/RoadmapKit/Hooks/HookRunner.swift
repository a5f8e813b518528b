import Foundation

/// `roadmap hook run`: what the post-commit hook does. It never throws — a hook must not fail or hang a
/// commit — and says in one line what it did or why it did nothing.
public enum HookRunner {
    public enum Outcome: Equatable, Sendable {
        /// Nothing to do, and nothing to say (a rebase, merge, … is in progress; or we are inside our own run).
        case skipped(String)
        case unchanged
        /// The tracker was synced and folded into the commit just made.
        case amended(commit: String, summary: String)
        /// Amended, but the index could not be updated: it still holds the tracker's old blob.
        case amendedIndexStale(commit: String, summary: String, path: String, problem: String)
        case committed(commit: String, summary: String)
        /// The tracker was written to the work tree only; the reason says why when it was not the mode's choice.
        case wroteWorkTree(summary: String, reason: String?)
        case failed(String)

        /// The line printed to stderr, if any.
        public var message: String? {
            switch self {
            case .skipped, .unchanged: nil
            case .amended(let commit, let summary): "roadmap: tracker synced into \(commit.prefix(7)) (\(summary))"
            case .amendedIndexStale(let commit, let summary, let path, let problem):
                "roadmap: tracker synced into \(commit.prefix(7)) (\(summary)); warning: the index still holds the old \(path) (\(problem)): run 'git add \(path)'"
            case .committed(let commit, let summary): "roadmap: tracker synced in a separate commit \(commit.prefix(7)) (\(summary))"
            case .wroteWorkTree(let summary, let reason): "roadmap: tracker updated in the work tree (\(summary))" + (reason.map { "; not committed: \($0)" } ?? "")
            case .failed(let problem): "roadmap: warning: hook: \(problem); the commit is unchanged"
            }
        }
    }

    /// Set while a hook runs, so that a commit the hook itself makes can never start another run.
    public static let guardVariable = "ROADMAP_HOOK_RUNNING"
    public static let commitMessage = "docs(roadmap): sync progress [skip ci]"

    /// - Parameter trace: told how long each step took (`ROADMAP_TRACE=1`).
    public static func run(mode: Configuration.HookMode?, startingAt directory: URL, environment: [String: String], trace: ((String) -> Void)? = nil) -> Outcome {
        if environment[guardVariable] != nil { return .skipped("already running") }
        var clock = StepClock(trace, prefix: "hook: ")
        // The guard goes to the git processes this run starts (a hook of theirs could run roadmap again); the
        // amend and the commit go through libgit2, which runs no hooks.
        let environment = environment.merging([guardVariable: "1"]) { _, guarded in guarded }
        do {
            let repository = try GitRepository.open(at: directory, environment: environment)
            clock.lap("repository opened")
            if let operation = repository.operationInProgress {
                return .skipped("\(operation.rawValue) in progress")
            }
            // The evidence cache is what the sync waits for first: its loading begins before the rest is read.
            let cache = CacheStore(gitDirectory: repository.gitDirectory)
            let cacheLoading = Background { cache.load() }
            defer { _ = cacheLoading.value }
            let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
            let mode = mode ?? workspace.configuration.hookMode
            let relativePath = try relativeTrackerPath(workspace, repository)
            clock.lap("workspace loaded")
            // The index is mapped and skimmed on the other core while the sync runs (amend mode only), once the
            // cache's work there is done: the sync waits for that, and needs the index only after. Nothing
            // waits for the skim when the tracker does not change (most commits): it reads a private mapping
            // of its own, which the process's exit ends safely.
            let otherCoreFree = Gate()
            let indexAhead = mode == .amend
                ? Background(after: otherCoreFree) { repository.indexSnapshot(for: relativePath, environment: environment) } : nil
            defer { otherCoreFree.open() }
            // The updated evidence cache is written while the tracker is amended, not before.
            let plan = try Synchronizer.plan(
                workspace: workspace, repository: repository, cache: cache, treeRepository: repository, trace: trace,
                otherCoreFree: otherCoreFree, cacheLoading: cacheLoading, leavingCacheWriteRunning: true)
            defer { _ = plan.cacheWrite?.value }
            guard plan.changed else { return .unchanged }
            clock.lap("sync planned")
            // Checked before writing: only a tracker with no changes of its own may go into a commit. Else git
            // (on a hook's PATH) answers from its index; libgit2 1.5 would parse a 100 000-entry index first.
            // Right after a commit the index's cache-tree usually proves it in well under a millisecond.
            let git = gitExecutable(environment)
            let trackerIsClean = try mode == .worktree
                || repository.provablyMatchesHeadAndIndex(
                    path: relativePath, contents: plan.document.source.bytes, environment: environment, snapshot: indexAhead?.value)
                ?? git.map { try isUnchanged(relativePath, git: $0, in: repository.workingDirectory, environment: environment) }
                ?? repository.matchesHeadAndIndex(path: relativePath, contents: plan.document.source.bytes)
            clock.lap("tracker checked for changes of its own")
            try Synchronizer.write(plan, lockDirectory: repository.gitDirectory, lockTimeout: 2)
            clock.lap("tracker written")
            let summary = "\(plan.summary.finished)/\(plan.summary.total) done"
            switch mode {
            case .worktree:
                return .wroteWorkTree(summary: summary, reason: nil)
            case .amend, .commit:
                guard trackerIsClean else {
                    return .wroteWorkTree(summary: summary, reason: "\(workspace.trackerName) had changes of its own before this commit")
                }
                if mode == .amend {
                    let amended = try repository.amendHead(
                        updating: relativePath, contents: plan.output, updateIndex: false, expectedHead: plan.headCommit)
                    clock.lap("HEAD amended")
                    // HEAD is amended by now: whatever fails below, the outcome says so, and that the index
                    // still holds the old blob.
                    let indexUpdate = updateIndex(after: amended, git: git, repository: repository, environment: environment, snapshot: indexAhead?.value)
                    clock.lap("index updated (\(indexUpdate))")
                    if case .failed(let problem) = indexUpdate {
                        return .amendedIndexStale(commit: amended.id, summary: summary, path: relativePath, problem: problem)
                    }
                    return .amended(commit: amended.id, summary: summary)
                }
                return .committed(commit: try repository.commit(paths: [relativePath], message: commitMessage), summary: summary)
            }
        } catch let error as RoadmapError {
            return .failed(error.message)
        } catch let error as GitError {
            return .failed(error.description)
        } catch {
            return .failed("\(error)")
        }
    }

    /// The `git` a hook runs under (it is on the hook's PATH), if any.
    static func gitExecutable(_ environment: [String: String]) -> URL? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("git")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Who put the amended tracker in the index, and why the ones before declined.
    enum IndexUpdate: CustomStringConvertible {
        case inPlace
        case git(declined: String)
        case libgit2(declined: String)
        case failed(String)

        var description: String {
            switch self {
            case .inPlace: "in place"
            case .git(let declined): "by git: \(declined)"
            case .libgit2(let declined): "by libgit2: \(declined)"
            case .failed(let problem): "failed: \(problem)"
            }
        }
    }

    /// Puts the amended tracker in the index: patched in place when that is exactly what git would write
    /// (IndexEntryUpdate: one pass over the file, where git reads and rewrites every entry), else by git,
    /// else by libgit2.
    static func updateIndex(
        after amended: AmendedCommit, git: URL?, repository: GitRepository, environment: [String: String], snapshot: IndexSnapshot? = nil
    ) -> IndexUpdate {
        var problem: String
        do {
            switch try repository.updateIndexEntry(after: amended, environment: environment, snapshot: snapshot, releasingOldIndexElsewhere: true) {
            case .updated: return .inPlace
            case .declined(let reason): problem = reason
            }
        } catch {
            problem = "\(error)"
        }
        if let git {
            do {
                try updateIndex(with: git, path: amended.path, in: repository.workingDirectory, environment: environment)
                return .git(declined: problem)
            } catch {
                problem += "; \(error)"
            }
        }
        do {
            try repository.stageFromWorkTree(amended.path)
            return .libgit2(declined: problem)
        } catch let error as GitError {
            return .failed("\(problem); \(error.description)")
        } catch {
            return .failed("\(problem); \(error)")
        }
    }

    /// `git update-index --add -- path`: git refreshes one entry and keeps its cache-tree.
    static func updateIndex(with git: URL, path: String, in directory: URL, environment: [String: String]) throws {
        let status = try run(git, ["update-index", "--add", "--", path], in: directory, environment: environment)
        guard status == 0 else { throw RoadmapError.file("git update-index failed for \(path) (exit \(status))") }
    }

    /// Whether both the work tree's file and its staged copy are HEAD's: `git diff --quiet HEAD` sees the
    /// work tree only, and a staged change the work tree undid would otherwise be overwritten by the amend.
    static func isUnchanged(_ path: String, git: URL, in directory: URL, environment: [String: String]) throws -> Bool {
        for arguments in [["diff", "--quiet", "HEAD", "--", path], ["diff", "--cached", "--quiet", "HEAD", "--", path]] {
            switch try run(git, arguments, in: directory, environment: environment) {
            case 0: continue
            case 1: return false
            case let status: throw RoadmapError.file("git diff failed for \(path) (exit \(status))")
            }
        }
        return true
    }

    /// Runs git with its output discarded and returns its exit status; `-C` instead of a working-directory
    /// change in the child.
    private static func run(_ git: URL, _ arguments: [String], in directory: URL, environment: [String: String]) throws -> Int32 {
        try ChildProcess.run(git.path, ["-C", directory.path] + arguments, environment: environment)
    }

    static func relativeTrackerPath(_ workspace: Workspace, _ repository: some RepositoryReading) throws -> String {
        let root = repository.workingDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: workspace.trackerPath).standardizedFileURL.resolvingSymlinksInPath().path
        guard file.hasPrefix(root + "/") else {
            throw RoadmapError.usage("\(workspace.trackerName) is outside the work tree \(root)")
        }
        return String(file.dropFirst(root.count + 1))
    }
}
