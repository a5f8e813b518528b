import Foundation

/// Collects the commit readings of HEAD's history, from the evidence cache where it can and from the
/// repository for what the cache has not seen. Whatever path it takes, the readings and their
/// generations are exactly those of a full walk: the cache only saves reading.
public struct EvidenceCollector {
    public var merge: EvidenceMerge
    public var key: UInt64
    public var store: CacheStore?

    public init(merge: EvidenceMerge, key: UInt64, store: CacheStore?) {
        self.merge = merge
        self.key = key
        self.store = store
    }

    public struct Collected {
        public var readings: [CommitReading]
        /// Commits read from the repository this time (0 when the cache had them all).
        public var walked: Int
        /// Commits in HEAD's history.
        public var total: Int
        public var usedCache: Bool
        /// The commit HEAD was when the history was read (nil while unborn): what a hook may amend.
        public var head: String? = nil
    }

    /// - Parameters:
    ///   - loaded: the store's cache when the caller loaded it already (on another thread, while it parsed
    ///     the document); nil loads it here.
    ///   - save: writes the updated cache (and whether its generation table changed); by default the store
    ///     does it right away. A caller may hand it to another thread, and must then wait for it.
    public func collect(
        from repository: GitRepository, loaded: EvidenceCache?? = nil, save: ((EvidenceCache, Bool) -> Void)? = nil
    ) throws -> Collected {
        let store = self.store
        // A pattern that ran past its time limit is off for the rest of the run, so what this run read after
        // it depends on the machine's load: such readings are used once and never cached.
        let save = { (cache: EvidenceCache, tableChanged: Bool, read: [CommitReading]) in
            guard !read.contains(where: { !$0.reading.timedOutPatterns.isEmpty }) else { return }
            (save ?? { cache, tableChanged in store?.save(cache, tableChanged: tableChanged) })(cache, tableChanged)
        }
        guard let headHex = try repository.headCommitID(), let head = ObjectID(hex: headHex) else {
            return Collected(readings: [], walked: 0, total: 0, usedCache: false)
        }
        if let cache = loaded ?? store?.load(), cache.key == key {
            if cache.head == head {
                return Collected(
                    readings: cache.readings, walked: 0, total: cache.count, usedCache: true, head: headHex)
            }
            if var updated = try extend(cache, to: head, repository) {
                let compact =
                    updated.cache.added.count + updated.cache.removed.count > EvidenceCache.compactionThreshold
                // Compaction copies the table whole: every block is checked first.
                if compact { _ = cache.generations.verifyAll() }
                // A damaged block met by a lookup or by that check drops the cache: the full walk follows.
                if !cache.generations.isDamaged {
                    if compact { updated.cache = updated.cache.compacted() }
                    if store != nil { save(updated.cache, compact, updated.read) }
                    return Collected(
                        readings: updated.cache.readings, walked: updated.walked, total: updated.cache.count,
                        usedCache: true, head: headHex)
                }
            }
        }
        let full = try walk(repository, knownGeneration: nil)
        // No cache is built that would not be saved (the cohort reads a learner's repository).
        guard store.saves else {
            return Collected(
                readings: full.readings, walked: full.walked, total: full.walked, usedCache: false, head: headHex)
        }
        let cache = EvidenceCache(
            key: key, head: head, headParents: full.headParents,
            generations: GenerationTable(entries: full.generations),
            readings: full.readings)
        save(cache, true, full.readings)
        // The cache's readings: already in replay order, so the ledger does not sort them again.
        return Collected(
            readings: cache.readings, walked: full.walked, total: full.generations.count, usedCache: false,
            head: headHex)
    }

    /// The cache moved to `head`: by a fast-forward (the old head is reached), or by rewriting only the old
    /// head (an amend: all its parents are reached, it is not). Anything else is a rewritten history: nil.
    private func extend(
        _ cache: EvidenceCache, to head: ObjectID, _ repository: GitRepository
    ) throws -> (
        cache: EvidenceCache, walked: Int, read: [CommitReading]
    )? {
        // Once a damaged block is met every answer is suspect and the cache is dropped after the walk: answering
        // "known" stops the walk at once instead of reading the whole history twice.
        let new = try walk(
            repository,
            knownGeneration: { hex in
                cache.generations.isDamaged ? 0 : ObjectID(hex: hex).flatMap { cache.generation(of: $0) }
            })
        var removed = Set<ObjectID>()
        if !new.boundary.contains(cache.head) {
            // Every parent of the old head is still reached, so everything it reached is, but for itself.
            guard cache.headParents.allSatisfy(new.boundary.contains) else { return nil }
            removed.insert(cache.head)
        }
        // Copied only when something changes: most commits carry no evidence and rewrite nothing.
        var readings = cache.readings
        // How the cached readings changed: the amended head's dropped from the end (its reading, if it had
        // one, is the last in replay order: it comes after every other commit of its history), or removed
        // from elsewhere (not reached while generations are 1 + the highest parent's; kept so that a reading
        // out of place is still removed).
        var droppedLast = false
        var removedElsewhere = false
        if !removed.isEmpty {
            let headID = cache.head.hex
            if readings.last?.commit.id == headID {
                readings.removeLast()
                droppedLast = true
            } else if readings.contains(where: { $0.commit.id == headID }) {
                readings.removeAll { $0.commit.id == headID }
                removedElsewhere = true
            }
        }
        let newInOrder = CommitReading.inReplayOrder(new.readings)
        readings += newInOrder
        var added = cache.added
        var gone = cache.removed
        for id in removed where added.removeValue(forKey: id) == nil { gone.insert(id) }
        for (id, generation) in new.generations { added[id] = generation }
        var updated = EvidenceCache(
            key: key, head: head, headParents: new.headParents, generations: cache.generations, added: added,
            removed: gone, readings: readings)
        // The readings file on disk still holds these readings, but for the new ones, when none went.
        if !droppedLast && !removedElsewhere {
            updated.loadedReadings = cache.loadedReadings
        }
        return (updated, new.walked, new.readings)
    }

    private struct Walk {
        var readings: [CommitReading] = []
        var generations: [(id: ObjectID, generation: UInt32)] = []
        var boundary: Set<ObjectID> = []
        var headParents: [ObjectID] = []
        var walked = 0
    }

    /// `knownGeneration` takes hex ids; nil for a full walk. A full walk whose cache will not be saved (no
    /// store, or one that only reads) keeps nothing but the readings.
    private func walk(_ repository: GitRepository, knownGeneration: ((String) -> UInt32?)?) throws -> Walk {
        var result = Walk()
        let keepsGenerations = knownGeneration != nil || store.saves
        // The commits come parents first and HEAD last: only its parents are kept, parsed once at the end.
        var lastParents: [String] = []
        let summary = try repository.walk(
            knownGeneration: knownGeneration,
            digest: { content in
                merge.reading(
                    id: content.id, date: content.authorDate.timeIntervalSince1970, message: content.message,
                    generation: 0)
            },
            { commit in
                if var reading = commit.digest {
                    reading.generation = commit.generation
                    result.readings.append(reading)
                }
                guard keepsGenerations, let id = ObjectID(hex: commit.id) else { return }
                result.generations.append((id, commit.generation))
                lastParents = commit.parents
            })
        result.headParents = lastParents.compactMap { ObjectID(hex: $0) }
        result.boundary = Set(summary.boundary.compactMap { ObjectID(hex: $0) })
        result.walked = summary.walked
        return result
    }
}
