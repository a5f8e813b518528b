import ArgumentParser
import Foundation
import RoadmapKit

struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw an SVG burn-up chart of finished items over time, from the commits that finished them.",
        discussion: """
            Each item is dated by the commit whose evidence finished it; one finished only by a DONE file by HEAD's \
            commit, one finished by hand in the document at the start. The history ends at HEAD's author date; a \
            dashed line goes on to the total at the pace of the last 28 days (or --window, or .roadmap.yml's \
            pace_window: the pace `roadmap status` shows), ending on the expected day.
            """)

    @OptionGroup var options: TrackerOptions

    @OptionGroup var pace: PaceOptions

    @Option(
        help: ArgumentHelp(
            "Write the SVG to <file> (relative to the work tree) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "Start the time axis on this day (YYYY-MM-DD, UTC); items finished earlier count in the starting level.",
            valueName: "date"))
    var since: String?

    func run() throws {
        var start: Date?
        if let since {
            guard let day = PictureFormat.parseDay(since) else {
                throw RoadmapError.usage(
                    "--since must be a day written YYYY-MM-DD, not \"\(TerminalText.escaped(since))\"")
            }
            start = day
        }
        let repository = try Session.repository(startingAt: options.startDirectory)
        let plan = try ProgressPictures.plan(repository: repository, file: options.file)
        // Only the chart is dated: it ends with HEAD's day.
        let headDate = try ProgressPictures.headDate(repository)
        let window = try pace.days(plan.workspace.configuration)
        let svg = ProgressPictures.chart(plan, headDate: headDate, now: Date(), since: start, windowDays: window).svg
        try PictureOutput.emit(svg, out: out, workspace: plan.workspace)
    }
}
