import Foundation

/// `roadmap hook run`: what the post-commit hook does. It never throws — a hook must not fail or hang a
/// commit — and says in one line what it did (or nothing when nothing changed), plus the warnings of the
/// message just committed. The repository changes only through git (GitCommand).
public enum HookRunner {
    public enum Action: Equatable, Sendable {
        /// A rebase, merge, … is in progress, or this is our own run: nothing done, nothing said.
        case skipped
        case unchanged
        /// The files were folded into the commit just made (`git commit --amend --only`).
        case amended
        /// A separate commit was made (`commit` mode).
        case committed
        /// The files were written to the work tree only: the mode's choice, or the line says why.
        case wroteWorkTree
        case failed
    }

    public struct Report: Equatable, Sendable {
        public var action: Action
        /// What the hook prints on stderr, one line each.
        public var lines: [String]
    }

    /// Set while a hook runs, so that the commit git makes for the hook can never start another run: git
    /// runs post-commit again for the amend.
    public static let guardVariable = "ROADMAP_HOOK_RUNNING"
    public static let commitMessage = "docs(roadmap): sync progress [skip ci]"

    /// - Parameter trace: told how long each step took (`ROADMAP_TRACE=1`).
    public static func run(
        mode: Configuration.HookMode?, startingAt directory: URL, environment: [String: String],
        trace: ((String) -> Void)? = nil
    ) -> Report {
        if environment[guardVariable] != nil { return Report(action: .skipped, lines: []) }
        let environment = environment.merging([guardVariable: "1"]) { _, guarded in guarded }
        do {
            return try runGuarded(mode: mode, directory: directory, environment: environment, trace: trace)
        } catch let error as RoadmapError {
            return failed(error.message)
        } catch {
            return failed("\(error)")
        }
    }

    private static func failed(_ problem: String) -> Report {
        Report(action: .failed, lines: ["roadmap: warning: hook: \(problem); the commit is unchanged"])
    }

