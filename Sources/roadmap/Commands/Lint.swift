import ArgumentParser
import RoadmapKit

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Report document problems and what the tracker does not count.",
        discussion: """
            Mojibake, unmatched rows and items, wrong totals, checkboxes outside the tracker, other candidate \
            trackers, unknown status words, tables that could not be placed. Exits 1 when problems remain; \
            `lint: ignore:` in .roadmap.yml silences kinds. --fix repairs mojibake and wrong Totals, and nothing else.
            """)

    @OptionGroup var options: TrackerOptions

    @Flag(help: "Repair what is safe to repair (mojibake, Total cells), then report the rest.")
    var fix = false

    @Flag(help: "Print the problems as JSON.")
    var json = false

    func run() throws {
        let workspace = try options.workspace()
        var document = try workspace.document()
        if fix {
            let fixed = try Linter.fixed(document)
            if fixed != document.source.bytes {
                let repairedCount = Linter.problems(in: document).filter(\.fixable).count
                try LocalFiles().writeAtomically(fixed, to: workspace.trackerPath)
                document = try workspace.document()
                if !json {
                    Output.standardError(
                        "roadmap: fixed \(repairedCount) problem\(repairedCount == 1 ? "" : "s") in \(workspace.trackerName)\n"
                    )
                }
            }
        }
        let problems = Linter.problems(in: document, ignoring: workspace.configuration.lintIgnore)
        if json {
            Output.print(JSONOutput.encode(LintReport(file: workspace.trackerName, problems: problems)))
        } else {
            for problem in problems {
                let hint = problem.fixable ? " (fixable with --fix)" : ""
                Output.print(
                    "\(workspace.trackerName):\(problem.line): \(problem.kind.rawValue): \(TerminalText.escaped(problem.message))\(hint)\n"
                )
            }
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

/// `lint --json`: the problems, under the schema version every JSON output carries (docs/schema/lint.json).
struct LintReport: Encodable {
    var schemaVersion = 1
    var file: String
    var problems: [LintProblem]
}
