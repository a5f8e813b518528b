import Foundation
import Testing

/// The hooks, installed by the real binary and driven by the real `git commit`.
@Suite struct HookTests {
    /// The embedded roadmap committed, with a local identity (libgit2 signs the amend from config).
    func repository(install: [String]? = ["hook", "install"]) throws -> Repository {
        let repository = try Repository()
        try repository.git("config", "user.name", "Ada Learner")
        try repository.git("config", "user.email", "ada@example.com")
        #expect(try repository.roadmap("init").status == 0)
        try repository.commit("chore: start the roadmap")
        if let install {
            let result = try CLI.run(install, in: repository.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        return repository
    }

    func commitCount(_ repository: Repository) throws -> Int {
        Int(try repository.git("rev-list", "--count", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    func status(_ repository: Repository) throws -> String {
        try repository.git("status", "--porcelain").stdout
    }

    @Test func amendFoldsTheTrackerIntoTheCommitAndLeavesTheTreeClean() throws {
        let repository = try repository()
        try repository.write("phase-1/streams/notes.md", "backpressure")
        try repository.git("add", "-A")
        let commit = try repository.git(["commit", "-q", "-m", "finished #streams"])
        #expect(commit.stderr == "roadmap: p1/streams → done (1/58)\n", "\(commit.stderr)")
        #expect(try commitCount(repository) == 2)
        #expect(try status(repository).isEmpty)
        #expect(
            try repository.git("log", "-1", "--format=%s%n%an <%ae>").stdout
                == "finished #streams\nAda Learner <ada@example.com>\n")
        #expect(try repository.git("show", "HEAD:README.md").stdout.contains("✅ Streams"))
        #expect(
            try repository.git("show", "--name-only", "--format=", "HEAD").stdout
                == "README.md\nphase-1/streams/notes.md\n")
        #expect(try repository.git("fsck", "--no-progress").status == 0)
    }

    /// The page the amend wrote is parsed while git amends, so the next commit's run does not parse it;
    /// and what the remembered page says is what a sync without any cache says.
    @Test func theNextCommitAfterAnAmendFindsThePageRemembered() throws {
        let repository = try repository()
        let amend = try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #streams"])
        #expect(amend.stderr.contains("p1/streams → done"), "\(amend.stderr)")
        let next = try repository.git(
            ["commit", "-q", "--allow-empty", "-m", "chore: quiet"], environment: ["ROADMAP_TRACE": "1"])
        #expect(next.stderr.contains("trace: document (remembered)"), "\(next.stderr)")
        let fresh = try repository.roadmap("sync", "--dry-run", "--no-cache")
        #expect(fresh.stdout.contains("README.md is up to date"), "\(fresh.stdout)")
    }

    @Test func aCommitWithNothingToSyncIsLeftAlone() throws {
        let repository = try repository()
        try repository.commit("chore: tidy")
        #expect(try repository.git("reflog", "-1", "--format=%gs").stdout == "commit: chore: tidy\n")
    }

    @Test func anExistingHookIsKeptStillRunsAndIsRestoredByteForByte() throws {
        let repository = try repository(install: nil)
        let original = "#!/bin/sh\n# the team's own hook\ntouch \"$(git rev-parse --show-toplevel)/original-ran\"\n"
        try repository.write(".git/hooks/post-commit", original)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o750],
            ofItemAtPath: repository.url.appendingPathComponent(".git/hooks/post-commit").path)
        let install = try repository.roadmap("hook", "install")
        #expect(install.stdout.contains("the hook that was there runs first, kept as post-commit.pre-roadmap"))
        let again = try repository.roadmap("hook", "install")
        #expect(again.stdout.hasSuffix("is already installed\n"))

        try repository.commit("finished #buffers")
        #expect(FileManager.default.fileExists(atPath: repository.url.appendingPathComponent("original-ran").path))
        #expect(try repository.git("show", "HEAD:README.md").stdout.contains("✅ Buffers"))

        #expect(try repository.roadmap("hook", "uninstall").stdout.contains("restored the hook that was there before"))
        let hook = repository.url.appendingPathComponent(".git/hooks/post-commit")
        #expect(try repository.text(".git/hooks/post-commit") == original)
        #expect(try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int == 0o750)
        #expect(
            !FileManager.default.fileExists(
                atPath: repository.url.appendingPathComponent(".git/hooks/post-commit.pre-roadmap").path))
    }

