import ArgumentParser
import Foundation
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

    /// The repository `directory` is in, nil in a plain folder (status works there too, without a pace).
    static func repository(_ directory: URL) throws -> GitRepository? {
        do {
            return try Session.repository(startingAt: directory)
        } catch let error as RoadmapError where error.kind == .notARepository {
            return nil
        }
    }

    /// What to work on next: the first item in progress, else the first not started.
    static func nextItem(_ roadmap: Roadmap) -> Item? {
        roadmap.items.first { $0.documentStatus == .inProgress }
            ?? roadmap.items.first { $0.documentStatus == .notStarted }
    }

    @OptionGroup var pace: PaceOptions

    func run() throws {
        // Opened once: the workspace is its work tree, and the pace reads its history.
        let repository = try Self.repository(options.startDirectory)
        let workspace =
            try repository.map { try Workspace.load(root: $0.workingDirectory, file: options.file) }
            ?? options.workspace()
        let document = try workspace.document()
        let windowDays = try pace.days(workspace.configuration)
        var report = StatusReport(file: workspace.trackerName, document: document)
        // The pace needs the evidence's dates: in a repository, the plan a sync would make (without writing).
        if let repository {
            let plan = try Synchronizer.plan(
                workspace: workspace, repository: repository, cache: CacheStore(gitDirectory: repository.gitDirectory))
            let history = plan.history(headDate: try repository.headAuthorDate(), now: Date())
            report = report.with(history: history, windowDays: windowDays)
        }
        Output.print(json ? report.jsonText() : report.text(colors: Output.colorsEnabled, items: items))
        if !json, let next = Self.nextItem(document.roadmap) {
            Output.print(
                "\nnext: when \(TerminalText.escaped(next.name)) is done, say so in a commit: Roadmap: done \(next.id)\n"
            )
        }
    }
}
