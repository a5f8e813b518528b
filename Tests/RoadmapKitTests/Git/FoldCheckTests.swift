import Foundation
import RoadmapKit
import Testing

/// GitCommand.foldCheck against real repositories: which way it read the index and how many gits it
/// started, counted where it starts them, so that a silent fall back to git fails these tests.
@Suite struct FoldCheckTests {
    /// README.md committed with an mtime an hour back, so that the index written after it is not racy.
    func repository() throws -> TemporaryGitRepository {
        let fixture = try TemporaryGitRepository()
        try fixture.write("README.md", "# Roadmap\n")
        try fixture.write("notes.md", "notes\n")
        let readme = fixture.directory.appendingPathComponent("README.md")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: readme.path)
        try fixture.git("add", "-A")
        try fixture.git("commit", "-q", "-m", "start")
        return fixture
    }

    /// From `folder` of the work tree, as `git -C`.
    func check(
        _ fixture: TemporaryGitRepository, asking: Bool = true, environment: [String: String] = [:],
        from folder: String? = nil
    ) throws -> FoldCheck {
        let environment = fixture.environment(environment).merging(fixture.confinedEnvironment) { _, new in new }
        let directory = folder.map { fixture.directory.appendingPathComponent($0) } ?? fixture.directory
        let repository = try GitRepository.open(at: directory, environment: environment)
        let git = try #require(GitCommand(environment: environment, directory: directory))
        return try git.foldCheck(of: ["README.md"], in: repository, askingWhetherOthersAreStaged: asking)
    }

    @Test func aCleanTrackerIsSettledInProcess() throws {
        let fixture = try repository()
        let asked = try check(fixture)
        #expect(asked.states == [.clean] && asked.readIndex && !asked.othersStaged)
        // Only `git diff --cached --quiet`.
        #expect(asked.gitProcesses == 1)
        let notAsked = try check(fixture, asking: false)
        #expect(notAsked.states == [.clean] && notAsked.readIndex && notAsked.gitProcesses == 0)
    }

    @Test func somethingElseStagedIsSeen() throws {
        let fixture = try repository()
        try fixture.write("notes.md", "more notes\n")
        try fixture.git("add", "notes.md")
        let asked = try check(fixture)
        #expect(asked.states == [.clean] && asked.othersStaged && asked.gitProcesses == 1)
    }

    @Test func anEditOfTheSameSizeIsLeftToGit() throws {
        let fixture = try repository()
        try fixture.write("README.md", "# Roadwork\n")
        let asked = try check(fixture, asking: false)
        #expect(asked.states == [.changed] && asked.readIndex && asked.gitProcesses == 1)
    }

    @Test func aRacilyCleanEntryIsLeftToGit() throws {
        let fixture = try repository()
        // Added again with an mtime ahead of the index file written after it: racily clean to git too.
        try fixture.write("README.md", "# Roadmap\n")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 10)],
            ofItemAtPath: fixture.directory.appendingPathComponent("README.md").path)
        try fixture.git("add", "README.md")
        let asked = try check(fixture, asking: false)
        #expect(asked.states == [.clean] && asked.readIndex && asked.gitProcesses == 1)
    }

    @Test func aSplitIndexIsListedByGit() throws {
        let fixture = try repository()
        try fixture.git("update-index", "--split-index")
        let asked = try check(fixture, asking: false)
        #expect(asked.states == [.clean] && !asked.readIndex)
        // Only `git ls-files --debug`: the stat data it lists settle the rest.
        #expect(asked.gitProcesses == 1)
    }

    /// A ctime-only change (chmod to the same mode): compared unless core.trustctime=false, which is
    /// believed only when git reads the same configuration files as libgit2 (no GIT_CONFIG* variable).
    /// The change is made again before each check that asks git: git's diff refreshes the index when it
    /// finds the content unchanged (even with --no-optional-locks), and its ctime then matches.
    @Test func coreTrustCTimeFalseIsHonouredOnlyWhereLibgit2SeesWhatGitSees() throws {
        let fixture = try repository()
        let readme = fixture.directory.appendingPathComponent("README.md").path
        func changeCTime() throws {
            usleep(20_000)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: readme)
        }
        /// Without the fixture's GIT_CONFIG_GLOBAL and GIT_CONFIG_NOSYSTEM (HOME is the fixture's folder).
        func asked(_ extra: [String: String] = [:]) throws -> FoldCheck {
            var environment = fixture.environment(extra).merging(fixture.confinedEnvironment) { _, new in new }
            environment["GIT_CONFIG_GLOBAL"] = nil
            environment["GIT_CONFIG_NOSYSTEM"] = nil
            let repository = try GitRepository.open(at: fixture.directory, environment: environment)
            let git = try #require(GitCommand(environment: environment, directory: fixture.directory))
            return try git.foldCheck(of: ["README.md"], in: repository, askingWhetherOthersAreStaged: false)
        }
        try changeCTime()
        let compared = try asked()
        #expect(compared.states == [.clean] && compared.gitProcesses == 1, "\(compared)")
        try fixture.git("config", "core.trustctime", "false")
        try changeCTime()
        let trusted = try asked()
        #expect(trusted.states == [.clean] && trusted.gitProcesses == 0, "\(trusted)")
        let overridden = try asked(["GIT_CONFIG_PARAMETERS": "'core.trustctime=true'"])
        #expect(overridden.states == [.clean] && overridden.gitProcesses == 1, "\(overridden)")
    }

    /// git's diff rewrites the index when a file's stat data changed and its content did not, as `git diff`
    /// does for a user: the one write a fold check can cause, and what makes the next check settle in-process.
    @Test func gitsRefreshAfterAStatOnlyChangeLetsTheNextCheckSettleInProcess() throws {
        let fixture = try repository()
        let readme = fixture.directory.appendingPathComponent("README.md").path
        // A ctime in a later second than the one recorded: git (without USE_NSEC) compares whole seconds.
        sleep(1)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: readme)
        let first = try check(fixture, asking: false)
        #expect(first.states == [.clean] && first.gitProcesses == 1, "\(first)")
        let second = try check(fixture, asking: false)
        #expect(second.states == [.clean] && second.gitProcesses == 0, "\(second)")
    }

    @Test(arguments: [false, true])
    func fromASubfolderPathsAreStillFromTheTop(split: Bool) throws {
        let fixture = try repository()
        try fixture.write("docs/guide.md", "guide\n")
        if split { try fixture.git("update-index", "--split-index") }
        let asked = try check(fixture, asking: false, from: "docs")
        #expect(asked.states == [.clean] && asked.readIndex == !split)
    }

    @Test func anotherIndexFileIsTheOneRead() throws {
        let fixture = try repository()
        let other = fixture.root.appendingPathComponent("other-index")
        try fixture.git(["read-tree", "--empty"], environment: ["GIT_INDEX_FILE": other.path])
        let asked = try check(fixture, asking: false, environment: ["GIT_INDEX_FILE": other.path])
        #expect(asked.states == [.untracked] && asked.readIndex)
    }
}
