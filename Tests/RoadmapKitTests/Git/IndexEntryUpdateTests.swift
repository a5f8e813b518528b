import CSHA1
import Foundation
@testable import RoadmapKit
import Testing
import TestSupport

/// The hook's own index update (IndexEntryUpdate through `updateIndexEntry(after:)`) must leave exactly the
/// index `git update-index --add -- path` would, or decline and touch nothing.
@Suite struct IndexEntryUpdateTests {
    /// The whole update on a buffer: the patch, then the trailer, as `updateIndexEntry` writes them.
    private func applied(_ update: IndexEntryUpdate, _ bytes: UnsafeMutableRawBufferPointer) -> IndexEntryUpdate.Patch {
        let patch = update.patch(bytes)
        if case .patched(let start) = patch {
            let checksum = IndexEntryUpdate.sha1(UnsafeRawBufferPointer(rebasing: bytes[..<start]))
            bytes.baseAddress!.advanced(by: start).copyMemory(from: checksum, byteCount: checksum.count)
        }
        return patch
    }

    private func fixture(tracker: String = "README.md", version: Int? = nil) throws -> TemporaryGitRepository {
        try .committing([(tracker, "# Roadmap\n"), ("docs/guide/other.md", "o\n"), ("src/deep/code.js", "x\n"), ("zz-last.md", "z\n")], indexVersion: version)
    }

    private var indexURL: (TemporaryGitRepository) -> URL { { $0.directory.appendingPathComponent(".git/index") } }

    /// Writes the tracker's new bytes, amends HEAD without touching the index, and updates the index; the
    /// index as it was before the update is left in `.git/index.before`.
    @discardableResult
    private func amendAndUpdate(_ fixture: TemporaryGitRepository, tracker: String = "README.md", contents: String = "# Roadmap, synced\n") throws -> (GitRepository.IndexEntryOutcome, AmendedCommit) {
        try fixture.write(tracker, contents)
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let amended = try repository.amendHead(updating: tracker, contents: Array(contents.utf8), updateIndex: false)
        try Data(contentsOf: indexURL(fixture)).write(to: indexURL(fixture).appendingPathExtension("before"))
        return (try repository.updateIndexEntry(after: amended, environment: fixture.confinedEnvironment), amended)
    }

    @Test(arguments: [(2, "README.md"), (3, "README.md"), (4, "README.md"), (2, "docs/guide/ROADMAP.md"), (4, "docs/guide/ROADMAP.md")])
    func theIndexIsWhatGitUpdateIndexWouldLeave(version: Int, tracker: String) throws {
        let fixture = try fixture(tracker: tracker, version: version)
        if version == 3 {
            try fixture.git("update-index", "--skip-worktree", "zz-last.md")
            try fixture.git("commit", "--quiet", "--allow-empty", "-m", "flags")
        }
        let (outcome, amended) = try amendAndUpdate(fixture, tracker: tracker)
        #expect(outcome == .updated)
        #expect(try fixture.git("rev-parse", "HEAD") == amended.id + "\n")
        #expect(try fixture.git("status", "--porcelain").isEmpty)
        #expect(try fixture.git("diff", "--cached", "--name-only", "HEAD").isEmpty)
        #expect(try fixture.git("ls-files", "-s", tracker) == "100644 \(try fixture.git("rev-parse", "HEAD:\(tracker)").dropLast()) 0\t\(tracker)\n")
        #expect(try Data(contentsOf: indexURL(fixture))[7] == UInt8(version))
        // The cache-tree was kept and points at the amended trees; libgit2 (which checks the trailer) reads it.
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        #expect(try repository.provablyMatchesHeadAndIndex(path: tracker, contents: Array("# Roadmap, synced\n".utf8), environment: fixture.confinedEnvironment) == true)
        #expect(try repository.matchesHeadAndIndex(path: tracker, contents: Array("# Roadmap, synced\n".utf8)))
        #expect(try fixture.git("write-tree") == (try fixture.git("rev-parse", "HEAD^{tree}")))
        // `git fsck` checks the index's checksum, as ordinary git commands do not.
        try fixture.git("fsck", "--no-progress")
        // git's own update from the same starting point lists the same entries, in the same shape.
        let ours = try fixture.git("ls-files", "-s")
        #expect(ours.contains(amended.blobHex))
        try FileManager.default.removeItem(at: indexURL(fixture))
        try FileManager.default.moveItem(at: indexURL(fixture).appendingPathExtension("before"), to: indexURL(fixture))
        #expect(try fixture.git("ls-files", "-s") != ours, "the starting point still has the old blob")
        try fixture.git("update-index", "--add", "--", tracker)
        #expect(try fixture.git("ls-files", "-s") == ours)
    }