    @Test(arguments: [".githooks", "/ABSOLUTE"])
    func coreHooksPathIsHonoured(setting: String) throws {
        let repository = try repository(install: nil)
        let elsewhere = try TemporaryFolder()
        let value = setting == "/ABSOLUTE" ? elsewhere.url.path : setting
        try repository.git("config", "core.hooksPath", value)
        let install = try repository.roadmap("hook", "install")
        #expect(install.status == 0, "\(install.stderr)")
        let folder = setting == "/ABSOLUTE" ? elsewhere.url : repository.url.appendingPathComponent(setting)
        #expect(FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("post-commit").path))
        try repository.commit("finished #streams")
        #expect(try repository.git("show", "HEAD:README.md").stdout.contains("✅ Streams"))
    }

    /// core.hooksPath set in the home's config, which GIT_CONFIG_GLOBAL=/dev/null hides from git (as the
    /// tests, scripts and CI set it): the hook goes where git runs hooks, .git/hooks, and runs. It went to
    /// the home's folder, where git never looked, when libgit2 read the home's file regardless.
    @Test func theHomesConfigIsHiddenAsGitHidesIt() throws {
        let repository = try repository(install: nil)
        let home = try TemporaryFolder()
        let elsewhere = try TemporaryFolder()
        try home.write(".gitconfig", "[core]\n\thooksPath = \(elsewhere.url.path)\n")
        let hidden = ["HOME": home.url.path, "GIT_CONFIG_GLOBAL": "/dev/null"]
        #expect(try CLI.run(["hook", "install"], in: repository.url, environment: hidden).status == 0)
        #expect(
            FileManager.default.isExecutableFile(
                atPath: repository.url.appendingPathComponent(".git/hooks/post-commit").path))
        #expect(!FileManager.default.fileExists(atPath: elsewhere.url.appendingPathComponent("post-commit").path))
        // Without GIT_CONFIG_GLOBAL git reads the home's file, and so does roadmap.
        var shown = CLI.baseEnvironment
        shown["HOME"] = home.url.path
        shown["GIT_CONFIG_GLOBAL"] = nil
        let install = try Shell.run(CLI.binary, ["hook", "install"], in: repository.url, environment: shown)
        #expect(install.status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: elsewhere.url.appendingPathComponent("post-commit").path))
    }

    @Test func aRebaseWithTheHookInstalledFinishesUntouched() throws {
        let repository = try repository()
        try repository.git("checkout", "-q", "-b", "topic")
        try repository.write("a.md", "a")
        try repository.commit("finished #streams")
        try repository.write("b.md", "b")
        try repository.commit("finished #buffers")
        try repository.git("checkout", "-q", "main")
        try repository.write("c.md", "c")
        try repository.commit("chore: unrelated")
        try repository.git("checkout", "-q", "topic")
        let before = try repository.git("log", "--format=%s", "main..topic").stdout
        let rebase = try repository.git(["rebase", "-q", "main"])
        #expect(rebase.status == 0)
        #expect(try repository.git("log", "--format=%s", "main..topic").stdout == before)
        let rebaseEntries = try repository.git("reflog", "--format=%gs", "-4").stdout
        #expect(rebaseEntries.hasPrefix("rebase (finish)"))
        #expect(!rebaseEntries.contains("commit (amend)"), "the hook amended during the rebase: \(rebaseEntries)")
    }

    @Test func aFailingSyncLetsTheCommitThroughWithOneWarning() throws {
        let repository = try repository()
        try repository.write(".roadmap.yml", "fiel: README.md\n")
        try repository.git("add", "-A")
        let commit = try repository.git(["commit", "-q", "-m", "finished #streams"])
        #expect(commit.status == 0)
        #expect(
            commit.stderr
                == "roadmap: warning: hook: .roadmap.yml:1: `fiel` is not a known setting; the commit is unchanged\n")
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #streams\n")
    }

    @Test func trackerChangesOfTheUsersOwnAreNeverCommitted() throws {
        let repository = try repository()
        var readme = try repository.text()
        readme = readme.replacingOccurrences(of: "# 💎 Node.js", with: "# 💎 My Node.js")
        try repository.write("README.md", readme)
        try repository.write("notes.md", "x")
        try repository.git("add", "notes.md")
        let commit = try repository.git(["commit", "-q", "-m", "finished #streams"])
        #expect(commit.stderr.contains("written in the work tree only"))
        #expect(commit.stderr.contains("README.md had changes of its own before this commit"))
        #expect(try repository.git("show", "--name-only", "--format=", "HEAD").stdout == "notes.md\n")
        let now = try repository.text()
        #expect(now.contains("# 💎 My Node.js"))
        #expect(now.contains("✅ Streams"))
    }

    /// A staged change whose work-tree copy was put back as HEAD has it: `git diff HEAD` sees nothing, the
    /// index does. The amend would have overwritten the staged copy; the tracker is left to the user.
    @Test func aStagedTrackerChangeTheWorkTreeUndidIsNeverCommitted() throws {
        let repository = try repository(install: ["hook", "install"])
        let original = try repository.text()
        try repository.write("README.md", original.replacingOccurrences(of: "Node.js", with: "Node"))
        try repository.git("add", "README.md")
        try repository.write("README.md", original)
        try repository.write("notes.md", "x")
        try repository.git("add", "notes.md")
        let commit = try repository.git(["commit", "-q", "-m", "finished #streams", "--", "notes.md"])
        #expect(commit.stderr.contains("README.md had changes of its own before this commit"))
        #expect(try repository.git("show", "--name-only", "--format=", "HEAD").stdout == "notes.md\n")
        #expect(
            try repository.git("diff", "--cached", "--name-only").stdout == "README.md\n",
            "the staged copy is still staged")
    }

    @Test func commitModeAddsOneSeparateCommitAndNoMore() throws {
        let repository = try repository(install: ["hook", "install", "--mode", "commit"])
        try repository.commit("finished #streams")
        #expect(try commitCount(repository) == 3)
        #expect(
            try repository.git("log", "-2", "--format=%s").stdout
                == "docs(roadmap): sync progress [skip ci]\nfinished #streams\n")
        #expect(try status(repository).isEmpty)
    }

    @Test func worktreeModeOnlyWritesTheFile() throws {
        let repository = try repository(install: ["hook", "install", "--mode", "worktree"])
        try repository.commit("finished #streams")
        #expect(try commitCount(repository) == 2)
        #expect(try status(repository) == " M README.md\n")
        #expect(try repository.text().contains("✅ Streams"))
    }

    @Test func theGuardStopsARunInsideARun() throws {
        let repository = try repository(install: nil)
        try repository.commit("finished #streams")
        let result = try repository.roadmap("hook", "run", environment: ["ROADMAP_HOOK_RUNNING": "1"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(try repository.text().contains("• Streams"))
    }

    @Test func hookRunDoesNothingDuringAMerge() throws {
        let repository = try repository(install: nil)
        try repository.git("checkout", "-q", "-b", "topic")
        try repository.write("x.md", "topic")
        try repository.commit("finished #streams")
        try repository.git("checkout", "-q", "main")
        try repository.write("x.md", "main")
        try repository.commit("wip #buffers")
        _ = try? repository.git(["merge", "-q", "topic"])  // conflicts: a merge is in progress
        let result = try repository.roadmap("hook", "run")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(try repository.text().contains("• Streams"))
    }

    @Test func commitMessageHookWarnsOrRefusesUnknownRefs() throws {
        let repository = try repository(install: ["hook", "install", "--commit-msg"])
        let warned = try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #evnt-loop"])
        #expect(warned.stderr.contains("roadmap: warning: unknown ref `evnt-loop` (did you mean p1/event-loop?)"))
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #evnt-loop\n")

        #expect(try repository.roadmap("hook", "install", "--commit-msg", "--strict").stdout.hasPrefix("updated"))
        #expect(throws: Shell.GitCommandFailed.self) {
            try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #evnt-loop"])
        }
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #evnt-loop\n")
        try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #event-loop"])
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #event-loop\n")
    }

    /// An alias from `.roadmap.yml` is a known ref to the commit-msg check, as it is to sync.
    @Test func theCommitMessageCheckKnowsTheConfiguredAliases() throws {
        let repository = try repository(install: ["hook", "install", "--commit-msg", "--strict"])
        try repository.write(".roadmap.yml", "items:\n  p1/event-loop:\n    aliases: [eventloop]\n")
        let commit = try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #eventloop"])
        #expect(!commit.stderr.contains("unknown ref"), "\(commit.stderr)")
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #eventloop\n")
    }

    /// Its own troubles never block a commit: a roadmap that fails outright (here a stand-in on PATH that
    /// exits 2, as an older binary without `check-message` would) lets the commit through.
    @Test func theWarningCommitMessageHookLetsACommitThroughWhateverRoadmapDoes() throws {
        let repository = try repository(install: ["hook", "install", "--commit-msg"])
        let bin = repository.url.appendingPathComponent(".fake-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("roadmap")
        try Data("#!/bin/sh\necho 'roadmap: error: unknown subcommand' >&2\nexit 2\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        try repository.git(["commit", "-q", "--allow-empty", "-m", "finished #streams"], environment: ["PATH": path])
        #expect(try repository.git("log", "-1", "--format=%s").stdout == "finished #streams\n")
    }

    /// A hooks folder that cannot be made (a file is in the way) is a file error: exit 3 and one line, not
    /// a usage error.
    @Test func aHooksFolderThatCannotBeMadeIsExitThree() throws {
        let repository = try repository(install: nil)
        try repository.write("blocker", "a file where a folder should be\n")
        try repository.git("config", "core.hooksPath", "blocker/hooks")
        let install = try repository.roadmap("hook", "install")
        #expect(install.status == 3)
        #expect(install.stderr.hasPrefix("roadmap: cannot write "))
        #expect(install.stderr.contains("blocker/hooks: Not a directory"))
        #expect(install.stderr.split(separator: "\n").count == 1, "\(install.stderr)")
    }

    @Test func theRepositoryHooksFolderHoldsTheScriptsAsInstalled() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../hooks")
            .standardizedFileURL
        let folder = try TemporaryFolder()
        #expect(
            try CLI.run(["hook", "print"], in: folder.url).stdout
                == String(decoding: try Data(contentsOf: root.appendingPathComponent("post-commit")), as: UTF8.self))
        #expect(
            try CLI.run(["hook", "print", "--commit-msg"], in: folder.url).stdout
                == String(decoding: try Data(contentsOf: root.appendingPathComponent("commit-msg")), as: UTF8.self))
    }

    @Test func aMissingBinaryIsOneClearLineAndNoFailure() throws {
        let repository = try repository(install: nil)
        try repository.write(".git/hooks/post-commit", String(decoding: try Seeds.hookScript(), as: UTF8.self))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755],
            ofItemAtPath: repository.url.appendingPathComponent(".git/hooks/post-commit").path)
        let commit = try repository.git(
            ["commit", "-q", "--allow-empty", "-m", "finished #streams"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(commit.status == 0)
        #expect(commit.stderr == "roadmap: hook: roadmap is not on PATH; tracker not synced\n")
    }
}

extension Seeds {
    static func hookScript() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../hooks/post-commit"
        ).standardizedFileURL
        return [UInt8](try Data(contentsOf: url))
    }
}
