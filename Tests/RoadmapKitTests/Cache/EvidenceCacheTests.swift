import Foundation
import TestSupport
import Testing

@testable import RoadmapKit

@Suite struct EvidenceCacheTests {
    static func id(_ number: Int) -> ObjectID {
        ObjectID(hex: String(format: "%040x", number))!
    }

    static func sample() -> EvidenceCache {
        var generations: [ObjectID: UInt32] = [:]
        for number in 1...500 { generations[id(number * 7919)] = UInt32(number) }
        var reading = MessageReading()
        reading.mentions = [
            Mention(verb: .done, ref: "p1/streams", rule: .hashtag),
            Mention(verb: .start, ref: "Événement", rule: .pattern(2)),
        ]
        reading.unknownVerbs = ["finsihed"]
        var revert = MessageReading()
        revert.reverts = "0123456"
        return EvidenceCache(
            key: EvidenceCache.key(["a", "b"]), head: id(42), headParents: [id(41), id(40)],
            generations: GenerationTable(generations),
            readings: [
                CommitReading(
                    commit: CommitInfo(id: id(42).hex, date: 1_700_000_000.5, subject: "finished #streams ✅"),
                    generation: 3, reading: reading),
                CommitReading(
                    commit: CommitInfo(id: id(43).hex, date: 1, subject: "Revert"), generation: 4, reading: revert),
            ])
    }

    @Test func roundTrips() {
        var cache = Self.sample()
        #expect(EvidenceCache.decode(cache.encoded(), table: cache.generations.storage) == cache)
        cache.added = [Self.id(1): 9, Self.id(2): 10]
        cache.removed = [Self.id(7919)]
        #expect(EvidenceCache.decode(cache.encoded(), table: cache.generations.storage) == cache)
        #expect(cache.generation(of: Self.id(1)) == 9)
        #expect(cache.generation(of: Self.id(7919)) == nil)
        #expect(cache.generation(of: Self.id(2 * 7919)) == 2)
        #expect(cache.compacted().generation(of: Self.id(1)) == 9)
        #expect(cache.compacted().generation(of: Self.id(7919)) == nil)
        #expect(cache.compacted().count == cache.count)
    }

