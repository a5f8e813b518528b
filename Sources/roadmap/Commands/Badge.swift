import ArgumentParser
import Foundation
import RoadmapKit

struct Badge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badge",
        abstract: "Draw a shields-style SVG progress badge (\"roadmap | 29%\") from the evidence, as sync would.",
        discussion: "Red below 25%, orange below 50%, yellow below 75%, green below 100%, bright green at 100%.")

    @OptionGroup var options: TrackerOptions

    @Option(
        help: ArgumentHelp(
            "Write the SVG to <file> (relative to the work tree) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: "The badge's left-hand text (default: the config's badge_label, else roadmap).")
    var label: String?

    func run() throws {
        if let label, label.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RoadmapError.usage("--label must not be empty")
        }
        let repository = try Session.repository(startingAt: options.startDirectory)
        let plan = try ProgressPictures.plan(repository: repository, file: options.file)
        let svg = ProgressPictures.badge(plan, label: label).svg
        try PictureOutput.emit(svg, out: out, workspace: plan.workspace)
    }
}

/// Where `badge` and `chart` put their picture: standard output, or `--out` written atomically.
enum PictureOutput {
    static func emit(_ svg: String, out: String?, workspace: Workspace) throws {
        guard let out else {
            Output.print(svg)
            return
        }
        try ProgressPictures.write(Array(svg.utf8), to: workspace.outputPath(out, option: "--out"), named: out)
    }
}
