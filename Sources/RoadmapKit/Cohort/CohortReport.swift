import Foundation

/// One learner as the cohort received it: a name, where it came from, and the progress read there or the
/// one sentence saying why it could not be read.
public struct Learner: Equatable, Sendable {
    public var name: String
    /// The path, URL or file it was read from, as given.
    public var source: String
    public var progress: Result<LearnerProgress, RoadmapError>

    public init(name: String, source: String, progress: Result<LearnerProgress, RoadmapError>) {
        self.name = name
        self.source = source
        self.progress = progress
    }
}

/// The class at a glance (PRODUCT.md 7): per learner done/total, current phase, recent items, pace and
/// expected finish; per phase how many completed it and how many are on it. Pure: learners and a day in,
/// figures out. Learners whose roadmaps differ are compared on the ids every readable learner has.
public struct CohortReport: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var name: String
        public var source: String
        public var error: String?
        public var figures: Figures?
    }

    public struct Figures: Equatable, Sendable {
        public var finished: Int
        public var total: Int
        public var percent: Int
        /// The index in `phases` of the first phase not completed; nil when all are.
        public var currentPhase: Int?
        public var finishedLastWeek: Int
        /// The latest day any of the learner's items was finished; nil when nothing is dated.
        public var lastEvidence: Date?
        public var pace: Pace
        /// Items of this learner's roadmap the reference roadmap lacks, and the reverse.
        public var extraItems: Int
        public var missingItems: Int
        /// Finished and shared items per phase, in `phases` order.
        public var finishedPerPhase: [Int]
        /// The finishing day of every shared finished item that has one, oldest first: the burn-up line.
        public var finishDays: [Date]
        /// Shared finished items with no date (set by hand): the line starts at their count.
        public var undatedFinished: Int

        public var roadmapDiffers: Bool { extraItems > 0 || missingItems > 0 }
    }

    /// A phase of the shared items, as the JSON's `phases` lists it too.
    public struct PhaseSummary: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        /// Shared items in it.
        public var items: Int
        public var completed: Int
        public var current: Int
    }

    /// The day the report is as of (00:00 UTC): the end of the pace window and of the last 7 days.
    public var asOf: Date
    public var windowDays: Int
    /// The items every readable learner has, in the reference roadmap's order.
    public var sharedItems: Int
    /// Items of the reference roadmap: the one most learners have.
    public var referenceItems: Int
    public var phases: [PhaseSummary]
    /// Sorted by progress: most finished first, then by name; rows with an error last.
    public var rows: [Row]

    public var errorCount: Int { rows.filter { $0.error != nil }.count }

    public init(learners: [Learner], asOf day: Date, windowDays: Int = Pace.defaultWindow) {
        let calendar = PictureFormat.calendar
        let asOf = calendar.startOfDay(for: day)
        let readable = learners.compactMap { try? $0.progress.get() }
        // The reference roadmap is the commonest list of ids (the first learner's on a tie): its phase order
        // and titles name the columns, and a learner differs when their ids are not its ids.
        var counts: [[String]: Int] = [:]
        for progress in readable { counts[progress.itemIDs, default: 0] += 1 }
        let reference =
            readable.first { counts[$0.itemIDs] == counts.values.max() }
            ?? LearnerProgress(
                phases: [], statuses: [:], finishedOn: [:])
        let referenceIDs = Set(reference.itemIDs)
        var shared = referenceIDs
        for progress in readable { shared.formIntersection(progress.itemIDs) }
        let sharedPhases = reference.phases.compactMap { phase -> LearnerProgress.Phase? in
            let items = phase.items.filter(shared.contains)
            return items.isEmpty ? nil : LearnerProgress.Phase(id: phase.id, title: phase.title, items: items)
        }
        let weekStart = calendar.date(byAdding: .day, value: -6, to: asOf)!
        let weekEnd = calendar.date(byAdding: .day, value: 1, to: asOf)!

        var phases = sharedPhases.map {
            PhaseSummary(id: $0.id, title: $0.title, items: $0.items.count, completed: 0, current: 0)
        }
        var rows: [Row] = []
        for learner in learners {
            let progress: LearnerProgress
            switch learner.progress {
            case .failure(let error):
                rows.append(Row(name: learner.name, source: learner.source, error: error.message, figures: nil))
                continue
            case .success(let read): progress = read
            }
            let isFinished = { (id: String) in progress.statuses[id]?.isFinished ?? false }
            let finishedPerPhase = sharedPhases.map { $0.items.filter(isFinished).count }
            let current = sharedPhases.indices.first { finishedPerPhase[$0] < sharedPhases[$0].items.count }
            for index in sharedPhases.indices where finishedPerPhase[index] == sharedPhases[index].items.count {
                phases[index].completed += 1
            }
            if let current { phases[current].current += 1 }
            let sharedFinished = sharedPhases.flatMap(\.items).filter(isFinished)
            let dates = sharedFinished.map { progress.finishedOn[$0] }
            let ids = Set(progress.itemIDs)
            let figures = Figures(
                finished: sharedFinished.count, total: shared.count,
                percent: Wording.percent(finished: sharedFinished.count, total: shared.count),
                currentPhase: current,
                finishedLastWeek: dates.filter { $0.map { $0 >= weekStart && $0 < weekEnd } ?? false }.count,
                lastEvidence: progress.finishedOn.values.max(),
                pace: Pace(finished: dates, total: shared.count, asOf: asOf, windowDays: windowDays),
                extraItems: ids.subtracting(referenceIDs).count, missingItems: referenceIDs.subtracting(ids).count,
                finishedPerPhase: finishedPerPhase, finishDays: dates.compactMap { $0 }.sorted(),
                undatedFinished: dates.filter { $0 == nil }.count)
            rows.append(Row(name: learner.name, source: learner.source, error: nil, figures: figures))
        }
        rows.sort { left, right in
            switch (left.figures, right.figures) {
            case (let l?, let r?):
                if l.percent != r.percent { return l.percent > r.percent }
                if l.finished != r.finished { return l.finished > r.finished }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): break
            }
            return (left.name, left.source) < (right.name, right.source)
        }
        self.asOf = asOf
        self.windowDays = windowDays
        self.sharedItems = shared.count
        self.referenceItems = referenceIDs.count
        self.phases = phases
        self.rows = rows
    }
}
