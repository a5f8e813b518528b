import Foundation
import Testing

@testable import RoadmapKit

@Suite("GitRepository.open")
struct RepositoryOpeningTests {
    /// Makes a repository with one commit and a nested folder `a/b`.
    private func repositoryWithNestedFolder() throws -> (TemporaryGitRepository, head: String) {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a/b/file.txt", "nested\n")
        let head = try fixture.commit("first\n")
        return (fixture, head)
    }

    /// Compares directories by their resolved path, ignoring any trailing slash.
    private func samePath(_ url: URL, _ other: URL) -> Bool {
        url.resolvingSymlinksInPath().standardizedFileURL.path
            == other.resolvingSymlinksInPath().standardizedFileURL.path
    }

    @Test func discoversTheRepositoryFromASubdirectory() throws {
        let (fixture, head) = try repositoryWithNestedFolder()
        let start = fixture.directory.appendingPathComponent("a/b", isDirectory: true)

        let repository = try GitRepository.open(at: start, environment: fixture.confinedEnvironment)

        #expect(samePath(repository.workingDirectory, fixture.directory))
        #expect(samePath(repository.gitDirectory, fixture.directory.appendingPathComponent(".git")))
        #expect(samePath(repository.commonDirectory, repository.gitDirectory))
        #expect(try repository.headCommitID() == head)
    }

    @Test func opensAtTheWorkTreeRootLikeGitDashC() throws {
        let (fixture, head) = try repositoryWithNestedFolder()

        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)

