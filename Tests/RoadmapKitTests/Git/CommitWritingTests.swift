import Foundation
import RoadmapKit
import Testing

/// The identity libgit2's git_signature_default finds in the repository's own config in these tests; it
/// differs from the fixture's git CLI identity so the tests can tell which one a commit used.
private let configuredName = "Rita Roadmap"
private let configuredEmail = "rita@example.test"

extension TemporaryGitRepository {
    /// Sets user.name / user.email in the repository's config (the fixture's git gets its identity from -c).
    fileprivate func configureIdentity(in directory: URL? = nil) throws {
        try git(["config", "user.name", configuredName], in: directory)
        try git(["config", "user.email", configuredEmail], in: directory)
    }

    fileprivate func open(at path: URL? = nil) throws -> GitRepository {
        try GitRepository.open(at: path ?? directory, environment: confinedEnvironment)
    }

    /// `git status --porcelain` lines (untracked files included, ignored ones not).
    fileprivate func porcelainStatus(in directory: URL? = nil) throws -> [String] {
        try git(["status", "--porcelain"], in: directory).split(separator: "\n").map(String.init)
    }

    /// "A\tpath" lines for what `commit` changed against its first parent (or against nothing, for a root).
    fileprivate func changes(in commit: String, in directory: URL? = nil) throws -> [String] {
        try git(["show", "--name-status", "--format=", "--root", "--no-renames", commit], in: directory)
            .split(separator: "\n").map(String.init)
    }

    /// Everything after the header's blank line in the commit object.
    fileprivate func rawMessage(of commit: String, in directory: URL? = nil) throws -> Data {
        let object = try gitOutput(["cat-file", "commit", commit], in: directory)
        let separator = object.range(of: Data("\n\n".utf8))!
        return object.subdata(in: separator.upperBound..<object.endIndex)
    }

    /// One header line of the commit object, e.g. the whole "author …" line.
    fileprivate func header(_ name: String, of commit: String, in directory: URL? = nil) throws -> String? {
        try git(["cat-file", "commit", commit], in: directory)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .first { $0.hasPrefix(name + " ") }
            .map(String.init)
    }

    fileprivate func fsck(in directory: URL? = nil) throws {
        try git(["fsck", "--strict", "--no-progress"], in: directory)
    }
}

@Suite("GitRepository.initialize and commitAll")
struct CommitAllTests {
    private let author = GitSignature(
        name: "Zoë Ørsted", email: "zoe@example.test",
        date: Date(timeIntervalSince1970: 1_700_000_123.75), timeZoneOffsetMinutes: 330)
    private let committer = GitSignature(
        name: "Carl Committer", email: "carl@example.test",
        date: Date(timeIntervalSince1970: 1_700_000_456), timeZoneOffsetMinutes: -420)

