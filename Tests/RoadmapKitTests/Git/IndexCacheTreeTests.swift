import Foundation
import RoadmapKit
import Testing

/// `provablyMatchesHeadAndIndex` reads the root of the index's cache-tree itself: it may only ever say
/// true when git would agree that the file is committed as is, in every index shape git writes.
@Suite("GitRepository.provablyMatchesHeadAndIndex")
struct IndexCacheTreeTests {
    private func fixture(version: Int? = nil) throws -> TemporaryGitRepository {
        try .committing([("README.md", "# Roadmap\n"), ("src/deep/code.js", "x\n"), ("notes.md", "n\n")], indexVersion: version)
    }

    private func check(_ fixture: TemporaryGitRepository, _ contents: String = "# Roadmap\n", environment: [String: String]? = nil) throws -> Bool? {
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        return try repository.provablyMatchesHeadAndIndex(path: "README.md", contents: Array(contents.utf8), environment: environment ?? fixture.confinedEnvironment)
    }

    private func indexVersion(_ fixture: TemporaryGitRepository) throws -> UInt8 {
        try Data(contentsOf: fixture.directory.appendingPathComponent(".git/index"))[7]
    }

    @Test(arguments: [2, 3, 4])
    func provesACleanTrackerRightAfterACommit(version: Int) throws {
        let fixture = try fixture(version: version)
        if version == 3 {
            // An extended entry (skip-worktree) is what makes git write version 3; the next commit revalidates the cache-tree.
            try fixture.git("update-index", "--skip-worktree", "notes.md")
            try fixture.git("commit", "--quiet", "--allow-empty", "-m", "flags")
        }
        #expect(try indexVersion(fixture) == UInt8(version))
        #expect(try check(fixture) == true)
        #expect(try check(fixture, "# Roadmap, edited\n") == nil, "other bytes than HEAD's: ask git")
    }

    @Test func aStagedChangeElsewhereOrToTheTrackerIsLeftToGit() throws {
        let fixture = try fixture()
        try fixture.write("notes.md", "staged\n")
        try fixture.git("add", "notes.md")
        #expect(try check(fixture) == nil)
        try fixture.git("reset", "--quiet")
        try fixture.git("commit", "--quiet", "--allow-empty", "-m", "revalidate")
        #expect(try check(fixture) == true)
        try fixture.write("README.md", "# Staged\n")
        try fixture.git("add", "README.md")
        try fixture.write("README.md", "# Roadmap\n")
        #expect(try check(fixture) == nil, "the work tree is HEAD's but the index is not")
    }

    @Test func pathsLongerThanTheFlagsCanCountAreSkippedCorrectly() throws {
        let fixture = try fixture()
        let longPath = (0..<20).map { _ in String(repeating: "d", count: 220) }.joined(separator: "/") + "/file"
        #expect(longPath.utf8.count > 0xFFF)
        let blob = try fixture.git("hash-object", "-w", "--stdin", "--path", "README.md").trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.git("update-index", "--add", "--cacheinfo", "100644,\(blob),\(longPath)")
        try fixture.git("commit", "--quiet", "-m", "long path")
        #expect(try check(fixture) == true)
    }

    @Test func splitIndexOtherIndexFilesAndDamageAreLeftToGit() throws {
        let split = try fixture()
        try split.git("update-index", "--split-index")
        try split.git("commit", "--quiet", "--allow-empty", "-m", "split")
        #expect(try check(split) == nil)

        let other = try fixture()
        var environment = other.confinedEnvironment
        environment["GIT_INDEX_FILE"] = other.directory.appendingPathComponent(".git/other-index").path
        #expect(try check(other, environment: environment) == nil)
        environment["GIT_INDEX_FILE"] = ".git/index"
        #expect(try check(other, environment: environment) == true, "the usual index, named relatively")

        let damaged = try fixture()
        let index = damaged.directory.appendingPathComponent(".git/index")
        let bytes = try Data(contentsOf: index)
        for cut in [12, 70, bytes.count / 2, bytes.count - 21] {
            try bytes.prefix(cut).write(to: index)
            #expect(try check(damaged) == nil, "index cut at \(cut) bytes")
        }
        try Data().write(to: index)
        #expect(try check(damaged) == nil)
    }

    /// The fallback without git on PATH: HEAD's blob and the staged one, through libgit2.
    @Test func theLibgit2CheckComparesHeadAndTheStagedCopy() throws {
        let fixture = try fixture()
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        #expect(try repository.matchesHeadAndIndex(path: "README.md", contents: Array("# Roadmap\n".utf8)))
        #expect(try !repository.matchesHeadAndIndex(path: "README.md", contents: Array("# Other\n".utf8)))
        #expect(try !repository.matchesHeadAndIndex(path: "missing.md", contents: []))
        try fixture.write("README.md", "# Staged\n")
        try fixture.git("add", "README.md")
        try fixture.write("README.md", "# Roadmap\n")
        #expect(try !repository.matchesHeadAndIndex(path: "README.md", contents: Array("# Roadmap\n".utf8)), "staged differs")
    }
}
