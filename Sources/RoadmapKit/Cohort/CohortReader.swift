import Foundation

/// Reads every learner, a bounded number at a time. Each learner is independent: a task opens its own
/// repository (the libgit2 handle never leaves the task) and returns a value, so the only thing shared is
/// the result list, which only the group's owner fills.
public struct CohortReader: Sendable {
    /// Where clones of URL learners are kept and fetched; nil: URLs are refused with a sentence.
    public var cacheFolder: URL?
    /// Learners read at once; the cores by default, since each read is CPU work over a mapped pack.
    public var jobs: Int
    /// What "now" is for a learner whose HEAD is unborn.
    public var now: Date

    /// For `git`, when a network URL needs it (PATH, credentials helpers' variables).
    public var environment: [String: String]

    public init(
        cacheFolder: URL? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, now: Date,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.cacheFolder = cacheFolder
        self.environment = environment
        self.jobs = max(1, jobs)
        self.now = now
    }

    /// - Parameter progress: told (read, total) after each learner, from the calling task.
    public func read(_ sources: [CohortSource], progress: (Int, Int) -> Void = { _, _ in }) async -> [Learner] {
        var results = [Learner?](repeating: nil, count: sources.count)
        await withTaskGroup(of: (Int, Learner).self) { group in
            var next = 0
            func addNext() {
                guard next < sources.count else { return }
                let index = next
                let source = sources[index]
                group.addTask { (index, self.read(source)) }
                next += 1
            }
            for _ in 0..<min(jobs, sources.count) { addNext() }
            var finished = 0
            for await (index, learner) in group {
                results[index] = learner
                finished += 1
                progress(finished, sources.count)
                addNext()
            }
        }
        return results.compactMap { $0 }
    }

    /// One learner, never throwing: what cannot be read is the row's sentence.
    public func read(_ source: CohortSource) -> Learner {
        let progress: Result<LearnerProgress, RoadmapError>
        do {
            switch source.kind {
            case .unreadable(let sentence): throw RoadmapError.file(sentence)
            case .statusFile:
                progress = .success(
                    CohortSource.isURL(source.location)
                        ? try readStatusURL(source.location) : try Self.readStatusFile(source.location))
            case .repository: progress = .success(try Self.readRepository(at: source.location, now: now))
            case .remote: progress = .success(try readRemote(source.location))
            }
        } catch let error as RoadmapError {
            progress = .failure(error)
        } catch let error as ConfigurationError {
            progress = .failure(.usage(error.description))
        } catch {
            progress = .failure(.file("\(source.location): \(error.localizedDescription)"))
        }
        return Learner(name: source.name, source: source.location, progress: progress)
    }

    /// `name` is what errors call it: the path, or the `file://` URL it was given as.
    static func readStatusFile(_ path: String, name: String? = nil) throws -> LearnerProgress {
        guard let bytes = LocalFiles.contents(atPath: path) else {
            throw RoadmapError.file("cannot read \(name ?? path)")
        }
        return try LearnerProgress.decodeStatus(bytes, name: name ?? path)
    }

    /// A published status file by URL: `file://` read directly, anything else fetched with `curl` (no HTTP
    /// client is linked into roadmap, and curl brings the machine's proxies and certificates).
    func readStatusURL(_ url: String) throws -> LearnerProgress {
        if url.hasPrefix("file://"), let path = URL(string: url)?.path {
            return try Self.readStatusFile(path, name: url)
        }
        guard let curl = ChildProcess.executable(named: "curl", environment: environment) else {
            throw RoadmapError.file("cannot fetch \(url): it needs curl on PATH, and none was found")
        }
        let result = try ChildProcess.run(
            curl, ["--silent", "--show-error", "--fail", "--location", "--max-time", "60", "--", url],
            environment: environment)
        guard result.status == 0 else {
            let reason = String(decoding: result.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw RoadmapError.file(
                "cannot fetch \(url): \(reason.isEmpty ? "curl exited with \(result.status)" : reason)")
        }
        return try LearnerProgress.decodeStatus(result.output, name: url)
    }

    /// The sync engine's plan, with the learner's own caches read where their hook or sync left them, and
    /// nothing written into the learner's repository (not even under .git): a mentor's read leaves no trace.
    static func readRepository(at path: String, now: Date) throws -> LearnerProgress {
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw RoadmapError.file("\(path) does not exist")
        }
        // An empty environment: a mentor's own GIT_DIR must not redirect the read. The folder must be the work
        // tree itself, not a folder inside someone's repository found by searching upward.
        let repository: GitRepository
        do {
            repository = try GitRepository.open(at: folder, environment: [:])
        } catch let error as RoadmapError where error.kind == .notARepository {
            throw RoadmapError.file("\(path) is not a git repository")
        }
        guard repository.workingDirectory.resolvingSymlinksInPath().path == folder.resolvingSymlinksInPath().path
        else {
            throw RoadmapError.file(
                "\(path) is not a git repository (it is inside \(repository.workingDirectory.path))")
        }
        return try progress(
            of: repository, cache: CacheStore(gitDirectory: repository.gitDirectory, readsOnly: true), now: now)
    }

    static func progress(of repository: GitRepository, cache: CacheStore?, now: Date) throws -> LearnerProgress {
        let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
        let plan = try Synchronizer.plan(workspace: workspace, repository: repository, cache: cache)
        return LearnerProgress(plan: plan, headDate: try repository.headAuthorDate(), now: now)
    }

    /// Clones or fetches into the cache folder, then reads the clone with the sync engine's caches kept in it:
    /// the clone is the cohort's own, so a second run reads only the new commits.
    func readRemote(_ url: String) throws -> LearnerProgress {
        guard let cacheFolder else {
            throw RoadmapError.usage("\(url) is a clone URL: give --cache DIR to keep its clone in")
        }
        // One clone per URL, whoever else reads it: the same URL listed twice, or two cohorts sharing a cache.
        let lock = try RemoteMirror.lock(url: url, in: cacheFolder)
        defer { withExtendedLifetime(lock) {} }
        let folder = try RemoteMirror.update(url: url, in: cacheFolder, environment: environment)
        let repository = try GitRepository.open(at: folder, environment: [:])
        return try Self.progress(of: repository, cache: CacheStore(gitDirectory: repository.gitDirectory), now: now)
    }
}
