import Foundation
import Testing

/// `roadmap cohort` on a class of real repositories with scripted histories, a learner whose roadmap differs,
/// a status JSON file a learner's CI published, and a broken repository. Every figure of `--json` is checked
/// against what the script says.
@Suite struct CohortCommandTests {
    static let asOf = "2024-03-31"
    /// The class roadmap's ids, in order (Fixtures/cohort/class-roadmap.md).
    static let ids = [
        "p1/variables", "p1/loops", "p1/functions", "p1/closures", "p2/http", "p2/routing", "p2/middleware",
        "p2/sessions", "p3/sql", "p3/indexes", "p3/transactions", "p3/caching",
    ]
    /// Every roadmap but Dora's lacks p3/replication, hers lacks p3/caching: 11 shared items.
    static let shared = 11

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
    static let asOfDate = calendar.date(from: DateComponents(year: 2024, month: 3, day: 31))!

    static func day(_ offset: Int) -> String {
        let date = calendar.date(byAdding: .day, value: offset, to: asOfDate)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A learner's repository: the roadmap committed 60 days before, then one commit per finished item.
    static func learner(roadmap fixture: String = "class-roadmap.md", finishing: [(id: String, daysBefore: Int)])
        throws -> Repository
    {
        let repository = try Repository()
        try repository.write("README.md", String(decoding: try Seeds.bytes("cohort/\(fixture)"), as: UTF8.self))
        try commit(repository, "chore: start the roadmap", daysBefore: 60)
        for (id, daysBefore) in finishing {
            try commit(repository, "notes\n\nRoadmap: done \(id)", daysBefore: daysBefore)
        }
        return repository
    }

    static func commit(_ repository: Repository, _ message: String, daysBefore: Int) throws {
        let date = "\(day(-daysBefore))T12:00:00Z"
        try repository.git("add", "-A")
        try repository.git(
            ["commit", "-q", "--allow-empty", "-m", message],
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }

    /// Learner i has finished the first i items, the last on the report's day and each earlier one a week
    /// before the next: 7 days before is just outside the last 7 days, 28 days just outside the pace window.
    static func script(_ index: Int) -> [(id: String, daysBefore: Int)] {
        (0..<index).map { (ids[$0], 7 * (index - 1 - $0)) }
    }

    /// The class: ten learners, Dora (her own variant), Eve (a corrupt repository), in a list file with
    /// names; Jay as the status JSON his CI published.
    final class Class {
        let folder: TemporaryFolder
        var repositories: [String: Repository] = [:]

        init() throws {
            folder = try TemporaryFolder()
            var lines: [String] = []
            for index in 0..<10 {
                let name = String(format: "learner-%02d", index)
                repositories[name] = try CohortCommandTests.learner(finishing: CohortCommandTests.script(index))
            }
            repositories["dora"] = try CohortCommandTests.learner(
                roadmap: "class-roadmap-own-variant.md",
                finishing: Array(CohortCommandTests.ids[0..<4]).map { ($0, 10) } + [("p3/replication", 10)])
            let eve = try CohortCommandTests.learner(finishing: [("p1/variables", 3)])
            let objects = eve.url.appendingPathComponent(".git/objects")
            for entry in try FileManager.default.contentsOfDirectory(atPath: objects.path)
            where entry.count == 2 {
                try FileManager.default.removeItem(at: objects.appendingPathComponent(entry))
            }
            repositories["eve"] = eve
            for (name, repository) in repositories.sorted(by: { $0.key < $1.key }) {
                lines.append("\(name)\t\(repository.url.path)")
            }
            try folder.write("class.txt", "# the spring class\n" + lines.joined(separator: "\n") + "\n")

            let jay = try CohortCommandTests.learner(
                finishing: CohortCommandTests.ids[0..<3].map { ($0, 2) })
            #expect(try jay.roadmap("sync").status == 0)
            let status = try jay.roadmap("status", "--json")
            #expect(status.status == 0)
            try folder.write("published/jay.json", status.stdout)
            repositories["jay"] = jay
        }

        func cohort(_ arguments: String...) throws -> CLI.Result {
            try CLI.run(["cohort"] + arguments, in: folder.url)
        }
    }

    struct Expected {
        var name: String
        var done: Int
        var lastWeek: Int
        var lastEvidence: String?
        var recent: Int
        var perPhase: [Int]
        var extra = 0
        var missing = 0

        var percent: Int { done * 100 / CohortCommandTests.shared }
        var currentPhase: String? {
            zip(["p1", "p2", "p3"], zip(perPhase, [4, 4, 3])).first { $0.1.0 < $0.1.1 }?.0
        }
        var forecast: String {
            done == CohortCommandTests.shared ? "finished" : recent == 0 ? "no-recent-progress" : "on-pace"
        }
        var expectedFinish: String? {
            guard forecast == "on-pace" else { return nil }
            let remaining = CohortCommandTests.shared - done
            return CohortCommandTests.day((remaining * 28 + recent - 1) / recent)
        }
    }

    static var expected: [Expected] {
        var rows = (0..<10).map { index in
            Expected(
                name: String(format: "learner-%02d", index), done: index, lastWeek: min(index, 1),
                lastEvidence: index > 0 ? asOf : nil, recent: min(index, 4),
                perPhase: [min(index, 4), max(0, min(index - 4, 4)), max(0, min(index - 8, 3))])
        }
        rows.append(
            Expected(
                name: "dora", done: 4, lastWeek: 0, lastEvidence: day(-10), recent: 4, perPhase: [4, 0, 0], extra: 1,
                missing: 1))
        rows.append(Expected(name: "jay", done: 3, lastWeek: 3, lastEvidence: day(-2), recent: 3, perPhase: [3, 0, 0]))
        // By progress, then by name.
        return rows.sorted {
            ($0.percent, $0.done) != ($1.percent, $1.done)
                ? ($0.percent, $0.done) > ($1.percent, $1.done) : $0.name < $1.name
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyFigureOfTheClassIsWhatTheHistoriesSay() throws {
        let cohort = try Class()
        let result = try cohort.cohort("class.txt", "published/jay.json", "--json", "--as-of", Self.asOf)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        try SchemaTests().expectValid(result.stdout, "cohort", "a class with an error row and a JSON learner")
        try SchemaTests().expectValid(
            try cohort.repositories["jay"]!.roadmap("status", "--json").stdout, "status", "a learner's published status"
        )
        let json = try Self.object(result.stdout)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["asOf"] as? String == Self.asOf)
        #expect(json["windowDays"] as? Int == 28)
        #expect(json["sharedItems"] as? Int == 11)
        #expect(json["referenceItems"] as? Int == 12)
        #expect(json["errors"] as? Int == 1)

        let learners = try #require(json["learners"] as? [[String: Any]])
        let expected = Self.expected
        #expect(learners.map { $0["name"] as? String } == expected.map(\.name) + ["eve"])
        for (row, want) in zip(learners, expected) {
            let context = Comment(rawValue: want.name)
            #expect(row["error"] is NSNull, context)
            #expect(row["done"] as? Int == want.done, context)
            #expect(row["total"] as? Int == Self.shared, context)
            #expect(row["percent"] as? Int == want.percent, context)
            #expect(row["currentPhase"] as? String == want.currentPhase, context)
            #expect(row["finishedLast7Days"] as? Int == want.lastWeek, context)
            #expect(row["lastEvidence"] as? String == want.lastEvidence, context)
            if want.lastEvidence == nil { #expect(row["lastEvidence"] is NSNull, context) }
            #expect(row["roadmapDiffers"] as? Bool == (want.extra + want.missing > 0), context)
            #expect(row["extraItems"] as? Int == want.extra, context)
            #expect(row["missingItems"] as? Int == want.missing, context)
            let pace = try #require(row["pace"] as? [String: Any], context)
            #expect(pace["windowDays"] as? Int == 28, context)
            #expect(pace["finishedInWindow"] as? Int == want.recent, context)
            #expect(pace["itemsPerWeek"] as? Double == (Double(want.recent * 7) / 28 * 100).rounded() / 100, context)
            #expect(pace["asOf"] as? String == Self.asOf, context)
            #expect(pace["forecast"] as? String == want.forecast, context)
            #expect(pace["expectedFinish"] as? String == want.expectedFinish, context)
            let phases = try #require(row["phases"] as? [[String: Any]], context)
            #expect(phases.map { $0["id"] as? String } == ["p1", "p2", "p3"], context)
            #expect(phases.map { $0["finished"] as? Int } == want.perPhase, context)
            #expect(phases.map { $0["total"] as? Int } == [4, 4, 3], context)
            let source = try #require(row["source"] as? String, context)
            #expect(want.name == "jay" ? source.hasSuffix("published/jay.json") : source.hasPrefix("/"), context)
        }
        let eve = try #require(learners.last)
        #expect(eve["source"] as? String == cohort.repositories["eve"]?.url.path)
        let sentence = try #require(eve["error"] as? String)
        #expect(!sentence.isEmpty && !sentence.contains("\n"))
        for key in ["done", "total", "percent", "currentPhase", "pace", "phases", "lastEvidence"] {
            #expect(eve[key] is NSNull, "eve's \(key)")
        }

        let phases = try #require(json["phases"] as? [[String: Any]])
        #expect(phases.map { $0["id"] as? String } == ["p1", "p2", "p3"])
        #expect(phases.map { $0["title"] as? String } == ["Basics", "Web", "Data"])
        #expect(phases.map { $0["items"] as? Int } == [4, 4, 3])
        for (index, phase) in phases.enumerated() {
            let completed = expected.filter { $0.perPhase[index] == [4, 4, 3][index] }.count
            let current = expected.filter { $0.currentPhase == ["p1", "p2", "p3"][index] }.count
            #expect(phase["completed"] as? Int == completed, "phase \(index + 1) completed")
            #expect(phase["current"] as? Int == current, "phase \(index + 1) current")
        }
        // The figures worked out by hand for two rows, so the expectations above cannot drift with the code.
        #expect(phases.map { $0["completed"] as? Int } == [7, 2, 0])
        #expect(phases.map { $0["current"] as? Int } == [5, 5, 2])
        #expect(
            learners.first?["pace"].flatMap { ($0 as? [String: Any])?["expectedFinish"] as? String } == "2024-04-14")
    }

    @Test func theTableAndMarkdownSayTheSameAndNothingIsWrittenIntoALearnersRepository() throws {
        let cohort = try Class()
        let alice = try #require(cohort.repositories["learner-05"])
        let before = try Self.snapshot(alice.url)
        let table = try cohort.cohort("class.txt", "published", "--as-of", Self.asOf, "--html", "site/index.html")
        #expect(table.status == 0)
        // The page is written beside the table (its folder made), with every learner and the heat map.
        let page = try cohort.folder.text("site/index.html")
        #expect(page.hasPrefix("<!doctype html>") && page.contains("<table id=\"heatmap\""))
        for name in Self.expected.map(\.name) + ["eve"] { #expect(page.contains(">\(name)<"), "\(name) on the page") }
        #expect(try Self.snapshot(alice.url) == before, "the cohort wrote into a learner's repository")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("learner ") == true)
        #expect(!table.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(lines[1].hasPrefix("learner-09") && lines[1].contains("9/11") && lines[1].contains("81%"))
        #expect(lines[1].contains("p3 Data") && lines[1].contains("2024-04-14"))
        let dora = try #require(lines.first { $0.hasPrefix("dora") })
        #expect(dora.contains("roadmap differs (1 extra, 1 missing): compared on the shared items"))
        let eve = try #require(lines.first { $0.hasPrefix("eve") })
        #expect(eve.contains("error: "))
        #expect(lines.contains { $0.hasPrefix("learner-00") && $0.contains("no recent progress") })
        #expect(
            table.stdout.hasSuffix(
                "13 learners · as of 2024-03-31 · pace over the last 28 days · 1 could not be read · compared on the 11 items every roadmap has (of 12)\n"
            ))

        let markdown = try cohort.cohort("class.txt", "published/jay.json", "--markdown", "--as-of", Self.asOf)
        #expect(markdown.status == 0)
        #expect(
            markdown.stdout.hasPrefix(
                "| Learner | Done | % | Current phase | Last 7 days | Last done | Pace (items/week) | Expected finish | Note |\n|---|--:|--:|---|--:|---|--:|---|---|\n| learner-09 | 9/11 | 81% | p3 Data | 1 | 2024-03-31 | 1 | 2024-04-14 |  |\n"
            ))
        #expect(
            markdown.stdout.contains(
                "\n| Phase | Items | Completed | On it |\n|---|--:|--:|--:|\n| p1 Basics | 4 | 7 | 5 |\n"))
        #expect(markdown.stdout.contains("| eve | | | | | | | | error: "))
    }

    @Test func statusFilesListedByURLAreMergedAsFilesAre() throws {
        let cohort = try Class()
        let jay = cohort.folder.url.appendingPathComponent("published/jay.json")
        try cohort.folder.write(
            "urls.txt", "jay\tfile://\(jay.path)\nfile://\(cohort.folder.url.path)/published/nobody.json\n")
        let byURL = try Self.object(try cohort.cohort("urls.txt", "--json", "--as-of", Self.asOf).stdout)
        let byFile = try Self.object(try cohort.cohort("published", "--json", "--as-of", Self.asOf).stdout)
        let rows = try #require(byURL["learners"] as? [[String: Any]])
        let jayByFile = try #require((byFile["learners"] as? [[String: Any]])?.first)
        #expect(rows.first?["name"] as? String == "jay")
        for key in ["done", "total", "percent", "currentPhase", "finishedLast7Days", "lastEvidence"] {
            #expect("\(rows.first?[key] ?? "")" == "\(jayByFile[key] ?? "")", "\(key)")
        }
        #expect(rows.last?["name"] as? String == "nobody")
        #expect(rows.last?["error"] as? String == "cannot read file://\(cohort.folder.url.path)/published/nobody.json")
    }

    @Test func aProgressBarOnlyOnATerminalAndOnlyForASlowRun() throws {
        // `script` gives the binary a pseudo-terminal (and merges stderr into what it records).
        let cohort = try Class()
        let command = "\(CLI.binary.path) cohort class.txt published --as-of \(Self.asOf)"
        #if os(Linux)
            let arguments = ["-qec", command, "/dev/null"]
        #else
            let arguments = ["-q", "/dev/null", "/bin/sh", "-c", command]
        #endif
        func run(delay: String) throws -> String {
            try Shell.run(
                URL(fileURLWithPath: "/usr/bin/script"), arguments, in: cohort.folder.url,
                environment: CLI.baseEnvironment.merging(["TERM": "xterm", "ROADMAP_PROGRESS_DELAY": delay]) {
                    _, new in new
                }
            ).stdout
        }
        let slow = try run(delay: "0")
        #expect(slow.contains(" 13/13 learners"))
        #expect(slow.contains("\r\u{1B}[K"), "the bar's line is cleared before the report")
        let quick = try run(delay: "60")
        #expect(!quick.contains("learners\r") && !quick.contains("13/13 learners"))
        #expect(quick.contains("learner-09"))
    }

    @Test func theSameReportWhateverTheNumberOfJobs() throws {
        let cohort = try Class()
        let one = try cohort.cohort("class.txt", "published", "--json", "--as-of", Self.asOf, "--jobs", "1")
        let many = try cohort.cohort("class.txt", "published", "--json", "--as-of", Self.asOf, "--jobs", "8")
        #expect(one.status == 0 && many.status == 0)
        #expect(one.stdout == many.stdout)
    }

    @Test func failOnErrorExitsThreeAfterPrintingTheReport() throws {
        let cohort = try Class()
        let result = try cohort.cohort("class.txt", "--fail-on-error", "--as-of", Self.asOf)
        #expect(result.status == 3)
        #expect(result.stdout.contains("learner-09"))
        let clean = try cohort.cohort("published", "--fail-on-error", "--as-of", Self.asOf)
        #expect(clean.status == 0)
    }

    @Test(arguments: [
        (["cohort"], "roadmap: cohort needs at least one repository, folder, status JSON file or list of them\n"),
        (
            ["cohort", "x", "--as-of", "2024-02-30"],
            "roadmap: --as-of must be a day written YYYY-MM-DD, not \"2024-02-30\"\n"
        ),
        (["cohort", "x", "--window", "400"], "roadmap: --window must be a number of days from 1 to 365, not 400\n"),
        (["cohort", "x", "--json", "--markdown"], "roadmap: --markdown and --json cannot be used together\n"),
        (["cohort", "x", "--jobs", "0"], "roadmap: --jobs must be at least 1, not 0\n"),
    ])
    func badUsageIsOneSentenceAndExitTwo(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(arguments, in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message))
    }

