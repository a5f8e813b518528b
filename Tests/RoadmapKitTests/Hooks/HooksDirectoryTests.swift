import Foundation
import RoadmapKit
import Testing

@Suite("GitRepository.hooksDirectory and configString")
struct HooksDirectoryTests {
    private func open(_ fixture: TemporaryGitRepository, at path: URL? = nil) throws -> GitRepository {
        try GitRepository.open(at: path ?? fixture.directory, environment: fixture.confinedEnvironment)
    }

    /// Path comparison that ignores a trailing slash.
    private func path(_ url: URL) -> String {
        url.standardizedFileURL.path
    }

    @Test func defaultIsTheGitDirectorysHooksFolder() throws {
        let fixture = try TemporaryGitRepository()

        #expect(path(try open(fixture).hooksDirectory()) == fixture.directory.appendingPathComponent(".git/hooks").path)
    }

    @Test(arguments: [
        (".githooks", "repo/.githooks"),
        ("./tools//hooks/", "repo/tools/hooks"),
        ("../shared-hooks", "repo/../shared-hooks"),
    ])
    func relativeHooksPathIsTakenFromTheWorkTreeRoot(value: String, expected: String) throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a/b/file.txt", "x\n")
        try fixture.git("config", "core.hooksPath", value)

        // Opened from a subfolder: hooks still resolve against the top, where git runs them.
        let repository = try open(fixture, at: fixture.directory.appendingPathComponent("a/b"))

        #expect(try repository.hooksDirectory().path == fixture.root.appendingPathComponent(expected).path)
    }

    @Test func absoluteHooksPathIsUsedAsIs() throws {
        let fixture = try TemporaryGitRepository()
        let shared = try fixture.makeDirectory("company/hooks")
        try fixture.git("config", "core.hooksPath", shared.path)

        #expect(path(try open(fixture).hooksDirectory()) == shared.path)
    }

    @Test func tildeIsTheHomeFolder() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.git("config", "core.hooksPath", "~/git-hooks")
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])

        #expect(
            path(try open(fixture).hooksDirectory())
                == URL(fileURLWithPath: home).appendingPathComponent("git-hooks").standardizedFileURL.path)
    }

    @Test func hooksPathSetAfterOpeningIsSeen() throws {
        let fixture = try TemporaryGitRepository()
        let repository = try open(fixture)
        #expect(path(try repository.hooksDirectory()) == fixture.directory.appendingPathComponent(".git/hooks").path)

        try fixture.git("config", "core.hooksPath", ".husky")

        #expect(path(try repository.hooksDirectory()) == fixture.directory.appendingPathComponent(".husky").path)
    }

    @Test func linkedWorktreeSharesTheCommonHooksFolder() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("base\n")
        let worktree = fixture.root.appendingPathComponent("feature-tree", isDirectory: true)
        try fixture.git("worktree", "add", "--quiet", "-b", "feature", worktree.path)

        let repository = try open(fixture, at: worktree)
        #expect(path(repository.gitDirectory) != path(repository.commonDirectory))
        #expect(path(try repository.hooksDirectory()) == fixture.directory.appendingPathComponent(".git/hooks").path)

        // A relative core.hooksPath follows the work tree the hook runs in.
        try fixture.git("config", "core.hooksPath", ".githooks")
        #expect(path(try repository.hooksDirectory()) == worktree.appendingPathComponent(".githooks").path)
        // git prints the folder relative to the current directory, here the linked worktree's root.
        let gitsAnswer = try fixture.git(["rev-parse", "--git-path", "hooks"], in: worktree).trimmingCharacters(
            in: .newlines)
        #expect(path(try repository.hooksDirectory()) == worktree.appendingPathComponent(gitsAnswer).path, "git agrees")
    }

    @Test func configStringReadsValuesAndNilWhenUnset() throws {
        let fixture = try TemporaryGitRepository()
        let repository = try open(fixture)
        #expect(try repository.configString("roadmap.mode") == nil)

        try fixture.git("config", "roadmap.mode", "amend")
        try fixture.git("config", "--add", "roadmap.mode", "commit")
        try fixture.git("config", "roadmap.title", "  Ünïcode with spaces  ")
        try fixture.git("config", "core.filemode", "true")

        #expect(try repository.configString("roadmap.mode") == "commit", "the last value wins, as in git")
        #expect(try repository.configString("ROADMAP.Mode") == "commit", "section and key are case-insensitive")
        #expect(try repository.configString("roadmap.title") == "  Ünïcode with spaces  ")
        #expect(try repository.configString("core.filemode") == "true")
        let error = #expect(throws: RoadmapError.self) { try repository.configString("not a key") }
        #expect(error?.kind == .file)
    }
}
