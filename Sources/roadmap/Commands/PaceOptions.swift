import ArgumentParser
import RoadmapKit

/// `--window DAYS`, for the commands that show a pace: the option wins over `.roadmap.yml`'s `pace_window`.
struct PaceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Average the pace over the last <days> days (default: the config's pace_window, else 28).",
            valueName: "days"))
    var window: Int?

    func days(_ configuration: Configuration) throws -> Int {
        guard let window else { return configuration.paceWindow }
        guard Pace.windowRange.contains(window) else {
            throw RoadmapError.usage("--window must be a number of days from 1 to 365, not \(window)")
        }
        return window
    }
}