    @Test func unreadableInputsAreRowsWithTheirSentence() throws {
        let folder = try TemporaryFolder()
        try folder.write("plain/notes.md", "hello")
        try folder.write("bad.json", "{\"schemaVersion\": 2}")
        let learner = try Self.learner(finishing: [("p1/loops", 1)])
        try FileManager.default.createDirectory(
            at: learner.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let result = try CLI.run(
            [
                "cohort", "missing", "plain", "bad.json", "nothing-*", learner.url.appendingPathComponent("sub").path,
                "--json", "--as-of", Self.asOf,
            ], in: folder.url)
        #expect(result.status == 0)
        let rows = try #require(try Self.object(result.stdout)["learners"] as? [[String: Any]])
        let errors = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as! String, $0["error"] as? String) })
        #expect(errors["missing"] == "missing does not exist")
        #expect(errors["plain"] == folder.url.appendingPathComponent("plain").path + " is not a git repository")
        #expect(
            errors["bad"] == folder.url.appendingPathComponent("bad.json").path
                + " is not the JSON `roadmap status --json` prints")
        #expect(errors["nothing-*"] == "nothing-* matches nothing")
        #expect(errors["sub"]??.hasSuffix("is not a git repository (it is inside \(learner.url.path))") == true)
    }

    /// Every file under the repository's .git, with its bytes: what a read-only run must leave as it was.
    static func snapshot(_ url: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = url.appendingPathComponent(".git")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [:] }
        for case let file as URL in walker {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[file.path] = try Data(contentsOf: file)
            }
        }
        return files
    }
}