    private static func runGuarded(
        mode: Configuration.HookMode?, directory: URL, environment: [String: String], trace: ((String) -> Void)?
    ) throws -> Report {
        var clock = StepClock(trace, prefix: "hook: ")
        // Measured apart: libgit2 1.5 as Debian builds it sets up its network transports when it starts.
        Libgit2.initialize()
        clock.lap("libgit2 started")
        let repository = try Session.repository(startingAt: directory, environment: environment)
        clock.lap("repository opened")
        if repository.operationInProgress != nil { return Report(action: .skipped, lines: []) }
        let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
        let mode = mode ?? workspace.configuration.hookMode
        let cache = CacheStore(gitDirectory: repository.gitDirectory)
        let plan = try Synchronizer.plan(workspace: workspace, repository: repository, cache: cache, trace: trace)
        clock.lap("sync planned")
        let headDate = workspace.pictures.isEmpty ? nil : try ProgressPictures.headDate(repository)
        let pictures = try ProgressPictures.updates(for: plan, headDate: headDate, now: Date())
        let changedPictures = pictures.filter(\.changed)
        let headWarnings = plan.suggested(plan.warnings.filter { $0.commit.id == plan.headCommit })

        guard plan.changed || !changedPictures.isEmpty else {
            return Report(action: .unchanged, lines: warningLines(headWarnings, commit: plan.headCommit))
        }
        var files: [(name: String, path: String)] = []
        if plan.changed {
            files.append((workspace.trackerName, try relativePath(workspace.trackerPath, in: repository)))
        }
        for picture in changedPictures {
            files.append((picture.picture.name, try relativePath(picture.picture.path, in: repository)))
        }

        // Asked before writing: only files whose work-tree and index copies are HEAD's may go into a commit.
        let git = GitCommand(environment: environment, directory: directory)
        var folded: [String] = []
        var reasons: [String] = []
        var othersStaged = true
        if mode != .worktree {
            var how = ""
            if let git {
                let check = try git.foldCheck(
                    of: files.map(\.path), in: repository, askingWhetherOthersAreStaged: mode == .amend)
                for (file, state) in zip(files, check.states) {
                    if let reason = state.reason {
                        reasons.append("\(file.name) \(reason)")
                    } else {
                        folded.append(file.path)
                    }
                }
                othersStaged = check.othersStaged
                how = " (index read by \(check.readIndex ? "libgit2" : "git"), git processes: \(check.gitProcesses))"
            } else {
                reasons.append("git is not on PATH")
            }
            clock.lap("files checked for changes of their own\(how)")
        }
        try Synchronizer.write(plan, pictures: pictures, lockDirectory: repository.gitDirectory, lockTimeout: 2)
        clock.lap("files written")

        var line = "roadmap: " + progressLine(plan)
        var action = Action.wroteWorkTree
        var commit = plan.headCommit
        if let git, !folded.isEmpty {
            do {
                guard try repository.headCommitID() == plan.headCommit else {
                    throw RoadmapError.file("HEAD moved while roadmap read it")
                }
                if mode == .amend {
                    // The next commit's run reads the page written here: parsed now, while git amends.
                    try git.amendHead(only: folded, othersStaged: othersStaged) {
                        Synchronizer.rememberOutput(of: plan, in: cache)
                    }
                    action = .amended
                } else {
                    try git.commit(only: folded, message: commitMessage)
                    action = .committed
                }
                commit = try repository.headCommitID()
                clock.lap(mode == .amend ? "HEAD amended" : "committed")
            } catch let error as RoadmapError {
                let names = files.filter { folded.contains($0.path) }.map(\.name)
                let command =
                    mode == .amend
                    ? "git commit --amend --no-edit --only -- \(folded.joined(separator: " "))"
                    : "git commit --only -m '\(commitMessage)' -- \(folded.joined(separator: " "))"
                reasons.append("\(names.joined(separator: ", ")) not committed: \(error.message); run '\(command)'")
            }
        }
        if action == .committed, let commit { line += " in a separate commit \(commit.prefix(7))" }
        if !reasons.isEmpty {
            line += "; written in the work tree only: " + reasons.joined(separator: "; ")
        }
        return Report(action: action, lines: [line] + warningLines(headWarnings, commit: commit))
    }

    /// `p1/streams → done, p1/buffers → in progress (2/58)`: the items that moved and the overall count.
    static func progressLine(_ plan: SyncPlan) -> String {
        let summary = plan.summary
        let changes = plan.changes.map { "\($0.id) → \($0.to.words)" }
        let count = "(\(summary.finished)/\(summary.total))"
        return changes.isEmpty
            ? "\(plan.workspace.trackerName) synced \(count)" : changes.joined(separator: ", ") + " " + count
    }

    /// `roadmap: unknown ref evnt-loop in 1a2b3c4 (did you mean p1/event-loop?)`, for the commit just made.
    static func warningLines(_ warnings: [EvidenceWarning], commit: String?) -> [String] {
        warnings.map { warning in
            let hint =
                warning.suggestions.isEmpty
                ? "" : " (did you mean \(warning.suggestions.map(\.description).joined(separator: ", "))?)"
            let problem = warning.problem.hasSuffix(":") ? String(warning.problem.dropLast()) : warning.problem
            return "roadmap: \(problem) \(warning.ref) in \((commit ?? warning.commit.id).prefix(7))\(hint)"
        }
    }

    /// `path` relative to the top of the work tree, as git names it.
    static func relativePath(_ path: String, in repository: GitRepository) throws -> String {
        let root = repository.workingDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        guard file.hasPrefix(root + "/") else {
            throw RoadmapError.usage("\(path) is outside the work tree \(root)")
        }
        return String(file.dropFirst(root.count + 1))
    }
}

extension ItemStatus {
    /// The status in plain words, as sync and the hook print it.
    public var words: String {
        switch self {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .done: "done"
        case .skipped: "skipped"
        }
    }
}
