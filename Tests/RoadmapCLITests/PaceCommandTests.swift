import Foundation
import Testing

/// `roadmap status`'s pace line and JSON, and the chart's projection, on a real repository with dated commits.
@Suite struct PaceCommandTests {
    /// The embedded roadmap (58 items); streams finished on Jan 3, buffers on Jan 20, the event loop on Jan 29
    /// (2024, UTC), and HEAD on Jan 29.
    func datedRepository(configuration: String = "") throws -> Repository {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        if !configuration.isEmpty { try repository.write(".roadmap.yml", configuration) }
        for (message, date) in [
            ("chore: start the roadmap", "2024-01-01T09:00:00Z"), ("finished #streams", "2024-01-03T12:00:00Z"),
            ("finished #buffers", "2024-01-20T12:00:00Z"), ("done #event-loop", "2024-01-29T08:00:00Z"),
        ] {
            try repository.git("add", "-A")
            try repository.git(
                ["commit", "-q", "--allow-empty", "-m", message],
                environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        }
        return repository
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func statusShowsThePaceAndTheExpectedFinish() throws {
        let repository = try datedRepository()
        let status = try repository.roadmap("status")
        #expect(status.status == 0, "\(status.stderr)")
        // Three items in Jan 2…29: 0.75 a week; 55 left at 3 per 28 days is 514 days after Jan 29, 2024.
        #expect(status.stdout.contains("\npace 0.8 items/week (last 28 days) · expected finish 2025-06-26\n"))
        let pace = try #require(try json(repository.roadmap("status", "--json").stdout)["pace"] as? [String: Any])
        #expect(pace["windowDays"] as? Int == 28)
        #expect(pace["finishedInWindow"] as? Int == 3)
        #expect(pace["itemsPerWeek"] as? Double == 0.75)
        #expect(pace["asOf"] as? String == "2024-01-29")
        #expect(pace["forecast"] as? String == "on-pace")
        #expect(pace["expectedFinish"] as? String == "2025-06-26")
    }

    @Test func theWindowComesFromTheOptionElseTheConfiguration() throws {
        let repository = try datedRepository(configuration: "pace_window: 7\n")
        // Jan 23…29 holds the event loop only: 1 a week, 55 weeks.
        #expect(
            try repository.roadmap("status").stdout.contains(
                "\npace 1 items/week (last 7 days) · expected finish 2025-02-17\n"))
        // Jan 20…29: two items in 10 days, 1.4 a week; 55 × 10 ÷ 2 = 275 days.
        let wider = try repository.roadmap("status", "--window", "10")
        #expect(wider.stdout.contains("\npace 1.4 items/week (last 10 days) · expected finish 2024-10-30\n"))
        let bad = try repository.roadmap("status", "--window", "0")
        #expect(bad.status == 2)
        #expect(bad.stderr == "roadmap: --window must be a number of days from 1 to 365, not 0\n")
    }

    @Test func aQuietMonthIsNoRecentProgress() throws {
        let repository = try datedRepository()
        #expect(try repository.roadmap("sync").status == 0)
        try repository.git(
            ["commit", "-q", "--allow-empty", "-m", "chore: tidy"],
            environment: ["GIT_AUTHOR_DATE": "2024-03-15T12:00:00Z", "GIT_COMMITTER_DATE": "2024-03-15T12:00:00Z"])
        #expect(
            try repository.roadmap("status").stdout.contains(
                "\npace 0 items/week (last 28 days) · no recent progress\n"))
        let document = try json(repository.roadmap("status", "--json").stdout)
        let pace = try #require(document["pace"] as? [String: Any])
        #expect(pace["forecast"] as? String == "no-recent-progress")
        #expect(pace["expectedFinish"] is NSNull)
        // Each finished item carries the day its evidence finished it.
        let phases = try #require(document["phases"] as? [[String: Any]])
        let items = phases.flatMap { $0["items"] as? [[String: Any]] ?? [] }
        let days = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as! String, $0["finishedOn"]) })
        #expect(days["p1/event-loop"] as? String == "2024-01-29")
        #expect(days["p1/streams"] as? String == "2024-01-03")
        #expect(days["p1/buffers"] as? String == "2024-01-20")
        #expect(days["p2/routing"] is NSNull)
    }

    @Test func outsideARepositoryThereIsNoPace() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", "## Week 1\n\n- [x] Variables\n- [ ] Loops\n")
        let status = try CLI.run(["status"], in: folder.url)
        #expect(status.status == 0)
        #expect(!status.stdout.contains("pace"))
        #expect(try json(CLI.run(["status", "--json"], in: folder.url).stdout)["pace"] is NSNull)
    }

    @Test func theChartProjectsTheFinishAtTheDefaultWindow() throws {
        let repository = try datedRepository()
        let chart = try repository.roadmap("chart")
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(chart.stdout.contains(">58 total · expected 2025-06-26<"))
        #expect(chart.stdout.contains("<line class=\"projection\""))
        // The axis reaches the expected day; the history still ends with HEAD's.
        #expect(chart.stdout.contains("from 2024-01-03 to 2024-01-29"))
        #expect(chart.stdout.contains(">Jan 3, 2024<") && chart.stdout.contains(">Apr 3, 2025<"))
    }

    /// The chart draws the pace `status` shows: `.roadmap.yml`'s pace_window, else `--window`, for `roadmap chart`
    /// and for the chart sync keeps.
    @Test func theChartProjectsAtTheConfiguredWindow() throws {
        let repository = try datedRepository(configuration: "pace_window: 7\nchart: docs/progress.svg\n")
        let chart = try repository.roadmap("chart")
        #expect(chart.stdout.contains(">58 total · expected 2025-02-17<"), "\(chart.stdout)")
        #expect(chart.stdout.contains("(the last 7 days)"))
        let wider = try repository.roadmap("chart", "--window", "10")
        #expect(wider.stdout.contains(">58 total · expected 2024-10-30<"))
        #expect(try repository.roadmap("chart", "--window", "400").status == 2)
        #expect(try repository.roadmap("sync").status == 0)
        let kept = try String(contentsOf: repository.url.appendingPathComponent("docs/progress.svg"), encoding: .utf8)
        #expect(kept.contains(">58 total · expected 2025-02-17<"))
    }
}