    @Test func initializeMakesAnUnbornRepositoryOnTheInitialBranch() throws {
        let fixture = try TemporaryGitRepository()
        let path = fixture.root.appendingPathComponent("new/nested/project", isDirectory: true)

        let repository = try GitRepository.initialize(at: path, initialBranch: "trunk")

        #expect(try repository.headCommitID() == nil)
        #expect(try repository.headTreePaths() == [])
        #expect(repository.workingDirectory.standardizedFileURL.path == path.path)
        #expect(repository.gitDirectory.standardizedFileURL.path == path.appendingPathComponent(".git").path)
        #expect(try fixture.git(["symbolic-ref", "HEAD"], in: path) == "refs/heads/trunk\n")
        #expect(try fixture.git(["rev-parse", "--is-bare-repository"], in: path) == "false\n")
        #expect(try GitRepository.initialize(at: fixture.root.appendingPathComponent("default")).headCommitID() == nil)
        #expect(
            try fixture.git(["symbolic-ref", "HEAD"], in: fixture.root.appendingPathComponent("default"))
                == "refs/heads/main\n")
    }

    @Test func initializeRejectsAnInvalidBranchName() throws {
        let fixture = try TemporaryGitRepository()
        let path = fixture.root.appendingPathComponent("bad")

        let error = #expect(throws: RoadmapError.self) {
            try GitRepository.initialize(at: path, initialBranch: "two words")
        }

        #expect(error?.kind == .usage)
        #expect(!FileManager.default.fileExists(atPath: path.path))
    }

    @Test func reinitializingKeepsHistoryAndHead() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a.txt", "a\n")
        let head = try fixture.commit("first\n")

        let repository = try GitRepository.initialize(at: fixture.directory, initialBranch: "other")

        #expect(try repository.headCommitID() == head)
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
    }

    @Test func firstCommitRecordsAuthorCommitterDateAndMessageAsGitShowsThem() throws {
        let fixture = try TemporaryGitRepository()
        let path = fixture.root.appendingPathComponent("demo", isDirectory: true)
        let repository = try GitRepository.initialize(at: path)
        try "# Roadmap\n".write(to: path.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: path.appendingPathComponent("src"), withIntermediateDirectories: true)
        try "print(1)\n".write(to: path.appendingPathComponent("src/main.swift"), atomically: true, encoding: .utf8)

        let id = try repository.commitAll(
            message: "feat(demo): first step\n\nWith a body.\n", author: author, committer: committer)

        #expect(id.count == 40 && id.allSatisfy(\.isHexDigit))
        #expect(try fixture.git(["rev-parse", "HEAD"], in: path) == id + "\n")
        #expect(try repository.headCommitID() == id)
        let log = try fixture.git(["log", "-1", "--format=%an|%ae|%at|%ai|%cn|%ce|%ct|%ci|%P", "HEAD"], in: path)
        #expect(
            log
                == "Zoë Ørsted|zoe@example.test|1700000123|2023-11-15 03:45:23 +0530|Carl Committer|carl@example.test|1700000456|2023-11-14 15:20:56 -0700|\n"
        )
        #expect(try fixture.rawMessage(of: id, in: path) == Data("feat(demo): first step\n\nWith a body.\n".utf8))
        #expect(try fixture.changes(in: id, in: path) == ["A\tREADME.md", "A\tsrc/main.swift"])
        #expect(try fixture.porcelainStatus(in: path) == [])
        #expect(
            try fixture.git(["reflog", "-1", "--format=%gs"], in: path) == "commit (initial): feat(demo): first step\n")
        try fixture.fsck(in: path)
        var records: [CommitRecord] = []
        try repository.forEachCommit { records.append($0) }
        #expect(records.map(\.authorDate) == [Date(timeIntervalSince1970: 1_700_000_123)])
    }

    @Test func secondCommitStagesNewModifiedAndDeletedFilesAndHonoursGitignore() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write(".gitignore", "*.log\nbuild/\n")
        try fixture.write("keep.txt", "keep\n")
        try fixture.write("change.txt", "before\n")
        try fixture.write("remove.txt", "doomed\n")
        let first = try fixture.commit("base\n")
        try fixture.write("change.txt", "after\n")
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("remove.txt"))
        try fixture.write("docs/new.md", "new\n")
        try fixture.write("debug.log", "ignored\n")
        try fixture.write("build/output.bin", "ignored too\n")
        let repository = try fixture.open()

        let second = try repository.commitAll(message: "second\n", author: author)

        #expect(try fixture.changes(in: second) == ["M\tchange.txt", "A\tdocs/new.md", "D\tremove.txt"])
        #expect(try fixture.gitLines("rev-list", "--parents", "-n", "1", second) == ["\(second) \(first)"])
        #expect(try fixture.gitLines("ls-files") == [".gitignore", "change.txt", "docs/new.md", "keep.txt"])
        #expect(try fixture.porcelainStatus() == [])
        #expect(
            try fixture.git("log", "-1", "--format=%cn|%ce|%ct", second) == "Zoë Ørsted|zoe@example.test|1700000123\n",
            "the committer defaults to the author")
        #expect(try fixture.git("show", "\(second):change.txt") == "after\n")
        try fixture.fsck()
    }

    @Test func commitWithNothingChangedIsStillMade() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a.txt", "a\n")
        let first = try fixture.commit("first\n")
        let repository = try fixture.open()

        let second = try repository.commitAll(message: "no changes\n", author: author)

        #expect(second != first)
        #expect(try fixture.revParse("HEAD^") == first)
        #expect(try fixture.changes(in: second) == [])
    }

    @Test func signatureWithALineBreakIsRejectedBeforeAnythingIsWritten() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a.txt", "a\n")
        let repository = try fixture.open()
        var forged = author
        forged.name = "Mallory\ncommitter Someone Else"

        let error = #expect(throws: RoadmapError.self) { try repository.commitAll(message: "x\n", author: forged) }

        #expect(error?.kind == .usage)
        #expect(try repository.headCommitID() == nil)
        #expect(try fixture.porcelainStatus() == ["?? a.txt"])
    }
}
