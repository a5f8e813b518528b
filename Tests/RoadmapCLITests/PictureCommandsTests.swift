import Foundation
import RoadmapKit
import Testing

/// `roadmap badge`, `roadmap chart` and sync's pictures, on real repositories with dated commits.
@Suite struct PictureCommandsTests {
    /// The roadmap, then commits on known days: streams finished on Jan 3, buffers on Jan 5, and a DONE file
    /// for the event loop in HEAD, committed on Jan 8 (2024, UTC).
    func datedRepository(configuration: String = "") throws -> Repository {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        if !configuration.isEmpty {
            try repository.write(".roadmap.yml", try repository.text(".roadmap.yml") + configuration)
        }
        try commit(repository, "chore: start the roadmap", on: "2024-01-01T09:00:00Z")
        try commit(repository, "finished #streams", on: "2024-01-03T12:00:00Z")
        try commit(repository, "finished #buffers", on: "2024-01-05T12:00:00Z")
        try repository.write("phase-1/event-loop/DONE", "")
        try commit(repository, "notes: the event loop", on: "2024-01-08T12:00:00Z")
        return repository
    }

    func commit(_ repository: Repository, _ message: String, on date: String) throws {
        try repository.git("add", "-A")
        try repository.git(
            ["commit", "-q", "--allow-empty", "-m", message],
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }

    func attribute(_ name: String, of element: String, in svg: String) -> String? {
        guard let start = svg.range(of: "<\(element) "),
            let line = svg[start.lowerBound...].split(separator: "\n").first,
            let value = line.range(of: " \(name)=\"")
        else { return nil }
        return String(line[value.upperBound...].prefix { $0 != "\"" })
    }

    @Test func chartAndBadgeComeFromTheEvidenceDates() throws {
        let repository = try datedRepository()
        let chart = try repository.roadmap("chart", "--out", "docs/chart.svg")
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(chart.stdout.isEmpty)
        let svg = try repository.text("docs/chart.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title id=\"chart-title\">Roadmap burn-up: 3 of 58 items done (5%)</title>"))
        // From the first finishing commit's day to HEAD's date (the DONE file's item is dated by HEAD).
        #expect(svg.contains("from 2024-01-03 to 2024-01-08"))
        // Three items in the 28 days to Jan 8: 55 left at that pace is 514 days, and the axis runs on to that
        // day, by quarters.
        #expect(svg.contains(">Jan 3, 2024<") && svg.contains(">Apr 3, 2025<"))
        #expect(svg.contains(">58 total · expected 2025-06-05<"))
        #expect(svg.contains("as of 2024-01-08"))
        let cy = try #require(attribute("cy", of: "circle", in: svg).flatMap(Double.init))
        let expected = BurnUpChart.plotBottom - 3.0 / 58.0 * (BurnUpChart.plotBottom - BurnUpChart.plotTop)
        #expect(abs(cy - expected) < 0.01)
        // Without --out the same picture goes to standard output.
        #expect(try repository.roadmap("chart").stdout == svg)

        let badge = try repository.roadmap("badge")
        #expect(badge.status == 0)
        #expect(badge.stdout.contains("aria-label=\"roadmap: 5%\""))
        #expect(badge.stdout.contains("fill=\"#e05d44\""))
        #expect(try repository.roadmap("badge", "--label", "Node.js").stdout.contains("<title>Node.js: 5%</title>"))
    }

    @Test func sinceStartsTheAxisOnThatDay() throws {
        let repository = try datedRepository()
        let chart = try repository.roadmap("chart", "--since", "2024-01-04")
        #expect(chart.status == 0)
        #expect(chart.stdout.contains("from 2024-01-04 to 2024-01-08"))
    }

