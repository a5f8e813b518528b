import ArgumentParser
import RoadmapKit

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show progress per phase, as the tracker shows it now.")

    @OptionGroup var options: TrackerOptions

    @Flag(help: "List every item under its phase with its id and status: what to write in a commit.")
    var items = false

    @Flag(help: "Print JSON (schema in README.md) instead of text; it always lists the items.")
    var json = false

    /// What to work on next: the first item in progress, else the first not started.
    static func nextItem(_ roadmap: Roadmap) -> Item? {
        roadmap.items.first { $0.documentStatus == .inProgress }
            ?? roadmap.items.first { $0.documentStatus == .notStarted }
    }

    func run() throws {
        let workspace = try options.workspace()
        let document = try workspace.document()
        let report = StatusReport(file: workspace.trackerName, document: document)
        Output.print(json ? report.jsonText() : report.text(colors: Output.colorsEnabled, items: items))
        if !json, let next = Self.nextItem(document.roadmap) {
            Output.print(
                "\nnext: when \(TerminalText.escaped(next.name)) is done, say so in a commit: Roadmap: done \(next.id)\n"
            )
        }
    }
}