    @Test func anyDamageIsAMissNotAWrongAnswer() {
        let sample = Self.sample()
        let bytes = sample.encoded()
        let table = sample.generations.storage
        var generator = SeededGenerator(seed: 7)
        for round in 0..<600 {
            // Either file: the state, or the readings it names by checksum.
            var damaged = round % 2 == 0 ? bytes.state : bytes.readings
            let change = Int.random(in: 0..<3, using: &generator)
            switch change {
            case 0:
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] ^= UInt8.random(
                    in: 1...255, using: &generator)
            case 1: damaged.removeLast(Int.random(in: 1..<damaged.count, using: &generator))
            default: damaged.append(contentsOf: [0, 1, 2])
            }
            let encoded =
                round % 2 == 0
                ? EvidenceCache.Encoded(state: damaged, readings: bytes.readings)
                : EvidenceCache.Encoded(state: bytes.state, readings: damaged)
            if round % 2 == 1 && change == 2 {
                // Bytes past the length the state names are another run's append: not read.
                #expect(EvidenceCache.decode(encoded, table: table) == sample)
            } else {
                #expect(EvidenceCache.decode(encoded, table: table) == nil)
            }
        }
        #expect(EvidenceCache.decode(EvidenceCache.Encoded(state: [], readings: bytes.readings), table: table) == nil)
        #expect(EvidenceCache.decode(bytes, table: table.dropLast(GenerationTable.entrySize)) == nil)
        // Another run's readings file, intact in itself, does not go with this state.
        var other = sample
        other.readings.removeLast()
        #expect(
            EvidenceCache.decode(
                EvidenceCache.Encoded(state: bytes.state, readings: other.encoded().readings), table: table) == nil)
    }

    /// The table is checked block by block as lookups reach it: a flipped bit anywhere gives either the
    /// true answer or a table that says it is damaged (and is then dropped), never a wrong generation.
    @Test func aDamagedTableBlockIsFoundByTheLookupsThatReadIt() throws {
        let sample = Self.sample()
        let bytes = sample.encoded()
        let table = sample.generations.storage
        let entries = (0..<sample.generations.count).map { sample.generations.id(at: $0) }
        #expect(GenerationTable.blockCount(entries: entries.count) > 1, "the sample spans several blocks")
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            var damagedTable = table
            let spot = Int.random(in: 0..<damagedTable.count, using: &generator)
            damagedTable[spot] ^= UInt8.random(in: 1...255, using: &generator)
            let decoded = try #require(EvidenceCache.decode(bytes, table: damagedTable))
            for id in entries.shuffled(using: &generator).prefix(40) {
                let answer = decoded.generations.generation(of: id)
                #expect(decoded.generations.isDamaged || answer == sample.generations.generation(of: id))
            }
            // Looking up the damaged entry's own id reads its block.
            _ = decoded.generations.generation(of: entries[spot / GenerationTable.entrySize])
            #expect(decoded.generations.isDamaged)
            #expect(!decoded.generations.verifyAll())
        }
        let intact = try #require(EvidenceCache.decode(bytes, table: table))
        #expect(intact.generations.verifyAll())
        #expect(!intact.generations.isDamaged)
    }

    /// A commit with no evidence rewrites only the small state file; the state names its readings file, so
    /// readings another run wrote meanwhile are a miss, never someone else's evidence.
    @Test func unchangedReadingsAreNotWrittenAgainAndAForeignReadingsFileIsAMiss() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(gitDirectory: folder)
        let sample = Self.sample()
        store.save(sample, tableChanged: true)
        var loaded = try #require(store.load())
        #expect(loaded == sample)
        let readingsBefore = try FileManager.default.attributesOfItem(atPath: store.readingsPath.path)
        // Moved on by a commit without evidence: same readings.
        loaded.head = Self.id(424_242)
        store.save(loaded, tableChanged: false)
        let readingsAfter = try FileManager.default.attributesOfItem(atPath: store.readingsPath.path)
        #expect(
            readingsAfter[.systemFileNumber] as? Int == readingsBefore[.systemFileNumber] as? Int,
            "the readings file was not replaced")
        #expect(try #require(store.load()).head == Self.id(424_242))

        // Another run replaces the readings file, then this run saves its state for the readings it loaded.
        var other = sample
        other.readings.removeLast()
        let stale = try #require(store.load())
        store.save(other, tableChanged: false)
        store.save(stale, tableChanged: false)
        #expect(store.load() == nil, "a state and a readings file of two different runs")
    }

    /// A commit with evidence appends its reading to the readings file, whose earlier bytes stay as they
    /// are; of two runs that appended from the same state, the one that saved last is what the next run loads.
    @Test func newReadingsAreAppendedAndTheLastSaveWins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(gitDirectory: folder)
        store.save(Self.sample(), tableChanged: true)
        let before = try Data(contentsOf: store.readingsPath)
        let inode = try FileManager.default.attributesOfItem(atPath: store.readingsPath.path)[.systemFileNumber] as? Int
        func extended(_ cache: EvidenceCache, _ number: Int, _ ref: String) -> EvidenceCache {
            var cache = cache
            var reading = MessageReading()
            reading.mentions = [Mention(verb: .start, ref: ref, rule: .trailer)]
            cache.head = Self.id(number)
            cache.readings.append(
                CommitReading(
                    commit: CommitInfo(id: Self.id(number).hex, date: 2, subject: "wip"), generation: 5,
                    reading: reading))
            return cache
        }
        let first = extended(try #require(store.load()), 50, "streams")
        store.save(first, tableChanged: false)
        let after = try Data(contentsOf: store.readingsPath)
        #expect(after.prefix(before.count) == before && after.count > before.count, "appended, not rewritten")
        #expect(
            try FileManager.default.attributesOfItem(atPath: store.readingsPath.path)[.systemFileNumber] as? Int
                == inode)
        #expect(store.load() == first)

        let loaded = try #require(store.load())
        let one = extended(loaded, 60, "buffers")
        let other = extended(loaded, 61, "a-much-longer-ref-than-the-other-one")
        store.save(one, tableChanged: false)
        store.save(other, tableChanged: false)
        #expect(store.load() == other)
        // A removed reading (the hook's amend of a commit with evidence) rewrites the file whole.
        var amended = try #require(store.load())
        amended.readings.removeLast()
        amended.loadedReadings = nil
        store.save(amended, tableChanged: false)
        #expect(store.load() == amended)
    }

    /// Compaction adds many new ids at once; those that fall between the same two entries must still come out
    /// in id order, or lookups miss them (found in review: they kept the order they came in).
    @Test func mergingManyIdsIntoOneGapKeepsTheTableSorted() {
        let table = GenerationTable([Self.id(1): 1, Self.id(1_000_000): 2])
        let added = (2..<200).map { (id: Self.id($0 * 4_999), generation: UInt32($0)) }.shuffled()
        let merged = table.merging(added)
        for entry in added { #expect(merged.generation(of: entry.id) == entry.generation) }
        #expect(merged.generation(of: Self.id(1)) == 1 && merged.generation(of: Self.id(1_000_000)) == 2)
        let ids = (0..<merged.count).map { merged.id(at: $0) }
        #expect(ids == ids.sorted())
    }

    @Test func keysDifferForDifferentParts() {
        #expect(EvidenceCache.key(["ab", "c"]) != EvidenceCache.key(["a", "bc"]))
        #expect(EvidenceCache.key(["x"]) == EvidenceCache.key(["x"]))
    }

    @Test func generationTableSearchesMergesAndRemoves() {
        var reference: [ObjectID: UInt32] = [:]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            reference[Self.id(Int.random(in: 0..<1_000_000, using: &generator))] = UInt32.random(
                in: 1...9999, using: &generator)
        }
        var table = GenerationTable(reference)
        for (id, generation) in reference { #expect(table.generation(of: id) == generation) }
        #expect(table.generation(of: Self.id(2_000_000)) == nil)

        let added = (0..<50).map { (id: Self.id(1_000_000 + $0), generation: UInt32($0)) }
        let removed = Set(reference.keys.prefix(30))
        table = table.merging(added, removing: removed)
        #expect(table.count == reference.count + 50 - 30)
        for entry in added { #expect(table.generation(of: entry.id) == entry.generation) }
        for id in removed { #expect(table.generation(of: id) == nil) }
    }

    @Test func objectIDsRoundTripThroughHex() {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        #expect(ObjectID(hex: hex)?.hex == hex)
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
    }
}
