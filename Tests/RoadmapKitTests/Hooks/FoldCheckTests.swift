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
        // Above whatever this machine's own files say, where a check reads them (sameConfiguration).
        try fixture.git("config", "core.autocrlf", "false")
        try fixture.git("config", "core.attributesFile", "/dev/null")
        return fixture
    }

    /// From `folder` of the work tree, as `git -C`. `sameConfiguration`: git reads the configuration files
    /// libgit2 reads in this test process (its HOME, no GIT_CONFIG* variable), so that what libgit2 reads of
    /// them is trusted; else the fixture's own (GIT_CONFIG_GLOBAL=/dev/null), which libgit2 here does not see.
    func check(
        _ fixture: TemporaryGitRepository, asking: Bool = true, environment: [String: String] = [:],
        from folder: String? = nil, sameConfiguration: Bool = false
    ) throws -> FoldCheck {
        var environment = fixture.environment(environment).merging(fixture.confinedEnvironment) { _, new in new }
        if sameConfiguration { Self.readConfigurationAsThisProcess(&environment) }
        let directory = folder.map { fixture.directory.appendingPathComponent($0) } ?? fixture.directory
        let repository = try GitRepository.open(at: directory, environment: environment)
        let git = try #require(GitCommand(environment: environment, directory: directory))
        return try git.foldCheck(of: ["README.md"], in: repository, askingWhetherOthersAreStaged: asking)
    }

    /// git then reads this machine's system and global files, as libgit2 does in this process; the settings
    /// the checks depend on are set in the repository, so that neither file changes the outcome.
    static func readConfigurationAsThisProcess(_ environment: inout [String: String]) {
        for name in ["GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "HOME", "XDG_CONFIG_HOME"] {
            environment[name] = ProcessInfo.processInfo.environment[name]
        }
    }

    /// After `git commit` the index's cache-tree names HEAD's tree: nothing else is staged, and no git runs.
    @Test func aCleanTrackerIsSettledInProcess() throws {
        let fixture = try repository()
        let asked = try check(fixture)
        #expect(asked.states == [.clean] && asked.readIndex && !asked.othersStaged && asked.gitProcesses == 0)
        let notAsked = try check(fixture, asking: false)
        #expect(notAsked.states == [.clean] && notAsked.readIndex && notAsked.gitProcesses == 0)
    }

    /// A path added without `git commit` leaves the cache-tree invalid above it: git is asked, and says so.
    @Test func anInvalidCacheTreeIsLeftToGit() throws {
        let fixture = try repository()
        try fixture.write("notes.md", "notes\n")
        try fixture.git("add", "notes.md")
        let asked = try check(fixture)
        #expect(asked.states == [.clean] && !asked.othersStaged && asked.gitProcesses == 1)
        // Added with HEAD's content, so the tree git would commit is HEAD's: git says nothing is staged, and
        // once `git write-tree` has made the cache-tree whole again, so does the cache-tree.
        try fixture.git("write-tree")
        let again = try check(fixture)
        #expect(!again.othersStaged && again.gitProcesses == 0)
    }

    /// A staged submodule bump is something else staged, even where diff.ignoreSubmodules=all would hide it
    /// from a plain `git diff --cached`: amending with --include would fold it into the commit.
    @Test func aStagedSubmoduleIsSeenWhateverTheConfigIgnores() throws {
        let fixture = try repository()
        let first = "1111111111111111111111111111111111111111"
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(first),vendor/lib")
        try fixture.git("commit", "-q", "-m", "vendor")
        try fixture.git("update-index", "--cacheinfo", "160000,2222222222222222222222222222222222222222,vendor/lib")
        try fixture.git("config", "diff.ignoreSubmodules", "all")
        let asked = try check(fixture)
        #expect(asked.states == [.clean] && asked.othersStaged && asked.gitProcesses == 1)
    }

    /// Something else staged, and the cache-tree made whole by `git write-tree`: it names another tree than
    /// HEAD's, and no git runs.
    @Test func aStagedChangeNamesAnotherTree() throws {
        let fixture = try repository()
        try fixture.write("notes.md", "other notes\n")
        try fixture.git("add", "notes.md")
        try fixture.git("write-tree")
        let asked = try check(fixture)
        #expect(asked.othersStaged && asked.gitProcesses == 0)
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

    /// Added again with an mtime ahead of the index file written after it: racily clean to git too, which
    /// then compares the content. So does the check, where git would convert nothing and reads the same
    /// configuration files; else it asks git.
    @Test func aRacilyCleanEntryIsSettledByItsContent() throws {
        let fixture = try repository()
        try fixture.write("README.md", "# Roadmap\n")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 10)],
            ofItemAtPath: fixture.directory.appendingPathComponent("README.md").path)
        try fixture.git("add", "README.md")
        let hashed = try check(fixture, asking: false, sameConfiguration: true)
        #expect(hashed.states == [.clean] && hashed.readIndex && hashed.gitProcesses == 0)
        let otherConfiguration = try check(fixture, asking: false)
        #expect(otherConfiguration.states == [.clean] && otherConfiguration.gitProcesses == 1)
        // The same size, other bytes, the stat data put back: git reads it and sees the edit, and so does the check.
        try fixture.write("README.md", "# Roadwork\n")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 10)],
            ofItemAtPath: fixture.directory.appendingPathComponent("README.md").path)
        let edited = try check(fixture, asking: false, sameConfiguration: true)
        #expect(edited.states == [.changed] && edited.gitProcesses == 1)
    }

    /// Where git would convert the file (an attribute, core.autocrlf), its content is git's to compare.
    @Test(arguments: [
        (".gitattributes", "README.md text eol=crlf\n"), (".gitattributes", "*.md ident\n"),
        (".gitattributes", "README.md filter=strip\n"), (".git/info/attributes", "* working-tree-encoding=UTF-16\n"),
    ])
    func aConvertedFileIsLeftToGit(file: String, attributes: String) throws {
        let fixture = try repository()
        try fixture.write(file, attributes)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 10)],
            ofItemAtPath: fixture.directory.appendingPathComponent("README.md").path)
        let asked = try check(fixture, asking: false, sameConfiguration: true)
        #expect(asked.gitProcesses == 1)
    }

    @Test func autocrlfLeavesTheContentToGit() throws {
        let fixture = try repository()
        try fixture.git("config", "core.autocrlf", "input")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 10)],
            ofItemAtPath: fixture.directory.appendingPathComponent("README.md").path)
        #expect(try check(fixture, asking: false, sameConfiguration: true).gitProcesses == 1)
        try fixture.git("config", "core.autocrlf", "false")
        #expect(try check(fixture, asking: false, sameConfiguration: true).gitProcesses == 0)
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
    /// finds the content unchanged (even with --no-optional-locks), and its ctime then matches. The file has
    /// the ident attribute, so that its content is git's to compare and the stat data alone decide.
    @Test func coreTrustCTimeFalseIsHonouredOnlyWhereLibgit2SeesWhatGitSees() throws {
        let fixture = try repository()
        try fixture.write(".git/info/attributes", "README.md ident\n")
        try fixture.git("config", "core.trustctime", "true")
        let readme = fixture.directory.appendingPathComponent("README.md").path
        func changeCTime() throws {
            usleep(20_000)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: readme)
        }
        /// Reading the configuration files this test process reads, as libgit2 here does (local settings win).
        func asked(_ extra: [String: String] = [:]) throws -> FoldCheck {
            var environment = fixture.environment(extra).merging(fixture.confinedEnvironment) { _, new in new }
            Self.readConfigurationAsThisProcess(&environment)
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
