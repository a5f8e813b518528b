import Foundation

/// `roadmap explain REF`: the evidence behind one item's status, in words.
public struct Explanation: Sendable {
    public var item: Item
    public var phase: Phase
    public var outcome: ItemOutcome

    public init(item: Item, phase: Phase, outcome: ItemOutcome) {
        self.item = item
        self.phase = phase
        self.outcome = outcome
    }

    public func text(colors: Bool = false) -> String {
        let style = TerminalStyle(enabled: colors)
        var lines: [String] = []
        lines.append(
            style.paint("\(item.id)", .bold)
                + "  \(TerminalText.escaped(item.name))  (\(TerminalText.escaped(phase.caption)))")
        if !item.aliases.isEmpty {
            lines.append("also: " + item.aliases.map { TerminalText.escaped($0) }.joined(separator: ", "))
        }
        lines.append("status: \(Self.words(outcome.status))")
        lines.append("")
        lines.append("commits:")
        if outcome.commits.isEmpty { lines.append("  (none)") }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        for evidence in outcome.commits {
            let date = formatter.string(from: Date(timeIntervalSince1970: evidence.commit.date))
            var line =
                "  \(evidence.commit.shortID) \(date)  \(TerminalText.escaped(evidence.commit.subject))  [\(evidence.rule): \(evidence.verb.rawValue)]"
            if let reverter = evidence.revertedBy { line += " reverted by \(reverter.prefix(7))" }
            lines.append(evidence.revertedBy == nil ? line : style.paint(line, .dim))
        }
        lines.append("")
        lines.append("paths:")
        if let tree = outcome.tree {
            for path in tree.paths {
                lines.append(
                    "  \(TerminalText.escaped(path))"
                        + (TreeRules.doneMarkers.contains(String(path.split(separator: "/").last ?? ""))
                            ? "  (done marker)" : ""))
            }
        } else {
            lines.append("  (none)")
        }
        lines.append("")
        lines.append("why: " + reason)
        return lines.joined(separator: "\n") + "\n"
    }

    public var reason: String {
        let evidence = Self.words(outcome.evidenceStatus)
        switch outcome.reason {
        case .evidence:
            if outcome.status == .notStarted { return "no evidence yet" }
            return "evidence says \(evidence)"
                + (outcome.documentStatus == outcome.status ? " (the document already shows it)" : "")
        case .document:
            return
                "set by hand in the document (\(Self.words(outcome.documentStatus))); evidence alone says \(evidence), and evidence only moves items forward"
        case .reopened(let commit):
            return "reopened by \(commit.prefix(7)); evidence since says \(evidence)"
        case .reverted(let commit):
            return "the evidence that raised it was reverted by \(commit.prefix(7)); what remains says \(evidence)"
        case .rebuilt:
            return "rebuilt from evidence alone: \(evidence)"
        }
    }

    static func words(_ status: ItemStatus) -> String {
        switch status {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .done: "done"
        case .skipped: "skipped"
        }
    }
}

extension Explanation {
    /// `roadmap explain --json` (docs/schema/explain.json).
    public struct Report: Encodable, Sendable {
        public struct Commit: Encodable, Sendable {
            var id: String
            var date: String
            var subject: String
            var rule: String
            var verb: String
            var revertedBy: String?
        }

        var schemaVersion = 1
        var id: String
        var name: String
        var aliases: [String]
        var phase: String
        var status: String
        var documentStatus: String
        var evidenceStatus: String
        var commits: [Commit]
        var paths: [String]
        var why: String
    }

    public var report: Report {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return Report(
            id: item.id.description, name: item.name, aliases: item.aliases, phase: phase.caption,
            status: outcome.status.rawValue, documentStatus: outcome.documentStatus.rawValue,
            evidenceStatus: outcome.evidenceStatus.rawValue,
            commits: outcome.commits.map {
                Report.Commit(
                    id: $0.commit.id, date: formatter.string(from: Date(timeIntervalSince1970: $0.commit.date)),
                    subject: $0.commit.subject, rule: "\($0.rule)", verb: $0.verb.rawValue, revertedBy: $0.revertedBy)
            },
            paths: outcome.tree?.paths ?? [], why: reason)
    }
}
