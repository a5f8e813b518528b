import Foundation
import RoadmapKit
import Testing

/// The identity libgit2's git_signature_default finds in the repository's own config in these tests; it
/// differs from the fixture's git CLI identity so the tests can tell which one a commit used.
private let configuredName = "Rita Roadmap"
private let configuredEmail = "rita@example.test"

private extension TemporaryGitRepository {
    /// Sets user.name / user.email in the repository's config (the fixture's git gets its identity from -c).
    func configureIdentity(in directory: URL? = nil) throws {
        try git(["config", "user.name", configuredName], in: directory)
        try git(["config", "user.email", configuredEmail], in: directory)
    }

    func open(at path: URL? = nil) throws -> GitRepository {
        try GitRepository.open(at: path ?? directory, environment: confinedEnvironment)
    }

    /// `git status --porcelain` lines (untracked files included, ignored ones not).
    func porcelainStatus(in directory: URL? = nil) throws -> [String] {
        try git(["status", "--porcelain"], in: directory).split(separator: "\n").map(String.init)
    }

    /// "A\tpath" lines for what `commit` changed against its first parent (or against nothing, for a root).
    func changes(in commit: String, in directory: URL? = nil) throws -> [String] {
        try git(["show", "--name-status", "--format=", "--root", "--no-renames", commit], in: directory)
            .split(separator: "\n").map(String.init)
    }

    /// Everything after the header's blank line in the commit object.
    func rawMessage(of commit: String, in directory: URL? = nil) throws -> Data {
        let object = try gitOutput(["cat-file", "commit", commit], in: directory)
        let separator = object.range(of: Data("\n\n".utf8))!
        return object.subdata(in: separator.upperBound..<object.endIndex)
    }

    /// One header line of the commit object, e.g. the whole "author …" line.
    func header(_ name: String, of commit: String, in directory: URL? = nil) throws -> String? {
        try git(["cat-file", "commit", commit], in: directory)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .first { $0.hasPrefix(name + " ") }
            .map(String.init)
    }

    func fsck(in directory: URL? = nil) throws {
        try git(["fsck", "--strict", "--no-progress"], in: directory)
    }
}

/// Whether libgit2 would find no identity at all: it reads the runner's global config, which git in the
/// fixture ignores, so a machine with ~/.gitconfig identity cannot show the "nothing configured" error.
private let runnerHasNoGlobalIdentity: Bool = {
    guard let fixture = try? TemporaryGitRepository(), let repository = try? fixture.open() else { return false }
    return (try? repository.configString("user.name")) == nil && (try? repository.configString("user.email")) == nil
}()

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
        #expect(try fixture.git(["symbolic-ref", "HEAD"], in: fixture.root.appendingPathComponent("default")) == "refs/heads/main\n")
    }

    @Test func initializeRejectsAnInvalidBranchName() throws {
        let fixture = try TemporaryGitRepository()
        let path = fixture.root.appendingPathComponent("bad")

        let error = #expect(throws: GitError.self) { try GitRepository.initialize(at: path, initialBranch: "two words") }

        #expect(error?.kind == .libgit2)
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
        try FileManager.default.createDirectory(at: path.appendingPathComponent("src"), withIntermediateDirectories: true)
        try "print(1)\n".write(to: path.appendingPathComponent("src/main.swift"), atomically: true, encoding: .utf8)

        let id = try repository.commitAll(message: "feat(demo): first step\n\nWith a body.\n", author: author, committer: committer)

        #expect(id.count == 40 && id.allSatisfy(\.isHexDigit))
        #expect(try fixture.git(["rev-parse", "HEAD"], in: path) == id + "\n")
        #expect(try repository.headCommitID() == id)
        let log = try fixture.git(["log", "-1", "--format=%an|%ae|%at|%ai|%cn|%ce|%ct|%ci|%P", "HEAD"], in: path)
        #expect(log == "Zoë Ørsted|zoe@example.test|1700000123|2023-11-15 03:45:23 +0530|Carl Committer|carl@example.test|1700000456|2023-11-14 15:20:56 -0700|\n")
        #expect(try fixture.rawMessage(of: id, in: path) == Data("feat(demo): first step\n\nWith a body.\n".utf8))
        #expect(try fixture.changes(in: id, in: path) == ["A\tREADME.md", "A\tsrc/main.swift"])
        #expect(try fixture.porcelainStatus(in: path) == [])
        #expect(try fixture.git(["reflog", "-1", "--format=%gs"], in: path) == "commit (initial): feat(demo): first step\n")
        try fixture.fsck(in: path)
        var records: [CommitRecord] = []
        try repository.forEachCommit { records.append($0) }
        #expect(records.map(\.authorTimeZoneOffsetMinutes) == [330])
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
        #expect(try fixture.git("log", "-1", "--format=%cn|%ce|%ct", second) == "Zoë Ørsted|zoe@example.test|1700000123\n",
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

        let error = #expect(throws: GitError.self) { try repository.commitAll(message: "x\n", author: forged) }

        #expect(error?.kind == .libgit2)
        #expect(try repository.headCommitID() == nil)
        #expect(try fixture.porcelainStatus() == ["?? a.txt"])
    }
}

