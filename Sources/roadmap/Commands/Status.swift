import ArgumentParser
import RoadmapKit

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show progress per phase, as the tracker shows it now.")

    @OptionGroup var options: TrackerOptions

    @Flag(help: "Print JSON (schema in README.md) instead of text.")
    var json = false

    func run() throws {
        let workspace = try options.workspace()
        let document = try workspace.document()
        let report = StatusReport(file: workspace.trackerName, roadmap: document.roadmap)
        Output.print(json ? report.jsonText() : report.text(colors: Output.colorsEnabled))
    }
}
