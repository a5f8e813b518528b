import Foundation
import Testing

@testable import RoadmapKit

/// "Did you mean" ids are computed for printed warnings only, and reverts are matched in linear time.
@Suite struct WarningsAndRevertsTests {
    static let roadmap = try! Fixture.document("seed-clean.md").roadmap
    static let merge = EvidenceMerge(roadmap: roadmap, grammar: CommitGrammar())

    static func id(_ number: Int) -> String {
        String(format: "%06x", number) + String(repeating: "a", count: 34)
    }

    func ledger(_ messages: [String]) -> EvidenceMerge.Ledger {
        let readings = messages.enumerated().compactMap { index, message in
            Self.merge.reading(
                id: Self.id(index + 1), date: Double(index + 1), message: message, generation: UInt32(index + 1))
        }
        return Self.merge.ledger(readings)
    }

    @Test func aLedgerLeavesSuggestionsForWhoeverPrintsTheWarning() {
        let warnings = ledger(["finished #evnt-loop", "feat(api): a scope naming no item", "done #p1/strems"]).warnings
        #expect(warnings.map(\.ref) == ["evnt-loop", "p1/strems"])
        #expect(warnings.allSatisfy { $0.suggestions.isEmpty })
        let suggested = Self.merge.suggested(warnings)
        #expect(
            suggested.map(\.suggestions.first) == [
                ItemID(phase: 1, slug: "event-loop"), ItemID(phase: 1, slug: "streams"),
            ])
        #expect(
            suggested[0].sentence == "\(Self.id(1).prefix(7)): unknown ref `evnt-loop` (did you mean p1/event-loop?)")
    }

    @Test func resolvingWithoutSuggestingGivesTheSameAnswerWithoutIds() {
        let resolver = RefResolver(roadmap: Self.roadmap)
        for ref in ["evnt-loop", "p1/strems", "streams", "Event Loop", "p9/nothing", "api"] {
            switch (resolver.resolve(ref), resolver.resolve(ref, suggesting: false)) {
            case (.unknown(let suggestions), .unknown(let none)):
                #expect(none.isEmpty)
                #expect(resolver.suggestions(forRef: ref) == suggestions, "\(ref)")
            case (let eager, let lazy):
                #expect(eager == lazy, "\(ref)")
            }
        }
    }

    @Test func abbreviatedAndFullRevertTargetsAreFound() {
        let messages = [
            "finished #streams", "finished #buffers", "Revert\n\nThis reverts commit \(Self.id(1)).",
            "Revert\n\nThis reverts commit \(Self.id(2).prefix(9)).",
            "Revert\n\nThis reverts commit ffffffffffff.",
        ]
        let reverted = EvidenceMerge.revertedCommits(ledger(messages))
        #expect(reverted == [Self.id(1): Self.id(3), Self.id(2): Self.id(4)])
    }

    /// git.git's shape: evidence on every commit and many reverts, most of commits without evidence.
    @Test func manyRevertsOfManyCommitsTakeLinearTime() {
        var messages: [String] = []
        for number in 0..<20_000 {
            messages.append(
                number % 10 == 0
                    ? "Revert\n\nThis reverts commit \(String(format: "%040x", 1_000_000 + number))." : "wip #streams")
        }
        let ledger = ledger(messages)
        let start = Date()
        let reverted = EvidenceMerge.revertedCommits(ledger)
        #expect(reverted.isEmpty)
        #expect(Date().timeIntervalSince(start) < 0.5, "2 000 reverts × 20 000 commits")
    }
}
