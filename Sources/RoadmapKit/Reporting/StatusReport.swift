import Foundation

/// `roadmap status`: the roadmap's progress as terminal text or as stable JSON (documented in README.md).
public struct StatusReport: Sendable {
    public var file: String
    public var roadmap: Roadmap
    public var statuses: [ItemID: ItemStatus]
    /// What was read as the tracker, and what else the page holds that could have been.
    public var tracker: TrackerSummary?
    public var otherCandidates: [TrackerSummary]
    /// The pace and forecast, in a repository (they need the evidence's dates); nil for a plain folder.
    public var pace: Pace?
    /// The day each finished item was finished, from the evidence (the burn-up chart's dates).
    public var finishedOn: [ItemID: Date] = [:]

    public init(
        file: String, roadmap: Roadmap, statuses: [ItemID: ItemStatus]? = nil, tracker: TrackerSummary? = nil,
        otherCandidates: [TrackerSummary] = []
    ) {
        self.file = file
        self.roadmap = roadmap
        self.statuses = statuses ?? roadmap.documentStatuses
        self.tracker = tracker
        self.otherCandidates = otherCandidates
    }

    public init(file: String, document: TrackerDocument) {
        self.init(
            file: file, roadmap: document.roadmap, tracker: document.tracker, otherCandidates: document.otherCandidates)
    }

    /// Adds the pace over `windowDays` and the finishing dates of `history` (what a sync would write now).
    public func with(history: ProgressHistory, windowDays: Int) -> StatusReport {
        var report = self
        report.pace = Pace(history: history, windowDays: windowDays)
        report.finishedOn = history.finishedDays
        return report
    }

    func status(_ item: Item) -> ItemStatus { statuses[item.id] ?? item.documentStatus }

    public var summary: ProgressSummary { ProgressSummary(roadmap.items.map(status)) }

    // MARK: Text

