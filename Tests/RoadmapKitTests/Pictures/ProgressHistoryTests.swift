import Foundation
import Testing

@testable import RoadmapKit

/// The dates a burn-up chart plots come out of the merge: the commit that finished each item.
@Suite struct ProgressHistoryTests {
    let merge = EvidenceMergeTests()
    static let streams = EvidenceMergeTests.streams, buffers = EvidenceMergeTests.buffers

    /// EvidenceMergeTests numbers commits 1, 2, 3… and dates commit n at n seconds after 1970.
    func commit(_ number: Int) -> String { String(repeating: String(number % 10), count: 40) }

    @Test(arguments: [
        (["finished #streams"], 1),
        (["wip #streams", "finished #streams", "done #streams"], 2),  // done again does not move the date
        (["finished #streams", "reopen #streams", "wip #streams", "done #streams"], 4),  // a reopen starts over
        (["skipped #streams", "done #streams"], 1),  // skipped already counts as finished
    ])
    func theCommitThatFinishedTheItemDatesIt(messages: [String], finishing: Int) {
        let (outcomes, _) = merge.outcomes(messages)
        #expect(outcomes[Self.streams]?.finishedBy?.id == commit(finishing))
    }

    @Test func unfinishedOrRevertedItemsHaveNoFinishingCommit() {
        let revert = "Revert \"finished #streams\"\n\nThis reverts commit \(commit(1))."
        #expect(merge.outcomes(["finished #streams", revert]).0[Self.streams]?.finishedBy == nil)
        #expect(merge.outcomes(["finished #streams", "reopen #streams"]).0[Self.streams]?.finishedBy == nil)
        #expect(merge.outcomes(["wip #streams"]).0[Self.streams]?.finishedBy == nil)
    }

    @Test func commitsDateItemsTheTreeDatesByHeadAndHandSetItemsHaveNoDate() {
        // 2024-01-08 12:00 UTC: the tree's item and the chart's end count by HEAD's day.
        let head = Date(timeIntervalSince1970: 1_704_715_200)
        let headDay = Date(timeIntervalSince1970: 1_704_672_000)
        let (outcomes, _) = merge.outcomes(
            ["finished #streams"], document: [ItemID(phase: 1, slug: "event-loop"): .done],
            tree: [Self.buffers: TreeRules.Finding(status: .done, paths: ["phase-1/buffers/DONE"])])
        let history = ProgressHistory.make(
            roadmap: EvidenceMergeTests.roadmap, outcomes: outcomes, headDate: head, now: .distantFuture)
        #expect(history.total == 58)
        #expect(
            history.finished == [
                .init(item: ItemID(phase: 1, slug: "event-loop"), date: nil),
                .init(item: Self.streams, date: Date(timeIntervalSince1970: 1)),
                .init(item: Self.buffers, date: headDay),
            ])
        #expect(history.asOf == headDay)
        #expect(history.percent == 5)
        #expect(history.phases.count == 11 && history.phases[0] == .init(number: 1, title: "Node.js Core Concepts"))
    }

    @Test func withoutAHeadTheChartEndsNow() {
        let now = Date(timeIntervalSince1970: 86_400 * 3 + 5_000)
        let history = ProgressHistory.make(roadmap: EvidenceMergeTests.roadmap, outcomes: [:], headDate: nil, now: now)
        #expect(history.asOf == Date(timeIntervalSince1970: 86_400 * 3))
        #expect(history.finished.isEmpty)
    }
}
