import Foundation

/// What `roadmap sync` would do: the outcome for every item, the new bytes, the warnings.
public struct SyncPlan: Sendable {
    public var workspace: Workspace
    /// The tracker's bytes as read.
    public var source: [UInt8]
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
    public var changed: Bool { output != source }

    /// `warnings` with their "did you mean" ids: computed only for warnings that are printed.
    public func suggested(_ warnings: [EvidenceWarning]) -> [EvidenceWarning] {
        // The merge builds a resolver of every item: not for a run with nothing to suggest.
        guard warnings.contains(where: { $0.problem == EvidenceWarning.unknownRef }) else { return warnings }
        return EvidenceMerge(roadmap: roadmap, grammar: CommitGrammar()).suggested(warnings)
    }

    /// Every warning, with suggestions, for the commands that print them all.
    public var suggestedWarnings: [EvidenceWarning] { suggested(warnings) }

    public var statuses: [ItemID: ItemStatus] { outcomes.mapValues(\.status) }

    /// The dates items were finished, as the burn-up chart, the pace and the cohort count them.
    /// - Parameters: as `ProgressHistory.make`'s.
    public func history(headDate: Date?, now: Date) -> ProgressHistory {
        ProgressHistory.make(roadmap: roadmap, outcomes: outcomes, headDate: headDate, now: now)
    }

    public var summary: ProgressSummary {
        ProgressSummary(roadmap.items.map { outcomes[$0.id]?.status ?? $0.documentStatus })
    }

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
        Patch.make(old: source, new: output, name: workspace.trackerRelativePath)
    }
}

/// The one pipeline of `sync` and `hook run`: open → document and config → evidence (the cache, then a walk
/// of the new commits) → tree findings → merge → render; then, separately, one locked atomic write.
public enum Synchronizer {
    /// - Parameter cache: where the evidence cache lives; nil reads the whole history (`--no-cache`).
    public static func plan(
        workspace: Workspace, repository: GitRepository, rebuild: Bool = false, cache: CacheStore? = nil,
        files: some FileAccess = LocalFiles(), trace: ((String) -> Void)? = nil
    ) throws -> SyncPlan {
        var clock = StepClock(trace)
        let source = try Workspace.readFile(workspace.trackerPath, named: workspace.trackerName, files)
        let recordKey = DocumentRecord.key(for: workspace)
        let remembered = cache?.loadDocument(key: recordKey, source: source)
        let parsed: TrackerDocument?
        let roadmap: Roadmap
        if let remembered {
            (parsed, roadmap) = (nil, remembered.roadmap)
        } else {
            let document = try workspace.document(bytes: source)
            (parsed, roadmap) = (document, document.roadmap)
        }
        let settings = try workspace.itemSettings(roadmap: roadmap)
        let merge = EvidenceMerge(roadmap: roadmap, grammar: CommitGrammar(patterns: workspace.configuration.patterns))
        clock.lap(remembered == nil ? "document" : "document (remembered)")
        let key = cacheKey(workspace.configuration, repository)
        let loaded = cache?.load()
        clock.lap("evidence cache loaded")
        let collector = EvidenceCollector(merge: merge, key: key, store: cache)
        let collected = try collector.collect(from: repository, loaded: .some(loaded))
        clock.lap("commits (\(collected.walked) read, \(collected.total) in history)")
        let rules = TreeRules(roadmap: roadmap, globs: settings.globs)
        let tree = TreeSource(rules: rules, store: cache)
        let findings = try tree.findings(in: repository)
        clock.lap("tree findings (\(findings.count) items)")
        let ledger = merge.ledger(collected.readings)
        clock.lap("ledger")
        let outcomes = merge.outcomes(ledger: ledger, tree: findings, rebuild: rebuild)
        let statuses = outcomes.mapValues(\.status)
        let output: [UInt8]
        if let remembered, remembered.statuses == statuses {
            output = remembered.output ?? source
        } else {
            let document = try parsed ?? workspace.document(bytes: source)
            output = document.rendered(statuses)
            cache?.save(
                DocumentRecord(
                    key: recordKey, source: source, roadmap: roadmap, statuses: statuses,
                    output: output == source ? nil : output))
        }
        clock.lap("outcomes and render")
        return SyncPlan(
            workspace: workspace, source: source, roadmap: roadmap, outcomes: outcomes, warnings: ledger.warnings,
            output: output, isShallow: repository.isShallow, commitCount: collected.total,
            walkedCount: collected.walked,
            headCommit: collected.head)
    }

    /// Parses the page `plan` writes and remembers it (DocumentRecord), so that the next run, which reads
    /// that page, need not: the hook does this while git amends the commit, when it would only wait.
    public static func rememberOutput(of plan: SyncPlan, in cache: CacheStore) {
        guard plan.changed, let document = try? plan.workspace.document(bytes: plan.output) else { return }
        let statuses = plan.statuses
        let output = document.rendered(statuses)
        cache.save(
            DocumentRecord(
                key: DocumentRecord.key(for: plan.workspace), source: plan.output, roadmap: document.roadmap,
                statuses: statuses, output: output == plan.output ? nil : output))
    }

    /// What the cached readings depend on besides the history: the configured patterns and the shallow
    /// boundary (a later unshallowing changes the history behind the same HEAD).
    static func cacheKey(_ configuration: Configuration, _ repository: GitRepository) -> UInt64 {
        let patterns = configuration.patterns.map { "\($0.regex)\u{0}\($0.verb?.rawValue ?? "")" }
        let shallow =
            (try? String(contentsOf: repository.commonDirectory.appendingPathComponent("shallow"), encoding: .utf8))
            ?? ""
        let replaced = repository.replacementsSignature
        return EvidenceCache.key(patterns + ["shallow:" + shallow] + (replaced.isEmpty ? [] : ["replace:" + replaced]))
    }

    /// Writes the plan's bytes if they differ, under the repository's lock, after checking that the file
    /// did not change since it was read (a concurrent editor or sync wins; we say so instead of clobbering).
    /// The pictures `.roadmap.yml` names that changed are written under the same lock, after the tracker.
    public static func write(
        _ plan: SyncPlan, pictures: [PictureUpdate] = [], lockDirectory: URL, lockTimeout: Double = 10,
        files: some FileAccess = LocalFiles()
    ) throws {
        let changedPictures = pictures.filter(\.changed)
        guard plan.changed || !changedPictures.isEmpty else { return }
        let lock = try FileLock(path: lockDirectory.appendingPathComponent("roadmap.lock").path, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        if plan.changed {
            LocalFiles().removeStaleTemporaries(besides: plan.workspace.trackerPath)
            let current = try Workspace.readFile(plan.workspace.trackerPath, named: plan.workspace.trackerName, files)
            guard current == plan.source else {
                throw RoadmapError.file(
                    "\(plan.workspace.trackerName) changed while roadmap was reading it; run sync again")
            }
            try files.writeAtomically(plan.output, to: plan.workspace.trackerPath)
        }
        for picture in changedPictures {
            LocalFiles().removeStaleTemporaries(besides: picture.picture.path)
            try ProgressPictures.write(
                picture.bytes, to: picture.picture.path, named: picture.picture.name, files: files)
        }
    }
}
