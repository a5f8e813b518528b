import Foundation
import Testing

/// What a learner meets at the command line before reading any documentation.
@Suite struct CommandLineMannersTests {
    @Test(arguments: [["--help"], ["sync", "--help"]])
    func helpShowsWhatToWriteInACommit(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        let help = try CLI.run(arguments, in: folder.url)
        #expect(help.status == 0)
        #expect(help.stdout.contains("What to write in a commit message:\n  Roadmap: done p1/event-loop, streams"))
        #expect(help.stdout.contains("wip #routing, started #buffers"))
        #expect(help.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test(arguments: [("snyc", "sync"), ("synk", "sync"), ("stauts", "status"), ("expain", "explain"), ("hok", "hook")])
    func aMistypedCommandGetsItsNearestName(typed: String, meant: String) throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run([typed], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "roadmap: '\(typed)' is not a roadmap command; did you mean '\(meant)'?\n")
    }

    @Test func aWordNearNoCommandIsTheParsersUsageError() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["xyzzy"], in: folder.url)
        #expect(result.status == 2)
        #expect(!result.stderr.contains("did you mean"))
    }

    @Test func aSourceBuildSaysItIsOne() throws {
        let folder = try TemporaryFolder()
        let version = try CLI.run(["--version"], in: folder.url)
        #expect(version.status == 0)
        #expect(version.stdout.hasSuffix("-source (built from source, not a release)\n"))
    }

    @Test func statusJSONExplainJSONAndLintJSONCarryAVersion() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try repository.commit("finished #streams")
        for arguments in [
            ["status", "--json"], ["explain", "streams", "--json"], ["lint", "--json"],
            ["sync", "--json", "--dry-run"],
        ] {
            let output = try CLI.run(arguments, in: repository.url).stdout
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            #expect(object?["schemaVersion"] is Int, "\(arguments)")
        }
    }
}