@Suite("GitRepository.commit(paths:)")
struct CommitPathsTests {
    /// a, b, c committed; then a modified (unstaged), b modified and staged, c deleted, d and docs/ new.
    private func repositoryWithMixedChanges() throws -> (TemporaryGitRepository, base: String) {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        for name in ["a", "b", "c"] { try fixture.write("\(name).txt", "\(name)\n") }
        try fixture.write("docs/old.md", "old\n")
        let base = try fixture.commit("base\n")
        try fixture.write("a.txt", "a changed\n")
        try fixture.write("b.txt", "b staged\n")
        try fixture.git("add", "b.txt")
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("c.txt"))
        try fixture.write("d.txt", "d\n")
        try fixture.write("docs/old.md", "old changed\n")
        try fixture.write("docs/deep/new.md", "new\n")
        return (fixture, base)
    }

    @Test func commitsOnlyThePathsLeavingOtherChangesAsTheyWere() throws {
        let (fixture, base) = try repositoryWithMixedChanges()
        let repository = try fixture.open()

        let id = try repository.commit(paths: ["a.txt", "c.txt", "d.txt"], message: "docs(roadmap): sync progress [skip ci]\n")

        #expect(try fixture.revParse("HEAD") == id)
        #expect(try fixture.revParse("HEAD^") == base)
        #expect(try fixture.changes(in: id) == ["M\ta.txt", "D\tc.txt", "A\td.txt"])
        #expect(try fixture.git("show", "\(id):a.txt") == "a changed\n")
        #expect(try fixture.git("show", "\(id):b.txt") == "b\n", "b's staged change is not swept into the commit")
        #expect(try fixture.porcelainStatus() == ["M  b.txt", " M docs/old.md", "?? docs/deep/"],
                "b stays staged, docs stays unstaged and untracked")
        #expect(try fixture.git("log", "-1", "--format=%an|%ae|%cn|%ce") == "\(configuredName)|\(configuredEmail)|\(configuredName)|\(configuredEmail)\n")
        #expect(try fixture.rawMessage(of: id) == Data("docs(roadmap): sync progress [skip ci]\n".utf8))
        try fixture.fsck()
    }

    @Test func aFolderCommitsEverythingUnderIt() throws {
        let (fixture, _) = try repositoryWithMixedChanges()
        let repository = try fixture.open()

        let id = try repository.commit(paths: ["./docs/"], message: "docs\n")

        #expect(try fixture.changes(in: id) == ["A\tdocs/deep/new.md", "M\tdocs/old.md"])
        #expect(try fixture.porcelainStatus() == ["M  b.txt", " D c.txt", " M a.txt", "?? d.txt"].sorted { $0.dropFirst(3) < $1.dropFirst(3) })
        try fixture.fsck()
    }

    @Test func givenAuthorIsUsedAndTheCommitterComesFromConfig() throws {
        let (fixture, _) = try repositoryWithMixedChanges()
        let repository = try fixture.open()
        let author = GitSignature(name: "Ann Author", email: "ann@example.test",
                                  date: Date(timeIntervalSince1970: 1_600_000_000), timeZoneOffsetMinutes: 60)

        let id = try repository.commit(paths: ["d.txt"], message: "with author\n", author: author)

        #expect(try fixture.git("log", "-1", "--format=%an|%ae|%ai|%cn|%ce", id)
                == "Ann Author|ann@example.test|2020-09-13 13:26:40 +0100|\(configuredName)|\(configuredEmail)\n")
    }

    @Test func firstCommitOnAnUnbornBranch() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("README.md", "tracker\n")
        try fixture.write("other.txt", "not yet\n")
        let repository = try fixture.open()

        let id = try repository.commit(paths: ["README.md"], message: "start\n")

        #expect(try fixture.changes(in: id) == ["A\tREADME.md"])
        #expect(try fixture.gitLines("rev-list", "--parents", "HEAD") == [id])
        #expect(try fixture.porcelainStatus() == ["?? other.txt"])
        try fixture.fsck()
    }

    @Test func invalidConfiguredIdentityIsLibgit2sErrorAndNothingChanges() throws {
        let (fixture, base) = try repositoryWithMixedChanges()
        try fixture.git("config", "user.name", "")
        let before = try fixture.porcelainStatus()
        let repository = try fixture.open()

        let error = #expect(throws: GitError.self) { try repository.commit(paths: ["a.txt"], message: "x\n") }

        #expect(error?.kind == .libgit2)
        #expect(error?.message.isEmpty == false)
        #expect(try fixture.revParse("HEAD") == base)
        #expect(try fixture.porcelainStatus() == before)
    }

    @Test(.enabled(if: runnerHasNoGlobalIdentity, "libgit2 would use the identity in the runner's global git config"))
    func noConfiguredIdentityIsLibgit2sError() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a.txt", "a\n")
        let repository = try fixture.open()

        let error = #expect(throws: GitError.self) { try repository.commit(paths: ["a.txt"], message: "x\n") }

        #expect(error?.kind == .libgit2)
        #expect(error?.message.contains("user.name") == true)
        #expect(try repository.headCommitID() == nil)
    }
}

