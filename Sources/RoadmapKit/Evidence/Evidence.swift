/// A commit as the evidence rules see it: no libgit2, just values.
public struct CommitInfo: Equatable, Sendable {
    public var id: String
    public var date: Double
    public var subject: String
    public var message: String

    public init(id: String, date: Double, subject: String, message: String) {
        self.id = id
        self.date = date
        self.subject = subject
        self.message = message
    }

    public var shortID: String { String(id.prefix(7)) }
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
    public var suggestions: [ItemID]

    public var sentence: String {
        let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.map(\.description).joined(separator: ", "))?)"
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
}
