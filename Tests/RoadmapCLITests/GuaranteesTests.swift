import Foundation
import TestSupport
import Testing

/// README.md's "Guarantees", each held by a test: bad input gets one sentence, the right exit code, and
/// the tracker's bytes and mode stay exactly as they were.
@Suite struct GuaranteesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int32
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "read-only tracker", status: 3, message: "README.md is read-only; not writing it"),
        Case(name: "disk full", status: 3, message: "cannot write "),
        Case(name: "no tracker in the file", status: 3, message: "roadmap: README.md: no roadmap tracker found"),
        Case(
            name: "unclosed progress block", status: 3,
            message: "roadmap: README.md: the progress block opened on line 1"),
        Case(
            name: "file outside the work tree", status: 2, message: "roadmap: --file ../x.md is outside the work tree"),
        Case(
            name: "config file: outside", status: 2,
            message: "roadmap: .roadmap.yml `file` /etc/hosts is outside the work tree"),
        Case(name: "config not UTF-8", status: 2, message: "roadmap: .roadmap.yml is not UTF-8 text"),
        Case(name: "missing object", status: 3, message: "roadmap: git error in "),
        Case(name: "broken HEAD ref", status: 3, message: "roadmap: "),
        Case(name: "corrupt pack", status: 3, message: "roadmap: git error in "),
        Case(name: "shallow graft to a missing commit", status: 0, message: ""),
    ]

    @Test(arguments: cases)
    func badInputIsOneSentenceAndChangesNothing(_ example: Case) throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try repository.commit("chore: start")
        try repository.write("notes.md", "x")
        try repository.commit("finished #streams")
        var arguments = ["sync"]
        var prefix: [String] = []
        let readme = repository.url.appendingPathComponent("README.md")
        switch example.name {
        case "read-only tracker":
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readme.path)
        case "disk full":
            prefix = ["/bin/sh", "-c", "ulimit -f 1; exec \"$0\" \"$@\"", CLI.binary.path]
        case "no tracker in the file":
            try repository.write("README.md", "# Notes\n\nNothing here.\n")
        case "unclosed progress block":
            try repository.write("README.md", "<!-- roadmap:progress -->\n" + EmbeddedRoadmapText.value)
        case "file outside the work tree":
            arguments += ["--file", "../x.md"]
        case "config file: outside":
            try repository.write(".roadmap.yml", "file: /etc/hosts\n")
        case "config not UTF-8":
            try repository.folder.write(".roadmap.yml", [0x66, 0x69, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A])
        case "missing object":
            let tree = try repository.git("rev-parse", "HEAD^{tree}").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)
            try FileManager.default.removeItem(
                at: repository.url.appendingPathComponent(".git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))"))
        case "broken HEAD ref":
            try repository.write(".git/refs/heads/main", "not-a-sha\n")
        case "corrupt pack":
            try repository.git("repack", "-adq")
            let pack = try FileManager.default.contentsOfDirectory(
                atPath: repository.url.appendingPathComponent(".git/objects/pack").path
            ).first { $0.hasSuffix(".pack") }!
            let url = repository.url.appendingPathComponent(".git/objects/pack/\(pack)")
            var bytes = try Data(contentsOf: url)
            for index in stride(from: 40, to: bytes.count - 40, by: 7) { bytes[index] ^= 0xFF }
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
            try bytes.write(to: url)
        case "shallow graft to a missing commit":
            try repository.write(".git/shallow", String(repeating: "ab", count: 20) + "\n")
        default: break
        }
        let before = try repository.folder.read("README.md")
        let modeBefore = try FileManager.default.attributesOfItem(atPath: readme.path)[.posixPermissions] as? Int
        let result =
            prefix.isEmpty
            ? try CLI.run(arguments, in: repository.url)
            : try Shell.run(
                URL(fileURLWithPath: prefix[0]), Array(prefix.dropFirst()) + arguments, in: repository.url,
                environment: CLI.baseEnvironment)
        #expect(result.status == example.status, "\(example.name): \(result.stderr)")
        if example.status != 0 {
            #expect(result.stderr.contains(example.message), "\(example.name): \(result.stderr)")
            #expect(
                result.stderr.split(separator: "\n").count == 1, "\(example.name): more than one line: \(result.stderr)"
            )
            #expect(try repository.folder.read("README.md") == before, "\(example.name): the tracker changed")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: readme.path)[.posixPermissions] as? Int == modeBefore)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repository.url.path).filter {
            $0.contains(".roadmap-")
        }
        #expect(leftovers.isEmpty, "\(example.name): temporary files left: \(leftovers)")
    }

    @Test func commitTextNeverReachesTheDocumentAndJSONStaysValid() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        let hostile =
            "finished #streams\n\nRoadmap: done p1/buffers\u{1B}[2J\u{07}, <script>alert(1)</script>, \"|\u{202E}evil\""
        try repository.commit(hostile)
        let json = try repository.roadmap("sync", "--json")
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object != nil)
        let readme = try repository.text()
        #expect(!readme.contains("script") && !readme.contains("\u{1B}") && !readme.contains("evil"))
        let plain = try repository.roadmap("sync", "--dry-run")
        #expect(
            !plain.stderr.contains("\u{1B}") && !plain.stderr.contains("\u{07}") && !plain.stderr.contains("\u{202E}"))
        let explain = try repository.roadmap("explain", "streams")
        #expect(!explain.stdout.contains("\u{1B}"))
    }

    @Test func aKilledSyncLeavesTheOldOrTheNewFileNeverAMix() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        // A large document (about 8 MB), so that a write takes long enough to be interrupted.
        let padding = String(
            repeating: "Filler paragraph for a big roadmap document, kept as it is by sync.\n", count: 120_000)
        try repository.write("README.md", try repository.text() + "\n" + padding)
        try repository.commit("chore: big roadmap")
        try repository.commit("finished #streams")
        let old = try repository.folder.read("README.md")
        let copy = try TemporaryFolder()
        try copy.write("README.md", old)
        #expect(try CLI.run(["sync", "--diff"], in: repository.url).status == 0)
        var generator = SeededGenerator(seed: 99)
        var new: [UInt8]?
        for _ in 0..<25 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["sync", "--no-cache"]
            process.currentDirectoryURL = repository.url
            process.environment = CLI.baseEnvironment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0..<250_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try repository.folder.read("README.md")
            // Either the old file, untouched, or the new one whole.
            if now != old {
                if new == nil { new = now }
                #expect(now == new, "the file is neither the old nor the new version")
                #expect(String(decoding: now, as: UTF8.self).contains("✅ Streams"))
                // Put the old version back for the next round.
                try repository.folder.write("README.md", old)
            }
        }
        // The next run cleans up whatever temporary file a kill left behind.
        #expect(try CLI.run(["sync"], in: repository.url).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repository.url.path).filter {
            $0.contains(".roadmap-")
        }
        #expect(leftovers.isEmpty)
    }
}
