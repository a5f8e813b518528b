import Foundation
import TestSupport
import Testing

/// The caches are only a speed-up: on randomized histories — new commits, merges, amends, resets,
/// rebases, reverts, config changes, hand edits of the tracker, a damaged or deleted cache — a sync that
/// uses them says exactly what a sync without them says.
@Suite struct IncrementalSyncTests {
    static let refs = [
        "streams", "buffers", "p1/event-loop", "routing", "xss-csrf", "evnt-loop", "\"Error Handling\"",
        "p2/middlewares",
    ]
    static let verbs = [
        "finished #%@", "wip #%@", "reopen #%@", "skipped #%@", "feat(%@): work", "x\n\nRoadmap: done %@",
    ]

    func compare(_ repository: Repository, _ context: String) throws {
        let cached = try repository.roadmap("sync", "--diff")
        let full = try repository.roadmap("sync", "--diff", "--no-cache")
        #expect(cached.status == full.status, "\(context)")
        #expect(cached.stdout == full.stdout, "\(context): the cached sync differs from the full one")
        #expect(cached.stderr == full.stderr, "\(context): warnings differ")
    }

    /// The embedded roadmap, an identity, and these commits after "chore: start".
    func repository(committing messages: [String]) throws -> Repository {
        let repository = try Repository()
        try repository.git("config", "user.name", "Ada Learner")
        try repository.git("config", "user.email", "ada@example.com")
        #expect(try repository.roadmap("init").status == 0)
        for message in ["chore: start"] + messages { try repository.commit(message) }
        return repository
    }

