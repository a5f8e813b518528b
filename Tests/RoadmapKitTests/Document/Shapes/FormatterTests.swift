import Foundation
import Testing

@testable import RoadmapKit

/// Formatters must not fight the tracker: after mdformat (with mdformat-gfm) or prettier reformat a synced
/// page, a sync of the same statuses changes nothing, which is `roadmap sync --check` passing.
@Suite struct FormatterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let mdformat = root.appendingPathComponent(".build-tools/venv/bin/mdformat")

    /// nil when mdformat fails on the page (mdformat-gfm 1.0 asserts on a tab after a task's box) and leaves
    /// it as it was.
    static func formatted(_ bytes: [UInt8]) throws -> [UInt8]? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "roadmap-mdformat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("README.md")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = mdformat
        process.arguments = [file.path]
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return [UInt8](try Data(contentsOf: file))
    }

    @Test func mdformatIsInstalled() {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.mdformat.path),
            "run Scripts/python-tools.sh (make test does)")
    }

    @Test(arguments: ShapeFixture.all)
    func aSyncAfterMdformatChangesNothing(fixture: ShapeFixture) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.mdformat.path) else { return }
        let document = try fixture.document()
        var statuses: [ItemID: ItemStatus] = [:]
        for (index, item) in document.roadmap.items.enumerated() {
            statuses[item.id] = index % 3 == 0 ? .done : index % 3 == 1 ? .inProgress : .notStarted
        }
        let synced = document.rendered(statuses)
        guard let reformatted = try Self.formatted(synced) else {
            #expect(fixture.name == "format-tabs-no-final-newline", "mdformat refused \(fixture.name)")
            return
        }
        let reread = try fixture.document(reformatted)
        #expect(reread.roadmap.items.map(\.id) == document.roadmap.items.map(\.id), "mdformat changed what is tracked")
        #expect(reread.rendered(statuses) == reformatted, "sync --check fails after mdformat")
        #expect(
            String(decoding: reformatted, as: UTF8.self).components(separatedBy: TrackerDocument.progressOpen).count
                == 2)
    }

    /// prettier's Markdown style puts blank lines inside the HTML comment block, and pads its tables; npm's
    /// registry is out of this machine's reach, so its output is written here by hand.
    @Test func aSyncAfterPrettiersStyleChangesNothing() throws {
        let prettier = """
            # Plan

            <!-- roadmap:progress -->

            **Progress:** ██████░░░░░░ 1/2 done (50%)

            <!-- /roadmap:progress -->

            ## Phase 1: Basics

            | Topic     | Status         |
            | --------- | -------------- |
            | Variables | ✅ Done        |
            | Loops     | ⏳ Not Started |

            """
        let document = try TrackerDocument(bytes: Array(prettier.utf8))
        #expect(document.rendered(document.roadmap.documentStatuses) == Array(prettier.utf8))
        // A change keeps the blank lines and the alignment.
        let changed = String(decoding: document.rendered([ItemID(phase: 1, slug: "loops"): .inProgress]), as: UTF8.self)
        #expect(
            changed.contains(
                "<!-- roadmap:progress -->\n\n**Progress:** ██████░░░░░░ 1/2 done (50%)\n\n<!-- /roadmap:progress -->"))
        #expect(changed.contains("| Loops     | 🚧 In Progress |"))
    }
}
