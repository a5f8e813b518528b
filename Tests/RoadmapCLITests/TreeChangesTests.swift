import Foundation
import RoadmapKit
import Testing

/// The tree diff behind the tree snapshot, against `git diff --name-status --no-renames`; and the hook's
/// single-file amend, checked with git.
@Suite struct TreeChangesTests {
    enum IndexUpdater: CaseIterable { case libgit2, git, inPlace }

    @Test(arguments: IndexUpdater.allCases)
    func amendingOneFileKeepsMessageAuthorAndLeavesTheTreeClean(indexUpdater: IndexUpdater) throws {
        let repository = try Repository()
        try repository.git("config", "user.name", "Ada Learner")
        try repository.git("config", "user.email", "ada@example.com")
        try repository.write("docs/ROADMAP.md", "old\n")
        try repository.write("other.md", "x")
        try repository.commit("finished #streams\n\nbody")
        let before = try repository.git("log", "-1", "--format=%an %ae %ad%n%B").stdout
        try repository.write("docs/ROADMAP.md", "new\n")
        let handle = try GitRepository.open(at: repository.url)
        let amended = try handle.amendHead(updating: "docs/ROADMAP.md", contents: Array("new\n".utf8), updateIndex: indexUpdater == .libgit2)
        switch indexUpdater {
        case .libgit2: break
        case .git: try repository.git("update-index", "--add", "--", "docs/ROADMAP.md")
        case .inPlace: #expect(try handle.updateIndexEntry(after: amended, environment: [:]) == .updated)
        }
        let id = amended.id
        #expect(try repository.head() == id)
        #expect(try repository.git("log", "-1", "--format=%an %ae %ad%n%B").stdout == before)
        #expect(try repository.git("show", "HEAD:docs/ROADMAP.md").stdout == "new\n")
        #expect(try repository.git("rev-list", "--count", "HEAD").stdout == "1\n")
        #expect(try repository.git("status", "--porcelain").stdout.isEmpty)
        #expect(try repository.git("reflog", "-1", "--format=%gs").stdout == "commit (amend): finished #streams\n")
        #expect(try repository.git("fsck", "--no-progress").status == 0)
    }

    /// A commit that lands between the hook's reading and its amend is not amended with a tracker made
    /// for its parent.
    @Test func theAmendRefusesAHeadOtherThanTheOneRead() throws {
        let repository = try Repository()
        try repository.git("config", "user.name", "Ada Learner")
        try repository.git("config", "user.email", "ada@example.com")
        try repository.write("README.md", "old\n")
        try repository.commit("first")
        let read = try repository.head()
        try repository.commit("landed meanwhile")
        let landed = try repository.head()
        #expect(throws: GitError.self) {
            try GitRepository.open(at: repository.url).amendHead(updating: "README.md", contents: Array("new\n".utf8), expectedHead: read)
        }
        #expect(try repository.head() == landed)
        #expect(try repository.git("show", "HEAD:README.md").stdout == "old\n")
        let amended = try GitRepository.open(at: repository.url).amendHead(updating: "README.md", contents: Array("new\n".utf8), expectedHead: landed)
        #expect(try repository.head() == amended.id)
    }

    /// The amend's own index update starts from the index on disk: a `git add` made after the handle first
    /// read the index stays staged.
    @Test func theAmendsIndexUpdateKeepsWhatWasStagedSince() throws {
        let repository = try Repository()
        try repository.git("config", "user.name", "Ada Learner")
        try repository.git("config", "user.email", "ada@example.com")
        try repository.write("README.md", "old\n")
        try repository.commit("first")
        let handle = try GitRepository.open(at: repository.url)
        try repository.write("README.md", "new\n")
        _ = try handle.amendHead(updating: "README.md", contents: Array("new\n".utf8), updateIndex: true)
        try repository.write("staged.txt", "x\n")
        try repository.git("add", "staged.txt")
        try repository.write("README.md", "newer\n")
        _ = try handle.amendHead(updating: "README.md", contents: Array("newer\n".utf8), updateIndex: true)
        #expect(try repository.git("diff", "--cached", "--name-only").stdout == "staged.txt\n")
    }

    @Test func addedAndDeletedFilesMatchGit() throws {
        let repository = try Repository()
        for path in ["a/x.md", "a/b/y.md", "c/z.md", "keep/deep/k.md", "file-then-dir", "dir-then-file/f.md", "README.md"] {
            try repository.write(path, path)
        }
        try repository.commit("one")
        let old = try repository.git("rev-parse", "HEAD^{tree}").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent("a/b"))
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent("file-then-dir"))
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent("dir-then-file"))
        try repository.write("file-then-dir/inner.md", "x")
        try repository.write("dir-then-file", "x")
        try repository.write("README.md", "changed")
        try repository.write("new/deeper/n.md", "n")
        try repository.write("c/z2.md", "z2")
        try repository.commit("two")
        let new = try repository.git("rev-parse", "HEAD^{tree}").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let changes = try GitRepository.open(at: repository.url).changes(fromTree: old, toTree: new)
        let status = try repository.git("diff", "--name-status", "--no-renames", old, new).stdout.split(separator: "\n")
        let added = status.filter { $0.hasPrefix("A") }.map { String($0.dropFirst(2)) }.sorted()
        let deleted = status.filter { $0.hasPrefix("D") }.map { String($0.dropFirst(2)) }.sorted()
        #expect(changes.added.sorted() == added)
        #expect(changes.deleted.sorted() == deleted)
        #expect(!added.isEmpty && !deleted.isEmpty)
        #expect(try GitRepository.open(at: repository.url).changes(fromTree: new, toTree: new) == TreeChanges())
    }
}