    /// The hook skims the index while it syncs; the update uses that skim only for the very same file: a
    /// `git add` made in between is kept.
    @Test func anIndexSkimmedAheadServesOnlyWhileTheIndexIsUnchanged() throws {
        for stagedMeanwhile in [false, true] {
            let fixture = try fixture()
            let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
            let snapshot = try #require(repository.indexSnapshot(for: "README.md", environment: fixture.confinedEnvironment))
            #expect(snapshot.location?.found.count == 1)
            if stagedMeanwhile {
                try fixture.write("src/deep/code.js", "staged meanwhile\n")
                try fixture.git("add", "src/deep/code.js")
            }
            try fixture.write("README.md", "# Roadmap, synced\n")
            #expect(try repository.provablyMatchesHeadAndIndex(path: "README.md", contents: Array("# Roadmap\n".utf8), environment: fixture.confinedEnvironment, snapshot: snapshot) == (stagedMeanwhile ? nil : true))
            let amended = try repository.amendHead(updating: "README.md", contents: Array("# Roadmap, synced\n".utf8), updateIndex: false)
            #expect(try repository.updateIndexEntry(after: amended, environment: fixture.confinedEnvironment, snapshot: snapshot) == .updated)
            #expect(try fixture.git("diff", "--cached", "--name-only") == (stagedMeanwhile ? "src/deep/code.js\n" : ""))
            #expect(try fixture.git("status", "--porcelain") == (stagedMeanwhile ? "M  src/deep/code.js\n" : ""))
            try fixture.git("fsck", "--no-progress")
        }
    }

    @Test func anotherStagedChangeStaysStagedAndItsCacheTreeStaysInvalid() throws {
        let fixture = try fixture()
        try fixture.write("src/deep/code.js", "staged\n")
        try fixture.git("add", "src/deep/code.js")
        let (outcome, _) = try amendAndUpdate(fixture)
        #expect(outcome == .updated)
        #expect(try fixture.git("diff", "--cached", "--name-only") == "src/deep/code.js\n")
        #expect(try fixture.git("status", "--porcelain") == "M  src/deep/code.js\n")
        try fixture.git("fsck", "--no-progress")
    }

    /// Entries written in the index's second or later could be stale behind clean-looking stat data once the
    /// index is newer: their size is zeroed so git looks at their contents, as git does when it writes.
    @Test func racilyCleanEntriesAreSmudgedAndTheTrackerGetsItsStatData() throws {
        let fixture = try fixture()
        let bytes = [UInt8](try Data(contentsOf: indexURL(fixture)))
        var entries: [(path: String, mtime: UInt32, size: UInt32)] = []
        func read(_ bytes: [UInt8]) -> [(path: String, mtime: UInt32, size: UInt32)] {
            var result: [(String, UInt32, UInt32)] = []
            bytes.withUnsafeBytes { raw in
                _ = IndexFileFormat(raw) { entry in
                    result.append((String(decoding: raw[entry.pathStart..<entry.pathEnd], as: UTF8.self),
                                   IndexFileFormat.u32(raw, entry.offset + 8)!, IndexFileFormat.u32(raw, entry.offset + 36)!))
                }
            }
            return result
        }
        entries = read(bytes)
        #expect(entries.map(\.path) == ["README.md", "docs/guide/other.md", "src/deep/code.js", "zz-last.md"])
        #expect(entries.allSatisfy { $0.size > 0 })
        let headTree = try fixture.git("rev-parse", "HEAD^{tree}").dropLast()
        let root = [IndexEntryUpdate.TreeChange(folder: [], old: stride(from: 0, to: 40, by: 2).map { UInt8(headTree.dropFirst($0).prefix(2), radix: 16)! }, new: [UInt8](repeating: 0xCD, count: 20))]
        // Pretend the index was written in the second of the latest entry: every other entry is racy.
        let second = entries.map(\.mtime).max()!
        let stat = IndexEntryUpdate.StatData(ctimeSeconds: 7, ctimeNanoseconds: 8, mtimeSeconds: second - 5, mtimeNanoseconds: 9,
                                             device: 1, inode: 2, userID: 3, groupID: 4, size: 18, isExecutable: false)
        let update = IndexEntryUpdate(path: Array("README.md".utf8), blobID: [UInt8](repeating: 0xAB, count: 20), stat: stat, trees: root, indexSecond: second)
        var patched = bytes
        #expect(patched.withUnsafeMutableBytes { applied(update, $0) }.isPatched)
        let after = read(patched)
        #expect(after[0].size == 18 && after[0].mtime == second - 5)
        #expect(after.dropFirst().allSatisfy { $0.size == 0 })
        // One second later than every entry: nothing is racy, nothing else changes.
        var later = bytes
        let calm = IndexEntryUpdate(path: Array("README.md".utf8), blobID: [UInt8](repeating: 0xAB, count: 20), stat: stat, trees: root, indexSecond: second + 1)
        #expect(later.withUnsafeMutableBytes { applied(calm, $0) }.isPatched)
        #expect(read(later).dropFirst().map(\.size) == entries.dropFirst().map(\.size))
        #expect(Array(later.suffix(20)) == later.withUnsafeBytes { IndexEntryUpdate.sha1(UnsafeRawBufferPointer(rebasing: $0[..<(later.count - 20)])) })
    }