    /// One line per phase and the overall line; `items` lists every item under its phase with its id, so a
    /// learner knows what to type in a commit.
    public func text(colors: Bool, barWidth: Int = 20, items listingItems: Bool = false) -> String {
        let style = TerminalStyle(enabled: colors)
        let numberWidth = roadmap.phases.compactMap { $0.number.map { String($0).count } }.max() ?? 1
        let titleWidth = min(34, roadmap.phases.map { $0.title.count }.max() ?? 0)
        var lines: [String] = []
        for phase in roadmap.phases {
            let summary = ProgressSummary(phase.items.map(status))
            let phaseStatus = PhaseStatus(phase.items.map(status))
            let colour: TerminalStyle.Colour =
                switch phaseStatus {
                case .completed: .green
                case .inProgress: .yellow
                case .notStarted: .dim
                }
            let label =
                phase.number.map { "Phase " + String($0).leftPadded(to: numberWidth) }
                ?? String(repeating: " ", count: 6 + numberWidth)
            let title = TerminalText.escaped(phase.title).truncated(to: titleWidth).rightPadded(to: titleWidth)
            let count = "\(summary.finished)/\(summary.total)".leftPadded(to: 5)
            let stateLabel =
                switch phaseStatus {
                case .completed: "completed"
                case .inProgress: summary.inProgress > 0 ? "in progress (\(summary.inProgress) active)" : "in progress"
                case .notStarted: "not started"
                }
            lines.append(
                "\(label)  \(title)  \(style.paint(bar(summary, width: barWidth), colour))  \(count)  \(style.paint(stateLabel, colour))"
            )
            guard listingItems else { continue }
            let idWidth = min(
                40,
                phase.items.map { TextNormalization.displayWidth(TerminalText.escaped($0.id.description)) }.max() ?? 0)
            let nameWidth = min(
                40, phase.items.map { TextNormalization.displayWidth(TerminalText.escaped($0.name)) }.max() ?? 0)
            for item in phase.items {
                let itemStatus = status(item)
                let itemColour: TerminalStyle.Colour =
                    itemStatus.isFinished ? .green : itemStatus == .inProgress ? .yellow : .dim
                let symbol =
                    itemStatus == .done ? "✓" : itemStatus == .skipped ? "⏭" : itemStatus == .inProgress ? "…" : "·"
                let id = TerminalText.escaped(item.id.description).rightPadded(to: idWidth)
                let name = TerminalText.escaped(item.name).truncated(to: nameWidth).rightPadded(to: nameWidth)
                lines.append(
                    "    \(style.paint(symbol, itemColour)) \(id)  \(name)  \(style.paint(itemStatus.rawValue.replacingOccurrences(of: "-", with: " "), itemColour))"
                )
            }
        }
        let total = summary
        var overall =
            "Overall  \(style.paint(bar(total, width: barWidth), .bold))  \(total.finished)/\(total.total) done (\(total.percent)%)"
        var extras: [String] = []
        if total.inProgress > 0 { extras.append("\(total.inProgress) in progress") }
        if total.skipped > 0 { extras.append("\(total.skipped) skipped") }
        if !extras.isEmpty { overall += " · " + extras.joined(separator: " · ") }
        lines.append("")
        lines.append(overall)
        if let pace { lines.append(pace.line) }
        if let tracker, !otherCandidates.isEmpty {
            let others = otherCandidates.map { "\($0.description) (\($0.items) items)" }.joined(separator: "; ")
            lines.append(
                "Tracker: \(tracker.description) (\(tracker.items) items); also seen, not counted: \(TerminalText.escaped(others))"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func bar(_ summary: ProgressSummary, width: Int) -> String {
        let filled =
            summary.total == 0 ? 0 : Int((Double(summary.finished) / Double(summary.total) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    // MARK: JSON

    public struct JSON: Codable, Equatable, Sendable {
        public var schemaVersion = 2
        public var file: String
        public var shape: Roadmap.Shape
        /// Where the tracker is, and what else the page holds that could have been one.
        @Null public var tracker: TrackerJSON?
        public var otherCandidates: [TrackerJSON]
        public var total: Int
        public var done: Int
        public var skipped: Int
        public var inProgress: Int
        public var notStarted: Int
        public var percent: Int
        public var phases: [PhaseJSON]
        /// Null outside a git repository, where nothing dates the items.
        @Null public var pace: Pace.JSON?
    }

    public struct TrackerJSON: Codable, Equatable, Sendable {
        public var shape: Roadmap.Shape
        public var line: Int
        public var items: Int
        public var description: String
    }

    public struct PhaseJSON: Codable, Equatable, Sendable {
        /// The number the phase's heading or row states; null for a phase named by its title.
        @Null public var number: Int?
        /// What ids of the phase start with: `p3`, `p-main-learnings`.
        public var id: String
        public var title: String
        public var status: String
        public var finished: Int
        public var total: Int
        public var items: [ItemJSON]
    }

    public struct ItemJSON: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var status: ItemStatus
        public var aliases: [String]
        /// The day (`YYYY-MM-DD`, UTC) the evidence finished it; null when unfinished or undated (set by hand).
        @Null public var finishedOn: String?
    }

    public var json: JSON {
        let summary = summary
        return JSON(
            file: file, shape: roadmap.shape, tracker: tracker.map(Self.json),
            otherCandidates: otherCandidates.map(Self.json), total: summary.total, done: summary.done,
            skipped: summary.skipped,
            inProgress: summary.inProgress, notStarted: summary.notStarted, percent: summary.percent,
            phases: roadmap.phases.map { phase in
                let statuses = phase.items.map(status)
                let phaseStatus: String =
                    switch PhaseStatus(statuses) {
                    case .completed: "completed"
                    case .inProgress: "in-progress"
                    case .notStarted: "not-started"
                    }
                return PhaseJSON(
                    number: phase.number, id: phase.key.id, title: phase.title, status: phaseStatus,
                    finished: statuses.filter(\.isFinished).count, total: statuses.count,
                    items: phase.items.map {
                        ItemJSON(
                            id: $0.id.description, name: $0.name, status: status($0), aliases: $0.aliases,
                            finishedOn: status($0).isFinished ? finishedOn[$0.id].map(PictureFormat.isoDay) : nil)
                    })
            }, pace: pace?.json)
    }

    private static func json(_ summary: TrackerSummary) -> TrackerJSON {
        TrackerJSON(shape: summary.shape, line: summary.line, items: summary.items, description: summary.description)
    }

    public func jsonText() -> String {
        JSONOutput.encode(json)
    }
}

/// An optional JSON field written as `null` when absent, where Codable would leave the key out: every
/// object of a kind then has the same keys, as the schemas in docs/schema say.
@propertyWrapper
public struct Null<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A `@Null` field whose key is missing reads as nil, as an optional's would.
    public func decode<Value>(_ type: Null<Value>.Type, forKey key: Key) throws -> Null<Value> {
        try decodeIfPresent(type, forKey: key) ?? Null(wrappedValue: nil)
    }
}

public enum JSONOutput {
    /// Sorted keys and two-space indentation: the same input always prints the same bytes.
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        let gap = width - TextNormalization.displayWidth(self)
        return gap > 0 ? String(repeating: " ", count: gap) + self : self
    }

    func rightPadded(to width: Int) -> String {
        let gap = width - TextNormalization.displayWidth(self)
        return gap > 0 ? self + String(repeating: " ", count: gap) : self
    }

    func truncated(to width: Int) -> String {
        guard TextNormalization.displayWidth(self) > width else { return self }
        var result = ""
        for character in self {
            if TextNormalization.displayWidth(result + String(character)) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }
}
