import Foundation
import Testing

@testable import RoadmapKit

/// CacheStore(readsOnly:), as the cohort reads a learner's repository: the caches their own sync left are
/// used, and nothing under .git is written, whether the caches hit, miss or are absent.
@Suite struct ReadOnlyCacheTests {
    func plan(_ fixture: TemporaryGitRepository, readsOnly: Bool) throws -> SyncPlan {
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
        return try Synchronizer.plan(
            workspace: workspace, repository: repository,
            cache: CacheStore(gitDirectory: repository.gitDirectory, readsOnly: readsOnly))
    }

    /// Every file under .git with its bytes.
    func gitFiles(_ fixture: TemporaryGitRepository) throws -> [String: Data] {
        let root = fixture.directory.appendingPathComponent(".git")
        var files: [String: Data] = [:]
        for case let file as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[file.path] = try Data(contentsOf: file)
            }
        }
        return files
    }

    @Test func aLearnersOwnCachesAreReadAndNothingIsWritten() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("README.md", String(decoding: Fixture.bytes("seed-clean.md"), as: UTF8.self))
        try fixture.git("add", "README.md")
        try fixture.commit("start\n")
        try fixture.commit("finished #streams\n")

        // No cache yet: the whole history is walked, and no cache appears.
        let before = try gitFiles(fixture)
        let cold = try plan(fixture, readsOnly: true)
        #expect(cold.walkedCount == 2)
        let after = try gitFiles(fixture)
        #expect(after == before, "\(Set(after.keys).symmetricDifference(before.keys).sorted())")

        // The learner's own sync leaves its caches; a read-only plan then walks nothing.
        let learners = try plan(fixture, readsOnly: false)
        let cached = try gitFiles(fixture)
        #expect(cached.keys.contains { $0.hasSuffix(".git/roadmap/evidence-cache") })
        let warm = try plan(fixture, readsOnly: true)
        #expect(warm.walkedCount == 0)
        #expect(warm.outcomes == learners.outcomes && warm.output == learners.output)
        #expect(try gitFiles(fixture) == cached)

        // A commit the cache does not know: walked, and the cache left as the learner's sync wrote it.
        try fixture.commit("finished #buffers\n")
        let committed = try gitFiles(fixture)
        let newer = try plan(fixture, readsOnly: true)
        #expect(newer.walkedCount == 1)
        #expect(newer.statuses[ItemID(phase: 1, slug: "buffers")] == .done)
        #expect(try gitFiles(fixture) == committed)
    }
}
