import Foundation
import Testing

@testable import RoadmapKit

/// A page with no tracker is refused in one sentence that says what the engine looked for and names the
/// nearest thing it saw (`Fixtures/no-tracker/NAME.md`, the nearest thing in `NAME.nearest`).
@Suite struct NoTrackerTests {
    static let looked =
        "no roadmap tracker found: looked for a table with Phase, Sub Topics and Status columns, a table with a Status column beside item names, and task lists (- [ ] item); the nearest thing seen was "

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixture.url("no-tracker").path)) ?? []
        return files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test func thereAreSeveralKindsOfNearMiss() {
        #expect(Self.names.count >= 6)
    }

    @Test(arguments: names)
    func theSentenceNamesTheNearestThing(name: String) throws {
        let nearest = String(decoding: Fixture.bytes("no-tracker/\(name).nearest"), as: UTF8.self).trimmingCharacters(
            in: .newlines)
        #expect(throws: DocumentError(Self.looked + nearest)) {
            try TrackerDocument(bytes: Fixture.bytes("no-tracker/\(name).md"))
        }
    }

    @Test func aNamedTrackerSectionWithNothingInItSaysWhereItLooked() throws {
        let page = Array("# Plan\n\n## Progress\n\nSoon.\n\n## Phase 1\n\n- [ ] One\n".utf8)
        let error = try #require(throws: DocumentError.self) {
            try TrackerDocument(bytes: page, options: DocumentOptions(tracker: "Progress"))
        }
        #expect(error.message.hasPrefix("no roadmap tracker found under the heading \"Progress\": looked for"))
        #expect(
            !error.isConfiguration,
            "a page that does not hold what the setting names is exit 3, as any page without a tracker")
    }
}
