import Foundation
import Testing

/// Scripts/formula.sh points Formula/roadmap.rb at a release, as the release workflow runs it.
@Suite struct FormulaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL
    static let archives = ["roadmap-linux-x86_64.tar.gz", "roadmap-linux-arm64.tar.gz", "roadmap-macos-arm64.tar.gz"]

    func point(at tag: String, sums: [String: String]) throws -> (CLI.Result, String) {
        let folder = try TemporaryFolder()
        let formula = folder.url.appendingPathComponent("roadmap.rb")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Formula/roadmap.rb"), to: formula)
        let list = folder.url.appendingPathComponent("SHA256SUMS")
        try Data(sums.sorted { $0.key < $1.key }.map { "\($0.value)  \($0.key)\n" }.joined().utf8).write(to: list)
        var environment = CLI.baseEnvironment
        environment["FORMULA"] = formula.path
        let result = try Shell.run(
            URL(fileURLWithPath: "/bin/bash"),
            [Self.root.appendingPathComponent("Scripts/formula.sh").path, tag, list.path], in: folder.url,
            environment: environment)
        return (result, try String(contentsOf: formula, encoding: .utf8))
    }

    @Test func eachArchiveGetsItsReleaseURLAndChecksum() throws {
        var sums: [String: String] = [:]
        for (index, archive) in Self.archives.enumerated() {
            sums[archive] = String(repeating: "0123456789abcdef".map(String.init)[index], count: 64)
        }
        let (result, formula) = try point(at: "v1.2.0", sums: sums)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(formula.contains("version \"1.2.0\""))
        for archive in Self.archives {
            #expect(
                formula.contains(
                    "url \"https://github.com/roadmap-cli/roadmap/releases/download/v1.2.0/\(archive)\"\n      sha256 \"\(sums[archive]!)\""
                ), "\(archive)")
        }
        #expect(!formula.contains("RELEASE_SHA256"))
        // Pointing it at the next release works from the rewritten file too.
        #expect(try point(at: "v1.3.0", sums: sums).0.status == 0)
    }

    @Test func aReleaseMissingAnArchiveLeavesTheFormulaAlone() throws {
        let (result, formula) = try point(
            at: "v1.2.0", sums: ["roadmap-linux-x86_64.tar.gz": String(repeating: "a", count: 64)])
        #expect(result.status != 0)
        #expect(result.stderr.contains("has no checksum for roadmap-macos-arm64.tar.gz"))
        #expect(
            formula == (try String(contentsOf: Self.root.appendingPathComponent("Formula/roadmap.rb"), encoding: .utf8))
        )
    }
}
