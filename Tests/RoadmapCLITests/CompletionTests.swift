import Foundation
import Testing

/// Shell completions: ArgumentParser's scripts for bash, zsh and fish, and `explain <TAB>` offering the
/// refs of the tracker the command line reads.
@Suite struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func eachShellsScriptAsksTheBinaryForItemRefs(shell: String) throws {
        let folder = try TemporaryFolder()
        let script = try CLI.run(["--generate-completion-script", shell], in: folder.url)
        #expect(script.status == 0)
        #expect(script.stdout.contains("---completion explain -- positional@0"))
    }

    @Test func explainCompletesIdsAndUniqueSlugsOfTheTrackerItReads() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        // As bash asks while the learner types `roadmap explain p1/s<TAB>` and `roadmap -C … explain stre<TAB>`.
        let ids = try repository.roadmap(
            "---completion", "explain", "--", "positional@0", "2", "4", "roadmap", "explain", "p1/s")
        #expect(ids.stdout == "p1/streams\n")
        let elsewhere = try TemporaryFolder()
        let slugs = try CLI.run(
            [
                "---completion", "explain", "--", "positional@0", "4", "4", "roadmap", "-C", repository.url.path,
                "explain", "stre",
            ], in: elsewhere.url)
        #expect(slugs.stdout == "streams\n")
        // Outside a repository with a tracker: nothing to offer, and no error on the learner's terminal.
        let none = try CLI.run(
            ["---completion", "explain", "--", "positional@0", "2", "0", "roadmap", "explain", ""], in: elsewhere.url)
        #expect(none.status == 0)
        #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
