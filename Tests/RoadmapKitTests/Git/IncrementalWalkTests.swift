import Foundation
import RoadmapKit
import Testing

@Suite("GitRepository incremental walk")
struct IncrementalWalkTests {
    /// Everything one `walk` call did, in the order it happened.
    private struct Walk {
        var summary = WalkSummary()
        var commits: [WalkedCommit<String>] = []
        /// The ids knownGeneration was asked about, in order.
        var asked: [String] = []
        /// What digest was shown, in order.
        var contents: [CommitContent] = []
        /// Whether every digest call came before the first body call (the read pass precedes the ordering).
        var digestsBeforeBodies = true

        var ids: [String] { commits.map(\.id) }
        var generationsByID: [String: UInt32] {
            Dictionary(uniqueKeysWithValues: commits.map { ($0.id, $0.generation) })
        }
    }

    /// Walks with `known` as the cache of generations; the digest of a commit is its subject when
    /// `keepSubject` says so (nil otherwise), so tests can see digests travel to the right commit.
    private func walk(
        _ repository: GitRepository,
        known: [String: UInt32] = [:],
        keepSubject: (CommitContent) -> Bool = { _ in true }
    ) throws -> Walk {
        var result = Walk()
        result.summary = try repository.walk(
            knownGeneration: { id in
                result.asked.append(id)
                return known[id]
            },
            digest: { content in
                if !result.commits.isEmpty { result.digestsBeforeBodies = false }
                result.contents.append(content)
                return keepSubject(content) ? content.subject : nil
            },
            { commit in result.commits.append(commit) }
        )
        return result
    }

    private func open(_ fixture: TemporaryGitRepository, at path: URL? = nil) throws -> GitRepository {
        try GitRepository.open(at: path ?? fixture.directory, environment: fixture.confinedEnvironment)
    }

    /// `git rev-list --topo-order --reverse --parents` as (id, parents) pairs.
    private func revList(_ fixture: TemporaryGitRepository, _ revisions: [String], in directory: URL? = nil) throws
        -> [(id: String, parents: [String])]
    {
        try fixture.git(["rev-list", "--topo-order", "--reverse", "--parents"] + revisions, in: directory)
            .split(separator: "\n")
            .map { line in
                let fields = line.split(separator: " ").map(String.init)
                return (fields[0], Array(fields.dropFirst()))
            }
    }

    /// Generations computed from git's parent lists: 1 + the largest parent generation, a missing parent 0.
    private func expectedGenerations(_ history: [(id: String, parents: [String])], known: [String: UInt32] = [:])
        -> [String: UInt32]
    {
        var generations = known
        for (id, parents) in history {
            generations[id] = 1 + (parents.map { generations[$0] ?? 0 }.max() ?? 0)
        }
        return generations
    }

    private func merge(_ fixture: TemporaryGitRepository, _ branch: String) throws {
        // A distinct date per merge keeps merge commits distinct and the order deterministic.
        let date = "@\(fixture.nextCommitTime) +0000"
        try fixture.git(
            "merge", "--quiet", "--no-ff", "--no-edit", branch,
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        _ = try fixture.commit("after merge of \(branch)\n")
    }

    /// base, a long side branch merged into a shorter main line (so a merge's generation comes from its
    /// second parent), then a second side branch off an older commit merged in too.
    private func makeMergeHistory(_ fixture: TemporaryGitRepository) throws {
        try fixture.write("base.txt", "base\n")
        try fixture.commit("base\n")
        try fixture.git("checkout", "--quiet", "-b", "side")
        for number in 1...3 {
            try fixture.write("side.txt", "\(number)\n")
            try fixture.commit("side \(number)\n")
        }
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("main.txt", "1\n")
        try fixture.commit("main 1\n")
        try merge(fixture, "side")
        try fixture.git("checkout", "--quiet", "-b", "topic", "HEAD~2")
        try fixture.write("topic.txt", "1\n")
        try fixture.commit("topic 1\n")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("main.txt", "2\n")
        try fixture.commit("main 2\n")
        try merge(fixture, "topic")
    }

    /// Three new commits on main: one on a side branch based on HEAD~2, one on main, and their merge.
    private func addThreeCommitsWithAMerge(_ fixture: TemporaryGitRepository) throws -> (
        oldBase: String, late: String, onMain: String, newHead: String
    ) {
        let oldBase = try fixture.revParse("HEAD~2")
        try fixture.git("checkout", "--quiet", "-b", "late", oldBase)
        try fixture.write("late.txt", "late\n")
        let late = try fixture.commit("late work\n")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("main.txt", "3\n")
        let onMain = try fixture.commit("main 3\n")
        let date = "@\(fixture.nextCommitTime) +0000"
        try fixture.git(
            "merge", "--quiet", "--no-ff", "--no-edit", "late",
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        return (oldBase, late, onMain, try fixture.revParse("HEAD"))
    }

    /// knownGeneration is asked about each commit at most once.
    private func expectAskedOnce(_ walk: Walk, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(walk.asked).count == walk.asked.count, "asked twice: \(walk.asked)", sourceLocation: sourceLocation)
    }

    @Test func fullWalkMatchesGitTopologicalOrderParentsAndGenerations() throws {
        let fixture = try TemporaryGitRepository()
        try makeMergeHistory(fixture)
        let repository = try open(fixture)

        let result = try walk(repository)

        let expected = try revList(fixture, ["HEAD"])
        #expect(result.commits.filter { $0.parents.count == 2 }.count == 2)
        #expect(result.ids == expected.map(\.id))
        #expect(result.commits.map(\.parents) == expected.map(\.parents))
        let generations = expectedGenerations(expected)
        #expect(result.commits.map(\.generation) == expected.map { generations[$0.id]! })
        #expect(
            result.commits.map(\.generation).max() == 9,
            "the longest chain: base, side 1-3, merge, after, main 2, merge, after")
        #expect(result.summary == WalkSummary(boundary: [], walked: expected.count))
        // Asked once about HEAD and about every other commit as a parent, never about a commit twice.
        expectAskedOnce(result)
        #expect(Set(result.asked) == Set(expected.map(\.id)))
        #expect(result.asked.first == expected.last?.id)
    }

