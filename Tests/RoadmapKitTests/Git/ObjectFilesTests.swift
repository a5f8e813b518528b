import Foundation
@testable import RoadmapKit
import Testing

/// ObjectFiles reads objects without libgit2 for the full walk and the tree pass: every object it answers
/// for must be byte for byte what git stores, in every layout git writes, and anything it cannot read must
/// be left to libgit2 (nil), never misread.
@Suite struct ObjectFilesTests {
    /// A history whose trees change a little each commit (so repacking deltifies them), with a big file.
    private func history() throws -> TemporaryGitRepository {
        let fixture = try TemporaryGitRepository()
        for step in 0..<40 {
            try fixture.write("phase-\(step % 3)/item-\(step % 7)/notes-\(step).md", String(repeating: "line \(step)\n", count: step + 1))
            try fixture.write("README.md", "# Roadmap\n" + String(repeating: "row \(step)\n", count: 50))
            if step == 20 { try fixture.write("big.bin", String(repeating: "0123456789abcdef", count: 40_000)) }
            try fixture.commit("step \(step)\n\nbody of \(step)\n")
        }
        return fixture
    }

    private func objects(_ fixture: TemporaryGitRepository) throws -> [(id: String, type: String)] {
        let ids = try fixture.git("rev-list", "--objects", "--all").split(separator: "\n").map { String($0.prefix(40)) }
        return try ids.map { ($0, try fixture.git("cat-file", "-t", $0).trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private func raw(_ id: String) -> [UInt8] {
        stride(from: 0, to: 40, by: 2).map { UInt8(id.dropFirst($0).prefix(2), radix: 16)! }
    }

    private func checkEveryObject(_ fixture: TemporaryGitRepository, _ layout: Comment) throws -> (whole: Int, owned: Int) {
        let files = ObjectFiles(objectsDirectory: fixture.directory.appendingPathComponent(".git/objects").path)
        var whole = 0, owned = 0
        for (id, type) in try objects(fixture) {
            let expected = [UInt8](try fixture.gitOutput(["cat-file", type, id]))
            let key = raw(id)
            if let object = key.withUnsafeBytes({ files.readOwned($0) }) {
                owned += 1
                #expect("\(object.type)" == type, "\(layout): \(id)")
                #expect(object.bytes == expected, "\(layout): \(type) \(id)")
            }
            if let object = key.withUnsafeBytes({ files.read($0) }) {
                whole += 1
                #expect(Array(object.bytes) == expected, "\(layout): whole \(type) \(id)")
            }
        }
        return (whole, owned)
    }

    @Test func everyObjectInEveryLayoutIsGitsOwn() throws {
        let fixture = try history()
        let total = try objects(fixture).count
        let loose = try checkEveryObject(fixture, "loose")
        #expect(loose.owned == total && loose.whole == total, "loose objects are all read here")

        try fixture.git("repack", "-adfq", "--depth=50", "--window=50")
        let packed = try checkEveryObject(fixture, "packed, offset deltas")
        #expect(packed.owned == total, "deltas resolved")
        #expect(packed.whole < total, "some objects are deltas, which the whole-object read leaves to libgit2")

        try fixture.git("-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq", "--depth=50", "--window=50")
        let referenced = try checkEveryObject(fixture, "packed, reference deltas")
        #expect(referenced.owned == total)

        // Two packs and loose objects at once.
        try fixture.write("later.md", "later\n")
        try fixture.commit("later\n")
        try fixture.git("repack", "-dq")
        try fixture.write("latest.md", "latest\n")
        try fixture.commit("latest\n")
        let mixed = try checkEveryObject(fixture, "two packs and loose objects")
        #expect(mixed.owned == (try objects(fixture).count))
    }

    /// git deltifies commits that share most of their text; the walk reads those itself too (before, they went
    /// through libgit2, whose own mapping of the pack index added its pages to the walk's memory).
    @Test func deltifiedCommitsAreReadByTheWalkAsGitStoresThem() throws {
        let fixture = try TemporaryGitRepository()
        let body = (0..<40).map { "shared paragraph line \($0) about the roadmap and what was learned" }.joined(separator: "\n")
        for step in 0..<30 {
            try fixture.write("f\(step % 5).md", "line \(step)\n")
            try fixture.commit("step \(step)\n\n\(body)\nend \(step)\n")
        }
        try fixture.git("repack", "-adfq", "--depth=50", "--window=50")
        let packIndex = try #require(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.appendingPathComponent(".git/objects/pack").path)
            .first { $0.hasSuffix(".idx") })
        let verify = try fixture.git("verify-pack", "-v", ".git/objects/pack/\(packIndex)")
        let deltified = verify.split(separator: "\n").filter { $0.split(separator: " ").count >= 7 && $0.split(separator: " ")[1] == "commit" }
        #expect(deltified.count >= 10, "the fixture must hold commits stored as deltas")
        _ = try checkEveryObject(fixture, "deltified commits")

        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        var messages: [String: String] = [:]
        _ = try repository.walk(knownGeneration: nil, digest: { content in content }) { walked in
            if let content = walked.digest { messages[walked.id] = content.message }
        }
        for line in try fixture.git("log", "--format=%H").split(separator: "\n") {
            let id = String(line)
            #expect(messages[id] == (try fixture.git("log", "-1", "--format=%B", id)).dropLast().description, "\(id)")
        }
        #expect(messages.count == 30)
    }

    @Test func damageIsLeftToLibgit2NeverMisread() throws {
        let fixture = try history()
        try fixture.git("repack", "-adfq")
        let pack = try #require(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.appendingPathComponent(".git/objects/pack").path)
            .first { $0.hasSuffix(".pack") })
        let url = fixture.directory.appendingPathComponent(".git/objects/pack/\(pack)")
        let original = try Data(contentsOf: url)
        let all = try objects(fixture)
        let expected = try all.map { [UInt8](try fixture.gitOutput(["cat-file", $0.type, $0.id])) }
        for position in stride(from: 20, to: original.count - 20, by: max(1, original.count / 60)) {
            var damaged = original
            damaged[position] ^= 0x55
            try damaged.write(to: url)
            let files = ObjectFiles(objectsDirectory: fixture.directory.appendingPathComponent(".git/objects").path)
            for (index, object) in all.enumerated() {
                if let read = raw(object.id).withUnsafeBytes({ files.readOwned($0) }), read.bytes != expected[index] {
                    // A flipped bit in an entry's header can only change its type or size, which zlib's own
                    // check then catches; what is left is a header read as another valid header.
                    Issue.record("byte \(position): \(object.type) \(object.id) misread")
                }
            }
        }
        try original.write(to: url)
    }

    /// A pack index whose fan-out goes backwards is not searched (the search would leave the mapping).
    @Test func aDamagedPackIndexIsNotSearched() throws {
        let fixture = try history()
        try fixture.git("repack", "-adfq")
        let all = try objects(fixture)
        let folder = fixture.directory.appendingPathComponent(".git/objects/pack")
        let index = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".idx") }))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: index.path)
        var bytes = try Data(contentsOf: index)
        // Bucket 0x10 of the fan-out claims every object: larger than the buckets after it.
        for offset in (8 + 0x10 * 4)..<(8 + 0x10 * 4 + 4) { bytes[offset] = 0xFF }
        try bytes.write(to: index)
        let files = ObjectFiles(objectsDirectory: fixture.directory.appendingPathComponent(".git/objects").path)
        for (id, _) in all {
            #expect(raw(id).withUnsafeBytes { files.readOwned($0) } == nil, "\(id)")
        }
    }

    @Test func gitsDeltaFormatCopiesAndInserts() {
        let base = Array("hello, world".utf8)
        // Base size 12, result size 11; copy 5 bytes from 0, insert "!!", copy 4 from 7 ("worl").
        let delta: [UInt8] = [12, 11, 0x90, 5, 2, 0x21, 0x21, 0x91, 7, 4]
        #expect(ObjectFiles.apply(delta: delta, to: base).map { String(decoding: $0, as: UTF8.self) } == "hello!!worl")
        #expect(ObjectFiles.apply(delta: [13, 1, 1, 0x41], to: base) == nil, "wrong base size")
        #expect(ObjectFiles.apply(delta: [12, 5, 0x90, 50], to: base) == nil, "copy past the base")
        #expect(ObjectFiles.apply(delta: [12, 1, 0], to: base) == nil, "reserved instruction")
        #expect(ObjectFiles.apply(delta: [12, 3, 2, 0x41], to: base) == nil, "insert past the end")
    }
}
