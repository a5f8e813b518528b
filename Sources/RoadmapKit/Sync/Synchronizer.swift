import Foundation

/// What `roadmap sync` would do: the outcome for every item, the new bytes, the warnings.
public struct SyncPlan: Sendable {
    public var workspace: Workspace
    public var document: TrackerDocument
    /// The roadmap with configured aliases, as refs are resolved against it.
    public var roadmap: Roadmap
    public var outcomes: [ItemID: ItemOutcome]
    public var warnings: [EvidenceWarning]
    public var output: [UInt8]
    public var isShallow: Bool
    /// Commits in HEAD's history, and how many of them this run read (the rest came from the cache).
    public var commitCount: Int
    public var walkedCount: Int
    /// The commit HEAD was when the plan read the history (nil while unborn).
    public var headCommit: String?
    /// The evidence cache still being written, when the plan was asked not to wait for it
    /// (`leavingCacheWriteRunning`): whoever asked waits before exiting.
    var cacheWrite: Background<Void>?

    public var changed: Bool { output != document.source.bytes }

    public var statuses: [ItemID: ItemStatus] { outcomes.mapValues(\.status) }

    public var summary: ProgressSummary { ProgressSummary(roadmap.items.map { outcomes[$0.id]?.status ?? $0.documentStatus }) }

    public struct Change: Equatable, Sendable, Codable {
        public var id: ItemID
        public var from: ItemStatus
        public var to: ItemStatus
    }

    /// Items whose status moves, in roadmap order.
    public var changes: [Change] {
        roadmap.items.compactMap { item in
            guard let outcome = outcomes[item.id], outcome.status != item.documentStatus else { return nil }
            return Change(id: item.id, from: item.documentStatus, to: outcome.status)
        }
    }

    public var diff: String {
        UnifiedDiff.make(old: document.source.bytes, new: output, name: workspace.trackerName)
    }
}

/// read → evidence → merge → render, then (separately) one atomic write under a lock.
public enum Synchronizer {
    /// - Parameters:
    ///   - cache: where the evidence cache lives; nil reads the whole history (`--no-cache`).
    ///   - treeRepository: the repository whose HEAD tree is read through `TreeSource` (pruned listing, and the
    ///     tree snapshot when `cache` is given); nil lists `repository.headTreePaths()` whole (test fakes).
    ///     Before a walk of the whole history the tree is read beside it, on a second handle: both read the
    ///     object files themselves (ObjectFiles, sharing one mapping of the pack indexes), so they share
    ///     none of libgit2's pack locks, which made two threads through libgit2 slower than one.
    public static func plan(
        workspace: Workspace, repository: some RepositoryReading, rebuild: Bool = false, cache: CacheStore? = nil,
        treeRepository: GitRepository? = nil, files: some FileAccess = LocalFiles(),
        trace: ((String) -> Void)? = nil
    ) throws -> SyncPlan {
        try plan(
            workspace: workspace, repository: repository, rebuild: rebuild, cache: cache, treeRepository: treeRepository, files: files,
            trace: trace, otherCoreFree: nil, cacheLoading: nil)
    }