/// Clone URLs: cloned into the cache folder by libgit2, then fetched (not cloned again) after a new commit.
@Suite struct CohortRemoteTests {
    @Test func aFileURLIsClonedIntoTheCacheThenFetchedAfterANewCommit() throws {
        let folder = try TemporaryFolder()
        let learner = try CohortCommandTests.learner(finishing: [("p1/variables", 3), ("p1/loops", 1)])
        let bare = folder.url.appendingPathComponent("alice.git")
        try Shell.git(["clone", "-q", "--bare", learner.url.path, bare.path], in: folder.url, environment: [:])
        let url = "file://" + bare.path
        let arguments = ["cohort", url, "alice.git", "--cache", "cache", "--json", "--as-of", CohortCommandTests.asOf]

        let first = try CLI.run(arguments, in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        var rows = try #require(try CohortCommandTests.object(first.stdout)["learners"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["alice", "alice"])
        #expect(rows.map { $0["source"] as? String } == [bare.path, url])
        #expect(rows.map { $0["done"] as? Int } == [2, 2])
        #expect(rows.map { $0["lastEvidence"] as? String } == [CohortCommandTests.day(-1), CohortCommandTests.day(-1)])
        let clones = try FileManager.default.contentsOfDirectory(
            atPath: folder.url.appendingPathComponent("cache").path
        ).filter { $0 != ".locks" }.sorted()
        #expect(clones.count == 2 && clones.allSatisfy { $0.hasPrefix("alice-") })
        // A file the cohort never writes: still there after the second run means the clone was fetched into,
        // not made again.
        let marker = folder.url.appendingPathComponent("cache/\(clones[0])/.git/kept-by-test")
        try Data().write(to: marker)

        try CohortCommandTests.commit(learner, "notes\n\nRoadmap: done p1/functions", daysBefore: 0)
        try Shell.git(["push", "-q", bare.path, "main"], in: learner.url, environment: [:])
        let second = try CLI.run(arguments, in: folder.url)
        #expect(second.status == 0, "\(second.stderr)")
        rows = try #require(try CohortCommandTests.object(second.stdout)["learners"] as? [[String: Any]])
        #expect(rows.map { $0["done"] as? Int } == [3, 3])
        #expect(rows.map { $0["finishedLast7Days"] as? Int } == [3, 3])
        #expect(rows.map { $0["lastEvidence"] as? String } == [CohortCommandTests.asOf, CohortCommandTests.asOf])
        #expect(FileManager.default.fileExists(atPath: marker.path))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("cache").path)
                .filter { $0 != ".locks" }.sorted() == clones)
        // The source repository and the bare one were only read.
        #expect(!FileManager.default.fileExists(atPath: bare.appendingPathComponent("roadmap").path))
    }

