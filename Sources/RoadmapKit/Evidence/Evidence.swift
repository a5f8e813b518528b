/// A commit as the evidence rules remember it: no libgit2 and no message, just what explain shows.
public struct CommitInfo: Equatable, Sendable {
    public var id: String
    public var date: Double
    public var subject: String

    public init(id: String, date: Double, subject: String) {
        self.id = id
        self.date = date
        self.subject = subject
    }

    public var shortID: String { String(id.prefix(7)) }
}

/// What one commit's message says, with where the commit stands in the history: the unit the evidence
/// cache stores (refs unresolved, so a changed document never invalidates it).
public struct CommitReading: Equatable, Sendable {
    public var commit: CommitInfo
    public var generation: UInt32
    public var reading: MessageReading

    public init(commit: CommitInfo, generation: UInt32, reading: MessageReading) {
        self.commit = commit
        self.generation = generation
        self.reading = reading
    }

    /// Replay order: generation (a root is 1, any other commit one more than its highest parent), then date,
    /// then id — a topological order that does not depend on how the history was walked, so a sync that
    /// reads only new commits through the cache replays exactly what a full walk does.
    static func replayOrder(_ lhs: CommitReading, _ rhs: CommitReading) -> Bool {
        (lhs.generation, lhs.commit.date, lhs.commit.id) < (rhs.generation, rhs.commit.date, rhs.commit.id)
    }

    /// `readings` sorted in replay order; as they are when they already are (the cache keeps them so), which
    /// costs one pass instead of a sort that copies every reading.
    static func inReplayOrder(_ readings: [CommitReading]) -> [CommitReading] {
        for index in readings.indices.dropFirst() where replayOrder(readings[index], readings[index - 1]) {
            return readings.sorted(by: replayOrder)
        }
        return readings
    }
}

/// One resolved piece of commit evidence for one item.
public struct CommitEvidence: Equatable, Sendable {
    public var commit: CommitInfo
    public var item: ItemID
    public var verb: Verb
    public var rule: Mention.Rule
    /// The id of the commit that reverted this one, when it was reverted (and not re-applied).
    public var revertedBy: String?
}

/// A ref the roadmap could not resolve, or a verb nobody knows: a warning naming the commit.
public struct EvidenceWarning: Equatable, Sendable {
    public var commit: CommitInfo
    public var ref: String
    public var problem: String
    /// The closest ids of an unknown ref once `EvidenceMerge.suggested` filled them in; an ambiguous
    /// ref's candidates.
    public var suggestions: [ItemID]

    static let unknownRef = "unknown ref"

    public var sentence: String {
        let hint =
            suggestions.isEmpty ? "" : " (did you mean \(suggestions.map(\.description).joined(separator: ", "))?)"
        return "\(commit.shortID): \(problem) `\(ref)`\(hint)"
    }
}

/// Why an item ends with the status it has.
public enum StatusReason: Equatable, Sendable {
    case evidence
    /// The document showed more than evidence does, and nothing moved it back.
    case document
    /// An explicit `reopen` moved it back.
    case reopened(commit: String)
    /// The only evidence that had raised it was reverted.
    case reverted(commit: String)
    case rebuilt
}

/// Everything known about one item after the merge.
public struct ItemOutcome: Equatable, Sendable {
    public var status: ItemStatus
    public var documentStatus: ItemStatus
    public var evidenceStatus: ItemStatus
    public var reason: StatusReason
    public var commits: [CommitEvidence]
    public var tree: TreeRules.Finding?
    /// The commit whose evidence finished the item (done or skipped), when commit evidence did; nil when only
    /// the tree or the document says it is finished.
    public var finishedBy: CommitInfo? = nil
}