    /// The same, for the hook.
    /// - Parameters:
    ///   - otherCoreFree: opened once the cache's work on the other core is done (or the plan is), for a
    ///     caller with work of its own there (the hook skims git's index) that must not hold up the plan's.
    ///   - cacheLoading: `cache` being loaded already, when the caller began it.
    ///   - leavingCacheWriteRunning: the plan returns while the updated evidence cache is still being
    ///     written, in `SyncPlan.cacheWrite`, for the caller to wait for later.
    static func plan(
        workspace: Workspace, repository: some RepositoryReading, rebuild: Bool = false, cache: CacheStore?,
        treeRepository: GitRepository?, files: some FileAccess = LocalFiles(),
        trace: ((String) -> Void)?, otherCoreFree: Gate?, cacheLoading: Background<EvidenceCache?>?,
        leavingCacheWriteRunning: Bool = false
    ) throws -> SyncPlan {
        defer { otherCoreFree?.open() }
        var clock = StepClock(trace)
        // Pure work that need not wait its turn runs on the other core: loading the evidence cache while the
        // document is parsed (or from earlier still: `cacheLoading`, begun by a caller as soon as it knew the
        // git folder), resolving the readings while the tree is read.
        let loadedCache = cacheLoading ?? Background { cache?.load() }
        let document = try workspace.document(files: files)
        let settings = try workspace.itemSettings(roadmap: document.roadmap)
        let roadmap = document.roadmap
        let merge = EvidenceMerge(roadmap: roadmap, grammar: CommitGrammar(patterns: workspace.configuration.patterns))
        clock.lap("document")
        let key = cacheKey(workspace.configuration, repository)
        // The ledger of the cached readings, resolved on the other core while the new commits and the tree
        // are read; the few new readings are added to it after (EvidenceCollector.Collected.appended).
        let cachedLedger = Background {
            defer { otherCoreFree?.open() }
            return loadedCache.value.flatMap { $0.key == key ? CachedLedgers(merge, $0.readings) : nil }
        }
        defer { _ = cachedLedger.value }
        do {
            let rules = TreeRules(roadmap: roadmap, globs: settings.globs)
            let source = TreeSource(rules: rules, gitDirectory: cache.map { _ in repository.gitDirectory })
            // Without a usable cache the whole history is walked: HEAD's tree is listed beside it, on a second
            // handle. With a cache, the tree takes a millisecond after the few new commits.
            let wholeHistoryAhead = loadedCache.value?.key != key
            clock.lap("evidence cache loaded")
            let treeBeside: Background<Result<[ItemID: TreeRules.Finding], Error>>? =
                wholeHistoryAhead ? (try? treeRepository?.reopened()).map { second in Background { Result { try source.findings(in: second) } } } : nil
            defer { _ = treeBeside?.value }
            let collector = EvidenceCollector(merge: merge, key: key, store: cache)
            // The updated cache is written while the tree is read; the plan waits for it, also when it throws,
            // unless it returns it to a caller that waits later (the hook, while it amends).
            var saving: Background<Void>?
            var savingHandedOver = false
            defer { if !savingHandedOver { _ = saving?.value } }
            let collected = try collector.collect(from: repository, loaded: .some(loadedCache.value)) { [cache] updated, tableChanged in
                saving = Background { cache?.save(updated, tableChanged: tableChanged) }
            }
            clock.lap("commits (\(collected.walked) read, \(collected.total) in history)")
            let findings = try treeBeside?.value.get()
                ?? treeRepository.map(source.findings(in:)) ?? rules.findings(paths: repository.headTreePaths())
            clock.lap("tree findings (\(findings.count) items)")
            let ledger: EvidenceMerge.Ledger
            if let appended = collected.appended, let cached = cachedLedger.value {
                ledger = merge.ledger(extending: collected.dropsCachedLast ? cached.withoutLast : cached.all, with: appended)
            } else {
                ledger = merge.ledger(collected.readings)
            }
            clock.lap("ledger")
            let outcomes = merge.outcomes(ledger: ledger, tree: findings, rebuild: rebuild)
            clock.lap("outcomes")
            let output = document.rendered(outcomes.mapValues(\.status))
            clock.lap("render")
            savingHandedOver = leavingCacheWriteRunning
            return SyncPlan(
                workspace: workspace, document: document, roadmap: roadmap, outcomes: outcomes, warnings: ledger.warnings,
                output: output, isShallow: repository.isShallow, commitCount: collected.total, walkedCount: collected.walked,
                headCommit: collected.head, cacheWrite: leavingCacheWriteRunning ? saving : nil)
        } catch let error as GitError {
            throw RoadmapError.file(error.description)
        }
    }

