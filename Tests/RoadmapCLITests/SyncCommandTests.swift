import Foundation
import Testing

/// `roadmap sync` and `explain` on real temporary repositories.
@Suite struct SyncCommandTests {
    /// A repository holding the embedded roadmap as README.md, committed.
    func seededRepository() throws -> Repository {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try repository.commit("chore: start the roadmap")
        return repository
    }

    @Test func everyGrammarFormTreeRuleAndRevertShapesTheDocument() throws {
        let repository = try seededRepository()
        try repository.commit("notes\n\nRoadmap: done p1/event-loop, \"Libuv & Thread Pool\"")
        try repository.commit("finished #streams and #buffers")
        try repository.commit("feat(routing): first router")
        try repository.commit("wip #middlewares")
        try repository.commit("skipped #p2/production-features")
        try repository.commit("completes #jwt-auth")  // a phase-table alias of p4/jwt-access-refresh
        try repository.write("cache-notes.md", "redis")
        try repository.commit("done #redis")
        let redis = try repository.head()
        try repository.git("revert", "--no-edit", redis)
        try repository.write("phase-3/01-crud-principles/notes.md", "x")
        try repository.write("phase-3/05-file-uploads/upload.js", "x")
        try repository.write("phase-3/05-file-uploads/DONE", "")
        try repository.write("p5/mongodb/.done", "")
        try repository.commit("labs")
        // Latin-1 message, as an old client would write it.
        try repository.commit(
            messageFile: Array("Caf".utf8) + [0xE9] + Array(" notes\n\nRoadmap: done p1/process-module\n".utf8),
            extra: ["-c", "i18n.commitEncoding=ISO-8859-1"])
        // A 20 MB message with evidence at the very end.
        let filler = String(
            repeating: "lorem ipsum dolor sit amet, consectetur adipiscing elit #12\n", count: 20_000_000 / 60)
        try repository.commit(messageFile: Array(("big import\n\n" + filler + "Roadmap: done error-handling\n").utf8))

        let result = try repository.roadmap("sync")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(
            try repository.line(containing: "| Phase 1 |")
                == "| Phase 1 | Node.js Core Concepts | ✅ Event Loop<br>✅ Libuv & Thread Pool<br>✅ Streams<br>✅ Buffers<br>✅ Process Module<br>✅ Error Handling | ✅ Completed | 6 |"
        )
        #expect(
            try repository.line(containing: "| Phase 2 |")
                == "| Phase 2 | Express.js Fundamentals | 🚧 Routing<br>🚧 Middlewares<br>• Request Lifecycle<br>⏭️ Production Features | 🚧 In Progress (1/4) | 4 |"
        )
        #expect(
            try repository.line(containing: "| Phase 3 |")
                == "| Phase 3 | Scalable REST API Design | 🚧 CRUD Principles<br>• Idempotency<br>• Pagination & Filter<br>• Versioning<br>✅ File Uploads<br>• Validation | 🚧 In Progress (1/6) | 6 |"
        )
        #expect(try repository.line(containing: "| Phase 4 |").contains("✅ JWT (Access & Refresh)"))
        #expect(try repository.line(containing: "| Phase 5 |").contains("✅ MongoDB"))
        #expect(try repository.line(containing: "| Phase 6 |").contains("• Redis"))
        #expect(try repository.text().contains("**Progress:** ██░░░░░░░░░░ 10/58 done (17%)"))
        #expect(result.stdout.hasSuffix("README.md updated: 10/58 done (17%)\n"))

        #expect(try repository.roadmap("sync", "--check").status == 0)
        let before = try repository.text()
        #expect(try repository.roadmap("sync").stdout == "README.md is up to date: 10/58 done (17%)\n")
        #expect(try repository.text() == before)
    }

    @Test func checkIsOneWithTheDiffBeforeAndZeroAfter() throws {
        let repository = try seededRepository()
        try repository.commit("finished #streams")
        let stale = try repository.roadmap("sync", "--check")
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("--- a/README.md\n+++ b/README.md\n"))
        #expect(
            stale.stdout.contains(
                "-| Phase 1 | Node.js Core Concepts | • Event Loop<br>• Libuv & Thread Pool<br>• Streams"))
        #expect(
            stale.stdout.contains(
                "+| Phase 1 | Node.js Core Concepts | • Event Loop<br>• Libuv & Thread Pool<br>✅ Streams"))
        #expect(try repository.text().contains("• Streams"))
        #expect(try repository.roadmap("sync").status == 0)
        let fresh = try repository.roadmap("sync", "--check")
        #expect(fresh.status == 0)
        #expect(fresh.stdout.isEmpty)
    }

    @Test func dryRunAndDiffWriteNothing() throws {
        let repository = try seededRepository()
        try repository.commit("finished #streams")
        let before = try repository.text()
        #expect(
            try repository.roadmap("sync", "--dry-run").stdout
                == "p1/streams: not started → done\nREADME.md would be updated: 1/58 done (1%)\n")
        #expect(try repository.roadmap("sync", "--diff").stdout.contains("+| Phase 1 |"))
        #expect(try repository.text() == before)
    }

    @Test func aHandSetStatusSurvivesAndRebuildRecomputes() throws {
        let repository = try seededRepository()
        var text = try repository.text()
        text = text.replacingOccurrences(of: "• Streams", with: "✅ Streams")
        try repository.write("README.md", text)
        try repository.commit("docs: I read the streams chapter")
        #expect(try repository.roadmap("sync").status == 0)
        #expect(try repository.line(containing: "| Phase 1 |").contains("✅ Streams"))
        let explain = try repository.roadmap("explain", "streams")
        #expect(explain.stdout.contains("why: set by hand in the document (done); evidence alone says not started"))
        #expect(try repository.roadmap("sync", "--rebuild").status == 0)
        #expect(try repository.line(containing: "| Phase 1 |").contains("• Streams"))
    }

    @Test func reopenMovesAnItemBack() throws {
        let repository = try seededRepository()
        try repository.commit("finished #streams")
        #expect(try repository.roadmap("sync").status == 0)
        try repository.commit("reopen #streams: I need to redo the backpressure lab")
        #expect(try repository.roadmap("sync").stdout.hasPrefix("p1/streams: done → not started\n"))
        #expect(try repository.line(containing: "| Phase 1 |").contains("• Streams"))
    }

    @Test func unknownRefsWarnNamingTheCommitWithControlCharactersEscaped() throws {
        let repository = try seededRepository()
        try repository.commit("finished #evnt-loop")
        let id = try repository.head().prefix(7)
        try repository.commit("x\n\nRoadmap: done \u{1B}]0;pwned\u{07}")
        let result = try repository.roadmap("sync")
        #expect(result.status == 0)
        #expect(
            result.stderr.contains("roadmap: warning: \(id): unknown ref `evnt-loop` (did you mean p1/event-loop?)\n"))
        #expect(result.stderr.contains("\\u{1B}]0;pwned\\u{7}"))
        #expect(!result.stderr.contains("\u{1B}"))
        let json = try repository.roadmap("sync", "--json", "--dry-run")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((object["warnings"] as! [String]).count == 2)
    }

    @Test func anUnbornHeadIsAnEmptyHistory() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        let result = try repository.roadmap("sync")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "README.md is up to date: 0/58 done (0%)\n")
    }

    @Test func aShallowCloneKeepsProgressAndSaysSo() throws {
        let origin = try seededRepository()
        try origin.commit("finished #streams")
        #expect(try origin.roadmap("sync").status == 0)
        try origin.commit("docs(roadmap): sync progress [skip ci]")
        try origin.commit("wip #buffers")
        let clones = try TemporaryFolder()
        try Shell.git(["clone", "-q", "--depth", "1", "file://\(origin.url.path)", "clone"], in: clones.url)
        let clone = clones.url.appendingPathComponent("clone")
        let result = try CLI.run(["sync"], in: clone)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("roadmap: note: shallow clone"))
        let readme = try clones.text("clone/README.md")
        #expect(readme.contains("✅ Streams"))
        #expect(readme.contains("🚧 Buffers"))
    }

    @Test func aLinkedWorktreeSyncsItsOwnCheckout() throws {
        let repository = try seededRepository()
        try repository.git("worktree", "add", "-q", "-b", "feature", "../\(repository.url.lastPathComponent)-wt")
        let worktree = repository.url.deletingLastPathComponent().appendingPathComponent(
            "\(repository.url.lastPathComponent)-wt")
        defer { try? FileManager.default.removeItem(at: worktree) }
        try Shell.git(["commit", "-q", "--allow-empty", "-m", "finished #streams"], in: worktree)
        let result = try CLI.run(["sync"], in: worktree.appendingPathComponent("."))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            String(decoding: try Data(contentsOf: worktree.appendingPathComponent("README.md")), as: UTF8.self)
                .contains("✅ Streams"))
        #expect(try repository.text().contains("• Streams"))
    }

    @Test func syncFromASubdirectoryAndWithDashC() throws {
        let repository = try seededRepository()
        try repository.write("notes/a.md", "x")
        try repository.commit("finished #streams")
        #expect(
            try CLI.run(["sync", "--dry-run"], in: repository.url.appendingPathComponent("notes")).stdout.hasPrefix(
                "p1/streams"))
        let elsewhere = try TemporaryFolder()
        #expect(
            try CLI.run(["-C", repository.url.path, "sync", "--dry-run"], in: elsewhere.url).stdout.hasPrefix(
                "p1/streams"))
        #expect(
            try CLI.run(["-C", "notes", "-C", "..", "sync", "--dry-run"], in: repository.url).stdout.hasPrefix(
                "p1/streams"))
        let missing = try CLI.run(["-C", "/nonexistent", "status"], in: elsewhere.url)
        #expect(missing.status == 2)
        #expect(missing.stderr == "roadmap: cannot change to '/nonexistent': no such directory\n")
        #expect(
            try CLI.run(["sync", "-C", repository.url.path, "--dry-run"], in: elsewhere.url).stdout.hasPrefix(
                "p1/streams"))
    }

    @Test func theFileKeepsItsModeAndASymlinkIsWrittenThrough() throws {
        let repository = try seededRepository()
        try repository.write("docs/ROADMAP.md", try repository.text())
        try FileManager.default.removeItem(at: repository.url.appendingPathComponent("README.md"))
        try FileManager.default.createSymbolicLink(
            atPath: repository.url.appendingPathComponent("README.md").path, withDestinationPath: "docs/ROADMAP.md")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o640], ofItemAtPath: repository.url.appendingPathComponent("docs/ROADMAP.md").path)
        try repository.commit("finished #streams")
        #expect(try repository.roadmap("sync").status == 0)
        let link = try FileManager.default.destinationOfSymbolicLink(
            atPath: repository.url.appendingPathComponent("README.md").path)
        #expect(link == "docs/ROADMAP.md")
        #expect(try repository.text("docs/ROADMAP.md").contains("✅ Streams"))
        let mode =
            try FileManager.default.attributesOfItem(
                atPath: repository.url.appendingPathComponent("docs/ROADMAP.md").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test(arguments: [
        ("no-repository", 3, "roadmap: not a git repository"),
        ("bare", 3, "roadmap: bare repository (no working tree)"),
        (
            "unknown-item", 2,
            "roadmap: .roadmap.yml:2: `items.p1/evnt-loop` names no item of the roadmap (did you mean p1/event-loop?)\n"
        ),
        ("bad-config", 2, "roadmap: .roadmap.yml:1: `hook` must be a mapping\n"),
        ("no-tracker", 3, "roadmap: README.md does not exist\n"),
    ])
    func failuresAreOneSentenceAndWriteNothing(setup: String, status: Int32, message: String) throws {
        let repository = try Repository(initialize: setup != "no-repository" && setup != "bare")
        switch setup {
        case "bare": try repository.git("init", "-q", "--bare")
        case "unknown-item": try repository.write(".roadmap.yml", "items:\n  p1/evnt-loop:\n    aliases: [loop]\n")
        case "bad-config": try repository.write(".roadmap.yml", "hook: amend\n")
        default: break
        }
        if setup != "no-tracker" { try repository.write("README.md", EmbeddedRoadmapText.value) }
        let result = try CLI.run(
            ["sync"], in: repository.url,
            environment: ["GIT_CEILING_DIRECTORIES": repository.url.deletingLastPathComponent().path])
        #expect(result.status == status)
        #expect(result.stderr.hasPrefix(message))
        #expect(result.stderr.split(separator: "\n").count == 1)
        if setup != "no-tracker" { #expect(try repository.text() == EmbeddedRoadmapText.value) }
    }

    @Test func aSecondRunWaitsForTheLockAndGivesUpWithOneSentence() throws {
        let repository = try seededRepository()
        try repository.commit("finished #streams")
        let lockPath = repository.url.appendingPathComponent(".git/roadmap.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let before = try repository.text()
        let blocked = try repository.roadmap("sync", environment: ["ROADMAP_LOCK_TIMEOUT": "0.3"])
        #expect(blocked.status == 3)
        #expect(blocked.stderr == "roadmap: another roadmap run holds \(lockPath); gave up after 0.3 s\n")
        #expect(try repository.text() == before)
        // Released (as the kernel does when a holder is killed), the next run goes through.
        close(descriptor)
        #expect(try repository.roadmap("sync", environment: ["ROADMAP_LOCK_TIMEOUT": "0.3"]).status == 0)
        #expect(try repository.text().contains("✅ Streams"))
    }

    @Test func explainShowsCommitsPathsAndTheReason() throws {
        let repository = try seededRepository()
        try repository.commit("feat(streams): transform demo")
        try repository.write("phase-1/streams/DONE", "")
        try repository.commit("finished #streams")
        let result = try repository.roadmap("explain", "\"Streams\"")
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "p1/streams  Streams  (Phase 1: Node.js Core Concepts)")
        #expect(lines[1] == "status: done")
        #expect(lines.contains { $0.hasSuffix("feat(streams): transform demo  [conventional-commit scope: start]") })
        #expect(lines.contains { $0.hasSuffix("finished #streams  [hashtag: done]") })
        #expect(lines.contains("  phase-1/streams/DONE  (done marker)"))
        #expect(lines.contains("why: evidence says done"))
        let unknown = try repository.roadmap("explain", "strems")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "roadmap: unknown ref `strems` (did you mean p1/streams?)\n")
    }
}

enum EmbeddedRoadmapText {
    static let value = String(decoding: try! Seeds.bytes("seed-clean.md"), as: UTF8.self)
}
