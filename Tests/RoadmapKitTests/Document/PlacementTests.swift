import Foundation
import Testing

@testable import RoadmapKit

/// Where sync puts the progress block (PRODUCT.md 2): under the heading that introduces the tracker, under
/// the page title when it is the one phase, above the first phase otherwise, and never inside a phase's
/// list. Each `Fixtures/placement/NAME.md` is synced to `NAME.synced`, written out by hand.
@Suite struct PlacementTests {
    static let folder = Fixture.url("placement")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test func everyPlacementHasItsSyncedPage() {
        #expect(Self.names.count >= 10)
        for name in Self.names {
            #expect(
                FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(name + ".synced").path),
                "\(name)")
        }
    }

    @Test(arguments: names)
    func theBlockGoesWhereAReaderLooksForIt(name: String) throws {
        let page = Fixture.bytes("placement/\(name).md")
        let synced = Fixture.bytes("placement/\(name).synced")
        let document = try TrackerDocument(bytes: page)
        let output = document.rendered(document.roadmap.documentStatuses)
        #expect(String(decoding: output, as: UTF8.self) == String(decoding: synced, as: UTF8.self))
        let again = try TrackerDocument(bytes: output)
        #expect(again.rendered(again.roadmap.documentStatuses) == output, "a second sync changes nothing")
        #expect(again.roadmap.items.map(\.id) == document.roadmap.items.map(\.id), "the block moves no id")
    }

    /// Over every shape and placement page: the inserted block is a block of the page itself (not inside a
    /// list, a quote or a table), above every tracked line, and not under a phase's own heading.
    @Test(arguments: ShapeFixture.all.map(\.name).map { "shapes/\($0)" } + names.map { "placement/\($0)" })
    func theBlockIsNeverInsideAPhase(path: String) throws {
        let fixture = path.hasPrefix("shapes/") ? ShapeFixture(name: String(path.dropFirst(7))) : nil
        var wording = fixture?.wording ?? Wording()
        wording.showsProgress = true
        let options = fixture?.options ?? DocumentOptions()
        let page = Fixture.bytes(path + ".md")
        let document = try TrackerDocument(bytes: page, wording: wording, options: options)
        let output = document.rendered(document.roadmap.documentStatuses)
        let source = MarkdownSource(output)
        let blocks = MarkdownBlocks(source).blocks
        let opening = try #require(
            blocks.firstIndex {
                $0.kind == .htmlBlock && source.text(ofLine: $0.firstLine).contains(TrackerDocument.progressOpen)
            })
        let parent = try #require(blocks[opening].parent)
        #expect(blocks[parent].kind == .document, "the progress block is one of the page's own blocks")
        let reread = try TrackerDocument(bytes: output, wording: wording, options: options)
        let blockLine = blocks[opening].firstLine + 1
        guard document.progressBlock == nil else { return }
        #expect(reread.roadmap.items.allSatisfy { $0.line > blockLine }, "above every tracked line")
        // The nearest heading above the block is not a phase's own (unless the page's title is its one phase).
        if reread.roadmap.phases.count > 1, let above = reread.page.headings.last(where: { $0.line + 1 < blockLine }) {
            #expect(!reread.roadmap.phases.contains { $0.heading == above.text }, "under phase heading \(above.text)")
        }
    }
}
