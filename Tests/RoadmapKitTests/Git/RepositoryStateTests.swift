import Foundation
import RoadmapKit
import Testing

@Suite("GitRepository.operationInProgress")
struct OperationInProgressTests {
    /// main and topic both change conflict.txt after a shared base; main also has a second commit.
    private func divergedRepository() throws -> TemporaryGitRepository {
        let fixture = try TemporaryGitRepository()
        try fixture.write("conflict.txt", "base\n")
        try fixture.commit("base\n")
        try fixture.git("checkout", "--quiet", "-b", "topic")
        try fixture.write("conflict.txt", "topic\n")
        try fixture.commit("topic change\n")
        try fixture.write("topic-only.txt", "topic\n")
        try fixture.commit("topic second\n")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("conflict.txt", "main\n")
        try fixture.commit("main change\n")
        try fixture.write("main-only.txt", "main\n")
        try fixture.commit("main second\n")
        return fixture
    }

    private func operation(in fixture: TemporaryGitRepository) throws -> RepositoryOperation? {
        try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment).operationInProgress
    }

    @Test func noneNormally() throws {
        let fixture = try divergedRepository()
        #expect(try operation(in: fixture) == nil)
        try fixture.git("merge", "--quiet", "--no-edit", "-s", "ours", "topic")
        #expect(try operation(in: fixture) == nil, "a finished merge leaves nothing behind")
    }

    @Test func conflictedMerge() throws {
        let fixture = try divergedRepository()
        #expect(throws: TemporaryGitRepository.CommandFailure.self) { try fixture.git("merge", "--no-edit", "topic") }

        #expect(try operation(in: fixture) == .merge)
        try fixture.git("merge", "--abort")
        #expect(try operation(in: fixture) == nil)
    }

    @Test func interactiveRebaseStoppedToEdit() throws {
        let fixture = try divergedRepository()
        // Mark the first picked commit `edit`, so the rebase stops after it.
        try fixture.git(
            ["rebase", "--quiet", "-i", "HEAD~2"],
            environment: ["GIT_SEQUENCE_EDITOR": "sed -i -e '1s/^pick/edit/'", "GIT_EDITOR": "true"])

        #expect(
            FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent(".git/rebase-merge").path))
        #expect(try operation(in: fixture) == .rebase)
        try fixture.git("rebase", "--abort")
        #expect(try operation(in: fixture) == nil)
    }

    @Test func conflictedCherryPick() throws {
        let fixture = try divergedRepository()
        #expect(throws: TemporaryGitRepository.CommandFailure.self) { try fixture.git("cherry-pick", "topic~1") }

        #expect(try operation(in: fixture) == .cherryPick)
    }

    @Test func cherryPickOfSeveralCommitsBetweenPicks() throws {
        let fixture = try divergedRepository()
        #expect(throws: TemporaryGitRepository.CommandFailure.self) {
            try fixture.git("cherry-pick", "topic~1", "topic")
        }
        try fixture.write("conflict.txt", "resolved\n")
        try fixture.git("add", "conflict.txt")
        // Committing the resolution removes CHERRY_PICK_HEAD; only sequencer/ says the pick is not over.
        try fixture.git("commit", "--quiet", "--no-edit")
        #expect(
            !FileManager.default.fileExists(
                atPath: fixture.directory.appendingPathComponent(".git/CHERRY_PICK_HEAD").path))
        #expect(try fixture.git("status").contains("Cherry-pick currently in progress"))

        #expect(try operation(in: fixture) == .cherryPick)
        try fixture.git("cherry-pick", "--continue")
        #expect(try operation(in: fixture) == nil)
    }

    @Test func conflictedRevert() throws {
        let fixture = try divergedRepository()
        try fixture.write("conflict.txt", "changed again\n")
        try fixture.commit("main third\n")
        #expect(throws: TemporaryGitRepository.CommandFailure.self) { try fixture.git("revert", "--no-edit", "HEAD~2") }

        #expect(try operation(in: fixture) == .revert)
    }

    @Test func bisectStarted() throws {
        let fixture = try divergedRepository()
        try fixture.git("bisect", "start")

        #expect(try operation(in: fixture) == .bisect)
        try fixture.git("bisect", "bad", "HEAD")
        try fixture.git("bisect", "good", "HEAD~2")
        #expect(try operation(in: fixture) == .bisect, "still bisecting with a commit checked out")
        try fixture.git("bisect", "reset")
        #expect(try operation(in: fixture) == nil)
    }

    @Test func conflictedApplyMailbox() throws {
        let fixture = try divergedRepository()
        let patch = fixture.root.appendingPathComponent("topic.patch")
        try fixture.git(
            "format-patch", "--quiet", "-1", "topic~1", "-o", fixture.root.appendingPathComponent("patches").path)
        let patches = try FileManager.default.contentsOfDirectory(
            atPath: fixture.root.appendingPathComponent("patches").path)
        try FileManager.default.moveItem(at: fixture.root.appendingPathComponent("patches/\(patches[0])"), to: patch)
        #expect(throws: TemporaryGitRepository.CommandFailure.self) { try fixture.git("am", patch.path) }

        #expect(try operation(in: fixture) == .applyMailbox)
        try fixture.git("am", "--abort")
        #expect(try operation(in: fixture) == nil)
    }

    @Test func rawValuesAreGitsNames() {
        #expect(RepositoryOperation.cherryPick.rawValue == "cherry-pick")
        #expect(RepositoryOperation.applyMailbox.rawValue == "am")
        #expect(RepositoryOperation(rawValue: "rebase") == .rebase)
    }
}
