/// Commit evidence replayed oldest first, tree evidence on top, then merged with the document under
/// PRODUCT.md 3's rule: the document is the state; evidence only moves an item forward; only an explicit
/// `reopen` (or the revert of the very evidence that raised it) moves it back; `--rebuild` ignores the document.
public struct EvidenceMerge: Sendable {
    public var roadmap: Roadmap
    public var grammar: CommitGrammar
    public var resolver: RefResolver

    public init(roadmap: Roadmap, grammar: CommitGrammar) {
        self.roadmap = roadmap
        self.grammar = grammar
        resolver = RefResolver(roadmap: roadmap)
    }

    /// Reads and resolves the mentions of commits given oldest first.
    public struct Ledger: Sendable {
        public var evidence: [CommitEvidence] = []
        public var warnings: [EvidenceWarning] = []
        /// commit id → the id it reverts, as written (maybe abbreviated).
        var reverts: [(commit: String, target: String)] = []
        var commitIDs: [String] = []
    }

    /// The commit's reading, or nil when its message says nothing the rules care about (most commits).
    /// The subject is cut from the message only for those, not for every commit of a long history.
    public func reading(id: String, date: Double, message: String, generation: UInt32) -> CommitReading? {
        let reading = grammar.read(message)
        guard
            !reading.mentions.isEmpty || reading.reverts != nil || !reading.unknownVerbs.isEmpty
                || !reading.timedOutPatterns.isEmpty
        else { return nil }
        return CommitReading(
            commit: CommitInfo(id: id, date: date, subject: CommitRecord.subject(of: message)), generation: generation,
            reading: reading)
    }

    /// Resolves readings against the roadmap, in replay order.
    public func ledger(_ readings: [CommitReading]) -> Ledger {
        var memo: [String: RefResolution] = [:]
        return ledger(extending: Ledger(), with: CommitReading.inReplayOrder(readings), memo: &memo)
    }

    /// `ledger(base readings + readings)` from `base`, the ledger of the readings before these, when these
    /// come after all of them in replay order.
    public func ledger(extending base: consuming Ledger, with readings: some Collection<CommitReading>) -> Ledger {
        var memo: [String: RefResolution] = [:]
        return ledger(extending: base, with: readings, memo: &memo)
    }

    /// `memo`: the refs resolved so far, for a caller that builds more than one ledger.
    func ledger(
        extending base: consuming Ledger, with readings: some Collection<CommitReading>,
        memo: inout [String: RefResolution]
    ) -> Ledger {
        var ledger = base
        // Mostly one piece of evidence per reading: grown once, not by doubling (copies and fresh pages).
        ledger.evidence.reserveCapacity(ledger.evidence.count + readings.count + readings.count / 2)
        ledger.commitIDs.reserveCapacity(ledger.commitIDs.count + readings.count)
        for reading in readings {
            resolve(reading, into: &ledger, memo: &memo)
        }
        return ledger
    }

    /// `memo`: a long history names the same few refs thousands of times.
    func resolve(_ commitReading: CommitReading, into ledger: inout Ledger, memo: inout [String: RefResolution]) {
        let reading = commitReading.reading
        let commit = commitReading.commit
        ledger.commitIDs.append(commit.id)
        if let target = reading.reverts { ledger.reverts.append((commit.id, target)) }
        for index in reading.timedOutPatterns {
            ledger.warnings.append(
                EvidenceWarning(
                    commit: commit, ref: "patterns[\(index)]",
                    problem:
                        "gave up on .roadmap.yml pattern \(index + 1) (it ran past its time limit; it is off for the rest of this run):",
                    suggestions: []))
        }
        for verb in reading.unknownVerbs {
            ledger.warnings.append(EvidenceWarning(commit: commit, ref: verb, problem: "unknown verb", suggestions: []))
        }
        for mention in reading.mentions {
            let resolution: RefResolution
            if let known = memo[mention.ref] {
                resolution = known
            } else {
                resolution = resolver.resolve(mention.ref, suggesting: false)
                memo[mention.ref] = resolution
            }
            switch resolution {
            case .item(let id):
                // A scope is never more than in progress, whatever a pattern might claim.
                ledger.evidence.append(CommitEvidence(commit: commit, item: id, verb: mention.verb, rule: mention.rule))
            case .unknown(let suggestions):
                // Scopes name all sorts of things (`fix(api)`); only refs meant for the roadmap warn.
                if mention.rule != .scope {
                    ledger.warnings.append(
                        EvidenceWarning(
                            commit: commit, ref: mention.ref, problem: EvidenceWarning.unknownRef,
                            suggestions: suggestions))
                }
            case .ambiguous(let candidates):
                ledger.warnings.append(
                    EvidenceWarning(commit: commit, ref: mention.ref, problem: "ambiguous ref", suggestions: candidates)
                )
            }
        }
    }

