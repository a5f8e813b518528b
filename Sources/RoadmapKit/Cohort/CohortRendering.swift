import Foundation

/// The cohort as terminal text, a Markdown table and stable JSON (schema: docs/schema/cohort.json).
extension CohortReport {
    // MARK: Shared wording

    /// "p4 Authentication", or the title alone for a phase named by it.
    static func phaseLabel(_ phase: PhaseSummary) -> String {
        phase.id.hasPrefix("p-") ? phase.title : "\(phase.id) \(phase.title)"
    }

    /// The label of the learner's current phase, or "all done".
    func currentPhaseLabel(_ figures: Figures) -> String {
        figures.currentPhase.map { Self.phaseLabel(phases[$0]) } ?? "all done"
    }

    /// "1.5/week", or "0/week".
    static func paceLabel(_ pace: Pace) -> String { "\(pace.rateText)/week" }

    /// "roadmap differs: 2 extra, 1 missing", or nil.
    static func difference(_ figures: Figures) -> String? {
        guard figures.roadmapDiffers else { return nil }
        var parts: [String] = []
        if figures.extraItems > 0 { parts.append("\(figures.extraItems) extra") }
        if figures.missingItems > 0 { parts.append("\(figures.missingItems) missing") }
        return "roadmap differs (\(parts.joined(separator: ", "))): compared on the shared items"
    }

    var summaryLine: String {
        let learners = rows.count == 1 ? "1 learner" : "\(rows.count) learners"
        var line = "\(learners) · as of \(PictureFormat.isoDay(asOf)) · pace over the last \(windowDays) days"
        if errorCount > 0 { line += " · \(errorCount) could not be read" }
        if sharedItems != referenceItems {
            line += " · compared on the \(sharedItems) items every roadmap has (of \(referenceItems))"
        }
        return line
    }

    // MARK: Text

