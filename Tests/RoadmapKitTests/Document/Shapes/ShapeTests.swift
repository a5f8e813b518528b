import Foundation
import TestSupport
import Testing

@testable import RoadmapKit

/// Every fixture of Fixtures/shapes read as its `.expected` file says a reader would read it.
@Suite struct ShapeTests {
    @Test func thereAreThirtyShapesAtLeast() {
        #expect(ShapeFixture.all.count >= 30)
        #expect(ShapeFixture.all.allSatisfy { !$0.expected.items.isEmpty }, "every fixture has its expectations")
    }

    @Test(arguments: ShapeFixture.all)
    func eachShapeReadsAsAPersonWouldReadIt(fixture: ShapeFixture) throws {
        let reading = ShapeFixture.reading(try fixture.document())
        #expect(reading.shape == fixture.expected.shape)
        #expect(reading.phases == fixture.expected.phases)
        #expect(reading.items == fixture.expected.items)
    }

    /// The byte-fidelity property over every shape: random statuses change only owned bytes, read back as
    /// those statuses, and a second render changes nothing.
    @Test(arguments: ShapeFixture.all)
    func randomStatusesTouchOnlyOwnedBytes(fixture: ShapeFixture) throws {
        let document = try fixture.document(showingProgress: false)
        #expect(
            document.rendered(document.roadmap.documentStatuses) == fixture.bytes,
            "rendering what the page shows changes nothing")
        var generator = SeededGenerator(seed: UInt64(fixture.name.utf8.reduce(7) { $0 &* 31 &+ Int($1) } & 0xFFFF))
        for _ in 0..<12 {
            var statuses: [ItemID: ItemStatus] = [:]
            for item in document.roadmap.items {
                statuses[item.id] = ItemStatus.allCases.randomElement(using: &generator)!
            }
            let output = document.rendered(statuses)
            let reread = try fixture.document(output, showingProgress: false)
            #expect(reread.roadmap.items.map(\.id) == document.roadmap.items.map(\.id))
            #expect(reread.rendered(statuses) == output, "a second render is a no-op")
            #expect(
                Self.unownedBytes(output, reread) == Self.unownedBytes(fixture.bytes, document),
                "bytes outside owned spans are kept")
            for item in reread.roadmap.items {
                let wanted = statuses[item.id]!
                // A checkbox shows done or not; `[/]`, `[-]` only on pages that already write them.
                if Self.canShow(document, item.id, wanted) {
                    #expect(item.documentStatus == wanted, "\(item.id): \(wanted) read back as \(item.documentStatus)")
                }
            }
        }
    }

    /// The document's bytes with every owned span cut out, in order.
    /// A mark owns the blank after it too: a mark written where there was none brings its space.
    static func unownedBytes(_ bytes: [UInt8], _ document: TrackerDocument) -> String {
        var spans: [Range<Int>] = document.slots.marks.map { mark in
            var end = mark.range.upperBound
            while end < bytes.count, bytes[end] == 0x20 { end += 1 }
            return mark.range.lowerBound..<end
        }
        spans += document.slots.boxes.map { $0.offset..<($0.offset + 1) }
        spans += document.slots.cells.map { document.page.tables[$0.table].isHTML ? $0.cell.content : $0.cell.raw }
        // Realigned tables re-pad whole columns: their rows are owned as a whole.
        for index in Set(document.slots.cells.map(\.table)) {
            if case .pipe(let table) = document.page.tables[index].form, table.isAligned {
                spans += table.rows.map { document.source.lines[$0.line].start..<document.source.lines[$0.line].end }
            }
        }
        var pieces: [[UInt8]] = []
        var position = 0
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) where span.lowerBound >= position {
            pieces.append(Array(bytes[position..<span.lowerBound]))
            position = span.upperBound
        }
        pieces.append(Array(bytes[position...]))
        return pieces.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "␟")
    }

    /// Whether the page has a place that shows this one item's `status`: its mark, its own Status cell, or
    /// its checkbox (which shows in progress and skipped only on pages already writing `[/]` and `[-]`).
    /// An item of a comma-separated list, or of a row detailing several items, has none.
    static func canShow(_ document: TrackerDocument, _ id: ItemID, _ status: ItemStatus) -> Bool {
        let slots = document.slots
        if slots.marks.contains(where: { $0.id == id }) { return true }
        if slots.cells.contains(where: { if case .items = $0.kind { $0.ids == [id] } else { false } }) { return true }
        guard slots.boxes.contains(where: { $0.id == id }) else { return false }
        switch status {
        case .done, .notStarted: return true
        case .inProgress: return slots.inProgressBox != nil
        case .skipped: return slots.skippedBox != nil
        }
    }
}