    /// `warnings` with the closest ids of each unknown ref filled in: for the warnings that are printed.
    public func suggested(_ warnings: [EvidenceWarning]) -> [EvidenceWarning] {
        var memo: [String: [ItemID]] = [:]
        return warnings.map { warning in
            guard warning.problem == EvidenceWarning.unknownRef, warning.suggestions.isEmpty else { return warning }
            var warning = warning
            warning.suggestions = memo[warning.ref] ?? resolver.suggestions(forRef: warning.ref)
            memo[warning.ref] = warning.suggestions
            return warning
        }
    }

    /// Which commits are reverted (a revert of a revert re-applies the original). Linear in the reverts
    /// and the commits: full ids are looked up in a set, abbreviated ones by binary search in sorted ids.
    static func revertedCommits(_ ledger: Ledger) -> [String: String] {
        // Most histories revert nothing: no need to hash every commit id.
        guard !ledger.reverts.isEmpty else { return [:] }
        let known = Set(ledger.commitIDs)
        var sorted: [String]?
        func fullID(_ target: String) -> String? {
            if known.contains(target) { return target }
            guard target.utf8.count < 40 else { return nil }
            let ids = sorted ?? ledger.commitIDs.sorted()
            sorted = ids
            var low = 0
            var high = ids.count
            while low < high {
                let middle = (low + high) / 2
                if ids[middle] < target { low = middle + 1 } else { high = middle }
            }
            return low < ids.count && ids[low].hasPrefix(target) ? ids[low] : nil
        }
        var revertedBy: [String: String] = [:]
        // Newest first: whether a revert still counts is settled by the newer commits that may revert it.
        for (commit, target) in ledger.reverts.reversed() where revertedBy[commit] == nil {
            if let full = fullID(target), revertedBy[full] == nil { revertedBy[full] = commit }
        }
        return revertedBy
    }

    public func outcomes(
        ledger: Ledger, tree: [ItemID: TreeRules.Finding], rebuild: Bool
    ) -> [ItemID: ItemOutcome] {
        let revertedBy = Self.revertedCommits(ledger)
        var perItem: [ItemID: [CommitEvidence]] = [:]
        perItem.reserveCapacity(roadmap.items.count)
        for var evidence in ledger.evidence {
            // Most histories revert nothing: no commit id hashed per piece of evidence then.
            if !revertedBy.isEmpty { evidence.revertedBy = revertedBy[evidence.commit.id] }
            perItem[evidence.item, default: []].append(evidence)
        }
        var outcomes: [ItemID: ItemOutcome] = [:]
        for item in roadmap.items {
            let commits = perItem[item.id] ?? []
            var status = ItemStatus.notStarted
            var reopenedBy: String?
            var revertedLevel = ItemStatus.notStarted
            var revertingCommit: String?
            // The commit that last took the item from unfinished to finished: the date a burn-up chart plots.
            var finishedBy: CommitInfo?
            for evidence in commits {
                if let reverter = evidence.revertedBy {
                    let level = Self.level(evidence.verb)
                    if level >= revertedLevel {
                        revertedLevel = level
                        revertingCommit = reverter
                    }
                    continue
                }
                switch evidence.verb {
                case .done:
                    if !status.isFinished { finishedBy = evidence.commit }
                    status = .done
                    reopenedBy = nil
                case .start: status = max(status, .inProgress)
                case .skip:
                    if !status.isFinished { finishedBy = evidence.commit }
                    if status < .skipped { status = .skipped }
                    reopenedBy = nil
                case .reopen:
                    status = .notStarted
                    reopenedBy = evidence.commit.id
                    finishedBy = nil
                }
            }
            let finding = tree[item.id]
            if let finding { status = max(status, finding.status) }

            let document = item.documentStatus
            var final = max(document, status)
            var reason: StatusReason = document > status ? .document : .evidence
            if rebuild {
                final = status
                reason = .rebuilt
            } else if let reopenedBy, document > status {
                final = status
                reason = .reopened(commit: reopenedBy)
            } else if let revertingCommit, document > status, revertedLevel >= document {
                final = status
                reason = .reverted(commit: revertingCommit)
            }
            outcomes[item.id] = ItemOutcome(
                status: final, documentStatus: document, evidenceStatus: status, reason: reason, commits: commits,
                tree: finding,
                finishedBy: finishedBy)
        }
        return outcomes
    }

    private static func level(_ verb: Verb) -> ItemStatus {
        switch verb {
        case .done: .done
        case .start: .inProgress
        case .skip: .skipped
        case .reopen: .notStarted
        }
    }
}
