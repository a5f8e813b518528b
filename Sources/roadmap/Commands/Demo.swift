import ArgumentParser
import Foundation
import RoadmapKit

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Build a throwaway repository with a learner's first weeks on the embedded roadmap, sync it, and show the result."
    )

    @Option(
        help: ArgumentHelp(
            "Create the repository under <folder> (default: the system's temporary folder).", valueName: "folder"))
    var under: String?

    func run() throws {
        let parent = under.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let (repository, commits) = try RoadmapKit.Demo.build(under: parent)
        let path = repository.workingDirectory.path
        Output.print("Created a throwaway repository with \(commits) commits: \(path)\n\n$ git log --oneline\n")
        var log: [String] = []
        try repository.forEachCommit { log.append("\($0.shortID) \(TerminalText.escaped($0.subject))") }
        Output.print(log.reversed().joined(separator: "\n") + "\n\n$ roadmap sync\n")

        let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
        let plan = try Synchronizer.plan(
            workspace: workspace, repository: repository, cache: CacheStore(gitDirectory: repository.gitDirectory))
        try Synchronizer.write(plan, lockDirectory: repository.gitDirectory)
        for warning in plan.suggestedWarnings {
            Output.print("roadmap: warning: \(TerminalText.escaped(warning.sentence))\n")
        }
        for change in plan.changes {
            Output.print("\(change.id): \(change.from.words) → \(change.to.words)\n")
        }
        Output.print(
            "\(workspace.trackerName) updated: \(plan.summary.finished)/\(plan.summary.total) done (\(plan.summary.percent)%)\n\n$ roadmap status\n"
        )
        let document = try workspace.document()
        // With the pace and expected finish, as `roadmap status` shows them in a repository.
        let history = plan.history(headDate: try repository.headAuthorDate(), now: Date())
        let report = StatusReport(file: workspace.trackerName, document: document)
            .with(history: history, windowDays: workspace.configuration.paceWindow)
        Output.print(report.text(colors: Output.colorsEnabled))
        Output.print("\nLook around: cd \(path) && roadmap explain streams && git diff\n")
    }
}
