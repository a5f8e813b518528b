@testable import RoadmapKit
import Testing
import TestSupport

/// The ledger replays readings in one order whatever order they come in; a list already in that order
/// (as the cache keeps it) is taken as it is.
@Suite struct ReplayOrderTests {
    @Test func readingsComeOutInReplayOrderWhateverOrderTheyCameIn() {
        var generator = SeededGenerator(seed: 0x0DE5)
        for _ in 0..<200 {
            let readings = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                CommitReading(
                    commit: CommitInfo(id: String(Int.random(in: 0...9, using: &generator)), date: Double(Int.random(in: 0...3, using: &generator)), subject: ""),
                    generation: UInt32.random(in: 1...4, using: &generator), reading: MessageReading())
            }
            let sorted = readings.sorted(by: CommitReading.replayOrder)
            let key = { (reading: CommitReading) in "\(reading.generation) \(reading.commit.date) \(reading.commit.id)" }
            #expect(CommitReading.inReplayOrder(readings).map(key) == sorted.map(key))
            #expect(CommitReading.inReplayOrder(sorted).map(key) == sorted.map(key))
            let cache = EvidenceCache(key: 1, head: ObjectID(high: 1, middle: 2, low: 3), headParents: [], generations: GenerationTable([:]), readings: readings)
            #expect(cache.readings.map(key) == sorted.map(key), "the cache keeps them in replay order")
        }
    }
}