    @Test(arguments: [
        (
            ["chart", "--since", "2024-02-30"], 2,
            "roadmap: --since must be a day written YYYY-MM-DD, not \"2024-02-30\"\n"
        ),
        (
            ["chart", "--since", "last week"], 2,
            "roadmap: --since must be a day written YYYY-MM-DD, not \"last week\"\n"
        ),
        (["badge", "--label", " "], 2, "roadmap: --label must not be empty\n"),
    ])
    func badOptionsAreOneSentenceAndExitTwo(arguments: [String], status: Int32, message: String) throws {
        let repository = try datedRepository()
        let result = try CLI.run(arguments, in: repository.url)
        #expect(result.status == status)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test func outputsStayInTheWorkTreeAndOutsideARepositoryIsExitThree() throws {
        let repository = try datedRepository()
        let outside = try repository.roadmap("chart", "--out", "../escaped.svg")
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("roadmap: --out ../escaped.svg is outside the work tree"))
        let folder = try TemporaryFolder()
        let notARepository = try CLI.run(
            ["badge"], in: folder.url,
            environment: ["GIT_CEILING_DIRECTORIES": folder.url.deletingLastPathComponent().path])
        #expect(notARepository.status == 3)
    }

    @Test func syncKeepsTheConfiguredPicturesAndLinksThem() throws {
        let repository = try datedRepository(
            configuration: "badge: docs/roadmap-badge.svg\nchart: docs/roadmap-chart.svg\n")
        let badgePath = repository.url.appendingPathComponent("docs/roadmap-badge.svg").path
        let chartPath = repository.url.appendingPathComponent("docs/roadmap-chart.svg").path

        let dryRun = try repository.roadmap("sync", "--dry-run")
        #expect(
            dryRun.stdout.contains("docs/roadmap-badge.svg would be updated\ndocs/roadmap-chart.svg would be updated\n")
        )
        #expect(
            !FileManager.default.fileExists(atPath: badgePath) && !FileManager.default.fileExists(atPath: chartPath))
        let check = try repository.roadmap("sync", "--check")
        #expect(check.status == 1)
        #expect(check.stderr.contains("roadmap: docs/roadmap-chart.svg is out of date\n"))
        #expect(check.stdout.hasPrefix("diff --git a/README.md b/README.md\n"))
        #expect(!FileManager.default.fileExists(atPath: chartPath))

        let sync = try repository.roadmap("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(
            sync.stdout.hasSuffix(
                "README.md updated: 3/58 done (5%)\ndocs/roadmap-badge.svg updated\ndocs/roadmap-chart.svg updated\n"))
        let readme = try repository.text()
        #expect(
            readme.contains(
                """
                <!-- roadmap:progress -->
                ![roadmap: 5%](docs/roadmap-badge.svg) **Progress:** █░░░░░░░░░░░ 3/58 done (5%)

                ![Burn-up chart of finished items over time](docs/roadmap-chart.svg)
                <!-- /roadmap:progress -->
                """))
        // The files are what the commands draw.
        #expect(try repository.text("docs/roadmap-badge.svg") == repository.roadmap("badge").stdout)
        #expect(try repository.text("docs/roadmap-chart.svg") == repository.roadmap("chart").stdout)

        let modified = try FileManager.default.attributesOfItem(atPath: chartPath)[.modificationDate] as? Date
        let again = try repository.roadmap("sync")
        #expect(
            again.stdout.hasSuffix(
                "README.md is up to date: 3/58 done (5%)\ndocs/roadmap-badge.svg is up to date\ndocs/roadmap-chart.svg is up to date\n"
            ))
        #expect(try FileManager.default.attributesOfItem(atPath: chartPath)[.modificationDate] as? Date == modified)
        #expect(try repository.roadmap("sync", "--check").status == 0)

        let json = try repository.roadmap("sync", "--json", "--dry-run")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let pictures = try #require(object["pictures"] as? [[String: Any]])
        #expect(pictures.map { $0["file"] as? String } == ["docs/roadmap-badge.svg", "docs/roadmap-chart.svg"])
        #expect(pictures.allSatisfy { $0["changed"] as? Bool == false })

        // A picture deleted by hand comes back though the tracker is up to date.
        try FileManager.default.removeItem(atPath: chartPath)
        let redrawn = try repository.roadmap("sync")
        #expect(
            redrawn.stdout.hasSuffix(
                "README.md is up to date: 3/58 done (5%)\ndocs/roadmap-badge.svg is up to date\ndocs/roadmap-chart.svg updated\n"
            ))
        #expect(FileManager.default.fileExists(atPath: chartPath))

        // New evidence makes both stale again.
        try commit(repository, "finished #libuv-thread-pool", on: "2024-01-09T12:00:00Z")
        let stale = try repository.roadmap("sync", "--check")
        #expect(stale.status == 1)
        #expect(
            stale.stderr
                == "roadmap: docs/roadmap-badge.svg is out of date\nroadmap: docs/roadmap-chart.svg is out of date\n")
    }

    @Test func aTrackerInASubfolderLinksRelativeToItself() throws {
        let repository = try Repository()
        try repository.folder.write("notes/ROADMAP.md", try Seeds.bytes("seed-clean.md"))
        try repository.write(".roadmap.yml", "file: notes/ROADMAP.md\nbadge: docs/badge.svg\n")
        try commit(repository, "finished #streams", on: "2024-01-03T12:00:00Z")
        #expect(try repository.roadmap("sync").status == 0)
        #expect(try repository.text("notes/ROADMAP.md").contains("![roadmap: 1%](../docs/badge.svg) **Progress:**"))
        #expect(try repository.text("docs/badge.svg").contains("<title>roadmap: 1%</title>"))
    }

    @Test func aPicturePathOutsideTheWorkTreeIsAConfigurationError() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try repository.write(".roadmap.yml", "chart: ../chart.svg\n")
        let sync = try repository.roadmap("sync")
        #expect(sync.status == 2)
        #expect(sync.stderr.hasPrefix("roadmap: .roadmap.yml `chart` ../chart.svg is outside the work tree"))
    }

    /// A folder inside the work tree that links out of it: a new file under it is outside, whether named on
    /// the command line or in `.roadmap.yml` (the link used to be followed only for files that existed).
    @Test func aFolderLinkingOutOfTheWorkTreeIsOutsideToo() throws {
        let repository = try datedRepository()
        let outside = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(
            atPath: repository.url.appendingPathComponent("docs").path, withDestinationPath: outside.url.path)
        let out = try repository.roadmap("chart", "--out", "docs/chart.svg")
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix("roadmap: --out docs/chart.svg is outside the work tree"))
        try repository.write(".roadmap.yml", "badge: docs/badge.svg\n")
        let sync = try repository.roadmap("sync")
        #expect(sync.status == 2)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty,
            "nothing written through the link")
    }

    /// The example pictures in docs/ (shown in README) are what this binary draws from `roadmap demo`'s
    /// history, byte for byte, as Scripts/pictures.sh makes them; `badge --out` writes what `badge` prints.
    @Test func theDocsExamplesAreWhatTheBinaryDrawsFromTheDemo() throws {
        let scratch = try TemporaryFolder()
        #expect(try CLI.run(["demo", "--under", scratch.url.path], in: scratch.url).status == 0)
        let demo = try #require(
            try FileManager.default.contentsOfDirectory(at: scratch.url, includingPropertiesForKeys: nil)
                .first { $0.lastPathComponent.hasPrefix("roadmap-demo-") })
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs")
            .standardizedFileURL
        let badge = try CLI.run(["badge"], in: demo).stdout
        let chart = try CLI.run(["chart"], in: demo).stdout
        #expect(
            badge == (try String(contentsOf: docs.appendingPathComponent("roadmap-badge.svg"), encoding: .utf8)),
            "run Scripts/pictures.sh")
        #expect(
            chart == (try String(contentsOf: docs.appendingPathComponent("roadmap-chart.svg"), encoding: .utf8)),
            "run Scripts/pictures.sh")

        #expect(try CLI.run(["badge", "--out", "pictures/badge.svg"], in: demo).status == 0)
        #expect(try String(contentsOf: demo.appendingPathComponent("pictures/badge.svg"), encoding: .utf8) == badge)
    }
}
