import Foundation
import Testing

/// roadmap under the hook managers learners use, run for real: pre-commit from PyPI (installed by
/// Scripts/python-tools.sh) with this repository's .pre-commit-hooks.yaml.
@Suite struct HookManagerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let tools = root.appendingPathComponent(".build-tools/venv/bin")

    /// A hook repository holding this repository's manifest, as pre-commit clones it, and its commit.
    static func hookRepository() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try Shell.git(["init", "-q", "-b", "main"], in: folder.url)
        try FileManager.default.copyItem(at: root.appendingPathComponent(".pre-commit-hooks.yaml"), to: folder.url.appendingPathComponent(".pre-commit-hooks.yaml"))
        try Shell.git(["add", "-A"], in: folder.url)
        try Shell.git(["commit", "-q", "-m", "hooks"], in: folder.url)
        let sha = try Shell.git(["rev-parse", "HEAD"], in: folder.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
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
            try repository.write(".pre-commit-config.yaml", """
                default_install_hook_types: [post-commit, commit-msg]
                repos:
                  - repo: \(hooks.url.path)
                    rev: \(sha)
                    hooks:
                      - id: roadmap-sync
                      - id: roadmap-check-message\(checkArguments)

                """)
            try repository.commit("chore: start")
            let install = try run(HookManagerTests.tools.appendingPathComponent("pre-commit"), ["install"], withRoadmap: true)
            #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        }

        func environment(withRoadmap: Bool) -> [String: String] {
            var environment = CLI.baseEnvironment
            let path: [String?] = [withRoadmap ? CLI.binary.deletingLastPathComponent().path : nil, HookManagerTests.tools.path, "/usr/bin", "/bin"]
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
            return try run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-q", "-m", message], withRoadmap: withRoadmap)
        }
    }

    @Test func preCommitRunsBothStagesAndShowsWhatRoadmapSays() throws {
        let learner = try Learner()
        let typo = try learner.commit("Notes\n\nRoadmap: done p1/evnt-loop")
        #expect(typo.status == 0, "\(typo.stderr)")
        #expect((typo.stdout + typo.stderr).contains("evnt-loop"), "the typo warning is shown: \(typo.stdout)\(typo.stderr)")
        let done = try learner.commit("Notes on the event loop\n\nRoadmap: done p1/event-loop")
        #expect(done.status == 0, "\(done.stderr)")
        let head = try learner.repository.git("show", "HEAD:README.md").stdout
        #expect(head.contains("✅ Event Loop"), "post-commit folded the synced tracker into the commit: \(done.stdout)\(done.stderr)")
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
}