    @Test func whatGitWouldDoDifferentlyIsDeclinedAndTheIndexLeftAlone() throws {
        func expectDeclined(_ fixture: TemporaryGitRepository, _ why: Comment) throws {
            let before = try Data(contentsOf: indexURL(fixture))
            let (outcome, _) = try amendAndUpdate(fixture)
            guard case .declined = outcome else {
                Issue.record("not declined: \(why)")
                return
            }
            #expect(try Data(contentsOf: indexURL(fixture)) == before, why)
            #expect(!FileManager.default.fileExists(atPath: indexURL(fixture).path + ".lock"), why)
        }
        let split = try fixture()
        try split.git("update-index", "--split-index")
        try expectDeclined(split, "split index")

        let executable = try fixture()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.directory.appendingPathComponent("README.md").path)
        try expectDeclined(executable, "a mode change git would stage")

        let skipped = try fixture()
        try skipped.git("update-index", "--skip-worktree", "README.md")
        try expectDeclined(skipped, "skip-worktree tracker")

        let monitored = try fixture()
        try monitored.write(".git/fsmonitor.sh", "#!/bin/sh\nprintf 'token\\0/\\0'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: monitored.directory.appendingPathComponent(".git/fsmonitor.sh").path)
        try monitored.git("config", "core.fsmonitor", ".git/fsmonitor.sh")
        try monitored.git("update-index", "--fsmonitor")
        try expectDeclined(monitored, "fsmonitor data")

        // The work tree changed after the amend: its stat data must not be recorded as the amended blob's.
        let changed = try fixture()
        try changed.write("README.md", "# Roadmap, synced\n")
        let repository = try GitRepository.open(at: changed.directory, environment: changed.confinedEnvironment)
        let amended = try repository.amendHead(updating: "README.md", contents: Array("# Roadmap, synced\n".utf8), updateIndex: false)
        try changed.write("README.md", "# Roadmap, edited by hand\n")
        let before = try Data(contentsOf: indexURL(changed))
        guard case .declined = try repository.updateIndexEntry(after: amended, environment: changed.confinedEnvironment) else {
            Issue.record("a changed work tree file was recorded")
            return
        }
        #expect(try Data(contentsOf: indexURL(changed)) == before)
    }

    /// git reads the index without checking its trailer (only `git fsck` does, since git 2.13), and
    /// `git update-index` writes a fresh one over a wrong one: so does the update, with the same result.
    @Test func aWrongTrailerIsReplacedAsGitUpdateIndexReplacesIt() throws {
        func damagedTrailer() throws -> TemporaryGitRepository {
            let fixture = try fixture()
            var bytes = try Data(contentsOf: indexURL(fixture))
            bytes[bytes.count - 1] ^= 0x01
            try bytes.write(to: indexURL(fixture))
            #expect(throws: (any Error).self) { try fixture.git("fsck", "--no-dangling") }
            return fixture
        }
        let ours = try damagedTrailer()
        let (outcome, _) = try amendAndUpdate(ours)
        #expect(outcome == .updated)
        let gits = try damagedTrailer()
        try gits.write("README.md", "# Roadmap, synced\n")
        try gits.git("update-index", "--add", "--", "README.md")
        for fixture in [ours, gits] {
            _ = try fixture.git("fsck", "--no-dangling")
        }
        #expect(try ours.git("ls-files", "-s") == gits.git("ls-files", "-s"))
        #expect(try ours.git("status", "--porcelain").isEmpty)
    }

