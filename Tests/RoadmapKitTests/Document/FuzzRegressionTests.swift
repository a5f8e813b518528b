import Foundation
import Testing

@testable import RoadmapKit

/// Inputs the fuzzers found (Fuzz/, `make fuzz`), kept as fixtures under Fixtures/fuzz with the
/// invariants the fuzz targets check.
@Suite struct FuzzRegressionTests {
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: Fixture.url("fuzz").path)) ?? []).sorted()

    /// The cases below come from this folder: an empty or missing one must fail, not pass with no case.
    @Test func theFuzzFixturesAreThere() {
        #expect(Self.names.count >= 2)
    }

    @Test(arguments: names)
    func renderingTheShownStatusesIsAFixedPoint(name: String) throws {
        var wording = Wording()
        wording.showsProgress = false
        let bytes = Fixture.bytes("fuzz/\(name)")
        // Each fixture is a document that parsed and then broke the rendering.
        let document = try TrackerDocument(bytes: bytes, wording: wording)
        let shown = document.roadmap.documentStatuses
        let settled = document.rendered(shown)
        let reread = try TrackerDocument(bytes: settled, wording: wording)
        #expect(reread.roadmap.documentStatuses == shown)
        #expect(reread.rendered(shown) == settled)
    }

    /// Found by the document fuzzer: an overview listing the same phases twice sent both copies to one
    /// phase table, whose Status cells then got two overlapping edits (a trap in `apply`).
    @Test func aPhaseListedTwiceDetailsOneTableOnce() throws {
        let document = try Fixture.document("fuzz/duplicate-phase-rows.md")
        var statuses: [ItemID: ItemStatus] = [:]
        for (index, item) in document.roadmap.items.enumerated() { statuses[item.id] = ItemStatus.allCases[index % 4] }
        let output = document.rendered(statuses)
        #expect(try TrackerDocument(bytes: output).rendered(statuses) == output)
    }

    /// Found by the document fuzzer: a derived Status cell whose words read as another state ("Nt Started"
    /// contains "Started") was rewritten on a render of unchanged statuses. That is right — sync owns the
    /// cell — but only once: the corrected document is a fixed point.
    @Test func aDerivedCellThatDisagreesIsCorrectedOnce() throws {
        var wording = Wording()
        wording.showsProgress = false
        let document = try Fixture.document("fuzz/derived-cell-typo.md", wording: wording)
        let settled = document.rendered(document.roadmap.documentStatuses)
        #expect(
            String(decoding: settled, as: UTF8.self).contains(
                "| Express.js Fundamentals | • Routing<br>• Middlewares<br>• Request Lifecycle<br>• Production Features | ⏳ Not Started | 4 |"
            ))
        #expect(
            try TrackerDocument(bytes: settled, wording: wording).rendered(document.roadmap.documentStatuses) == settled
        )
    }
}
