import TestSupport
import Testing

@testable import RoadmapKit

/// The ledger replays readings in one order whatever order they come in; a list already in that order
/// (as the cache keeps it) is taken as it is.
@Suite struct ReplayOrderTests {
    @Test func readingsComeOutInReplayOrderWhateverOrderTheyCameIn() {
        var generator = SeededGenerator(seed: 0x0DE5)
        for _ in 0..<200 {
            let readings = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                CommitReading(
                    commit: CommitInfo(
                        id: String(Int.random(in: 0...9, using: &generator)),
                        date: Double(Int.random(in: 0...3, using: &generator)), subject: ""),
                    generation: UInt32.random(in: 1...4, using: &generator), reading: MessageReading())
            }
            let sorted = readings.sorted(by: CommitReading.replayOrder)
            let key = { (reading: CommitReading) in "\(reading.generation) \(reading.commit.date) \(reading.commit.id)"
            }
            #expect(CommitReading.inReplayOrder(readings).map(key) == sorted.map(key))
            #expect(CommitReading.inReplayOrder(sorted).map(key) == sorted.map(key))
            let cache = EvidenceCache(
                key: 1, head: ObjectID(high: 1, middle: 2, low: 3), headParents: [], generations: GenerationTable([:]),
                readings: readings)
            #expect(cache.readings.map(key) == sorted.map(key), "the cache keeps them in replay order")
        }
    }
}

/// The incremental sync resolves the cached readings on the other core and adds the new ones after:
/// the same ledger as resolving them all.
@Suite struct LedgerExtensionTests {
    @Test func aLedgerExtendedWithLaterReadingsIsTheLedgerOfThemAll() {
        let merge = EvidenceMerge(roadmap: EvidenceMergeTests.roadmap, grammar: CommitGrammar())
        let messages = [
            "finished #streams", "feat(buffers): start", "Roadmap: done p1/buffers", "reopen #streams", "wip #nonsense",
            "fix(api): typo", "done #event-loop", "Revert \"x\"\n\nThis reverts commit abcdef1.", "skip #streams",
        ]
        let readings = messages.enumerated().compactMap { index, message in
            merge.reading(
                id: String(repeating: String(index), count: 40), date: Double(index), message: message,
                generation: UInt32(index + 1))
        }
        #expect(readings.count >= 8)
        func describe(_ ledger: EvidenceMerge.Ledger) -> String {
            "\(ledger.evidence.map { "\($0.commit.id) \($0.item) \($0.verb)" }) \(ledger.warnings.map { "\($0.ref) \($0.problem)" }) \(ledger.reverts.map { "\($0.commit)>\($0.target)" }) \(ledger.commitIDs)"
        }
        let whole = describe(merge.ledger(readings))
        for split in 0...readings.count {
            let base = merge.ledger(Array(readings.prefix(split)))
            #expect(
                describe(merge.ledger(extending: base, with: Array(readings.dropFirst(split)))) == whole,
                "split at \(split)")
        }
    }
}