        #expect(samePath(repository.workingDirectory, fixture.directory))
        #expect(try repository.headCommitID() == head)
    }

    @Test func gitDirAndWorkTreeFromTheEnvironmentNeedNoDiscovery() throws {
        let (fixture, head) = try repositoryWithNestedFolder()
        let elsewhere = try fixture.makeDirectory("elsewhere")

        let repository = try GitRepository.open(
            at: elsewhere,
            environment: [
                "GIT_DIR": fixture.directory.appendingPathComponent(".git").path,
                "GIT_WORK_TREE": fixture.directory.path,
            ])

        #expect(samePath(repository.workingDirectory, fixture.directory))
        #expect(samePath(repository.gitDirectory, fixture.directory.appendingPathComponent(".git")))
        #expect(try repository.headCommitID() == head)
    }

    @Test func relativeGitDirIsResolvedAgainstThePathAsInAHook() throws {
        let (fixture, head) = try repositoryWithNestedFolder()

        // A hook runs at the top of the work tree with GIT_DIR=.git (relative).
        let repository = try GitRepository.open(at: fixture.directory, environment: ["GIT_DIR": ".git"])

        #expect(samePath(repository.workingDirectory, fixture.directory))
        #expect(try repository.headCommitID() == head)
    }

    @Test func gitWorkTreeGivesABareRepositoryAWorkTree() throws {
        let (fixture, head) = try repositoryWithNestedFolder()
        let bare = fixture.root.appendingPathComponent("mirror.git", isDirectory: true)
        try fixture.git("clone", "--quiet", "--bare", fixture.directory.path, bare.path, in: fixture.root)
        let checkout = try fixture.makeDirectory("checkout")

        let repository = try GitRepository.open(
            at: checkout,
            environment: [
                "GIT_DIR": "../mirror.git",
                "GIT_WORK_TREE": ".",
            ])

        #expect(samePath(repository.workingDirectory, checkout))
        #expect(samePath(repository.gitDirectory, bare))
        #expect(try repository.headCommitID() == head)
    }

    @Test func gitWorkTreeAloneOverridesTheDiscoveredWorkTree() throws {
        let (fixture, head) = try repositoryWithNestedFolder()
        let otherTree = try fixture.makeDirectory("other-tree")
        var environment = fixture.confinedEnvironment
        environment["GIT_WORK_TREE"] = otherTree.path

        let repository = try GitRepository.open(at: fixture.directory, environment: environment)

        #expect(samePath(repository.workingDirectory, otherTree))
        #expect(samePath(repository.gitDirectory, fixture.directory.appendingPathComponent(".git")))
        #expect(try repository.headCommitID() == head)
    }

    @Test func gitDirNamingNoRepositoryIsNotARepository() throws {
        let fixture = try TemporaryGitRepository()
        let missing = fixture.root.appendingPathComponent("no-such-dir").path

        let error = #expect(throws: RoadmapError.self) {
            try GitRepository.open(at: fixture.directory, environment: ["GIT_DIR": missing])
        }
        #expect(error?.kind == .notARepository)
        #expect(error?.message.hasSuffix(": " + missing) == true)
        #expect(error?.message.contains(missing) == true)
    }

    @Test func gitDirIsNotSearchedUpwardNorIntoDotGit() throws {
        let (fixture, _) = try repositoryWithNestedFolder()

        // GIT_DIR=<work tree> is not a repository for git either: it names the git directory itself.
        let error = #expect(throws: RoadmapError.self) {
            try GitRepository.open(at: fixture.root, environment: ["GIT_DIR": fixture.directory.path])
        }
        #expect(error?.kind == .notARepository)
    }

    @Test func linkedWorktreeOpensWithItsOwnHeadAndWorkTree() throws {
        let (fixture, mainHead) = try repositoryWithNestedFolder()
        let worktree = fixture.root.appendingPathComponent("feature-tree", isDirectory: true)
        try fixture.git("worktree", "add", "--quiet", "-b", "feature", worktree.path)
        try FileManager.default.createDirectory(
            at: worktree.appendingPathComponent("deeper/still"), withIntermediateDirectories: true)
        try fixture.write("unused.txt", "")  // keep the main work tree dirty: must not matter
        try "feature\n".write(to: worktree.appendingPathComponent("feature.txt"), atomically: true, encoding: .utf8)
        try fixture.git("add", "feature.txt", in: worktree)
        try fixture.git("commit", "--quiet", "-m", "feature work", in: worktree)
        let featureHead = try fixture.revParse("HEAD", in: worktree)

        let repository = try GitRepository.open(
            at: worktree.appendingPathComponent("deeper/still"), environment: fixture.confinedEnvironment)

        #expect(try repository.headCommitID() == featureHead)
        #expect(samePath(repository.workingDirectory, worktree))
        #expect(
            samePath(repository.gitDirectory, fixture.directory.appendingPathComponent(".git/worktrees/feature-tree")))
        #expect(samePath(repository.commonDirectory, fixture.directory.appendingPathComponent(".git")))
        var ids: [String] = []
        try repository.forEachCommit { ids.append($0.id) }
        #expect(ids == [mainHead, featureHead])
        #expect(try repository.headTreePaths() == ["a/b/file.txt", "feature.txt"])

        let mainRepository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        #expect(try mainRepository.headCommitID() == mainHead)

        // A hook in a linked worktree runs at the worktree's top with GIT_DIR = the worktree's git dir, no GIT_WORK_TREE.
        let fromHook = try GitRepository.open(at: worktree, environment: ["GIT_DIR": repository.gitDirectory.path])
        #expect(try fromHook.headCommitID() == featureHead)
        #expect(samePath(fromHook.workingDirectory, worktree))
        #expect(samePath(fromHook.commonDirectory, fixture.directory.appendingPathComponent(".git")))
    }

    @Test func bareRepositoryIsRejected() throws {
        let fixture = try TemporaryGitRepository(bare: true)

        for start in [fixture.directory, fixture.directory.appendingPathComponent("refs", isDirectory: true)] {
            let error = #expect(throws: RoadmapError.self) {
                try GitRepository.open(at: start, environment: fixture.confinedEnvironment)
            }
            #expect(error?.kind == .notARepository)
            #expect(error?.message.hasPrefix("bare repository (no working tree): ") == true)
        }
    }

    @Test func plainDirectoryIsNotARepository() throws {
        let fixture = try TemporaryGitRepository()
        let plain = try fixture.makeDirectory("plain/inner")

        let error = #expect(throws: RoadmapError.self) {
            try GitRepository.open(at: plain, environment: fixture.confinedEnvironment)
        }

        #expect(error?.kind == .notARepository)
        #expect(error?.message.hasSuffix(": " + plain.path) == true)
        #expect(error?.message.contains(plain.path) == true)
        #expect(error?.message == "not a git repository (or any parent up to \(fixture.root.path)): \(plain.path)")
    }

    @Test func ceilingDirectoriesStopDiscoveryLikeGit() throws {
        let (fixture, _) = try repositoryWithNestedFolder()
        let start = fixture.directory.appendingPathComponent("a/b", isDirectory: true)
        let ceiling = fixture.directory.appendingPathComponent("a").path

        #expect(throws: TemporaryGitRepository.CommandFailure.self, "git agrees there is no repository") {
            try fixture.git(["rev-parse", "--git-dir"], in: start, environment: ["GIT_CEILING_DIRECTORIES": ceiling])
        }
        let error = #expect(throws: RoadmapError.self) {
            try GitRepository.open(at: start, environment: ["GIT_CEILING_DIRECTORIES": ceiling])
        }
        #expect(error?.kind == .notARepository)
    }

    @Test func missingStartDirectoryIsNotARepository() throws {
        let fixture = try TemporaryGitRepository()
        let missing = fixture.root.appendingPathComponent("does/not/exist")

        let error = #expect(throws: RoadmapError.self) {
            try GitRepository.open(at: missing, environment: fixture.confinedEnvironment)
        }
        #expect(error?.kind == .notARepository)
        #expect(error?.message.hasSuffix(": " + missing.path) == true)
    }
}
