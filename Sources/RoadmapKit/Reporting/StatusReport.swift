import Foundation

/// `roadmap status`: the roadmap's progress as terminal text or as stable JSON (documented in README.md).
public struct StatusReport: Sendable {
    public var file: String
    public var roadmap: Roadmap
    public var statuses: [ItemID: ItemStatus]

    public init(file: String, roadmap: Roadmap, statuses: [ItemID: ItemStatus]? = nil) {
        self.file = file
        self.roadmap = roadmap
        self.statuses = statuses ?? roadmap.documentStatuses
    }

    func status(_ item: Item) -> ItemStatus { statuses[item.id] ?? item.documentStatus }

    public var summary: ProgressSummary { ProgressSummary(roadmap.items.map(status)) }

    // MARK: Text

    public func text(colors: Bool, barWidth: Int = 20) -> String {
        let style = TerminalStyle(enabled: colors)
        let numberWidth = roadmap.phases.map { String($0.number).count }.max() ?? 1
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
            let number = String(phase.number).leftPadded(to: numberWidth)
            let title = TerminalText.escaped(phase.title).truncated(to: titleWidth).rightPadded(to: titleWidth)
            let count = "\(summary.finished)/\(summary.total)".leftPadded(to: 5)
            let label =
                switch phaseStatus {
                case .completed: "completed"
                case .inProgress: summary.inProgress > 0 ? "in progress (\(summary.inProgress) active)" : "in progress"
                case .notStarted: "not started"
                }
            lines.append("Phase \(number)  \(title)  \(style.paint(bar(summary, width: barWidth), colour))  \(count)  \(style.paint(label, colour))")
        }
        let total = summary
        var overall = "Overall  \(style.paint(bar(total, width: barWidth), .bold))  \(total.finished)/\(total.total) done (\(total.percent)%)"
        var extras: [String] = []
        if total.inProgress > 0 { extras.append("\(total.inProgress) in progress") }
        if total.skipped > 0 { extras.append("\(total.skipped) skipped") }
        if !extras.isEmpty { overall += " · " + extras.joined(separator: " · ") }
        lines.append("")
        lines.append(overall)
        return lines.joined(separator: "\n") + "\n"
    }

    private func bar(_ summary: ProgressSummary, width: Int) -> String {
        let filled = summary.total == 0 ? 0 : Int((Double(summary.finished) / Double(summary.total) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    // MARK: JSON

    public struct JSON: Codable, Equatable, Sendable {
        public var schemaVersion = 1
        public var file: String
        public var shape: Roadmap.Shape
        public var total: Int
        public var done: Int
        public var skipped: Int
        public var inProgress: Int
        public var notStarted: Int
        public var percent: Int
        public var phases: [PhaseJSON]
    }

    public struct PhaseJSON: Codable, Equatable, Sendable {
        public var number: Int
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
    }

    public var json: JSON {
        let summary = summary
        return JSON(
            file: file, shape: roadmap.shape, total: summary.total, done: summary.done, skipped: summary.skipped,
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
                    number: phase.number, title: phase.title, status: phaseStatus,
                    finished: statuses.filter(\.isFinished).count, total: statuses.count,
                    items: phase.items.map { ItemJSON(id: $0.id.description, name: $0.name, status: status($0), aliases: $0.aliases) })
            })
    }

    public func jsonText() -> String {
        JSONOutput.encode(json)
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