@Suite("GitRepository.amendHead")
struct AmendHeadTests {
    @Test func keepsMessageAuthorAndParentsAndAddsThePath() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("README.md", "tracker v1\n")
        try fixture.write("notes.txt", "notes\n")
        let parent = try fixture.commit("base\n")
        try fixture.write("code.swift", "let x = 1\n")
        let original = try fixture.commit(
            "\nfeat(streams): transform demo ✓\n\nbody\n", timeZone: "+0530", author: (name: "Zoë Ørsted", email: "zoe@example.test"))
        try fixture.write("README.md", "tracker v2\n")
        try fixture.write("notes.txt", "notes edited, not to be amended\n")
        try fixture.write("staged.txt", "staged, not to be amended\n")
        try fixture.git("add", "staged.txt")
        let repository = try fixture.open()

        let amended = try repository.amendHead(adding: ["README.md"])

        #expect(amended != original)
        #expect(try fixture.revParse("HEAD") == amended)
        #expect(try fixture.revParse("main") == amended)
        #expect(try fixture.rawMessage(of: amended) == (try fixture.rawMessage(of: original)), "message kept byte for byte")
        #expect(try fixture.header("author", of: amended) == (try fixture.header("author", of: original)), "author, date and zone kept")
        #expect(try fixture.header("author", of: amended)?.hasSuffix("+0530") == true)
        #expect(try fixture.gitLines("rev-list", "--parents", "-n", "1", amended) == ["\(amended) \(parent)"])
        #expect(try fixture.git("log", "-1", "--format=%cn|%ce", amended) == "\(configuredName)|\(configuredEmail)\n")
        #expect(try fixture.git("show", "\(amended):README.md") == "tracker v2\n")
        #expect(try fixture.changes(in: amended) == ["M\tREADME.md", "A\tcode.swift"])
        #expect(try fixture.git("status", "--porcelain", "--", "README.md") == "", "the index matches the amended commit")
        #expect(try fixture.porcelainStatus() == [" M notes.txt", "A  staged.txt"])
        #expect(try fixture.git("reflog", "-1", "--format=%gs", "HEAD") == "commit (amend): feat(streams): transform demo ✓\n")
        #expect(try fixture.git("reflog", "-1", "--format=%gs", "main") == "commit (amend): feat(streams): transform demo ✓\n")
        try fixture.fsck()
    }

    @Test func detachedHeadIsAmendedWithoutMovingTheBranch() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("a.txt", "a\n")
        let original = try fixture.commit("initial\n")
        try fixture.git("checkout", "--quiet", "--detach")
        try fixture.write("a.txt", "a2\n")

        let amended = try fixture.open().amendHead(adding: ["a.txt"])

        #expect(try fixture.revParse("HEAD") == amended)
        #expect(try fixture.revParse("main") == original)
        #expect(try fixture.git("show", "\(amended):a.txt") == "a2\n")
    }

    @Test func amendingAgainThroughTheSameHandleBuildsOnTheFirstAmend() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("a.txt", "a\n")
        try fixture.commit("initial\n")
        let repository = try fixture.open()
        try fixture.write("a.txt", "a2\n")
        let first = try repository.amendHead(adding: ["a.txt"])
        try fixture.write("a.txt", "a3\n")
        let second = try repository.amendHead(adding: ["a.txt"])

        #expect(second != first)
        #expect(try fixture.gitLines("rev-list", "HEAD") == [second], "still one commit: the first amend was replaced")
        #expect(try fixture.git("show", "HEAD:a.txt") == "a3\n")
        #expect(try fixture.porcelainStatus() == [])
    }

    @Test func amendingTheInitialCommitKeepsItARoot() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("a.txt", "a\n")
        let original = try fixture.commit("initial\n")
        try fixture.write("docs/tracker.md", "progress\n")
        let repository = try fixture.open()

        let amended = try repository.amendHead(adding: ["docs/tracker.md"])

        #expect(try fixture.gitLines("rev-list", "--parents", "HEAD") == [amended])
        #expect(try fixture.gitLines("ls-tree", "-r", "--name-only", amended) == ["a.txt", "docs/tracker.md"])
        #expect(try fixture.rawMessage(of: amended) == Data("initial\n".utf8))
        #expect(try fixture.header("author", of: amended) == (try fixture.header("author", of: original)))
        #expect(try fixture.porcelainStatus() == [])
        try fixture.fsck()
    }

    @Test func amendingADeletionRemovesThePath() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("a.txt", "a\n")
        try fixture.write("gone.txt", "gone\n")
        try fixture.commit("initial\n")
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("gone.txt"))

        let amended = try fixture.open().amendHead(adding: ["gone.txt"])

        #expect(try fixture.gitLines("ls-tree", "-r", "--name-only", amended) == ["a.txt"])
        #expect(try fixture.porcelainStatus() == [])
    }

    @Test func unbornHeadCannotBeAmended() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.configureIdentity()
        try fixture.write("a.txt", "a\n")

        let error = #expect(throws: GitError.self) { try fixture.open().amendHead(adding: ["a.txt"]) }

        #expect(error?.kind == .libgit2)
        #expect(try fixture.porcelainStatus() == ["?? a.txt"])
    }
}