    public func text(colors: Bool) -> String {
        let style = TerminalStyle(enabled: colors)
        let names = rows.map { TerminalText.escaped($0.name).truncated(to: 24) }
        let nameWidth = max(7, names.map { TextNormalization.displayWidth($0) }.max() ?? 0)
        let countWidth = max(3, String(sharedItems).count * 2 + 1)
        let labelWidth = phases.map { TextNormalization.displayWidth(Self.phaseLabel($0)) }.max() ?? 0
        let phaseWidth = min(30, max(13, labelWidth))
        var lines: [String] = [
            style.paint(
                [
                    "learner".rightPadded(to: nameWidth), "progress".rightPadded(to: 10 + 2 + countWidth + 6),
                    "current phase".rightPadded(to: phaseWidth), "7 days", "last done ", "pace".rightPadded(to: 9),
                    "expected finish",
                ].joined(separator: "  "), .bold)
        ]
        for (row, name) in zip(rows, names) {
            let paddedName = name.rightPadded(to: nameWidth)
            guard let figures = row.figures else {
                lines.append("\(paddedName)  \(style.paint("error: " + TerminalText.escaped(row.error ?? ""), .red))")
                continue
            }
            let colour: TerminalStyle.Colour =
                figures.finished == figures.total ? .green : figures.finished > 0 ? .yellow : .dim
            let filled = figures.total == 0 ? 0 : Int((Double(figures.finished) / Double(figures.total) * 10).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
            let count = "\(figures.finished)/\(figures.total)".leftPadded(to: countWidth)
            let percent = "\(figures.percent)%".leftPadded(to: 4)
            let phase = currentPhaseLabel(figures)
            var line = [
                paddedName, style.paint(bar, colour) + "  \(count)  \(percent)",
                TerminalText.escaped(String(phase)).truncated(to: phaseWidth).rightPadded(to: phaseWidth),
                String(figures.finishedLastWeek).leftPadded(to: 6),
                (figures.lastEvidence.map(PictureFormat.isoDay) ?? "—").rightPadded(to: 10),
                Self.paceLabel(figures.pace).rightPadded(to: 9), figures.pace.outlook,
            ].joined(separator: "  ")
            if let difference = Self.difference(figures) { line += "  " + style.paint(difference, .dim) }
            lines.append(line)
        }
        lines.append("")
        let titleWidth = min(40, max(5, labelWidth))
        lines.append(style.paint("phase".rightPadded(to: titleWidth) + "  completed  on it", .bold))
        for phase in phases {
            let title = TerminalText.escaped(Self.phaseLabel(phase)).truncated(to: titleWidth).rightPadded(
                to: titleWidth)
            lines.append(
                "\(title)  \(String(phase.completed).leftPadded(to: 9))  \(String(phase.current).leftPadded(to: 5))")
        }
        lines.append("")
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    /// Table text GitHub renders as it reads: pipes escaped, markup characters as entities, one line.
    static func cell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\t": result += " "
            case "\\", "*", "_", "`", "[", "]": result += "\\\(character)"
            default: result.append(character)
            }
        }
        return result
    }

    /// Two tables to paste in an issue or a wiki: the learners, then the phases.
    public func markdown() -> String {
        var lines = [
            "| Learner | Done | % | Current phase | Last 7 days | Last done | Pace (items/week) | Expected finish | Note |",
            "|---|--:|--:|---|--:|---|--:|---|---|",
        ]
        for row in rows {
            guard let figures = row.figures else {
                lines.append("| \(Self.cell(row.name)) | | | | | | | | error: \(Self.cell(row.error ?? "")) |")
                continue
            }
            let cells = [
                Self.cell(row.name), "\(figures.finished)/\(figures.total)", "\(figures.percent)%",
                Self.cell(currentPhaseLabel(figures)),
                String(figures.finishedLastWeek), figures.lastEvidence.map(PictureFormat.isoDay) ?? "—",
                figures.pace.rateText, figures.pace.outlook, Self.difference(figures).map(Self.cell) ?? "",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("| Phase | Items | Completed | On it |")
        lines.append("|---|--:|--:|--:|")
        for phase in phases {
            lines.append(
                "| \(Self.cell(Self.phaseLabel(phase))) | \(phase.items) | \(phase.completed) | \(phase.current) |")
        }
        lines.append("")
        lines.append(Self.cell(summaryLine))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    public struct JSON: Codable, Equatable, Sendable {
        public var schemaVersion = 1
        public var asOf: String
        public var windowDays: Int
        public var sharedItems: Int
        public var referenceItems: Int
        public var errors: Int
        public var learners: [LearnerJSON]
        public var phases: [PhaseSummary]
    }

    public struct LearnerPhaseJSON: Codable, Equatable, Sendable {
        public var id: String
        public var finished: Int
        public var total: Int
    }

    /// A learner; every figure is null on a row with an `error`, so every row has the same keys.
    public struct LearnerJSON: Codable, Equatable, Sendable {
        public var name: String
        public var source: String
        @Null public var error: String?
        @Null public var done: Int? = nil
        @Null public var total: Int? = nil
        @Null public var percent: Int? = nil
        @Null public var currentPhase: String? = nil
        @Null public var finishedLast7Days: Int? = nil
        @Null public var lastEvidence: String? = nil
        @Null public var pace: Pace.JSON? = nil
        @Null public var roadmapDiffers: Bool? = nil
        @Null public var extraItems: Int? = nil
        @Null public var missingItems: Int? = nil
        @Null public var phases: [LearnerPhaseJSON]? = nil
    }

    public var json: JSON {
        JSON(
            asOf: PictureFormat.isoDay(asOf), windowDays: windowDays, sharedItems: sharedItems,
            referenceItems: referenceItems, errors: errorCount,
            learners: rows.map { row in
                guard let figures = row.figures else {
                    return LearnerJSON(name: row.name, source: row.source, error: row.error)
                }
                return LearnerJSON(
                    name: row.name, source: row.source, error: nil, done: figures.finished, total: figures.total,
                    percent: figures.percent, currentPhase: figures.currentPhase.map { phases[$0].id },
                    finishedLast7Days: figures.finishedLastWeek,
                    lastEvidence: figures.lastEvidence.map(PictureFormat.isoDay), pace: figures.pace.json,
                    roadmapDiffers: figures.roadmapDiffers, extraItems: figures.extraItems,
                    missingItems: figures.missingItems,
                    phases: zip(phases, figures.finishedPerPhase).map {
                        LearnerPhaseJSON(id: $0.0.id, finished: $0.1, total: $0.0.items)
                    })
            },
            phases: phases)
    }

    public func jsonText() -> String { JSONOutput.encode(json) }
}
