import Foundation

/// One learner's roadmap as the cohort compares it: phases with their item ids, each item's status, and the
/// day the evidence finished it. The same value whether it was read from a repository (the sync engine's
/// plan) or from the status JSON the learner's CI published.
public struct LearnerProgress: Equatable, Sendable {
    public struct Phase: Equatable, Sendable {
        /// `p3`, `p-main-learnings`: what the ids of its items start with.
        public var id: String
        public var title: String
        public var items: [String]

        public init(id: String, title: String, items: [String]) {
            self.id = id
            self.title = title
            self.items = items
        }
    }

    public var phases: [Phase]
    public var statuses: [String: ItemStatus]
    /// Finished items with a date (00:00 UTC of the finishing commit's day); undated ones are absent.
    public var finishedOn: [String: Date]

    public init(phases: [Phase], statuses: [String: ItemStatus], finishedOn: [String: Date]) {
        self.phases = phases
        self.statuses = statuses
        self.finishedOn = finishedOn
    }

    public var itemIDs: [String] { phases.flatMap(\.items) }

    /// What a sync would write now, dated as the burn-up chart dates it.
    public init(plan: SyncPlan, headDate: Date?, now: Date) {
        let history = plan.history(headDate: headDate, now: now)
        var statuses: [String: ItemStatus] = [:]
        for item in plan.roadmap.items {
            statuses[item.id.description] = plan.outcomes[item.id]?.status ?? item.documentStatus
        }
        self.init(
            phases: plan.roadmap.phases.map {
                Phase(id: $0.key.id, title: $0.title, items: $0.items.map(\.id.description))
            },
            statuses: statuses,
            finishedOn: Dictionary(uniqueKeysWithValues: history.finishedDays.map { ($0.key.description, $0.value) }))
    }

    /// The part of a status file (`roadmap status --json`, schema version 2) the cohort reads: decoding only
    /// these keys, and no aliases, names or counts, takes a quarter off merging ten thousand files. Older files
    /// without `finishedOn` give finished items no date: they count, but not as recent.
    private struct Published: Decodable {
        struct Phase: Decodable {
            var id: String
            var title: String
            var items: [Item]
        }
        struct Item: Decodable {
            var id: String
            var status: ItemStatus
            var finishedOn: String?
        }
        var schemaVersion: Int
        var phases: [Phase]
    }

    /// Decodes a status JSON file's bytes; a file that is not one is an error naming it.
    public static func decodeStatus(_ bytes: [UInt8], name: String) throws -> LearnerProgress {
        let decoded: Published
        do {
            decoded = try JSONDecoder().decode(Published.self, from: Data(bytes))
        } catch {
            throw RoadmapError.file("\(name) is not the JSON `roadmap status --json` prints")
        }
        guard decoded.schemaVersion == 2 else {
            throw RoadmapError.file(
                "\(name) is status JSON of schema version \(decoded.schemaVersion); this roadmap reads version 2")
        }
        var statuses: [String: ItemStatus] = [:]
        var finishedOn: [String: Date] = [:]
        for phase in decoded.phases {
            for item in phase.items {
                statuses[item.id] = item.status
                if item.status.isFinished, let day = item.finishedOn.flatMap(PictureFormat.parseDay) {
                    finishedOn[item.id] = day
                }
            }
        }
        return LearnerProgress(
            phases: decoded.phases.map { Phase(id: $0.id, title: $0.title, items: $0.items.map(\.id)) },
            statuses: statuses, finishedOn: finishedOn)
    }
}
