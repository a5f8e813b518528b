import Foundation
import Testing

@testable import RoadmapKit

/// The tree snapshot is only a speed-up: whatever it holds, the paths are those a full listing gives.
@Suite struct TreeSnapshotTests {
    /// A committed repository with `files` (path → contents), opened, with the seed roadmap's tree rules.
    private func fixture(_ files: [String: String]) throws -> (
        TemporaryGitRepository, GitRepository, TreeRules, TreeSource
    ) {
        let fixture = try TemporaryGitRepository()
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) { try fixture.write(path, contents) }
        try fixture.commit("start\n")
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let rules = TreeRules(roadmap: EvidenceMergeTests.roadmap)
        return (
            fixture, repository, rules,
            TreeSource(rules: rules, store: CacheStore(gitDirectory: repository.gitDirectory))
        )
    }

    @Test func aSnapshotOfATreeThatIsGoneListsTheWholeTreeAgain() throws {
        let (kept, repository, rules, source) = try fixture(
            [
                "README.md": "# Roadmap\n", "phase-1/streams/notes.md": "n\n", "phase-1/streams/DONE": "",
                "src/other.js": "x\n",
            ])
        defer { withExtendedLifetime(kept) {} }
        let expected = rules.relevantPaths(try repository.headTreePaths())
        #expect(expected.contains("phase-1/streams/DONE"))

        // A snapshot of the right rules, for a tree no longer in the repository (a reset, then gc).
        let stale = TreeSnapshot(
            key: rules.relevanceKey, treeID: String(repeating: "ab", count: 20), paths: ["phase-1/streams/gone.md"])
        let file = repository.gitDirectory.appendingPathComponent("roadmap/tree-snapshot")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(stale.encoded()).write(to: file)

        let fresh = rules.findings(paths: expected)
        #expect(fresh[EvidenceMergeTests.streams]?.status == .done)
        #expect(try source.findings(in: repository) == fresh)
        let rewritten = try #require(TreeSnapshot.decode([UInt8](try Data(contentsOf: file))))
        #expect(Set(rewritten.paths) == Set(expected), "the snapshot is written again from the whole tree")
        try FileManager.default.removeItem(at: try #require(source.findingsPath))
        #expect(try source.findings(in: repository) == fresh, "and serves the next run")
    }

    /// The findings remembered for a tree serve the next run on that tree, and only for the same rules; a
    /// damaged, foreign or stale record is found again from the paths.
    @Test func rememberedFindingsAreTheFindingsOfTheSameTreeAndRules() throws {
        let (kept, repository, rules, source) = try fixture([
            "README.md": "# Roadmap\n", "phase-1/streams/notes.md": "n\n", "phase-1/buffers/DONE": "",
        ])
        defer { withExtendedLifetime(kept) {} }
        let fresh = rules.findings(paths: try repository.headTreePaths())
        #expect(
            fresh[EvidenceMergeTests.streams]?.status == .inProgress
                && fresh[EvidenceMergeTests.buffers]?.status == .done)
        #expect(try source.findings(in: repository) == fresh)
        let file = try #require(source.findingsPath)
        let record = try #require(TreeFindingsRecord.decode([UInt8](try Data(contentsOf: file))))
        let treeID = try #require(try repository.headTreeID())
        #expect(record.findings == fresh && record.treeID == treeID)

        // A record that says otherwise is believed only for its own tree and key.
        var planted = record
        planted.findings = [EvidenceMergeTests.streams: TreeRules.Finding(status: .done, paths: ["planted/"])]
        try Data(planted.encoded()).write(to: file)
        #expect(
            try source.findings(in: repository) == planted.findings, "same tree, same rules: served from the record")
        for stale in [
            TreeFindingsRecord(
                key: planted.key, treeID: String(repeating: "ab", count: 20), findings: planted.findings),
            TreeFindingsRecord(key: planted.key ^ 1, treeID: treeID, findings: planted.findings),
        ] {
            try Data(stale.encoded()).write(to: file)
            #expect(try source.findings(in: repository) == fresh)
        }
        var damaged = planted.encoded()
        damaged[damaged.count / 2] ^= 0x40
        try Data(damaged).write(to: file)
        #expect(try source.findings(in: repository) == fresh)

        // Moving an item to another phase keeps every slug (the snapshot's key) but changes the findings' key.
        var moved = EvidenceMergeTests.roadmap
        var item = moved.phases[0].items.removeFirst()
        item.id = ItemID(phase: moved.phases[1].key, slug: item.id.slug)
        moved.phases[1].items.append(item)
        #expect(TreeRules(roadmap: moved).relevanceKey == rules.relevanceKey)
        #expect(TreeRules(roadmap: moved).findingsKey != rules.findingsKey)
        #expect(
            TreeRules(roadmap: EvidenceMergeTests.roadmap, globs: [EvidenceMergeTests.streams: ["src/**"]]).findingsKey
                != rules.findingsKey)
    }

    /// A new tree that only edits files, or adds and removes files no rule looks at, keeps the findings; a
    /// file added or removed under an item's folder does not.
    @Test func findingsFollowTheTreeThroughEditsAndRelevantChanges() throws {
        let (fixture, repository, rules, source) = try fixture([
            "README.md": "# Roadmap\n", "phase-1/streams/notes.md": "n\n",
        ])
        func check(_ step: Comment) throws {
            #expect(try source.findings(in: repository) == rules.findings(paths: try repository.headTreePaths()), step)
        }
        try check("first tree")
        try fixture.write("README.md", "# Roadmap, synced\n")
        try fixture.write("src/app.js", "x\n")
        try fixture.commit("edit the tracker, add an unrelated file\n")
        try check("edits only")
        try fixture.write("phase-1/streams/DONE", "")
        try fixture.commit("done\n")
        try check("a done marker added")
        #expect(try source.findings(in: repository)[EvidenceMergeTests.streams]?.status == .done)
        try fixture.git("rm", "-q", "phase-1/streams/DONE")
        try fixture.commit("reopened\n")
        try check("the marker removed")
        #expect(try source.findings(in: repository)[EvidenceMergeTests.streams]?.status == .inProgress)
    }
}
