import Foundation
import Testing

/// `init`, `status` and `lint` run as the real binary against temporary folders.
@Suite struct DocumentCommandsTests {
    @Test func initWritesTheRoadmapAndTheConfigurationThenRefusesToOverwrite() throws {
        let folder = try TemporaryFolder()
        let first = try CLI.run(["init"], in: folder.url)
        #expect(first.status == 0)
        #expect(first.stdout == "wrote README.md\nwrote .roadmap.yml\n")
        let readme = try folder.text("README.md")
        #expect(
            readme.contains(
                "<!-- roadmap:progress -->\n**Progress:** ░░░░░░░░░░░░ 0/58 done (0%)\n<!-- /roadmap:progress -->\n\n| 🚀 Phase"
            ))
        #expect(try folder.text(".roadmap.yml").contains("hook:\n  mode: amend"))

        try folder.write("README.md", "mine\n")
        let second = try CLI.run(["init"], in: folder.url)
        #expect(second.status == 2)
        #expect(second.stderr == "roadmap: README.md already exists; use --force to overwrite it\n")
        #expect(try folder.text("README.md") == "mine\n")

        #expect(try CLI.run(["init", "--force"], in: folder.url).status == 0)
        #expect(try folder.text("README.md") == readme)
    }

    @Test func initWritesAnotherFileWhenAsked() throws {
        let folder = try TemporaryFolder()
        #expect(try CLI.run(["init", "--file", "ROADMAP.md"], in: folder.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("ROADMAP.md").path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("README.md").path))
    }

    @Test func theBinaryAloneCarriesTheRoadmap() throws {
        let folder = try TemporaryFolder()
        let lonely = folder.url.appendingPathComponent("bin/roadmap")
        try FileManager.default.createDirectory(
            at: lonely.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CLI.copyExecutable(CLI.binary, to: lonely)
        let work = folder.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let result = try CLI.run(["init"], in: work, executable: lonely)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try folder.text("work/README.md").contains("Node.js Backend Mastery Roadmap"))
    }

    @Test func statusShowsEveryPhaseWithoutColourWhenNotATerminal() throws {
        let folder = try TemporaryFolder()
        var text = String(decoding: try Seeds.bytes("seed-clean.md"), as: UTF8.self)
        text = text.replacingOccurrences(of: "• Streams", with: "✅ Streams").replacingOccurrences(
            of: "• Buffers", with: "🚧 Buffers")
        try folder.write("README.md", text)
        let result = try CLI.run(["status"], in: folder.url)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}["))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 13)
        #expect(lines[0].hasPrefix("Phase  1  Node.js Core Concepts"))
        #expect(lines[0].hasSuffix("1/6  in progress (1 active)"))
        #expect(lines[11] == "Overall  ░░░░░░░░░░░░░░░░░░░░  1/58 done (1%) · 1 in progress")
        // It ends with what to type next: the item in progress, the one a learner is on.
        #expect(lines.last == "next: when Buffers is done, say so in a commit: Roadmap: done p1/buffers")
    }

    @Test func statusJSONIsStable() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", try Seeds.bytes("seed-mojibake.md"))
        let result = try CLI.run(["status", "--json"], in: folder.url)
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(json["schemaVersion"] as? Int == 2)
        #expect(json["total"] as? Int == 58)
        #expect(json["percent"] as? Int == 0)
        let phases = json["phases"] as! [[String: Any]]
        #expect(phases.count == 11)
        let first = (phases[0]["items"] as! [[String: Any]])[0]
        #expect(first["id"] as? String == "p1/event-loop")
        #expect(first["status"] as? String == "not-started")
        #expect(first["aliases"] as? [String] == ["Event Loop & Concurrency"])
        #expect(try CLI.run(["status", "--json"], in: folder.url).stdout == result.stdout)
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() throws {
        // `script` gives the binary a pseudo-terminal; NO_COLOR must still win. util-linux's and the BSDs'
        // `script` take their command differently.
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"))
        let folder = try TemporaryFolder()
        try folder.write("README.md", try Seeds.bytes("seed-clean.md"))
        #if os(Linux)
            let arguments = ["-qec", "\(CLI.binary.path) status", "/dev/null"]
        #else
            let arguments = ["-q", "/dev/null", CLI.binary.path, "status"]
        #endif
        let coloured = try Shell.run(
            URL(fileURLWithPath: "/usr/bin/script"), arguments, in: folder.url,
            environment: CLI.baseEnvironment.merging(["TERM": "xterm"]) { _, new in new })
        #expect(coloured.stdout.contains("\u{1B}[2m"))
        let plain = try Shell.run(
            URL(fileURLWithPath: "/usr/bin/script"), arguments, in: folder.url,
            environment: CLI.baseEnvironment.merging(["TERM": "xterm", "NO_COLOR": "1"]) { _, new in new })
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test func lintFindsProblemsAndFixRepairsTheSeedAsFound() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", try Seeds.bytes("seed-mojibake.md"))
        let report = try CLI.run(["lint"], in: folder.url)
        #expect(report.status == 1)
        #expect(
            report.stdout.contains(
                "README.md:12: mojibake: \"‚Ä¢\" is \"•\" read as Mac OS Roman and 6 more (fixable with --fix)\n"))
        #expect(
            report.stdout.contains(
                "README.md:113: count-mismatch: Phase 8 lists 5 sub topics in the overview, its section table has 4 rows\n"
            ))
        #expect(try folder.read("README.md") == (try Seeds.bytes("seed-mojibake.md")))

        let fixed = try CLI.run(["lint", "--fix"], in: folder.url)
        #expect(fixed.status == 1)  // what cannot be fixed safely is still reported
        #expect(fixed.stderr == "roadmap: fixed 26 problems in README.md\n")
        #expect(!fixed.stdout.contains("mojibake"))
        #expect(try folder.read("README.md") == (try Seeds.bytes("seed-clean.md")))
    }

    @Test func aFreshInitLintsClean() throws {
        let folder = try TemporaryFolder()
        #expect(try CLI.run(["init"], in: folder.url).status == 0)
        let lint = try CLI.run(["lint"], in: folder.url)
        #expect(lint.status == 0)
        #expect(lint.stdout.isEmpty, "\(lint.stdout)")
        // Without the template's `lint: ignore:`, the embedded roadmap's by-design differences show.
        try folder.write(".roadmap.yml", "hook:\n  mode: amend\n")
        let strict = try CLI.run(["lint"], in: folder.url)
        #expect(strict.status == 1)
        #expect(
            strict.stdout.contains(
                "README.md:60: row-without-item: Phase 3 table row \"Consistent Response Structure\""))
    }

    static let trackerWithNotes = """
        # DSA Tracker

        ## Progress

        ### Phase 1: Arrays

        | Problem | Status |
        |---------|--------|
        | Two Sum | Done |
        | Contains Duplicate | 🔄 In Progress |
        | Top K Frequent | Blocked |

        ## Notes

        - [ ] Buy a whiteboard
        - [x] Set up the repo

        | Status |
        |--------|
        | Done |

        """

    @Test func lintSaysWhatTheTrackerDoesNotCount() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", Self.trackerWithNotes)
        let lint = try CLI.run(["lint"], in: folder.url)
        #expect(lint.status == 1)
        #expect(
            lint.stdout == """
                README.md:11: unknown-status: status "Blocked" names no known state: read as not started (add it under `status_words:` in .roadmap.yml)
                README.md:15: checkbox-outside-tracker: 2 checkboxes outside the tracker (lines 15–16) not counted; to count them instead, name their heading with `tracker:` in .roadmap.yml
                README.md:18: unplaced-table: the table on line 18 has a Status column but no column of item names

                """)
        try folder.write(
            ".roadmap.yml",
            "status_words:\n  in_progress: [blocked]\nlint:\n  ignore: [checkbox-outside-tracker, unplaced-table]\n")
        let quiet = try CLI.run(["lint"], in: folder.url)
        #expect(quiet.status == 0, "\(quiet.stdout)")
        #expect(quiet.stdout.isEmpty)
    }

    @Test func statusSaysWhichTrackerWasPickedAndListsItemsWithTheirIDs() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", Self.trackerWithNotes)
        let status = try CLI.run(["status", "--items"], in: folder.url)
        #expect(status.status == 0)
        #expect(
            status.stdout == """
                Phase 1  Arrays  ███████░░░░░░░░░░░░░    1/3  in progress (1 active)
                    ✓ p1/two-sum             Two Sum             done
                    … p1/contains-duplicate  Contains Duplicate  in progress
                    · p1/top-k-frequent      Top K Frequent      not started

                Overall  ███████░░░░░░░░░░░░░  1/3 done (33%) · 1 in progress
                Tracker: a status table on line 7 (3 items); also seen, not counted: task lists from line 15 (2 items)

                next: when Contains Duplicate is done, say so in a commit: Roadmap: done p1/contains-duplicate

                """)
        // `tracker:` picks the other one.
        try folder.write(".roadmap.yml", "tracker: Notes\n")
        let notes = try CLI.run(["status", "--json"], in: folder.url)
        let json = try JSONSerialization.jsonObject(with: Data(notes.stdout.utf8)) as! [String: Any]
        #expect((json["tracker"] as? [String: Any])?["shape"] as? String == "task-list")
        #expect(json["total"] as? Int == 2)
        let phase = (json["phases"] as? [[String: Any]])?.first
        #expect(phase?["id"] as? String == "p-notes")
        #expect(phase?["number"] is NSNull)
    }

    @Test func aTrackerSettingThatNamesNoHeadingIsAConfigurationError() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", Self.trackerWithNotes)
        try folder.write(".roadmap.yml", "tracker: Learning log\n")
        let result = try CLI.run(["status"], in: folder.url)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "roadmap: .roadmap.yml: `tracker: Learning log` names no heading of the page (its headings: \"DSA Tracker\", \"Progress\", \"Phase 1: Arrays\", \"Notes\") in README.md\n"
        )
        #expect(try folder.text("README.md") == Self.trackerWithNotes)
    }

    /// A table with a Status column and nothing to name its rows: sync and status say so in one line, exit
    /// 3, and leave the page, the index and HEAD as they were.
    @Test func aPageWithoutATrackerIsRefusedAndLeftAlone() throws {
        let repository = try Repository()
        let page = "# Progress\n\n| # | Status | Hours |\n|---|--------|-------|\n| 1 | Done | 4 |\n"
        try repository.write("README.md", page)
        try repository.commit("start")
        let head = try repository.head()
        let index = try Data(contentsOf: repository.url.appendingPathComponent(".git/index"))
        for arguments in [["sync"], ["sync", "--check"], ["sync", "--dry-run"], ["status"]] {
            let result = try CLI.run(arguments, in: repository.url)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): one line")
            #expect(
                result.stderr.hasSuffix(
                    "the nearest thing seen was a table with a Status column but no item names (line 3)\n"),
                "\(arguments)")
        }
        #expect(try repository.text() == page)
        #expect(try repository.head() == head)
        #expect(try Data(contentsOf: repository.url.appendingPathComponent(".git/index")) == index)
        #expect(try repository.git("status", "--porcelain", "--ignored").stdout.isEmpty)
    }

    @Test func lintPassesACleanDocument() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", "# Plan\n\n## Phase 1: Start\n\n- [ ] One\n- [x] Two\n")
        let result = try CLI.run(["lint"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["status"], "", 3, "roadmap: README.md does not exist\n"),
        (
            ["status", "--file", "NOTES.md"], "NOTES.md", 3,
            "roadmap: NOTES.md: no roadmap tracker found: looked for a table with Phase, Sub Topics and Status columns, a table with a Status column beside item names, and task lists (- [ ] item); the nearest thing seen was headings with no task list or table under them (\"Notes\" on line 1)\n"
        ),
        (["lint"], ".roadmap.yml", 2, "roadmap: .roadmap.yml:1: `fiel` is not a known setting\n"),
    ])
    func errorsAreOneSentenceWithTheRightExitCode(arguments: [String], setup: String, status: Int32, message: String)
        throws
    {
        let folder = try TemporaryFolder()
        if setup == "NOTES.md" { try folder.write("NOTES.md", "# Notes\n") }
        if setup == ".roadmap.yml" {
            try folder.write(".roadmap.yml", "fiel: README.md\n")
            try folder.write("README.md", try Seeds.bytes("seed-clean.md"))
        }
        let result = try CLI.run(arguments, in: folder.url)
        #expect(result.status == status)
        #expect(result.stderr == message)
    }

    @Test(arguments: [
        ["status", "--file", "../outside.md"], ["lint", "--file", "/etc/hosts"], ["init", "--file", "../new.md"],
        ["status", "--file", "link.md"],
    ])
    func pathsOutsideTheWorkTreeAreRefused(arguments: [String]) throws {
        let parent = try TemporaryFolder()
        let folder = parent.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try parent.write("outside.md", try Seeds.bytes("seed-clean.md"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.md").path, withDestinationPath: "../outside.md")
        let result = try CLI.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("roadmap: --file \(arguments[2]) is outside the work tree "))
        #expect(!FileManager.default.fileExists(atPath: parent.url.appendingPathComponent("new.md").path))
    }

    @Test func usageErrorsExitTwo() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["status", "--frobnicate"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("roadmap: Unknown option '--frobnicate'"))
        #expect(try CLI.run(["--help"], in: folder.url).status == 0)
        #expect(
            try CLI.run(["--version"], in: folder.url).stdout == "0.2.0-source (built from source, not a release)\n")
    }
}
