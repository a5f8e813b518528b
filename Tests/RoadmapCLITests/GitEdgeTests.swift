import Foundation
import Testing

/// The edge between roadmap and git on real repositories: clones libgit2 1.5 would refuse, replacement
/// refs, object formats it cannot read, patches git must accept, and what the hook prints and folds in.
@Suite struct GitEdgeTests {
    /// The embedded roadmap committed, and evidence for streams.
    func origin() throws -> Repository {
        let repository = try Repository.withEmbeddedRoadmap()
        try repository.write("phase-1/streams/notes.md", "backpressure\n")
        try repository.write("phase-2/other/notes.md", "elsewhere\n")
        try repository.commit("finished #streams")
        #expect(try repository.roadmap("sync").status == 0)
        try repository.commit("docs(roadmap): sync progress")
        return repository
    }

    func clone(_ origin: Repository, _ options: [String]) throws -> Repository {
        let clone = try Repository(initialize: false)
        try Shell.git(["clone", "-q"] + options + ["file://\(origin.url.path)", clone.url.path], in: origin.url)
        return clone
    }

    @Test func aSparseCloneSyncs() throws {
        let origin = try origin()
        let clone = try clone(origin, ["--sparse"])
        try clone.git("sparse-checkout", "set", "--cone", "phase-1")
        #expect(try clone.git("config", "extensions.worktreeConfig").stdout == "true\n")
        let sync = try clone.roadmap("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try clone.text().contains("✅ Streams"))
    }

    @Test func aBlobLessPartialCloneSyncs() throws {
        let origin = try origin()
        try origin.git("config", "uploadpack.allowFilter", "true")
        let clone = try clone(origin, ["--filter=blob:none", "--no-local"])
        #expect(try clone.git("config", "remote.origin.promisor").stdout == "true\n")
        // What git before 2.36 or so wrote for a partial clone, and libgit2 1.5 refuses unless told.
        try clone.git("config", "extensions.partialClone", "origin")
        let sync = try clone.roadmap("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try clone.text().contains("✅ Streams"))
    }

    /// `git replace` swaps a commit's content for `git log`, and for roadmap: unless replacement refs are off.
    @Test func replacementRefsAreHonouredAsGitLogHonoursThem() throws {
        let repository = try origin()
        try repository.commit("wip #buffers")
        let original = try repository.head()
        let object = try repository.git("cat-file", "commit", original).stdout.replacingOccurrences(
            of: "wip #buffers", with: "finished #buffers")
        let objectFile = repository.url.appendingPathComponent(".git/replacement")
        try Data(object.utf8).write(to: objectFile)
        let replacement = try repository.git("hash-object", "-t", "commit", "-w", objectFile.path).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try repository.git("replace", original, replacement)
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #buffers\n")

        let replaced = try repository.roadmap("sync", "--dry-run")
        #expect(replaced.stdout.contains("p1/buffers: not started → done"), "\(replaced.stdout)")
        let ignored = try repository.roadmap("sync", "--dry-run", environment: ["GIT_NO_REPLACE_OBJECTS": "1"])
        #expect(ignored.stdout.contains("p1/buffers: not started → in progress"), "\(ignored.stdout)")
        try repository.git("config", "core.useReplaceRefs", "false")
        #expect(try repository.roadmap("sync", "--dry-run").stdout.contains("p1/buffers: not started → in progress"))
    }

    @Test func aSHA256RepositoryIsOneSentence() throws {
        let repository = try Repository(initialize: false)
        #expect(try repository.roadmap("init").status == 0)
        try repository.git("init", "-q", "--object-format=sha256", "-b", "main")
        try repository.commit("finished #streams")
        let sync = try repository.roadmap("sync")
        #expect(sync.status == 3)
        #expect(sync.stderr.contains("is a SHA-256 repository, which libgit2 1.5"), "\(sync.stderr)")
        #expect(sync.stderr.split(separator: "\n").count == 1, "\(sync.stderr)")
    }

    @Test(arguments: ["\n", "\r\n"])
    func theDiffIsAPatchGitApplies(lineEnding: String) throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        let readme = try repository.text().replacingOccurrences(of: "\n", with: lineEnding)
        try repository.write("README.md", readme)
        try repository.commit("finished #streams")
        try repository.commit("finished #buffers")
        let diff = try repository.roadmap("sync", "--diff")
        #expect(diff.status == 0)
        #expect(diff.stdout.hasPrefix("diff --git a/README.md b/README.md\n"), "\(diff.stdout.prefix(200))")
        let patch = repository.url.appendingPathComponent(".git/sync.patch")
        try Data(diff.stdout.utf8).write(to: patch)
        try repository.git("apply", "--check", patch.path)
        try repository.git("apply", patch.path)
        #expect(try repository.roadmap("sync", "--check").status == 0)
        #expect(try repository.text().contains("✅ Buffers"))
    }

    /// The same from a folder below the top: the patch names the file from the top, as git does.
    @Test func theDiffNamesTheTrackerFromTheTop() throws {
        let repository = try Repository()
        try FileManager.default.createDirectory(
            at: repository.url.appendingPathComponent("notes"), withIntermediateDirectories: true)
        #expect(try CLI.run(["init", "--file", "notes/ROADMAP.md"], in: repository.url).status == 0)
        try repository.commit("finished #streams")
        let diff = try CLI.run(
            ["sync", "--diff", "--file", "notes/ROADMAP.md"], in: repository.url.appendingPathComponent("notes"))
        #expect(
            diff.stdout.hasPrefix("diff --git a/notes/ROADMAP.md b/notes/ROADMAP.md\n"),
            "\(diff.stderr) \(diff.stdout.prefix(200))")
    }