    @Test(arguments: [1, 2, 3, 4])
    func incrementalEqualsFullOnRandomHistories(seed: UInt64) throws {
        let repository = try repository(committing: ["wip #streams", "chore: more"])
        var generator = SeededGenerator(seed: seed)
        var branches = 0
        for step in 0..<24 {
            let ref = Self.refs.randomElement(using: &generator)!
            let message = Self.verbs.randomElement(using: &generator)!.replacingOccurrences(of: "%@", with: ref)
            let operation = Int.random(in: 0..<11, using: &generator)
            var description = "seed \(seed) step \(step): "
            switch operation {
            case 0...1:
                try repository.write("notes/\(step).md", message)
                try repository.commit(message)
                description += "commit \(message)"
            case 2...3:
                // Tree evidence: item folders and DONE markers come and go.
                let folder = ["phase-1/03-streams", "p2/routing", "labs/buffers", "phase-9/xss-csrf", "misc/xss-csrf"]
                    .randomElement(using: &generator)!
                let file = ["notes.md", "DONE", ".done", "DONE.md"].randomElement(using: &generator)!
                let target = repository.url.appendingPathComponent("\(folder)/\(file)")
                if FileManager.default.fileExists(atPath: target.path) {
                    try FileManager.default.removeItem(at: target)
                    description += "remove \(folder)/\(file)"
                } else {
                    try repository.write("\(folder)/\(file)", "x")
                    description += "add \(folder)/\(file)"
                }
                try repository.commit("chore: files")
            case 4:
                try repository.git(["commit", "-q", "--amend", "--allow-empty", "-m", message])
                description += "amend \(message)"
            case 5:
                branches += 1
                try repository.git("checkout", "-q", "-b", "side\(branches)", "HEAD~1")
                try repository.write("side/\(step).md", message)
                try repository.commit(message)
                try repository.git("checkout", "-q", "main")
                try repository.git(["merge", "-q", "--no-edit", "side\(branches)"])
                description += "merge a side branch"
            case 6:
                try repository.git("reset", "-q", "--hard", "HEAD~1")
                description += "reset --hard HEAD~1"
            case 7:
                try repository.write("revert-\(step).md", "x")
                try repository.commit("done #streams")
                try repository.git("revert", "--no-edit", "HEAD")
                description += "commit and revert"
            case 8:
                try repository.write(
                    ".roadmap.yml",
                    Int.random(in: 0..<2, using: &generator) == 0
                        ? "patterns:\n  - regex: '^learned (?<ref>\\\\S+)'\n    verb: done\n" : "progress: true\n")
                try repository.commit("learned buffers")
                description += "config change"
            case 9:
                // A hand edit of the tracker: a mark set by hand, or a byte the tool does not own.
                var text = try repository.text()
                if Bool.random(using: &generator) {
                    text = text.replacingOccurrences(of: "• Streams", with: "✅ Streams")
                    description += "marked Streams done by hand"
                } else {
                    text += "\nA note of step \(step).\n"
                    description += "added a note to the tracker"
                }
                try repository.write("README.md", text)
            default:
                let cache = repository.url.appendingPathComponent(
                    ".git/roadmap/"
                        + ["evidence-cache", "readings", "generations", "tree-snapshot", "tree-findings", "document"]
                        .randomElement(using: &generator)!)
                if var bytes = try? Data(contentsOf: cache), !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 0x5A
                    try bytes.write(to: cache)
                    description += "damaged the cache"
                } else {
                    try? FileManager.default.removeItem(at: cache)
                    description += "deleted the cache"
                }
            }
            try compare(repository, description)
            if step % 5 == 4 {
                #expect(try repository.roadmap("sync").status == 0)
                try repository.commit("docs(roadmap): sync")
            }
        }
    }

    /// The second run takes the page from the remembered parse (the trace says so); an edit of the page or
    /// of `.roadmap.yml` is read again, and every run says what a run without caches says.
    @Test func anUnchangedTrackerIsNotParsedAgainAndAnEditedOneIs() throws {
        let repository = try repository(committing: ["finished #streams", "wip #buffers"])
        let trace = ["ROADMAP_TRACE": "1"]
        func documentStep() throws -> String? {
            try repository.roadmap("sync", "--dry-run", environment: trace).stderr.split(separator: "\n")
                .first { $0.contains("trace: document") }.map(String.init)
        }
        #expect(try documentStep()?.contains("(remembered)") == false, "the first run parses the page")
        #expect(try documentStep()?.contains("(remembered)") == true, "the second run does not")
        try compare(repository, "a stale tracker, dry runs")
        #expect(try repository.roadmap("sync").status == 0)
        #expect(try documentStep()?.contains("(remembered)") == false, "the written page is a new page")
        #expect(try documentStep()?.contains("(remembered)") == true)
        try repository.commit("wip #routing")
        try compare(repository, "after a new commit: new statuses, rendered from the page parsed again")

        let page = try repository.text()
        #expect(page.contains("• Event Loop"))
        try repository.write("README.md", page.replacingOccurrences(of: "• Event Loop", with: "✅ Event Loop"))
        #expect(try documentStep()?.contains("(remembered)") == false, "a hand edit is read")
        try compare(repository, "after a hand edit")
        try repository.write(".roadmap.yml", "items:\n  p1/process-module:\n    aliases: [procs]\n")
        #expect(try documentStep()?.contains("(remembered)") == false, "a new configuration is read")
        try repository.commit("finished #procs")
        try compare(repository, "after an alias")
        #expect(try repository.roadmap("sync", "--dry-run").stdout.contains("p1/process-module: not started → done"))
    }

    @Test func aWarmCacheReadsOnlyTheNewCommit() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        for index in 0..<30 { try repository.commit("chore: \(index)") }
        func counts(_ output: String) throws -> (walked: Int?, commits: Int?) {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            return (report["walked"] as? Int, report["commits"] as? Int)
        }
        let first = try counts(repository.roadmap("sync", "--json", "--dry-run").stdout)
        #expect(first.walked == 30 && first.commits == 30)
        try repository.commit("finished #streams")
        let second = try counts(repository.roadmap("sync", "--json", "--dry-run").stdout)
        #expect(second.walked == 1, "only the new commit is read")
        #expect(second.commits == 31)
    }

    /// The hook's amend, seen by the next commit: the cache's head, whose reading was its last, is replaced.
    /// The sync extends the cached ledger without that reading — and says what the full sync says.
    @Test func anAmendedHeadThatCarriedEvidenceThenANewCommitSyncAsAFullSyncDoes() throws {
        let repository = try repository(committing: ["finished #streams", "wip #buffers"])
        #expect(try repository.roadmap("sync", "--dry-run").status == 0)
        for (amended, next) in [
            ("chore: nothing after all", "done #event-loop"), ("finished #buffers", "reopen #streams"),
            ("skipped #buffers", "chore: quiet"),
        ] {
            try repository.git(["commit", "-q", "--amend", "--allow-empty", "-m", amended])
            try repository.commit(next)
            try compare(repository, "amended to \(amended), then \(next)")
        }
    }
}
