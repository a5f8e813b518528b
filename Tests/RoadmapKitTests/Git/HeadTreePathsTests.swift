import Foundation
import RoadmapKit
import Testing

@Suite("GitRepository.headTreePaths")
struct HeadTreePathsTests {
    @Test func listsNestedFilesAndGitlinksLikeLsTree() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("README.md", "top\n")
        try fixture.write("docs/roadmap.md", "roadmap\n")
        try fixture.write("docs/deep/er/note.txt", "note\n")
        try fixture.write("with space.txt", "space\n")
        try fixture.write("ünïcode/fïle.md", "unicode\n")
        try fixture.write("z-last", "last\n")
        try fixture.commit("files\n")
        // A submodule is a gitlink entry in the tree; record one without cloning anything.
        let head = try fixture.revParse("HEAD")
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(head),vendor/library")
        try fixture.git("commit", "--quiet", "-m", "add submodule gitlink")  // not commit(): `add --all` would drop it
        try fixture.write("uncommitted.txt", "not in HEAD\n")

        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let paths = try repository.headTreePaths()

        let expected = try fixture.gitOutput(["ls-tree", "-r", "-z", "--name-only", "HEAD"])
            .split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(paths == expected)
        #expect(paths.contains("docs/deep/er/note.txt"))
        #expect(paths.contains("ünïcode/fïle.md"))
        #expect(paths.contains("vendor/library"))
        #expect(!paths.contains("uncommitted.txt"))
        #expect(!paths.contains("docs"), "folders are walked into, not listed")
    }

    @Test func emptyTreeHasNoPaths() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("empty\n")

        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)

        #expect(try repository.headTreePaths() == [])
    }

    /// The pruned listing keeps exactly the paths with some folder above them that passes, at any depth:
    /// what filtering the whole listing gives, without making strings for the rest.
    @Test func prunedListingEqualsFilteringTheWholeTree() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("README.md", "top\n")
        try fixture.write("phase-1/01-buffers/DONE", "")
        try fixture.write("phase-1/01-buffers/deep/er/code.js", "x\n")
        try fixture.write("phase-1/other/notes.md", "x\n")
        try fixture.write("elsewhere/buffers/file.txt", "x\n")
        try fixture.write("buffers", "a file named like the folder\n")
        try fixture.write("streams/ünïcode.md", "x\n")
        try fixture.write("unrelated/a/b/c.txt", "x\n")
        try fixture.commit("files\n")
        let head = try fixture.revParse("HEAD")
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(head),streams/vendor")
        try fixture.git("commit", "--quiet", "-m", "gitlink inside a kept folder")

        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let kept: Set<String> = ["01-buffers", "buffers", "streams"]
        let tree = try #require(try repository.headTreeID())
        let pruned = try repository.treePaths(of: tree, keepingFilesUnder: kept.contains)
        let filtered = try repository.headTreePaths().filter { path in
            path.split(separator: "/").dropLast().contains { kept.contains(String($0)) }
        }

        #expect(pruned == filtered)
        #expect(
            Set(pruned) == [
                "phase-1/01-buffers/DONE", "phase-1/01-buffers/deep/er/code.js", "elsewhere/buffers/file.txt",
                "streams/vendor", "streams/ünïcode.md",
            ])
        #expect(try repository.treePaths(of: tree, keepingFilesUnder: { _ in false }) == [])
        #expect(try repository.treePaths(of: tree, keepingFilesUnder: nil) == repository.headTreePaths())
    }

    /// A walk remembers HEAD's tree from HEAD's first line, so the tree pass does not inflate HEAD again (20 MB
    /// for a 20 MB message); a HEAD that moved since is looked up afresh.
    @Test func theTreeAWalkFoundIsHeadsTreeOnlyWhileHeadStays() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a.md", "a\n")
        try fixture.commit("first\n")
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        _ = try repository.walk(knownGeneration: nil, digest: { _ in nil as Int? }, { _ in })
        #expect(
            try repository.headTreeID()
                == fixture.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .whitespacesAndNewlines))
        try fixture.write("b.md", "b\n")
        try fixture.commit("second\n")
        #expect(
            try repository.headTreeID()
                == fixture.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
