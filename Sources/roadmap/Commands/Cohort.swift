import ArgumentParser
import Foundation
import RoadmapKit

struct Cohort: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Show a class of learners: progress, current phase, pace and expected finish, per learner and phase.",
        discussion: """
            Each input is a learner's repository (read in place, nothing written), a folder of status JSON files \
            (what `roadmap status --json` prints in a learner's CI), a .json file, a quoted glob ("class/*"), a \
            clone URL or a local bare repository (kept in --cache DIR), or a file listing inputs one per line (name<TAB>input names the learner). One that cannot be read is a row \
            with its error; the run still succeeds unless --fail-on-error.
            """)

    @Argument(help: ArgumentHelp("Repositories, folders, status JSON files, globs or list files.", valueName: "input"))
    var inputs: [String] = []

    @Flag(help: "Print Markdown tables (to paste in an issue or a wiki) instead of the terminal table.")
    var markdown = false

    @Flag(help: "Print JSON (schema: docs/schema/cohort.json) instead of the terminal table.")
    var json = false

    @OptionGroup var pace: PaceOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The day the report is as of (YYYY-MM-DD, UTC; default today).", valueName: "day"))
    var asOf: String?

    @Option(help: ArgumentHelp("Learners read at once (default: the cores).", valueName: "n"))
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "Also write the class as one self-contained HTML page to <file> (sortable table, heat map, burn-up).",
            valueName: "file"))
    var html: String?

    @Option(
        help: ArgumentHelp(
            "Keep clones of URL inputs (and local bare repositories) in <dir>, fetched on each run.",
            valueName: "dir"))
    var cache: String?

    @Flag(help: "Exit 3 when any learner could not be read (the report is printed first).")
    var failOnError = false

    func validate() throws {
        guard !inputs.isEmpty else {
            throw RoadmapError.usage("cohort needs at least one repository, folder, status JSON file or list of them")
        }
        guard !(markdown && json) else { throw RoadmapError.usage("--markdown and --json cannot be used together") }
        if let jobs, jobs < 1 { throw RoadmapError.usage("--jobs must be at least 1, not \(jobs)") }
    }

    func run() async throws {
        let windowDays = try pace.days(Configuration())
        var day = Date()
        if let asOf {
            guard let parsed = PictureFormat.parseDay(asOf) else {
                throw RoadmapError.usage(
                    "--as-of must be a day written YYYY-MM-DD, not \"\(TerminalText.escaped(asOf))\"")
            }
            day = parsed
        }
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let sources = CohortSource.expand(inputs, relativeTo: base)
        let reader = CohortReader(
            cacheFolder: cache.map { URL(fileURLWithPath: $0, relativeTo: base).standardizedFileURL },
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, now: Date())
        // The bar lives in this task, which owns the group and is the only caller of its update.
        let bar = ProgressBar()
        let learners = await reader.read(sources, progress: bar.update)
        bar.finish()
        let report = CohortReport(learners: learners, asOf: day, windowDays: windowDays)
        let text =
            json ? report.jsonText() : markdown ? report.markdown() : report.text(colors: Output.colorsEnabled)
        if let html {
            let path = URL(fileURLWithPath: html, relativeTo: base).standardizedFileURL
            try ProgressPictures.write(
                Array(report.html().utf8), to: path.path, named: TerminalText.escaped(html))
        }
        Output.print(text)
        if failOnError && report.errorCount > 0 { throw ExitCode(3) }
    }
}
