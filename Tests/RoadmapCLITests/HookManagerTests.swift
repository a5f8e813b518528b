import Foundation
import RoadmapKit
import Testing

/// roadmap under the hook managers learners use, run for real: pre-commit from PyPI (installed by
/// Scripts/python-tools.sh) with this repository's .pre-commit-hooks.yaml.
@Suite struct HookManagerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL
    static let tools = root.appendingPathComponent(".build-tools/venv/bin")

    /// A hook repository holding this repository's manifest, as pre-commit clones it, and its commit.
    static func hookRepository() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try Shell.git(["init", "-q", "-b", "main"], in: folder.url)
        try FileManager.default.copyItem(
            at: root.appendingPathComponent(".pre-commit-hooks.yaml"),
            to: folder.url.appendingPathComponent(".pre-commit-hooks.yaml"))
        try Shell.git(["add", "-A"], in: folder.url)
        try Shell.git(["commit", "-q", "-m", "hooks"], in: folder.url)
        let sha = try Shell.git(["rev-parse", "HEAD"], in: folder.url).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        return (folder, sha)
    }

    struct Learner {
        let repository: Repository
        let hooks: TemporaryFolder
        let cache: TemporaryFolder

        init(checkArguments: String = "") throws {
            repository = try Repository()
            let (hooks, sha) = try HookManagerTests.hookRepository()
            self.hooks = hooks
            cache = try TemporaryFolder()
            #expect(try repository.roadmap("init").status == 0)
            try repository.write(
                ".pre-commit-config.yaml",
                """
                default_install_hook_types: [post-commit, commit-msg]
                repos:
                  - repo: \(hooks.url.path)
                    rev: \(sha)
                    hooks:
                      - id: roadmap-sync
                      - id: roadmap-check-message\(checkArguments)

                """)
            try repository.commit("chore: start")
            let install = try run(
                HookManagerTests.tools.appendingPathComponent("pre-commit"), ["install"], withRoadmap: true)
            #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        }

        func environment(withRoadmap: Bool) -> [String: String] {
            var environment = CLI.baseEnvironment
            let path: [String?] = [
                withRoadmap ? CLI.binary.deletingLastPathComponent().path : nil, HookManagerTests.tools.path,
                "/usr/bin", "/bin",
            ]
            environment["PATH"] = path.compactMap { $0 }.joined(separator: ":")
            environment["PRE_COMMIT_HOME"] = cache.url.path
            environment["HOME"] = cache.url.path
            environment["GIT_AUTHOR_NAME"] = "Ada Learner"
            environment["GIT_AUTHOR_EMAIL"] = "ada@example.com"
            environment["GIT_COMMITTER_NAME"] = "Ada Learner"
            environment["GIT_COMMITTER_EMAIL"] = "ada@example.com"
            return environment
        }

        func run(_ executable: URL, _ arguments: [String], withRoadmap: Bool) throws -> CLI.Result {
            try Shell.run(executable, arguments, in: repository.url, environment: environment(withRoadmap: withRoadmap))
        }

        func commit(_ message: String, withRoadmap: Bool = true) throws -> CLI.Result {
            try repository.write("notes-\(UUID().uuidString).md", "x\n")
            _ = try run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], withRoadmap: withRoadmap)
            return try run(
                URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-q", "-m", message], withRoadmap: withRoadmap)
        }
    }

    @Test func preCommitRunsBothStagesAndShowsWhatRoadmapSays() throws {
        let learner = try Learner()
        let typo = try learner.commit("Notes\n\nRoadmap: done p1/evnt-loop")
        #expect(typo.status == 0, "\(typo.stderr)")
        #expect(
            (typo.stdout + typo.stderr).contains("evnt-loop"), "the typo warning is shown: \(typo.stdout)\(typo.stderr)"
        )
        let done = try learner.commit("Notes on the event loop\n\nRoadmap: done p1/event-loop")
        #expect(done.status == 0, "\(done.stderr)")
        let head = try learner.repository.git("show", "HEAD:README.md").stdout
        #expect(
            head.contains("✅ Event Loop"),
            "post-commit folded the synced tracker into the commit: \(done.stdout)\(done.stderr)")
        #expect(try learner.repository.git("status", "--porcelain").stdout.isEmpty)
    }

    @Test func withoutRoadmapOnPathACommitGoesThroughWithAWarning() throws {
        let learner = try Learner()
        let result = try learner.commit("Roadmap: done p1/event-loop", withRoadmap: false)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("roadmap: not on PATH; commit message not checked"))
        #expect(output.contains("roadmap: not on PATH; tracker not synced"))
        #expect(try learner.repository.git("log", "-1", "--format=%s").stdout == "Roadmap: done p1/event-loop\n")
    }

    @Test func strictRefusesAMissingBinaryAndATypo() throws {
        let learner = try Learner(checkArguments: "\n        args: [--strict]")
        let missing = try learner.commit("Roadmap: done p1/event-loop", withRoadmap: false)
        #expect(missing.status != 0, "strict: no binary, no commit")
        let typo = try learner.commit("Roadmap: done p1/evnt-loop")
        #expect(typo.status != 0, "strict: an unknown ref refuses the commit")
        let fine = try learner.commit("Roadmap: done p1/event-loop")
        #expect(fine.status == 0, "\(fine.stdout)\(fine.stderr)")
    }

    // MARK: husky

    /// husky v9's runner, `.husky/_/h`, as `husky` (npm) writes it: each `.husky/_/<hook>` stub sources it,
    /// and it runs the learner's `.husky/<hook>` with `sh -e`.
    static let huskyRunner = #"""
        #!/usr/bin/env sh
        [ "$HUSKY" = "2" ] && set -x
        n=$(basename "$0")
        s=$(dirname "$(dirname "$0")")/$n

        [ ! -f "$s" ] && exit 0

        if [ -f "$HOME/.huskyrc" ]; then
        	echo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
        fi
        i="${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
        [ -f "$i" ] && . "$i"

        [ "${HUSKY-}" = "0" ] && exit 0

        export PATH="node_modules/.bin:$PATH"
        sh -e "$s" "$@"
        c=$?

        [ $c != 0 ] && echo "husky - $n script failed (code $c)"
        [ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
        exit $c

        """#

    /// What `npx husky` leaves: `.husky/_/` with the runner and one stub per hook, and core.hooksPath.
    static func installHusky(in repository: Repository) throws {
        let generated = repository.url.appendingPathComponent(".husky/_")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        try Data(huskyRunner.utf8).write(to: generated.appendingPathComponent("h"))
        try Data("*\n".utf8).write(to: generated.appendingPathComponent(".gitignore"))
        for hook in ["pre-commit", "commit-msg", "post-commit", "post-merge"] {
            let stub = generated.appendingPathComponent(hook)
            try Data("#!/usr/bin/env sh\n. \"${0%/*}/h\"\n".utf8).write(to: stub)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
        }
        try repository.git("config", "core.hooksPath", ".husky/_")
    }

    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func huskyGetsALineInTheLearnersScriptAndItsFolderIsLeftAlone() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try Self.installHusky(in: repository)
        let learners = "echo \"learner's post-commit ran\" >> .git/learner-ran\n"
        try repository.write(".husky/post-commit", learners)
        try repository.commit("chore: start")
        let generated = try Self.snapshot(repository.url.appendingPathComponent(".husky/_"))
        let install = try repository.roadmap("hook", "install")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("added roadmap to \(repository.url.path)/.husky/post-commit"))
        #expect(
            try Self.snapshot(repository.url.appendingPathComponent(".husky/_")) == generated, ".husky/_ is husky's")
        #expect(try repository.text(".husky/post-commit") == learners + Husky.line(.postCommit) + "\n")
        #expect(try repository.roadmap("hook", "install").stdout.contains("already runs roadmap"))

        var environment = CLI.baseEnvironment
        environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let ranBefore = try repository.text(".git/learner-ran")
        try repository.git(["add", "-A"])
        let commit = try repository.git(
            ["commit", "-q", "-m", "Notes", "-m", "Roadmap: done p1/event-loop"], environment: environment)
        #expect(commit.status == 0)
        // The learner's script runs for the commit, and again for roadmap's amend, as git runs post-commit
        // after any `git commit --amend`.
        #expect(
            try repository.text(".git/learner-ran") == ranBefore
                + "learner's post-commit ran\nlearner's post-commit ran\n", "the learner's own script still runs")
        #expect(try repository.git("show", "HEAD:README.md").stdout.contains("✅ Event Loop"))

        let uninstall = try repository.roadmap("hook", "uninstall")
        #expect(uninstall.stdout == "removed roadmap's line from \(repository.url.path)/.husky/post-commit\n")
        #expect(try repository.text(".husky/post-commit") == learners)
        #expect(try Self.snapshot(repository.url.appendingPathComponent(".husky/_")) == generated)
    }

    /// What roadmap before this version left in `.husky/_` — its script in place of husky's stub, the stub
    /// kept beside it — and what `npm install` leaves after that (husky's stub back, the kept copy still there).
    @Test(arguments: [false, true])
    func whatAnEarlierRoadmapLeftInHuskysFolderIsRepaired(huskyReinstalled: Bool) throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try Self.installHusky(in: repository)
        let generated = try Self.snapshot(repository.url.appendingPathComponent(".husky/_"))
        let folder = repository.url.appendingPathComponent(".husky/_")
        try CLI.copyExecutable(
            folder.appendingPathComponent("post-commit"), to: folder.appendingPathComponent("post-commit.pre-roadmap"))
        if !huskyReinstalled {
            try Data(HookScript.text(.postCommit).utf8).write(to: folder.appendingPathComponent("post-commit"))
        }
        let install = try repository.roadmap("hook", "install")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(try Self.snapshot(folder) == generated, "husky's folder is as husky wrote it")
        #expect(try repository.text(".husky/post-commit") == Husky.line(.postCommit) + "\n")
        let uninstall = try repository.roadmap("hook", "uninstall")
        #expect(uninstall.stdout.contains("removed \(repository.url.path)/.husky/post-commit, which only ran roadmap"))
        #expect(
            !FileManager.default.fileExists(atPath: repository.url.appendingPathComponent(".husky/post-commit").path))
    }

    // MARK: lefthook

    @Test func lefthookGetsBothCommandsAndRunsThem() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        let config = "pre-commit:\n  commands:\n    hello:\n      run: echo hello from lefthook\n"
        try repository.write("lefthook.yml", config)
        try repository.commit("chore: start")
        var environment = CLI.baseEnvironment
        environment["PATH"] = [CLI.binary.deletingLastPathComponent().path, Self.tools.path, "/usr/bin", "/bin"].joined(
            separator: ":")
        let lefthook = try Shell.run(
            Self.tools.appendingPathComponent("lefthook"), ["install"], in: repository.url, environment: environment)
        #expect(lefthook.status == 0, "\(lefthook.stdout)\(lefthook.stderr)")
        let printed = try CLI.run(["hook", "install", "--print"], in: repository.url, environment: environment)
        #expect(
            printed.stdout == "lefthook.yml:\n" + Lefthook.block(.postCommit) + "\n" + Lefthook.block(.commitMessage))
        #expect(try repository.text("lefthook.yml") == config, "--print writes nothing")

        let install = try CLI.run(["hook", "install"], in: repository.url, environment: environment)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("ran lefthook install"))
        #expect(
            try repository.text("lefthook.yml") == config + "\n" + Lefthook.block(.postCommit) + "\n"
                + Lefthook.block(.commitMessage))

        try repository.git(["add", "-A"])
        let typo = try repository.git(
            ["commit", "-q", "-m", "Notes", "-m", "Roadmap: done p1/evnt-loop"], environment: environment)
        #expect((typo.stdout + typo.stderr).contains("evnt-loop"), "commit-msg warned: \(typo.stdout)\(typo.stderr)")
        try repository.write("more.md", "x\n")
        try repository.git(["add", "-A"])
        _ = try repository.git(
            ["commit", "-q", "-m", "Notes", "-m", "Roadmap: done p1/event-loop"], environment: environment)
        #expect(
            try repository.git("show", "HEAD:README.md").stdout.contains("✅ Event Loop"),
            "post-commit synced through lefthook")

        let uninstall = try CLI.run(["hook", "uninstall"], in: repository.url, environment: environment)
        #expect(uninstall.stdout.hasPrefix("removed roadmap's commands from lefthook.yml\n"))
        #expect(try repository.text("lefthook.yml") == config)
    }
}