    /// Listed four times and read two at a time: one clone, made once, and four rows that agree. Without the
    /// lock, the readers clone into the same partial folder and fetch into one another's clone.
    @Test func theSameURLListedTwiceIsClonedOnce() throws {
        let folder = try TemporaryFolder()
        let learner = try CohortCommandTests.learner(finishing: [("p1/variables", 3), ("p1/loops", 1)])
        let bare = folder.url.appendingPathComponent("alice.git")
        try Shell.git(["clone", "-q", "--bare", learner.url.path, bare.path], in: folder.url, environment: [:])
        let url = "file://" + bare.path
        for run in 1...2 {
            let result = try CLI.run(
                ["cohort", url, url, url, url, "--cache", "cache", "--jobs", "2", "--json", "--fail-on-error"],
                in: folder.url)
            #expect(result.status == 0, "run \(run): \(result.stderr)")
            let rows = try #require(try CohortCommandTests.object(result.stdout)["learners"] as? [[String: Any]])
            #expect(rows.map { $0["done"] as? Int } == [2, 2, 2, 2], "run \(run): \(result.stdout)")
            let cache = try FileManager.default.contentsOfDirectory(
                atPath: folder.url.appendingPathComponent("cache").path)
            let clones = cache.filter { $0 != ".locks" }
            #expect(cache.count == 2 && clones.count == 1 && clones[0].hasPrefix("alice-"), "run \(run): \(cache)")
        }
    }

    @Test func aURLWithoutACacheOrThatCannotBeClonedIsARow() throws {
        let folder = try TemporaryFolder()
        let noCache = try CLI.run(["cohort", "file:///nowhere/x.git", "--json"], in: folder.url)
        #expect(noCache.status == 0)
        let row = try #require((try CohortCommandTests.object(noCache.stdout)["learners"] as? [[String: Any]])?.first)
        #expect(
            row["error"] as? String == "file:///nowhere/x.git is a clone URL: give --cache DIR to keep its clone in")
        let missing = try CLI.run(["cohort", "file:///nowhere/x.git", "--cache", "c", "--json"], in: folder.url)
        let failed = try #require(
            (try CohortCommandTests.object(missing.stdout)["learners"] as? [[String: Any]])?.first)
        #expect((failed["error"] as? String)?.hasPrefix("git error in file:///nowhere/x.git: ") == true)
        // Nothing but the lock folder: no half clone.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("c").path)
                .filter { $0 != ".locks" }.isEmpty)
    }
}
