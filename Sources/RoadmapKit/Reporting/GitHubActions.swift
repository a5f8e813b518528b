/// What sync tells GitHub Actions when `GITHUB_ACTIONS=true`: step outputs, a job summary, and workflow
/// command annotations. Pure text; the command appends it to the files GitHub names.
public enum GitHubActions {
    /// `$GITHUB_OUTPUT` lines: `changed`, `written`, `done`, `total`, `percent`, and `file` (the tracker).
    public static func outputs(_ plan: SyncPlan, written: Bool) -> String {
        let summary = plan.summary
        return """
            changed=\(plan.changed ? "true" : "false")
            written=\(written ? "true" : "false")
            done=\(summary.finished)
            total=\(summary.total)
            percent=\(summary.percent)
            file=\(plan.workspace.trackerName.replacingOccurrences(of: "\n", with: " "))

            """
    }

    /// With pictures configured: `badge` and `chart` (their paths, for the commit step) and `pictures_changed`.
    /// Nothing at all without them, so a workflow that never configured pictures sees the outputs it always did.
    public static func pictureOutputs(_ pictures: [PictureUpdate]) -> String {
        guard !pictures.isEmpty else { return "" }
        var lines = pictures.map {
            "\($0.picture.kind.rawValue)=\($0.picture.name.replacingOccurrences(of: "\n", with: " "))"
        }
        lines.append("pictures_changed=\(pictures.contains(where: \.changed) ? "true" : "false")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown job summary for `$GITHUB_STEP_SUMMARY`. Commit text only appears inside a code block.
    public static func summary(_ plan: SyncPlan) -> String {
        let total = plan.summary
        var lines = ["### Roadmap progress", ""]
        var headline = "**\(total.finished)/\(total.total) done (\(total.percent)%)**"
        if total.inProgress > 0 { headline += " · \(total.inProgress) in progress" }
        if total.skipped > 0 { headline += " · \(total.skipped) skipped" }
        lines += [headline, "", "| Phase | Done | Status |", "|---|---:|---|"]
        for phase in plan.roadmap.phases {
            let statuses = phase.items.map { plan.outcomes[$0.id]?.status ?? $0.documentStatus }
            let finished = statuses.filter(\.isFinished).count
            let label = plan.workspace.configuration.wording.phaseLabel(for: PhaseStatus(statuses))
            lines.append("| \(markdownCell(phase.caption)) | \(finished)/\(statuses.count) | \(markdownCell(label)) |")
        }
        let changes = plan.changes
        lines.append("")
        lines.append(changes.isEmpty ? "No item changed in this run." : "Changed in this run:")
        if !changes.isEmpty { lines.append("") }
        for change in changes {
            lines.append("- `\(change.id)`: \(change.from.rawValue) → \(change.to.rawValue)")
        }
        if !plan.warnings.isEmpty {
            lines += ["", "Warnings:", "", "```text"]
            lines += plan.suggestedWarnings.map {
                TerminalText.escaped($0.sentence).replacingOccurrences(of: "```", with: "'''")
            }
            lines.append("```")
        }
        if plan.isShallow {
            lines += [
                "", "> Shallow clone: statuses already in the tracker are kept; `fetch-depth: 0` gives full evidence.",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `::warning file=README.md::…` for every evidence warning (of the `onlyCommits` when given: the action
    /// passes the commits since its own last one, so an old typo is not annotated on every run), and one
    /// `::notice::` for a shallow clone.
    public static func annotations(_ plan: SyncPlan, onlyCommits: Set<String>? = nil) -> String {
        let warnings = plan.suggestedWarnings.filter { onlyCommits?.contains($0.commit.id) ?? true }
        var lines = warnings.map { warning in
            "::warning file=\(escapeProperty(plan.workspace.trackerName)),title=roadmap::\(escapeData(warning.sentence))"
        }
        if plan.isShallow {
            lines.append(
                "::notice title=roadmap::\(escapeData("Shallow clone: only the fetched commits are read. Progress already in \(plan.workspace.trackerName) is kept by the merge rule; use fetch-depth: 0 for full evidence."))"
            )
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Workflow-command data escaping (GitHub's toolkit `escapeData`).
    static func escapeData(_ text: String) -> String {
        TerminalText.escaped(text)
            .replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
