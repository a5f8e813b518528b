import Foundation
import RoadmapKit
import Testing

/// The tree diff behind the tree snapshot, against `git diff --name-status --no-renames`.
@Suite struct TreeChangesTests {
    @Test func addedAndDeletedFilesMatchGit() throws {
        let repository = try Repository()
        for path in [
            "a/x.md", "a/b/y.md", "c/z.md", "keep/deep/k.md", "file-then-dir", "dir-then-file/f.md", "README.md",
        ] {
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
