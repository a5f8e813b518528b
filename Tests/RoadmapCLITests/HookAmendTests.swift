import Foundation
import Testing

/// The hook against plain git: each row sets up two identical real repositories with git, commits in both,
/// lets the installed hook run in the first, and in the second copies the tracker the hook wrote and runs
/// `git commit --amend --no-edit --only -- README.md` itself when the hook should have amended. Both must
/// then agree on status, `ls-files -s`, HEAD's commit object (so its tree, message, author, committer and
/// signature) and fsck.
@Suite struct HookAmendTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        /// Whether the hook folds the tracker into the commit; else the reason it prints.
        var amends = true
        var reason: String?
        /// Where the work tree is, relative to the bench's folder.
        var workTree = "repo"
        var commit = ["commit", "-q", "--allow-empty", "-m", "finished #streams"]
        var environment: [String: String] = [:]
        /// Makes the repository (with the roadmap committed) under the bench; runs before the commit.
        var setup: @Sendable (Bench) throws -> Void = { _ in }
        /// For the plain-git twin: the files the amend takes.
        var amendPaths = ["README.md"]

        var testDescription: String { name }
    }

    /// One copy of a row's layout: a folder holding the repository (and whatever the row puts beside it).
    final class Bench: @unchecked Sendable {
        // @unchecked: one bench is used by one test, on one thread; only `folder` is shared, immutably.
        let folder: TemporaryFolder
        let row: Row
        let key: URL

        init(row: Row, key: URL) throws {
            folder = try TemporaryFolder()
            self.row = row
            self.key = key
        }

        var workTree: URL { folder.url.appendingPathComponent(row.workTree) }

        /// git with fixed dates and identity, so that both copies make byte-identical commits.
        @discardableResult
        func git(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws
            -> CLI.Result
        {
            let dates = ["GIT_AUTHOR_DATE": "@1700000000 +0000", "GIT_COMMITTER_DATE": "@1700000000 +0000"]
            let folder = directory.map { self.folder.url.appendingPathComponent($0) } ?? workTree
            return try Shell.git(arguments, in: folder, environment: dates.merging(environment) { _, new in new })
        }

        /// A repository at `path` with the embedded roadmap committed.
        func makeRepository(at path: String = "repo", initArguments: [String] = []) throws {
            try FileManager.default.createDirectory(
                at: folder.url.appendingPathComponent(path), withIntermediateDirectories: true)
            try git(["init", "-q", "-b", "main"] + initArguments, in: path)
            #expect(try CLI.run(["init"], in: folder.url.appendingPathComponent(path)).status == 0)
            try folder.write("\(path)/phase-1/notes.md", "notes\n")
            try git(["add", "-A"], in: path)
            try git(["commit", "-q", "-m", "chore: start the roadmap"], in: path)
        }

        func write(_ path: String, _ text: String) throws { try folder.write("\(row.workTree)/\(path)", text) }

        /// `touch -d @seconds`: an mtime of whole seconds, which a test can put back exactly.
        func touch(_ path: String, seconds: Int) throws {
            _ = try Shell.run(
                URL(fileURLWithPath: "/usr/bin/touch"), ["-d", "@\(seconds)", path], in: workTree,
                environment: CLI.baseEnvironment)
        }

        /// The tracker staged again with an mtime `seconds` from now: an hour back makes its entry older than
        /// the index file (not racily clean); ahead makes it racily clean whenever the index is written.
        func restage(mtimeFromNow seconds: Int) throws -> Int {
            let mtime = Int(Date().timeIntervalSince1970) + seconds
            try touch("README.md", seconds: mtime)
            try git(["add", "README.md"])
            return mtime
        }

        /// A private edit of the tracker that keeps its size and inode ("Mastery" → "MASTERY" in place), with
        /// its mtime put back to `mtime`: only ctime, or the content, shows it.
        func editTrackerInPlace(puttingBack mtime: Int) throws {
            let url = workTree.appendingPathComponent("README.md")
            let range = try #require(try Data(contentsOf: url).range(of: Data("Mastery".utf8)))
            let handle = try FileHandle(forUpdating: url)
            try handle.seek(toOffset: UInt64(range.lowerBound))
            try handle.write(contentsOf: Data("MASTERY".utf8))
            try handle.close()
            try touch("README.md", seconds: mtime)
        }
    }

    static let rows: [Row] = [
        Row(name: "plain") { try $0.makeRepository() },
        Row(name: "split index") { bench in
            try bench.makeRepository()
            try bench.git(["update-index", "--split-index"])
        },
        Row(name: "index v4") { bench in
            try bench.makeRepository()
            try bench.git(["update-index", "--index-version", "4"])
        },
        Row(name: "untracked cache") { bench in
            try bench.makeRepository()
            try bench.git(["config", "core.untrackedCache", "true"])
            try bench.write("scratch.txt", "untracked\n")
            try bench.git(["update-index", "--untracked-cache"])
            try bench.git(["status", "--porcelain"])
        },
        Row(name: "sparse checkout and sparse index") { bench in
            try bench.makeRepository()
            try bench.write("elsewhere/far.md", "far\n")
            try bench.git(["add", "-A"])
            try bench.git(["commit", "-q", "-m", "chore: more"])
            try bench.git(["sparse-checkout", "set", "--cone", "--sparse-index", "phase-1"])
        },
        Row(name: "skip-worktree on the tracker", amends: false, reason: "README.md is marked skip-worktree") { bench in
            try bench.makeRepository()
            try bench.git(["update-index", "--skip-worktree", "README.md"])
        },
        Row(name: "skip-worktree on another file") { bench in
            try bench.makeRepository()
            try bench.git(["update-index", "--skip-worktree", "phase-1/notes.md"])
            try bench.write("phase-1/notes.md", "a private edit\n")
        },
        Row(name: "assume-unchanged on the tracker", amends: false, reason: "README.md is marked assume-unchanged") {
            bench in
            try bench.makeRepository()
            try bench.git(["update-index", "--assume-unchanged", "README.md"])
        },
        Row(name: "assume-unchanged on another file") { bench in
            try bench.makeRepository()
            try bench.git(["update-index", "--assume-unchanged", "phase-1/notes.md"])
            try bench.write("phase-1/notes.md", "a private edit\n")
        },
        Row(name: "intent-to-add") { bench in
            try bench.makeRepository()
            try bench.write("later.md", "later\n")
            try bench.git(["add", "-N", "later.md"])
        },
        Row(name: "a clean filter") { bench in
            try bench.makeRepository()
            try bench.git(["config", "filter.strip.clean", "sed -e '/SECRET/d'"])
            try bench.git(["config", "filter.strip.smudge", "cat"])
            try bench.write(".gitattributes", "README.md filter=strip\n")
            try bench.git(["add", ".gitattributes"])
            try bench.git(["commit", "-q", "-m", "chore: filter"])
            // A secret in the work tree only: the filter keeps it out of every commit.
            let readme = try String(contentsOf: bench.workTree.appendingPathComponent("README.md"), encoding: .utf8)
            try bench.write("README.md", readme + "SECRET=hunter2\n")
        },
        Row(name: "eol=crlf") { bench in
            try bench.makeRepository()
            try bench.write(".gitattributes", "README.md text eol=crlf\n")
            try bench.git(["add", ".gitattributes"])
            try bench.git(["commit", "-q", "-m", "chore: crlf"])
            try FileManager.default.removeItem(at: bench.workTree.appendingPathComponent("README.md"))
            try bench.git(["checkout", "--", "README.md"])
        },
        Row(name: "autocrlf=input") { bench in
            try bench.makeRepository()
            try bench.git(["config", "core.autocrlf", "input"])
            let readme = try String(contentsOf: bench.workTree.appendingPathComponent("README.md"), encoding: .utf8)
            try bench.write("README.md", readme.replacingOccurrences(of: "\n", with: "\r\n"))
        },
        Row(name: "a signed commit (SSH key)") { bench in
            try bench.makeRepository()
            try bench.git(["config", "gpg.format", "ssh"])
            try bench.git(["config", "user.signingkey", bench.key.path])
            try bench.git(["config", "commit.gpgSign", "true"])
        },
        Row(
            name: "GIT_COMMITTER_* from the environment",
            environment: ["GIT_COMMITTER_NAME": "Release Bot", "GIT_COMMITTER_EMAIL": "bot@example.com"]
        ) {
            try $0.makeRepository()
        },
        Row(name: "--separate-git-dir", workTree: "work") { bench in
            try bench.makeRepository(
                at: "work",
                initArguments: ["--separate-git-dir", bench.folder.url.appendingPathComponent("git-dir").path])
            // Where a reader that took the folder above the git folder as the work tree would look.
            try bench.folder.write("README.md", "not the tracker\n")
        },
        Row(name: "a linked worktree", workTree: "linked") { bench in
            try bench.makeRepository()
            try bench.git(["worktree", "add", "-q", "-b", "topic", "../linked"], in: "repo")
        },
        Row(name: "a submodule") { bench in
            try bench.makeRepository(at: "library")
            try bench.makeRepository()
            try bench.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", "../library", "library"])
            try bench.git(["commit", "-q", "-m", "chore: submodule"])
        },
        Row(name: "git commit -a", commit: ["commit", "-q", "-a", "-m", "finished #streams"]) { bench in
            try bench.makeRepository()
            try bench.write("phase-1/notes.md", "more notes\n")
        },
        Row(
            name: "git commit --only",
            commit: ["commit", "-q", "-m", "finished #streams", "--only", "phase-1/notes.md"]
        ) { bench in
            try bench.makeRepository()
            try bench.write("phase-1/notes.md", "more notes\n")
            try bench.write("staged.md", "staged, not committed\n")
            try bench.git(["add", "staged.md"])
        },
        Row(
            name: "git commit --include",
            commit: ["commit", "-q", "-m", "finished #streams", "--include", "phase-1/notes.md"]
        ) { bench in
            try bench.makeRepository()
            try bench.write("phase-1/notes.md", "more notes\n")
            try bench.write("staged.md", "staged and committed\n")
            try bench.git(["add", "staged.md"])
        },
        Row(name: "an untracked tracker", amends: false, reason: "README.md is not tracked") { bench in
            try bench.makeRepository()
            try bench.git(["rm", "-q", "--cached", "README.md"])
            try bench.git(["commit", "-q", "-m", "chore: untrack"])
        },
        Row(name: "an ignored tracker", amends: false, reason: "README.md is ignored") { bench in
            try bench.makeRepository()
            try bench.write(".gitignore", "README.md\n")
            try bench.git(["rm", "-q", "--cached", "README.md"])
            try bench.git(["add", ".gitignore"])
            try bench.git(["commit", "-q", "-m", "chore: ignore"])
        },
        Row(name: "a tracker older than the index (settled without git)") { bench in
            try bench.makeRepository()
            _ = try bench.restage(mtimeFromNow: -3_600)
        },
        Row(
            name: "an edit in the index's second, mtime put back (racy)", amends: false,
            reason: "README.md had changes of its own before this commit"
        ) { bench in
            try bench.makeRepository()
            // trustctime=false hides the edit's ctime: only the racy rule is left to catch it.
            try bench.git(["config", "core.trustctime", "false"])
            let mtime = try bench.restage(mtimeFromNow: 60)
            try bench.editTrackerInPlace(puttingBack: mtime)
        },
        Row(
            name: "an edit with size and mtime put back (touch -d)", amends: false,
            reason: "README.md had changes of its own before this commit"
        ) { bench in
            try bench.makeRepository()
            let mtime = try bench.restage(mtimeFromNow: -3_600)
            // git built without USE_NSEC (Debian's) compares whole seconds of ctime: an edit in the second of
            // the staging would be clean to git too.
            let now = Date().timeIntervalSince1970
            usleep(UInt32((now.rounded(.up) - now + 0.02) * 1_000_000))
            try bench.editTrackerInPlace(puttingBack: mtime)
        },
        Row(name: "core.trustctime=false") { bench in
            try bench.makeRepository()
            try bench.git(["config", "core.trustctime", "false"])
            _ = try bench.restage(mtimeFromNow: -3_600)
        },
        Row(name: "core.ignoreStat=true", amends: false, reason: "README.md is marked assume-unchanged") { bench in
            try bench.makeRepository()
            try bench.git(["config", "core.ignoreStat", "true"])
            // Staged again, the entry gets the assume-unchanged bit core.ignoreStat gives what git adds.
            _ = try bench.restage(mtimeFromNow: -3_600)
        },
        Row(name: "GIT_INDEX_FILE elsewhere", environment: ["GIT_INDEX_FILE": "../other-index"]) { bench in
            try bench.makeRepository()
            _ = try bench.restage(mtimeFromNow: -3_600)
            try bench.git(["read-tree", "HEAD"], environment: ["GIT_INDEX_FILE": "../other-index"])
        },
        Row(name: "an exec-bit change", amends: false, reason: "README.md had changes of its own before this commit") {
            bench in
            try bench.makeRepository()
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: bench.workTree.appendingPathComponent("README.md").path)
        },
    ]

    /// One SSH signing key for every row, made with ssh-keygen.
    static let key: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "roadmap-signing-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = folder.appendingPathComponent("key")
        _ = try? Shell.run(
            URL(fileURLWithPath: "/usr/bin/ssh-keygen"),
            ["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.path], in: folder,
            environment: CLI.baseEnvironment)
        return key
    }()

    /// What both copies must agree on.
    static func state(_ bench: Bench) throws -> [String] {
        [
            try bench.git(["status", "--porcelain=v2", "--untracked-files=all", "--ignored=matching"]).stdout,
            try bench.git(["ls-files", "-s", "-t", "-v"]).stdout,
            try bench.git(["cat-file", "-p", "HEAD"]).stdout,
            try bench.git(["log", "--format=%H %P"]).stdout,
            try bench.git(["fsck", "--no-progress", "--strict"]).stdout,
            try bench.folder.text("\(bench.row.workTree)/README.md"),
        ]
    }

    @Test(arguments: rows)
    func theHookDoesWhatPlainGitDoes(row: Row) throws {
        let hooked = try Bench(row: row, key: Self.key)
        let plain = try Bench(row: row, key: Self.key)
        try row.setup(hooked)
        try row.setup(plain)
        #expect(try Self.state(hooked) == Self.state(plain), "the setup is deterministic")

        let install = try CLI.run(["hook", "install"], in: hooked.workTree)
        #expect(install.status == 0, "\(install.stderr)")
        let commit = try hooked.git(row.commit, environment: row.environment)
        try plain.git(["-c", "core.hooksPath=/dev/null"] + row.commit, environment: row.environment)

        let lines = commit.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("roadmap: p1/streams → done (1/58)") == true, "\(commit.stderr)")
        if row.amends {
            #expect(lines == ["roadmap: p1/streams → done (1/58)"], "\(commit.stderr)")
        } else {
            #expect(
                lines.first?.hasSuffix("written in the work tree only: \(row.reason ?? "")") == true, "\(commit.stderr)"
            )
        }
        #expect(
            try hooked.git(["rev-list", "--count", "HEAD"]).stdout == plain.git(["rev-list", "--count", "HEAD"]).stdout)

        // The plain twin: the same tracker bytes, and the amend git would make.
        try plain.folder.write("\(row.workTree)/README.md", try hooked.folder.read("\(row.workTree)/README.md"))
        if row.amends {
            try plain.git(
                ["-c", "core.hooksPath=/dev/null", "commit", "--amend", "--no-edit", "--only", "-q", "--"]
                    + row.amendPaths, environment: row.environment)
        }
        let got = try Self.state(hooked)
        let expected = try Self.state(plain)
        for (index, what) in ["status", "ls-files -s", "HEAD", "log", "fsck", "README.md"].enumerated() {
            #expect(got[index] == expected[index], "\(row.name): \(what)")
        }
        if row.name == "--separate-git-dir" {
            #expect(try hooked.folder.text("README.md") == "not the tracker\n")
        }
        if row.name.hasPrefix("a signed commit") {
            #expect(
                try hooked.git(["cat-file", "commit", "HEAD"]).stdout.contains("gpgsig -----BEGIN SSH SIGNATURE-----"))
        }
        if row.name.hasPrefix("GIT_COMMITTER") {
            #expect(try hooked.git(["log", "-1", "--format=%cn <%ce>"]).stdout == "Release Bot <bot@example.com>\n")
        }
        if row.name == "a clean filter" {
            #expect(try !hooked.git(["show", "HEAD:README.md"]).stdout.contains("SECRET"))
            #expect(try hooked.git(["show", "HEAD:README.md"]).stdout.contains("✅ Streams"))
        }
        if let other = row.environment["GIT_INDEX_FILE"] {
            let listing = ["ls-files", "-s", "-t", "-v"]
            let environment = ["GIT_INDEX_FILE": other]
            #expect(
                try hooked.git(listing, environment: environment).stdout
                    == plain.git(listing, environment: environment).stdout)
            #expect(try hooked.git(["diff", "--cached", "--quiet"], environment: environment).status == 0)
        }
        if row.amends {
            #expect(try hooked.git(["show", "HEAD:README.md"], environment: [:]).stdout.contains("Streams"))
            #expect(try hooked.git(["diff", "HEAD~1", "HEAD", "--stat"]).stdout.contains("README.md"))
        }
    }

    /// The plain case is settled by libgit2: the trace says so and counts no git (the index and its
    /// cache-tree answer), so that this fails if the fold check falls back to git.
    @Test func thePlainCaseReadsTheIndexInProcess() throws {
        let bench = try Bench(row: Self.rows[0], key: Self.key)
        try bench.makeRepository()
        _ = try bench.restage(mtimeFromNow: -3_600)
        #expect(try CLI.run(["hook", "install"], in: bench.workTree).status == 0)
        let commit = try bench.git(Self.rows[0].commit, environment: ["ROADMAP_TRACE": "1"])
        #expect(
            commit.stderr.contains(
                "hook: files checked for changes of their own (index read by libgit2, git processes: 0): "),
            "\(commit.stderr)")
        #expect(commit.stderr.contains("roadmap: p1/streams → done (1/58)\n"), "\(commit.stderr)")
        #expect(try bench.git(["status", "--porcelain"]).stdout.isEmpty)
    }

    /// A tracker touched since it was staged (its mtime moved, its bytes not): git reads it and finds it
    /// clean, and so does the check, by hashing it, without a git. The amend then happens as git's would.
    /// git runs with no GIT_CONFIG* variable (which libgit2 does not follow, and then git is asked) and an
    /// empty home, so that both read the same files; the settings that matter are the repository's own.
    @Test func aTouchedTrackerIsSettledByItsContent() throws {
        let bench = try Bench(row: Self.rows[0], key: Self.key)
        try bench.makeRepository()
        try bench.git(["config", "core.autocrlf", "false"])
        try bench.git(["config", "core.attributesFile", "/dev/null"])
        let staged = try bench.restage(mtimeFromNow: -3_600)
        try bench.touch("README.md", seconds: staged + 1_800)
        #expect(try CLI.run(["hook", "install"], in: bench.workTree).status == 0)
        let home = try TemporaryFolder()
        var environment = CLI.baseEnvironment.merging([
            "HOME": home.url.path, "ROADMAP_TRACE": "1", "GIT_AUTHOR_NAME": "Ada Learner",
            "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_COMMITTER_NAME": "Ada Learner",
            "GIT_COMMITTER_EMAIL": "ada@example.com",
        ]) { _, new in new }
        environment["GIT_CONFIG_GLOBAL"] = nil
        environment["GIT_CONFIG_NOSYSTEM"] = nil
        let commit = try Shell.run(
            URL(fileURLWithPath: "/usr/bin/git"), Self.rows[0].commit, in: bench.workTree, environment: environment)
        #expect(commit.status == 0)
        #expect(
            commit.stderr.contains(
                "hook: files checked for changes of their own (index read by libgit2, git processes: 0): "),
            "\(commit.stderr)")
        #expect(commit.stderr.contains("roadmap: p1/streams → done (1/58)\n"), "\(commit.stderr)")
        #expect(try bench.git(["show", "HEAD:README.md"]).stdout.contains("✅ Streams"))
        #expect(try bench.git(["status", "--porcelain"]).stdout.isEmpty)
    }
}
