/// Counts over a set of item statuses, shared by `status`, `sync --json` and the CI outputs.
public struct ProgressSummary: Equatable, Sendable, Codable {
    public var total: Int
    public var done: Int
    public var skipped: Int
    public var inProgress: Int
    public var notStarted: Int

    public init(_ statuses: some Sequence<ItemStatus>) {
        var counts: [ItemStatus: Int] = [:]
        var total = 0
        for status in statuses {
            counts[status, default: 0] += 1
            total += 1
        }
        self.total = total
        done = counts[.done] ?? 0
        skipped = counts[.skipped] ?? 0
        inProgress = counts[.inProgress] ?? 0
        notStarted = counts[.notStarted] ?? 0
    }

    /// Done and skipped items.
    public var finished: Int { done + skipped }

    /// Whole percent finished, rounded down so 100 means every item is finished.
    public var percent: Int { Wording.percent(finished: finished, total: total) }
}
