import Foundation
@testable import RoadmapKit
import Testing

/// The tree snapshot is only a speed-up: whatever it holds, the paths are those a full listing gives.
@Suite struct TreeSnapshotTests {
    @Test func aSnapshotOfATreeThatIsGoneListsTheWholeTreeAgain() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("README.md", "# Roadmap\n")
        try fixture.write("phase-1/streams/notes.md", "n\n")
        try fixture.write("phase-1/streams/DONE", "")
        try fixture.write("src/other.js", "x\n")
        try fixture.commit("start\n")
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let rules = TreeRules(roadmap: EvidenceMergeTests.roadmap)
        let source = TreeSource(rules: rules, gitDirectory: repository.gitDirectory)
        let expected = rules.relevantPaths(try repository.headTreePaths())
        #expect(expected.contains("phase-1/streams/DONE"))

        // A snapshot of the right rules, for a tree no longer in the repository (a reset, then gc).
        let stale = TreeSnapshot(key: rules.relevanceKey, treeID: String(repeating: "ab", count: 20), paths: ["phase-1/streams/gone.md"])
        let file = repository.gitDirectory.appendingPathComponent("roadmap/tree-snapshot")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(stale.encoded()).write(to: file)

        #expect(try source.paths(in: repository) == expected)
        #expect(try source.paths(in: repository) == expected, "and the snapshot written instead serves the next run")
    }
}
