import Foundation
import Testing

@testable import RoadmapKit

@Suite struct RenderingTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func line(_ bytes: [UInt8], containing needle: String) -> String {
        text(bytes).components(separatedBy: "\n").first { $0.contains(needle) } ?? ""
    }

    @Test func statusCellsMarksAndTheProgressLineFollowTheStatuses() throws {
        let document = try Fixture.document("seed-clean.md")
        let output = document.rendered([
            ItemID(phase: 1, slug: "event-loop"): .done,
            ItemID(phase: 1, slug: "streams"): .inProgress,
            ItemID(phase: 1, slug: "buffers"): .skipped,
            ItemID(phase: 2, slug: "routing"): .done, ItemID(phase: 2, slug: "middlewares"): .done,
            ItemID(phase: 2, slug: "request-lifecycle"): .done, ItemID(phase: 2, slug: "production-features"): .skipped,
        ])
        #expect(
            line(output, containing: "| Phase 1 |")
                == "| Phase 1 | Node.js Core Concepts | ✅ Event Loop<br>• Libuv & Thread Pool<br>🚧 Streams<br>⏭️ Buffers<br>• Process Module<br>• Error Handling | 🚧 In Progress (2/6) | 6 |"
        )
        #expect(
            line(output, containing: "| Phase 2 |")
                == "| Phase 2 | Express.js Fundamentals | ✅ Routing<br>✅ Middlewares<br>✅ Request Lifecycle<br>⏭️ Production Features | ✅ Completed | 4 |"
        )
        #expect(line(output, containing: "| Phase 3 |").hasSuffix("| ⏳ Not Started | 6 |"))
        let progress =
            "\n\n<!-- roadmap:progress -->\n**Progress:** █░░░░░░░░░░░ 6/58 done (10%)\n<!-- /roadmap:progress -->\n\n| 🚀 Phase |"
        #expect(text(output).contains(progress))
    }

    @Test func theSameStatusesGiveTheSameBytes() throws {
        let seeded = try Fixture.document("seed-clean.md")
        let first = seeded.rendered([:])
        let document = try TrackerDocument(bytes: first)
        #expect(document.rendered([:]) == first)
        #expect(document.rendered(document.roadmap.documentStatuses) == first)
    }

    @Test func withoutTheProgressBlockTheDocumentIsUntouchedForItsOwnStatuses() throws {
        var wording = Wording()
        wording.showsProgress = false
        for name in Fixture.documents {
            let document = try Fixture.document(name, wording: wording)
            #expect(document.rendered(document.roadmap.documentStatuses) == document.source.bytes, "\(name)")
        }
    }

    @Test func mojibakeCellsAreReadAndRewrittenInProperUTF8() throws {
        let document = try Fixture.document("seed-mojibake.md")
        let output = document.rendered([ItemID(phase: 1, slug: "streams"): .done])
        let row = line(output, containing: "| Phase 1 |")
        #expect(
            row
                == "| Phase 1 | Node.js Core Concepts | ‚Ä¢ Event Loop<br>‚Ä¢ Libuv & Thread Pool<br>✅ Streams<br>‚Ä¢ Buffers<br>‚Ä¢ Process Module<br>‚Ä¢ Error Handling | 🚧 In Progress (1/6) | 6 |"
        )
        #expect(line(output, containing: "| Phase 2 |").contains("‚è≥ Not Started"))
    }

    @Test func insertedLinesUseTheFilesLineEnding() throws {
        let output = try Fixture.document("seed-crlf.md").rendered([:])
        #expect(
            text(output).contains(
                "\r\n<!-- roadmap:progress -->\r\n**Progress:** ░░░░░░░░░░░░ 0/58 done (0%)\r\n<!-- /roadmap:progress -->\r\n\r\n| 🚀 Phase"
            ))
        #expect(!text(output).replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func aBOMAndAMissingFinalNewlineSurvive() throws {
        let output = try Fixture.document("seed-bom-no-final-newline.md").rendered([
            ItemID(phase: 11, slug: "ci-cd"): .done
        ])
        #expect(output.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(output.last == UInt8(ascii: "|"))
    }

    @Test func alignedTablesStayAligned() throws {
        let document = try Fixture.document("aligned.md")
        let output = document.rendered([
            ItemID(phase: 1, slug: "navigation"): .done,
            ItemID(phase: 1, slug: "pipes-redirection"): .inProgress,
            ItemID(phase: 2, slug: "hooks"): .skipped,
        ])
        let expected = """
            | Phase   | Focus           | Sub Topics                                               | Status               | Total |
            | ------- | --------------- | -------------------------------------------------------- | -------------------- | ----- |
            | Phase 1 | Shell basics    | ✅ Navigation<br>🚧 Pipes & Redirection<br>• Permissions | 🚧 In Progress (1/3) | 3     |
            | Phase 2 | Git             | • Commits<br>• Branching<br>• Rebasing<br>⏭️ Hooks       | 🚧 In Progress (1/4) | 4     |
            | Phase 3 | 网络 Networking | • TCP/IP<br>• DNS                                        | ⏳ Not Started       | 2     |
            """
        #expect(text(output).contains(expected))
        #expect(
            text(output).contains(
                """
                | Subtopic                | Details             | Status         |
                | ----------------------- | ------------------- | -------------- |
                | **Navigation**          | cd, ls, pwd         | ✅ Done        |
                | **Pipes & Redirection** | `\\|`, `>`, `2>&1`   | 🚧 In Progress |
                | **File Permissions**    | chmod, chown, umask | ⏳ Not Started |
                """))
        #expect(text(output).contains("| Git Hooks            | ⏭️ Skipped     | post-commit    |"))
    }

    @Test func taskListsTickTheBoxOfDoneItems() throws {
        let document = try Fixture.document("tasklist.md")
        let output = text(
            document.rendered([
                ItemID(phase: 1, slug: "cargo"): .notStarted,  // reopened
                ItemID(phase: 2, slug: "trait-objects"): .done,
                ItemID(phase: 2, slug: "lifetimes"): .done,
            ]))
        #expect(output.contains("- [ ] Cargo\n"))
        #expect(output.contains("  * [x] Trait Objects\n"))
        #expect(output.contains("1. [x] Lifetimes\n"))
        #expect(output.contains("- [ ] Not an item: inside a code fence"))
        // Under the page title, which introduces the phases: never inside a phase's list.
        #expect(
            output.contains(
                "# Rust Learning Plan\n\n<!-- roadmap:progress -->\n**Progress:** ████░░░░░░░░ 3/9 done (33%)\n<!-- /roadmap:progress -->\n\nTick items"
            ))
    }

    @Test func anExistingProgressBlockIsUpdatedInPlace() throws {
        let once = try Fixture.document("seed-clean.md").rendered([:])
        let twice = try TrackerDocument(bytes: once).rendered([ItemID(phase: 1, slug: "streams"): .done])
        #expect(text(twice).components(separatedBy: "<!-- roadmap:progress -->").count == 2)
        #expect(text(twice).contains("**Progress:** ░░░░░░░░░░░░ 1/58 done (1%)"))
    }

    @Test func wordingIsConfigurable() throws {
        var wording = Wording()
        wording.markDone = "[x]"
        wording.phaseInProgress = "Doing"
        wording.progressLine = "{done} of {total}"
        let output = try Fixture.document("seed-clean.md", wording: wording).rendered([
            ItemID(phase: 1, slug: "streams"): .done
        ])
        #expect(line(output, containing: "| Phase 1 |").contains("[x] Streams"))
        #expect(line(output, containing: "| Phase 1 |").contains("| Doing (1/6) |"))
        #expect(text(output).contains("\n1 of 58\n"))
    }

    /// The percent is rounded down in whole numbers, as the badge and `status` count it: in floating point
    /// 29/100 is 28.999…, and 57/100, 58/100 fall the same way.
    @Test(arguments: [
        (29, 100, 29), (57, 100, 57), (58, 100, 58), (1, 3, 33), (2, 3, 66), (17, 58, 29), (58, 58, 100), (0, 0, 0),
    ])
    func progressPercentIsWholeNumberArithmetic(finished: Int, total: Int, percent: Int) {
        var wording = Wording.default
        wording.progressLine = "{percent}"
        #expect(wording.progressText(finished: finished, total: total) == String(percent))
        #expect(
            ProgressSummary(
                Array(repeating: ItemStatus.done, count: finished)
                    + Array(repeating: .notStarted, count: total - finished)
            ).percent == percent)
    }
}
