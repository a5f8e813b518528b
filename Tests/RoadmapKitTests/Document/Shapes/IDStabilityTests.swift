import Foundation
import Testing

@testable import RoadmapKit

/// Ids never depend on the position of unrelated headings: every fixture, with an unrelated section added
/// near its top and an appendix (another table, a fenced example) at its end, has the same ids, and refs
/// an earlier commit wrote land on the same items.
@Suite struct IDStabilityTests {
    static let about = """
        ## About

        Why I keep this page, and how I tick things off.

        | Link | Why |
        |------|-----|
        | https://roadmap.sh | the map I follow |

        """

    static let appendix = """

        ## Appendix

        ### Resources

        | Resource | Notes |
        |----------|-------|
        | MDN | reference |

        ```markdown
        - [ ] an example of the syntax, not a task
        ```

        <!-- - [ ] a task I removed -->

        """

    /// The fixture with `about` just above its second heading (or at its top, or at its end on a page of no
    /// headings, where a heading on top would own every task) and `appendix` at its end.
    static func variant(_ bytes: [UInt8], lineEnding: [UInt8]) -> [UInt8] {
        let source = MarkdownSource(bytes)
        let page = Page(source)
        let second = page.headings.dropFirst().first { $0.level <= 6 }
        let insertion =
            second.map { source.lines[$0.line].start }
            ?? (page.headings.isEmpty ? bytes.count : source.hasByteOrderMark ? 3 : 0)
        func ending(_ text: String) -> [UInt8] {
            Array(
                Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).joined(separator: lineEnding))
        }
        var head = Array(bytes[..<insertion])
        if insertion == bytes.count, let last = head.last, last != 0x0A { head += lineEnding + lineEnding }
        var output = head + ending(about + "\n") + Array(bytes[insertion...])
        if let last = output.last, last != 0x0A { output += lineEnding }
        return output + ending(appendix)
    }

    @Test(arguments: ShapeFixture.all)
    func idsStayPutWhenUnrelatedSectionsComeAndGo(fixture: ShapeFixture) throws {
        let original = try fixture.document()
        let variant = Self.variant(fixture.bytes, lineEnding: original.source.lineEnding)
        let changed = try fixture.document(variant)
        let headings = Page(MarkdownSource(variant)).headings.map(\.text)
        #expect(headings.contains("About") && headings.contains("Appendix"), "the variant holds the unrelated sections")
        #expect(changed.roadmap.items.map(\.id) == original.roadmap.items.map(\.id))
        #expect(changed.roadmap.items.map(\.name) == original.roadmap.items.map(\.name))
        #expect(changed.roadmap.shape == original.roadmap.shape)

        // Refs from the original's commits (`done p1/x`, `done "Name"`) resolve to the same items.
        let resolver = RefResolver(roadmap: changed.roadmap)
        let names = Dictionary(original.roadmap.items.map { ($0.name, 1) }, uniquingKeysWith: +)
        for item in original.roadmap.items {
            #expect(resolver.resolve(item.id.description) == .item(item.id))
            if names[item.name] == 1,
                Set(original.roadmap.items.filter { $0.id.slug == item.id.slug }.map(\.id)).count == 1
            {
                #expect(resolver.resolve("\"\(item.name)\"") == .item(item.id))
            }
        }

        // Evidence applied to the changed page marks the same items.
        var statuses: [ItemID: ItemStatus] = [:]
        for (index, item) in original.roadmap.items.enumerated() {
            statuses[item.id] = index.isMultiple(of: 2) ? .done : .notStarted
        }
        let before = try fixture.document(original.rendered(statuses)).roadmap.items.map {
            [$0.id.description, $0.documentStatus.rawValue]
        }
        let after = try fixture.document(changed.rendered(statuses)).roadmap.items.map {
            [$0.id.description, $0.documentStatus.rawValue]
        }
        #expect(after == before)
    }

    /// The report that opened the issue: `## About` added near the top moved `p3/javascript` to another item.
    @Test func aSectionAddedAboveNumberlessPhasesMovesNoID() throws {
        let page = """
            # Goals

            ## HTML

            - [ ] Forms

            ## CSS

            - [ ] Grid

            ## JavaScript

            - [ ] Closures

            """
        let before = try TrackerDocument(bytes: Array(page.utf8)).roadmap
        let after = try TrackerDocument(
            bytes: Array(page.replacingOccurrences(of: "## HTML", with: "## About\n\nHi.\n\n## HTML").utf8)
        ).roadmap
        #expect(before.items.map(\.id.description) == ["p-html/forms", "p-css/grid", "p-javascript/closures"])
        #expect(after.items.map(\.id) == before.items.map(\.id))
    }
}