    @Test func digestSeesEachCommitOnceDecodedBeforeAnyIsEmitted() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("Plain subject\r\n\nBody line.\n", timeZone: "+0530")
        let latin1 =
            Data("caf".utf8) + Data([0xE9]) + Data(" cr".utf8) + Data([0xE8]) + Data("me\n\nRoadmap: done p1/x\n".utf8)
        try fixture.commit(messageBytes: latin1, configuration: ["i18n.commitEncoding=ISO-8859-1"])
        try fixture.commit("no trailing newline")
        let repository = try open(fixture)

        // Keep a digest only for the commits that mention the roadmap, as the sync does.
        let result = try walk(repository) { $0.message.contains("Roadmap:") }

        // git is the oracle for ids, order and author times; the messages are the ones committed verbatim.
        let log = try fixture.gitLines("log", "--topo-order", "--reverse", "--format=%H %at", "HEAD")
        let authorTimes = Dictionary(
            uniqueKeysWithValues: log.map { (String($0.prefix(40)), TimeInterval($0.dropFirst(41))!) })
        #expect(result.digestsBeforeBodies)
        #expect(result.contents.count == 3)
        #expect(Set(result.contents.map(\.id)) == Set(authorTimes.keys))
        for content in result.contents {
            #expect(content.authorDate == Date(timeIntervalSince1970: try #require(authorTimes[content.id])))
        }
        #expect(
            result.contents.map(\.message).sorted()
                == ["Plain subject\r\n\nBody line.\n", "café crème\n\nRoadmap: done p1/x\n", "no trailing newline"]
                .sorted())
        #expect(Set(result.contents.map(\.subject)) == ["Plain subject", "café crème", "no trailing newline"])
        #expect(result.commits.map(\.digest) == [nil, "café crème", nil])
        #expect(result.ids == log.map { String($0.prefix(40)) })
    }

    /// Thousands of commits: the messages go to the digest in batches on another thread. Every commit is
    /// still digested once, in read order, before any body call, with its own message.
    @Test func longHistoryIsDigestedInBatchesWithEachMessageOnItsCommit() throws {
        let fixture = try TemporaryGitRepository()
        var stream = ""
        for number in 1...5_000 {
            // Bodies of growing size so that batches end on both limits (bytes and commits), and two
            // messages bigger than a batch, digested in place between batches.
            let body =
                number == 1_234 || number == 3_500
                ? String(repeating: "a long line of a very long message body\n", count: 8_000)
                : String(repeating: "line \(number) of the body\n", count: number % 40)
            let message =
                number % 7 == 0 ? "step \(number)\n\n\(body)Roadmap: done p1/x\n" : "step \(number)\n\n\(body)"
            stream +=
                "commit refs/heads/main\nmark :\(number)\ncommitter A <a@example.com> \(1_600_000_000 + number) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)\n"
            if number > 1 { stream += "from :\(number - 1)\n" }
            // Every 500th commit merges a side commit made from 10 commits back.
            if number % 500 == 0 {
                stream += "merge :\(number + 100_000)\n"
            }
            stream += "\n"
            if (number + 1) % 500 == 0 {
                let side = "side \(number + 1)\n"
                stream +=
                    "commit refs/heads/side\nmark :\(number + 1 + 100_000)\ncommitter A <a@example.com> \(1_600_000_000 + number) +0000\n"
                stream += "data \(side.utf8.count)\n\(side)\nfrom :\(number - 9)\n\n"
            }
        }
        try fixture.fastImport(stream)
        let repository = try open(fixture)

        let result = try walk(repository) { $0.message.contains("Roadmap:") }

        let expected = try revList(fixture, ["HEAD"])
        #expect(expected.count == 5_000 + 10)
        #expect(result.digestsBeforeBodies)
        #expect(result.contents.count == expected.count)
        #expect(result.ids == expected.map(\.id))
        #expect(result.commits.map(\.parents) == expected.map(\.parents))
        let subjects = try fixture.gitLines("log", "--format=%H %s", "HEAD")
        let subjectByID = Dictionary(
            uniqueKeysWithValues: subjects.map { line in
                (String(line.prefix(40)), String(line.dropFirst(41)))
            })
        for commit in result.commits {
            let subject = try #require(subjectByID[commit.id])
            let number = Int(subject.split(separator: " ")[1])!
            let mentions = subject.hasPrefix("step") && (number % 7 == 0)
            #expect(commit.digest == (mentions ? subject : nil), "digest of \(subject)")
        }
        for content in result.contents {
            #expect(content.subject == subjectByID[content.id])
        }
    }

    /// A walk that fails after thousands of commits (a parent missing: a shallow clone whose `shallow` file
    /// is gone) throws the error; messages already handed to the other thread do not outlive it.
    @Test func aWalkFailingAfterManyBatchesThrowsCleanly() throws {
        let origin = try TemporaryGitRepository()
        var stream = ""
        for number in 1...6_000 {
            let message = "step \(number)\n"
            stream +=
                "commit refs/heads/main\nmark :\(number)\ncommitter A <a@example.com> \(1_600_000_000 + number) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)\n" + (number > 1 ? "from :\(number - 1)\n" : "") + "\n"
        }
        try origin.fastImport(stream)
        let clone = try origin.makeDirectory("clone")
        try origin.git(
            ["clone", "--quiet", "--depth", "5000", "--branch", "main", "file://\(origin.directory.path)", clone.path],
            in: origin.root)
        try FileManager.default.removeItem(at: clone.appendingPathComponent(".git/shallow"))
        let repository = try open(origin, at: clone)

        #expect(throws: RoadmapError.self) {
            _ = try repository.walk(
                knownGeneration: nil,
                digest: { content -> String? in content.subject },
                { (_: WalkedCommit<String>) in }
            )
        }
    }

    @Test func knownHistoryIsNotReadAgainAfterThreeNewCommitsWithAMerge() throws {
        let fixture = try TemporaryGitRepository()
        try makeMergeHistory(fixture)
        let repository = try open(fixture)
        let oldHead = try fixture.revParse("HEAD")
        let first = try walk(repository)
        let known = first.generationsByID
        #expect(known.count == 11)

        let (oldBase, late, onMain, newHead) = try addThreeCommitsWithAMerge(fixture)

        let second = try walk(repository, known: known)

        let expected = try revList(fixture, [newHead, "^\(oldHead)"])
        #expect(Set(expected.map(\.id)) == [late, onMain, newHead])
        #expect(Set(try fixture.gitLines("rev-list", newHead, "^\(oldHead)")) == [late, onMain, newHead])
        #expect(second.ids == expected.map(\.id))
        #expect(second.commits.map(\.parents) == expected.map(\.parents), "known parents are listed too")
        #expect(second.contents.count == 3, "only the new commits are read")
        #expect(Set(second.contents.map(\.id)) == [late, onMain, newHead])
        #expect(second.summary.walked == 3)
        #expect(second.summary.boundary.isSubset(of: Set(known.keys)))
        #expect(second.summary.boundary == [oldHead, oldBase])
        #expect(second.summary.boundary.contains(oldHead), "a fast-forward reaches the old HEAD")
        expectAskedOnce(second)
        #expect(Set(second.asked) == [newHead, late, onMain, oldHead, oldBase])
        // Generations continue from the known ones exactly as a full walk numbers them.
        let full = try walk(repository).generationsByID
        for commit in second.commits {
            #expect(commit.generation == full[commit.id])
        }
        #expect(second.commits.last?.generation == known[oldHead]! + 2)
    }

    @Test func amendedOldHeadIsReadAndItsParentIsTheBoundary() throws {
        let fixture = try TemporaryGitRepository()
        for number in 1...4 {
            try fixture.write("file.txt", "\(number)\n")
            try fixture.commit("commit \(number)\n")
        }
        let repository = try open(fixture)
        let oldHead = try fixture.revParse("HEAD")
        let parent = try fixture.revParse("HEAD~1")
        // Generations from an outside cache need not start at 1: they are taken as given.
        let known = try walk(repository).generationsByID.mapValues { $0 + 100 }

        try fixture.git(
            "commit", "--quiet", "--amend", "-m", "commit 4, amended",
            environment: ["GIT_AUTHOR_DATE": "@1700100000 +0000", "GIT_COMMITTER_DATE": "@1700100000 +0000"])
        let amended = try fixture.revParse("HEAD")
        #expect(amended != oldHead)

        let result = try walk(repository, known: known)

        #expect(result.ids == [amended])
        #expect(result.commits.first?.parents == [parent])
        #expect(result.commits.first?.generation == known[parent]! + 1)
        #expect(result.commits.first?.digest == "commit 4, amended")
        #expect(result.summary == WalkSummary(boundary: [parent], walked: 1))
        #expect(!result.summary.boundary.contains(oldHead))
        #expect(result.asked == [amended, parent])
    }

    @Test func knownHeadReadsNothing() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("one\n")
        let head = try fixture.commit("two\n")
        let repository = try open(fixture)

        let result = try walk(repository, known: [head: 2])

        #expect(result.asked == [head])
        #expect(result.contents.isEmpty)
        #expect(result.commits.isEmpty)
        #expect(result.summary == WalkSummary(boundary: [head], walked: 0))
    }

    @Test func unbornHeadCallsNothing() throws {
        let fixture = try TemporaryGitRepository()
        let repository = try open(fixture)

        let result = try walk(repository)

        #expect(result.asked.isEmpty)
        #expect(result.contents.isEmpty)
        #expect(result.commits.isEmpty)
        #expect(result.summary == WalkSummary())
    }

    @Test func shallowCloneStopsAtItsBoundaryLikeGit() throws {
        let fixture = try TemporaryGitRepository()
        let clone = try fixture.shallowCloneOfMerges(depth: 3)
        let repository = try open(fixture, at: clone)
        #expect(repository.isShallow)

        let result = try walk(repository)

        let expected = try revList(fixture, ["HEAD"], in: clone)
        let shallow = Set(
            try String(contentsOf: clone.appendingPathComponent(".git/shallow"), encoding: .utf8)
                .split(separator: "\n").map(String.init))
        #expect(!shallow.isEmpty)
        #expect(result.ids == expected.map(\.id))
        #expect(result.commits.map(\.parents) == expected.map(\.parents))
        let generations = expectedGenerations(expected)
        #expect(result.commits.map(\.generation) == expected.map { generations[$0.id]! })
        for commit in result.commits where shallow.contains(commit.id) {
            #expect(commit.parents.isEmpty)
            #expect(commit.generation == 1)
        }
        #expect(Set(result.asked).isSubset(of: Set(expected.map(\.id))), "never asked about a commit the clone lacks")
        #expect(result.summary == WalkSummary(boundary: [], walked: expected.count))

        // Incremental in the shallow clone too: knowing its HEAD~1 leaves HEAD alone to read.
        let headParent = try fixture.revParse("HEAD~1", in: clone)
        let known = result.generationsByID.filter { $0.key != expected.last!.id }
        let incremental = try walk(repository, known: known)
        #expect(incremental.ids == [expected.last!.id])
        #expect(incremental.summary.boundary.contains(headParent))
    }

    @Test func missingObjectThrowsLibgit2ErrorAndBodyErrorsStopTheWalk() throws {
        struct Stop: Error {}
        let fixture = try TemporaryGitRepository()
        try fixture.write("file.txt", "content\n")
        let first = try fixture.commit("first\n")
        try fixture.write("file.txt", "changed\n")
        try fixture.commit("second\n")
        let repository = try open(fixture)

        var calls = 0
        #expect(throws: Stop.self) {
            _ = try repository.walk(
                knownGeneration: { _ in nil }, digest: { _ in () },
                { (_: WalkedCommit<Void>) in
                    calls += 1
                    throw Stop()
                })
        }
        #expect(calls == 1)

        try FileManager.default.removeItem(
            at: fixture.directory
                .appendingPathComponent(".git/objects/\(first.prefix(2))/\(first.dropFirst(2))"))
        let error = #expect(throws: RoadmapError.self) { try walk(repository) }
        #expect(error?.kind == .file)
        #expect(error?.message.isEmpty == false)
        #expect(error?.message.contains(repository.gitDirectory.path) == true)
        // Knowing the missing commit means it is never needed.
        let known = try walk(repository, known: [first: 1])
        #expect(known.summary == WalkSummary(boundary: [first], walked: 1))
    }
}
