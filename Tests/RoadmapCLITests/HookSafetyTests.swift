import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hook interrupted, blocked or raced: the repository is always in a state git itself leaves.
@Suite struct HookSafetyTests {
    /// The embedded roadmap committed, then a commit the hook has not run for yet.
    func repository() throws -> Repository {
        let repository = try Repository.withEmbeddedRoadmap()
        try repository.write("phase-1/streams/notes.md", "backpressure\n")
        try repository.commit("finished #streams")
        return repository
    }

    struct Snapshot: Equatable {
        var head: String
        var parents: String
        var message: String
        var index: [String]
        var headReadme: String
        var indexReadme: String
    }

    func snapshot(_ repository: Repository) throws -> Snapshot {
        let head = try repository.head()
        let index = try repository.git("ls-files", "-s").stdout.split(separator: "\n").map(String.init)
        return Snapshot(
            head: head,
            parents: try repository.git("log", "-1", "--format=%P").stdout,
            message: try repository.git("log", "-1", "--format=%B").stdout,
            index: index.filter { !$0.hasSuffix("\tREADME.md") },
            headReadme: try repository.git("rev-parse", "HEAD:README.md").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines),
            indexReadme: try repository.git("rev-parse", ":README.md").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines))
    }

    /// Starts `roadmap hook run` in a process group of its own, so that the git it starts can be waited for.
    func startHook(in directory: URL) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let binary = CLI.binary.path
        let arguments = [binary, "-C", directory.path, "hook", "run"]
        let environment = CLI.baseEnvironment.merging([
            "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com",
        ]) { _, new in new }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for element in argv { free(element) }
            for element in envp { free(element) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        #expect(result == 0)
        return pid
    }

    /// Reaps `pid` and waits until nothing of its process group is left (git finishing what it began).
    func waitForGroup(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        while kill(-pid, 0) == 0 { usleep(1_000) }
    }

    @Test func killingTheHookAtRandomMomentsLeavesAStateGitLeaves() throws {
        let repository = try repository()
        let before = try snapshot(repository)
        // How long one undisturbed run takes (the second: the evidence cache is there), to spread the kills over it.
        waitForGroup(try startHook(in: repository.url))
        try repository.git("reset", "-q", "--hard", before.head)
        let start = Date()
        waitForGroup(try startHook(in: repository.url))
        let runTime = Date().timeIntervalSince(start)
        let amended = try snapshot(repository)
        #expect(amended.head != before.head)
        #expect(amended.headReadme == amended.indexReadme)

        var generator = SystemRandomNumberGenerator()
        var outcomes = (old: 0, amended: 0)
        for round in 0..<200 {
            try repository.git("reset", "-q", "--hard", before.head)
            let pid = try startHook(in: repository.url)
            usleep(UInt32.random(in: 0...UInt32(runTime * 1_100_000), using: &generator))
            kill(pid, SIGKILL)
            waitForGroup(pid)
            let after = try snapshot(repository)
            #expect(
                !FileManager.default.fileExists(atPath: repository.url.appendingPathComponent(".git/index.lock").path),
                "round \(round)")
            if after.head == before.head {
                #expect(after == before, "round \(round): old commit, old index")
                outcomes.old += 1
            } else {
                #expect(after.parents == before.parents && after.message == before.message, "round \(round)")
                #expect(after.index == before.index, "round \(round)")
                #expect(after.headReadme == after.indexReadme, "round \(round): amended commit, new index")
                outcomes.amended += 1
            }
            #expect(try repository.git("fsck", "--no-progress").status == 0, "round \(round)")
        }
        // The kills fall on both sides of the amend.
        #expect(outcomes.old > 0 && outcomes.amended > 0, "\(outcomes)")
    }

    /// Another git holds index.lock: git refuses the amend, the hook says what to run, nothing is half done.
    @Test func aBusyIndexLockLeavesHeadAndIndexAndSaysWhatToRun() throws {
        let repository = try repository()
        let before = try snapshot(repository)
        let lock = repository.url.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        let run = try repository.roadmap("hook", "run")
        #expect(run.status == 0)
        #expect(
            run.stderr.hasPrefix(
                "roadmap: p1/streams → done (1/58); written in the work tree only: README.md not committed: git commit failed: fatal: Unable to create"
            ), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("run 'git commit --amend --no-edit --only -- README.md'\n"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        try FileManager.default.removeItem(at: lock)
        #expect(try snapshot(repository) == before)
        #expect(try repository.text().contains("✅ Streams"))
        try repository.git("commit", "-q", "--amend", "--no-edit", "--only", "--", "README.md")
        #expect(try repository.git("status", "--porcelain").stdout.isEmpty)
    }

    /// An editor saving the tracker right after the hook: the edit is the user's, unstaged.
    @Test func anEditorSavingRightAfterTheHookIsNotStaged() throws {
        let repository = try repository()
        let run = try repository.roadmap("hook", "run")
        #expect(run.stderr == "roadmap: p1/streams → done (1/58)\n", "\(run.stderr)")
        try repository.write("README.md", try repository.text() + "my own line\n")
        #expect(try repository.git("diff", "--cached", "--name-only").stdout.isEmpty)
        #expect(try repository.git("diff", "--name-only").stdout == "README.md\n")
        #expect(try !repository.git("show", "HEAD:README.md").stdout.contains("my own line"))
    }

    /// A full disk while git writes the amended index (here a file-size limit, with SIGXFSZ ignored as a
    /// full disk would not signal): git refuses the amend, the hook says so and what to run.
    @Test func aFullDiskLeavesHeadAndIndexAndSaysWhatToRun() throws {
        let repository = try repository()
        // Enough files that git's index (~190 KB) outgrows the limit that the tracker (~25 KB) fits in.
        for number in 0..<2_000 { try repository.write("src/file-\(number).js", "\(number)\n") }
        try repository.commit("chore: code")
        try repository.commit("finished #buffers")
        let before = try snapshot(repository)
        let script = "trap '' XFSZ; ulimit -f 200; exec \"$0\" hook run"
        let run = try Shell.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script, CLI.binary.path], in: repository.url,
            environment: CLI.baseEnvironment)
        #expect(run.status == 0)
        #expect(
            run.stderr.contains("written in the work tree only: README.md not committed: git commit failed: "),
            "\(run.stderr)")
        #expect(run.stderr.hasSuffix("run 'git commit --amend --no-edit --only -- README.md'\n"), "\(run.stderr)")
        #expect(try snapshot(repository) == before)
        #expect(!FileManager.default.fileExists(atPath: repository.url.appendingPathComponent(".git/index.lock").path))
        #expect(try repository.text().contains("✅ Buffers"))
        #expect(try repository.git("fsck", "--no-progress").status == 0)
    }
}