    /// git with `index.skipHash` writes an all-zero trailer and hashes nothing: so does the update, for an
    /// index git last wrote that way.
    @Test func anIndexWrittenWithoutAChecksumIsWrittenWithoutOne() throws {
        func unhashed() throws -> TemporaryGitRepository {
            let fixture = try fixture()
            var bytes = try Data(contentsOf: indexURL(fixture))
            bytes.replaceSubrange((bytes.count - 20)..., with: Data(count: 20))
            try bytes.write(to: indexURL(fixture))
            return fixture
        }
        let ours = try unhashed()
        let (outcome, _) = try amendAndUpdate(ours)
        #expect(outcome == .updated)
        #expect(try Data(contentsOf: indexURL(ours)).suffix(20) == Data(count: 20))
        let gits = try unhashed()
        try gits.write("README.md", "# Roadmap, synced\n")
        try gits.git("update-index", "--add", "--", "README.md")
        #expect(try ours.git("ls-files", "-s") == gits.git("ls-files", "-s"))
        #expect(try ours.git("status", "--porcelain").isEmpty)
    }

    @Test func aCacheTreeNodeWithAnotherTreeIsDeclinedBeforeAnyByteChanges() throws {
        let fixture = try fixture(tracker: "docs/guide/ROADMAP.md")
        let bytes = [UInt8](try Data(contentsOf: indexURL(fixture)))
        let headTree = try fixture.git("rev-parse", "HEAD^{tree}").dropLast()
        let rootID = stride(from: 0, to: 40, by: 2).map { UInt8(headTree.dropFirst($0).prefix(2), radix: 16)! }
        let stat = IndexEntryUpdate.StatData(ctimeSeconds: 1, ctimeNanoseconds: 1, mtimeSeconds: 1, mtimeNanoseconds: 1,
                                             device: 1, inode: 1, userID: 1, groupID: 1, size: 1, isExecutable: false)
        let new = [UInt8](repeating: 1, count: 20)
        func outcome(_ trees: [IndexEntryUpdate.TreeChange]) -> (IndexEntryUpdate.Patch, [UInt8]) {
            var copy = bytes
            let update = IndexEntryUpdate(path: Array("docs/guide/ROADMAP.md".utf8), blobID: new, stat: stat, trees: trees, indexSecond: 0)
            return (copy.withUnsafeMutableBytes { applied(update, $0) }, copy)
        }
        let wrongOld = outcome([IndexEntryUpdate.TreeChange(folder: [], old: new, new: new)])
        #expect(!wrongOld.0.isPatched)
        #expect(wrongOld.1 == bytes)
        let missingFolders = outcome([IndexEntryUpdate.TreeChange(folder: [], old: rootID, new: new)])
        #expect(!missingFolders.0.isPatched, "valid nodes for docs and docs/guide would keep stale ids")
        #expect(missingFolders.1 == bytes)
    }

    @Test func aHeldLockIsAnErrorAndStaysTheOtherProcesssLock() throws {
        let fixture = try fixture()
        let lock = indexURL(fixture).path + ".lock"
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: lock))
        #expect(throws: RoadmapError.self) { try amendAndUpdate(fixture) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: lock)) == Data("theirs".utf8))
    }

    @Test func sha1MatchesKnownDigestsAndGitsIndexTrailer() throws {
        func hex(_ digest: [UInt8]) -> String { digest.map { String(format: "%02x", $0) }.joined() }
        let known = [
            ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
            (String(repeating: "a", count: 1_000_000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        ]
        for accelerated in [true, false] {
            for (text, digest) in known {
                #expect(hex(Array(text.utf8).withUnsafeBytes { IndexEntryUpdate.sha1($0, accelerated: accelerated) }) == digest)
            }
        }
        // Both implementations, fed in uneven pieces, on every length around the block and padding edges.
        var generator = SeededGenerator(seed: 0x5A1)
        for length in Array(0...300) + [4096, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = bytes.withUnsafeBytes { IndexEntryUpdate.sha1($0, accelerated: false) }
            var context = roadmap_sha1_context()
            roadmap_sha1_init(&context, 1)
            var start = 0
            while start < length {
                let piece = min(length - start, Int.random(in: 1...130, using: &generator))
                bytes.withUnsafeBytes { roadmap_sha1_update(&context, $0.baseAddress! + start, piece) }
                start += piece
            }
            var digest = [UInt8](repeating: 0, count: 20)
            roadmap_sha1_final(&context, &digest)
            #expect(digest == whole, "length \(length)")
        }
        let repository = try fixture()
        let index = [UInt8](try Data(contentsOf: indexURL(repository)))
        #expect(index.withUnsafeBytes { IndexEntryUpdate.sha1(UnsafeRawBufferPointer(rebasing: $0[..<(index.count - 20)])) } == Array(index.suffix(20)))
    }
}

extension AmendedCommit {
    var blobHex: String { blobID.map { String(format: "%02x", $0) }.joined() }
}

extension IndexEntryUpdate.Patch {
    var isPatched: Bool {
        if case .patched = self { return true }
        return false
    }
}
