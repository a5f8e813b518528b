import Foundation

/// When each finished item was finished: what the burn-up chart draws. A value built from a sync's outcomes,
/// so the chart and the tracker come from the same evidence.
public struct ProgressHistory: Equatable, Sendable {
    public struct PhaseName: Equatable, Sendable {
        public var key: PhaseKey
        public var title: String

        public init(key: PhaseKey, title: String) {
            self.key = key
            self.title = title
        }

        public init(number: Int, title: String) {
            self.init(key: .number(number), title: title)
        }

        /// "Phase 3: Databases", or the title alone for a phase named by it.
        public var legend: String { key.number.map { "Phase \(PictureFormat.count($0)): \(title)" } ?? title }
    }

    public struct Finished: Equatable, Sendable {
        public var item: ItemID
        /// nil when nothing dates it (a status set by hand in the document): it counts from the chart's start.
        public var date: Date?

        public init(item: ItemID, date: Date?) {
            self.item = item
            self.date = date
        }
    }

    public var phases: [PhaseName]
    /// Tracked items, finished or not.
    public var total: Int
    /// Finished (done or skipped) items, in roadmap order.
    public var finished: [Finished]
    /// The day the chart describes (00:00 UTC): its x axis ends with that day.
    public var asOf: Date

    /// The day (00:00 UTC) each dated finished item was finished: what `status --json` and the cohort show.
    public var finishedDays: [ItemID: Date] {
        Dictionary(
            finished.compactMap { item in item.date.map { (item.item, PictureFormat.calendar.startOfDay(for: $0)) } },
            uniquingKeysWith: { first, _ in first })
    }

    public init(phases: [PhaseName], total: Int, finished: [Finished], asOf: Date) {
        self.phases = phases
        self.total = total
        self.finished = finished
        self.asOf = asOf
    }

    /// - Parameters:
    ///   - headDate: HEAD's author date; nil while HEAD is unborn.
    ///   - now: the chart's end when there is no HEAD to date it by.
    ///
    /// An item finished by commit evidence is dated by the commit that finished it (its author date). One
    /// finished only by the tree (a `DONE` file) is dated by HEAD's day: the tree says it is finished at HEAD,
    /// and finding the commit that added the file would mean reading every tree of the history. One finished
    /// only in the document (by hand) has no date and counts from the start of the chart.
    ///
    /// HEAD counts by its day, not its second, so that the bot's own commit of the pictures (or an amend)
    /// later that day does not redraw them.
    public static func make(roadmap: Roadmap, outcomes: [ItemID: ItemOutcome], headDate: Date?, now: Date)
        -> ProgressHistory
    {
        var finished: [Finished] = []
        for item in roadmap.items {
            let outcome = outcomes[item.id]
            guard (outcome?.status ?? item.documentStatus).isFinished else { continue }
            var date: Date?
            if let commit = outcome?.finishedBy {
                date = Date(timeIntervalSince1970: commit.date)
            } else if outcome?.tree?.status.isFinished == true {
                date = headDate.map(PictureFormat.calendar.startOfDay(for:))
            }
            finished.append(Finished(item: item.id, date: date))
        }
        let latest = finished.compactMap(\.date).max()
        let asOf = PictureFormat.calendar.startOfDay(for: [headDate ?? now, latest].compactMap { $0 }.max()!)
        return ProgressHistory(
            phases: roadmap.phases.map { PhaseName(key: $0.key, title: $0.title) }, total: roadmap.items.count,
            finished: finished, asOf: asOf)
    }

    /// Whole percent finished, rounded down, as the progress line shows it.
    public var percent: Int { Wording.percent(finished: finished.count, total: total) }
}
