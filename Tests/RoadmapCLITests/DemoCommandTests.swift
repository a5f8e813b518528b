import Foundation
import Testing

@Suite struct DemoCommandTests {
    @Test func demoBuildsASyncedRepositoryAndShowsItsStatus() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["demo", "--under", folder.url.path], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix("Created a throwaway repository with 13 commits: \(folder.url.path)/roadmap-demo-"))
        #expect(result.stdout.contains("roadmap: warning: "))
        #expect(result.stdout.contains("unknown ref `eror-handling` (did you mean p1/error-handling?)"))
        #expect(result.stdout.contains("p1/streams: not started → done\n"))
        #expect(result.stdout.contains("p2/request-lifecycle: not started → in progress\n"))  // its done was reverted
        #expect(result.stdout.contains("README.md updated: 7/58 done (12%)\n"))
        #expect(result.stdout.contains("Overall  ██░░░░░░░░░░░░░░░░░░  7/58 done (12%) · 2 in progress · 1 skipped\n"))
        // The demo's history is dated, so its pace and expected finish are too.
        #expect(result.stdout.contains("\npace 1.8 items/week (last 28 days) · expected finish 2027-04-10\n"))

        let path = String(lines[0].split(separator: ": ").last!)
        let repository = URL(fileURLWithPath: path)
        let readme = String(
            decoding: try Data(contentsOf: repository.appendingPathComponent("README.md")), as: UTF8.self)
        #expect(
            readme.contains(
                "| Phase 1 | Node.js Core Concepts | ✅ Event Loop<br>🚧 Libuv & Thread Pool<br>✅ Streams<br>✅ Buffers<br>✅ Process Module<br>• Error Handling | 🚧 In Progress (4/6) | 6 |"
            ))
        #expect(try Shell.git(["fsck", "--no-progress"], in: repository).status == 0)
        #expect(
            try Shell.git(["log", "--format=%an <%ae>", "-1"], in: repository).stdout
                == "Ada Learner <ada@example.com>\n")
        #expect(try CLI.run(["sync", "--check"], in: repository).status == 0)
    }

    @Test func theBinaryAloneRunsTheDemo() throws {
        let folder = try TemporaryFolder()
        let lonely = folder.url.appendingPathComponent("roadmap")
        try CLI.copyExecutable(CLI.binary, to: lonely)
        let result = try CLI.run(["demo", "--under", folder.url.path], in: folder.url, executable: lonely)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("README.md updated: 7/58 done (12%)"))
    }
}