    @Test func theHookSaysWhatMovedAndWarnsAboutTheCommitJustMade() throws {
        let repository = try origin()
        #expect(try repository.roadmap("hook", "install").status == 0)
        let commit = try repository.git(["commit", "-q", "--allow-empty", "-m", "wip #buffers, finished #evnt-loop"])
        let head = try repository.head()
        #expect(
            commit.stderr == """
                roadmap: p1/buffers → in progress (1/58)
                roadmap: unknown ref evnt-loop in \(head.prefix(7)) (did you mean p1/event-loop?)

                """, "\(commit.stderr)")
        let quiet = try repository.git(["commit", "-q", "--allow-empty", "-m", "chore: nothing to say"])
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        let typo = try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #strems"])
        #expect(
            typo.stderr
                == "roadmap: unknown ref strems in \(try repository.head().prefix(7)) (did you mean p1/streams?)\n",
            "\(typo.stderr)")
    }

    /// With a badge and a chart configured, they go into the same amend: a CI sync after finds nothing to do.
    @Test func theBadgeAndChartGoIntoTheSameAmend() throws {
        let repository = try origin()
        try repository.write(".roadmap.yml", "badge: docs/badge.svg\nchart: docs/chart.svg\n")
        #expect(try repository.roadmap("sync").status == 0)
        try repository.commit("chore: pictures")
        #expect(try repository.roadmap("hook", "install").status == 0)
        let count = try repository.git("rev-list", "--count", "HEAD").stdout
        let commit = try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #buffers"])
        #expect(commit.stderr == "roadmap: p1/buffers → done (2/58)\n", "\(commit.stderr)")
        #expect(
            Int(try repository.git("rev-list", "--count", "HEAD").stdout.dropLast()) == Int(count.dropLast())! + 1,
            "one commit, amended")
        #expect(
            try repository.git("show", "--name-only", "--format=", "HEAD").stdout
                == "README.md\ndocs/badge.svg\ndocs/chart.svg\n")
        #expect(try repository.git("status", "--porcelain").stdout.isEmpty)
        #expect(try repository.roadmap("sync", "--check").status == 0)
    }

    /// An untracked badge is drawn in the work tree only, and the hook says so; the tracker is still folded in.
    @Test func anUntrackedPictureStaysInTheWorkTree() throws {
        let repository = try origin()
        try repository.write(".roadmap.yml", "badge: docs/badge.svg\n")
        try repository.git("add", ".roadmap.yml")
        try repository.git("commit", "-q", "-m", "chore: badge")
        #expect(try repository.roadmap("hook", "install").status == 0)
        let commit = try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #buffers"])
        #expect(
            commit.stderr
                == "roadmap: p1/buffers → done (2/58); written in the work tree only: docs/badge.svg is not tracked\n",
            "\(commit.stderr)")
        #expect(try repository.git("show", "--name-only", "--format=", "HEAD").stdout == "README.md\n")
        #expect(try repository.git("status", "--porcelain").stdout == "?? docs/\n")
    }

    /// The work tree is the one git says: GIT_DIR without GIT_WORK_TREE is the current folder, whatever
    /// folder holds the git directory (`--separate-git-dir`).
    @Test func theWorkTreeIsTheOneGitSays() throws {
        let folder = try TemporaryFolder()
        let work = folder.url.appendingPathComponent("work")
        let gitDir = folder.url.appendingPathComponent("repo.git")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Shell.git(["init", "-q", "-b", "main", "--separate-git-dir", gitDir.path], in: work)
        #expect(try CLI.run(["init"], in: work).status == 0)
        try Shell.git(["add", "-A"], in: work)
        try Shell.git(["commit", "-q", "-m", "finished #streams"], in: work)
        try folder.write("README.md", "not the tracker\n")
        let environment = ["GIT_DIR": gitDir.path]
        #expect(
            try Shell.git(["rev-parse", "--show-toplevel"], in: work, environment: environment).stdout == work.path
                + "\n")
        let sync = try CLI.run(["sync"], in: work, environment: environment)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try folder.text("work/README.md").contains("✅ Streams"))
        #expect(try folder.text("README.md") == "not the tracker\n")
    }
}