    /// What the cached readings depend on besides the history: the configured patterns and the shallow
    /// boundary (a later unshallowing changes the history behind the same HEAD).
    static func cacheKey(_ configuration: Configuration, _ repository: some RepositoryReading) -> UInt64 {
        let patterns = configuration.patterns.map { "\($0.regex)\u{0}\($0.verb?.rawValue ?? "")" }
        let shallow = (try? String(contentsOf: repository.commonDirectory.appendingPathComponent("shallow"), encoding: .utf8)) ?? ""
        return EvidenceCache.key(patterns + ["shallow:" + shallow])
    }

    /// Writes the plan's bytes if they differ, under the repository's lock, after checking that the file
    /// did not change since it was read (a concurrent editor or sync wins; we say so instead of clobbering).
    /// The pictures `.roadmap.yml` names that changed are written under the same lock, after the tracker.
    public static func write(
        _ plan: SyncPlan, pictures: [PictureUpdate] = [], lockDirectory: URL, lockTimeout: Double = 10, files: some FileAccess = LocalFiles()
    ) throws {
        let changedPictures = pictures.filter(\.changed)
        guard plan.changed || !changedPictures.isEmpty else { return }
        let lock = try FileLock(path: lockDirectory.appendingPathComponent("roadmap.lock").path, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        if plan.changed {
            LocalFiles().removeStaleTemporaries(besides: plan.workspace.trackerPath)
            let current = try Workspace.readFile(plan.workspace.trackerPath, named: plan.workspace.trackerName, files)
            guard current == plan.document.source.bytes else {
                throw RoadmapError.file("\(plan.workspace.trackerName) changed while roadmap was reading it; run sync again")
            }
            try files.writeAtomically(plan.output, to: plan.workspace.trackerPath)
        }
        for picture in changedPictures {
            LocalFiles().removeStaleTemporaries(besides: picture.picture.path)
            try ProgressPictures.write(picture.bytes, to: picture.picture.path, named: picture.picture.name, files: files)
        }
    }
}

/// The ledger of the cached readings, and of all of them but the last: when the commit at the cache's head
/// was amended (the hook's own amend, on the next commit), the new readings add to the second. Built once;
/// the second is the first cut back to where the last reading began, copied only when asked for.
struct CachedLedgers: Sendable {
    var all: EvidenceMerge.Ledger
    private var beforeLast: EvidenceMerge.Ledger.Mark

    init(_ merge: EvidenceMerge, _ readings: [CommitReading]) {
        let ordered = CommitReading.inReplayOrder(readings)
        var memo: [String: RefResolution] = [:]
        var ledger = merge.ledger(extending: EvidenceMerge.Ledger(), with: ordered.dropLast(), memo: &memo)
        beforeLast = ledger.mark
        if let last = ordered.last { merge.resolve(last, into: &ledger, memo: &memo) }
        all = ledger
    }

    var withoutLast: EvidenceMerge.Ledger { all.prefix(to: beforeLast) }
}

/// Closed until opened, once, by whoever opens it first; waiting on an open gate returns at once.
final class Gate: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var isOpen = false

    init() { group.enter() }

    func open() {
        lock.lock()
        defer { lock.unlock() }
        guard !isOpen else { return }
        isOpen = true
        group.leave()
    }

    func wait() { group.wait() }

    /// Runs `body` on a pool thread once the gate is open, without holding a thread meanwhile: a thread
    /// blocked in `wait()` could be the pool's only one on a single CPU, and libdispatch adds another only
    /// after a second.
    func whenOpen(_ body: @escaping @Sendable () -> Void) {
        group.notify(queue: .global(), execute: body)
    }
}

/// A value computed on another thread from now on, and taken (waiting if need be) when it is needed: for pure
/// work only, which shares nothing mutable with what runs meanwhile.
final class Background<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    init(_ work: @escaping () -> Value) {
        nonisolated(unsafe) let work = work
        DispatchQueue.global().async(group: group) { self.result = work() }
    }

    /// Work that starts once `gate` opens (Gate.whenOpen).
    init(after gate: Gate, _ work: @escaping () -> Value) {
        nonisolated(unsafe) let work = work
        group.enter()
        gate.whenOpen {
            self.result = work()
            self.group.leave()
        }
    }

    var value: Value {
        group.wait()
        return result!
    }
}
