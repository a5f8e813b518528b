import Foundation
import Testing

@testable import RoadmapKit

/// The remembered parse is only a speed-up: it gives back exactly what it was given, a damaged file reads
/// as none, and anything the parse depends on changes its key.
@Suite struct DocumentRecordTests {
    static func record(output: [UInt8]?) throws -> DocumentRecord {
        let source = Fixture.bytes("tasklist.md")
        var roadmap = try TrackerDocument(bytes: source).roadmap
        roadmap.phases[0].items[0].aliases = ["first", "erste"]
        roadmap.phases[0].declaredTotal = 7
        // A phase named rather than numbered, with no heading of its own.
        let extra = ItemID(phase: .name("extras"), slug: "graphql")
        roadmap.phases.append(
            Phase(
                key: .name("extras"), title: "Extras",
                items: [Item(id: extra, name: "GraphQL", aliases: [], documentStatus: .skipped, line: 99)],
                heading: nil, declaredTotal: nil))
        let statuses = Dictionary(uniqueKeysWithValues: roadmap.items.map { ($0.id, ItemStatus.done) })
        return DocumentRecord(key: 42, source: source, roadmap: roadmap, statuses: statuses, output: output)
    }

    @Test(arguments: [nil, Array("# changed\n".utf8), []])
    func aRecordReadsBackAsWritten(output: [UInt8]?) throws {
        let record = try Self.record(output: output)
        #expect(DocumentRecord.decode(record.encoded()) == record)
    }

    @Test func aDamagedOrCutRecordReadsAsNone() throws {
        let bytes = try Self.record(output: nil).encoded()
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 50)) {
            var damaged = bytes
            damaged[position] ^= 0x20
            #expect(DocumentRecord.decode(damaged) == nil, "byte \(position) flipped")
        }
        #expect(DocumentRecord.decode(Array(bytes.dropLast(9))) == nil)
    }

    @Test func theKeyChangesWithTheConfigurationAndTheTrackerPath() throws {
        let folder = URL(fileURLWithPath: "/tmp/roadmap-record")
        let plain = Workspace(
            root: folder, configuration: Configuration(), trackerName: "README.md",
            trackerPath: "/tmp/roadmap-record/README.md")
        var configured = plain
        configured.configurationText = "items:\n  streams:\n    aliases: [flows]\n"
        var moved = plain
        moved.trackerPath = "/tmp/roadmap-record/docs/README.md"
        let keys = [plain, configured, moved].map(DocumentRecord.key(for:))
        #expect(Set(keys).count == 3)
        #expect(DocumentRecord.key(for: plain) == DocumentRecord.key(for: plain))
        #expect(!LocalFiles.executableIdentity.isEmpty, "the running binary names the engine's version")
    }
}
