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
}
