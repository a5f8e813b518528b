import Foundation
import RoadmapKit
import Testing

@Suite("GitRepository commit walk")
struct CommitWalkTests {
    private func commits(of repository: GitRepository) throws -> [CommitRecord] {
        var records: [CommitRecord] = []
        try repository.forEachCommit { records.append($0) }
        return records
    }

    private func open(_ fixture: TemporaryGitRepository, at path: URL? = nil) throws -> GitRepository {
        try GitRepository.open(at: path ?? fixture.directory, environment: fixture.confinedEnvironment)
    }

    /// The message exactly as stored in the commit object (everything after the header's blank line).
    private func rawMessage(of id: String, in fixture: TemporaryGitRepository) throws -> Data {
        let object = try fixture.gitOutput(["cat-file", "commit", id])
        let separator = object.range(of: Data("\n\n".utf8))!
        return object.subdata(in: separator.upperBound..<object.endIndex)
    }

    @Test func linearHistoryYieldsEveryFieldOldestFirst() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("README.md", "hello\n")
        let first = try fixture.commit("Initial commit\n\nWith a body.\n", timeZone: "+0530")
        try fixture.write("README.md", "hello again\n")
        let second = try fixture.commit(
            "Second: ünïcödé ✓\n", timeZone: "-0700", author: (name: "Zoë Ørsted", email: "zoe@example.test"))
        let third = try fixture.commit("\n\nLeading blank lines and no trailing newline")

        let records = try commits(of: open(fixture))

        #expect(records.map(\.id) == [first, second, third])
        #expect(records.map(\.id) == (try fixture.gitLines("rev-list", "--topo-order", "--reverse", "HEAD")))
        #expect(records.map(\.parents) == [[], [first], [second]])
        #expect(records[0].message == "Initial commit\n\nWith a body.\n")
        #expect(records[0].subject == "Initial commit")
        #expect(records[0].shortID == String(first.prefix(7)))
        #expect(
            records[0].authorDate == Date(timeIntervalSince1970: TimeInterval(TemporaryGitRepository.firstCommitTime)))
        #expect(
            records[1].authorDate
                == Date(timeIntervalSince1970: TimeInterval(TemporaryGitRepository.firstCommitTime + 60)))
        #expect(records[1].message == "Second: ünïcödé ✓\n")
        #expect(records[2].message == "\n\nLeading blank lines and no trailing newline")
        for record in records {
            #expect(Data(record.message.utf8) == (try rawMessage(of: record.id, in: fixture)))
        }
    }

    @Test func mergeHistoryMatchesGitTopologicalOrderAndParents() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("base.txt", "base\n")
        try fixture.commit("base\n")
        try fixture.git("checkout", "--quiet", "-b", "feature")
        try fixture.write("feature.txt", "1\n")
        try fixture.commit("feature 1\n")
        try fixture.write("feature.txt", "2\n")
        try fixture.commit("feature 2\n")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("main.txt", "1\n")
        try fixture.commit("main 1\n")
        try fixture.git(
            "merge", "--quiet", "--no-ff", "--no-edit", "feature",
            environment: ["GIT_AUTHOR_DATE": "@1700009000 +0000", "GIT_COMMITTER_DATE": "@1700009000 +0000"])
        try fixture.git("checkout", "--quiet", "feature")
        try fixture.write("feature.txt", "3\n")
        try fixture.commit("feature 3\n")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("main.txt", "2\n")
        try fixture.commit("main 2\n")
        try fixture.git(
            "merge", "--quiet", "--no-ff", "--no-edit", "feature",
            environment: ["GIT_AUTHOR_DATE": "@1700019000 +0000", "GIT_COMMITTER_DATE": "@1700019000 +0000"])

        let records = try commits(of: open(fixture))

        let expected = try fixture.gitLines("rev-list", "--topo-order", "--reverse", "--parents", "HEAD")
            .map { $0.split(separator: " ").map(String.init) }
        #expect(records.count == 8)
        #expect(records.map(\.id) == expected.map { $0[0] })
        #expect(records.map(\.parents) == expected.map { Array($0.dropFirst()) })
        #expect(records.filter { $0.parents.count == 2 }.count == 2)
        var seen = Set<String>()
        for record in records {
            #expect(record.parents.allSatisfy(seen.contains), "parents come before \(record.shortID)")
            seen.insert(record.id)
        }
    }

    @Test func unrelatedHistoryMergedInKeepsGitOrderWithTwoRoots() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("main.txt", "main\n")
        try fixture.commit("main root\n")
        try fixture.commit("main 2\n")
        try fixture.git("checkout", "--quiet", "--orphan", "imported")
        try fixture.git("rm", "--quiet", "-r", "--cached", ".")
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("main.txt"))
        try fixture.write("imported.txt", "imported\n")
        try fixture.commit("imported root\n")
        try fixture.commit("imported 2\n")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.git("merge", "--quiet", "--no-edit", "--allow-unrelated-histories", "imported")
        try fixture.commit("after merge\n")

        let records = try commits(of: open(fixture))

        let expected = try fixture.gitLines("rev-list", "--topo-order", "--reverse", "--parents", "HEAD")
            .map { $0.split(separator: " ").map(String.init) }
        #expect(records.map(\.id) == expected.map { $0[0] })
        #expect(records.map(\.parents) == expected.map { Array($0.dropFirst()) })
        #expect(records.filter(\.parents.isEmpty).count == 2)
    }

    @Test func latin1MessageIsDecodedFromItsEncodingHeader() throws {
        let fixture = try TemporaryGitRepository()
        let latin1Message = Data("caf".utf8) + Data([0xE9]) + Data(" cr".utf8) + Data([0xE8]) + Data("me\n".utf8)
        let id = try fixture.commit(messageBytes: latin1Message, configuration: ["i18n.commitEncoding=ISO-8859-1"])
        #expect(try fixture.git("cat-file", "commit", id).contains("\nencoding ISO-8859-1\n"))

        let records = try commits(of: open(fixture))

        #expect(records.map(\.message) == ["café crème\n"])
    }

    @Test func windows1252MessageIsConvertedThroughIconv() throws {
        let fixture = try TemporaryGitRepository()
        let message =
            Data([0x80]) + Data(" 5 ".utf8) + Data([0x93]) + Data("quoted".utf8) + Data([0x94]) + Data("\n".utf8)
        let id = try fixture.commit(messageBytes: message, configuration: ["i18n.commitEncoding=windows-1252"])
        #expect(try fixture.git("cat-file", "commit", id).contains("\nencoding windows-1252\n"))

        #expect(try commits(of: open(fixture)).map(\.message) == ["€ 5 “quoted”\n"])
    }

    @Test func unknownEncodingFallsBackToUTF8() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit(
            messageBytes: Data("naïve\n".utf8), configuration: ["i18n.commitEncoding=x-roadmap-no-such-encoding"])

        #expect(try commits(of: open(fixture)).map(\.message) == ["naïve\n"])
    }

    @Test func invalidUTF8WithoutEncodingHeaderIsRepairedNotDropped() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("before\n")
        let broken = Data("bad ".utf8) + Data([0xFF, 0xFE]) + Data(" bytes\n".utf8)
        let id = try fixture.commitObject(messageBytes: broken)
        let stored = try fixture.gitOutput(["cat-file", "commit", id])
        #expect(stored.contains(0xFF), "the invalid bytes really are in the commit")
        #expect(!String(decoding: stored, as: UTF8.self).contains("\nencoding "))
        try fixture.commit("after\n")

        let records = try commits(of: open(fixture))

        #expect(records.map(\.message) == ["before\n", "bad \u{FFFD}\u{FFFD} bytes\n", "after\n"])
        #expect(records[1].id == id)
    }

    @Test func twentyMegabyteMessageIsYieldedWhole() throws {
        let fixture = try TemporaryGitRepository()
        let line = "0123456789 the quick brown fox jumps over the lazy dog 0123456789\n"
        let lineCount = 20 * 1024 * 1024 / line.utf8.count + 1
        let message = "Huge\n\n" + String(repeating: line, count: lineCount)
        #expect(message.utf8.count > 20 * 1024 * 1024)
        try fixture.commit(message)

        let records = try commits(of: open(fixture))

        #expect(records.count == 1)
        #expect(records.first?.message.utf8.count == message.utf8.count)
        #expect(records.first?.message == message)
        #expect(records.first?.subject == "Huge")
    }

    @Test func unbornHeadHasNoCommitsAndNoPaths() throws {
        let fixture = try TemporaryGitRepository()
        let repository = try open(fixture)

        #expect(try repository.headCommitID() == nil)
        #expect(try commits(of: repository).isEmpty)
        #expect(try repository.headTreePaths() == [])
        #expect(repository.isShallow == false)
    }

    @Test func shallowCloneWalksOnlyTheFetchedCommit() throws {
        let fixture = try TemporaryGitRepository()
        for number in 1...3 {
            try fixture.write("file.txt", "\(number)\n")
            try fixture.commit("commit \(number)\n")
        }
        let clone = fixture.root.appendingPathComponent("shallow", isDirectory: true)
        try fixture.git(
            "clone", "--quiet", "--depth", "1", "file://\(fixture.directory.path)", clone.path, in: fixture.root)

        let repository = try open(fixture, at: clone)
        let records = try commits(of: repository)

        #expect(repository.isShallow)
        #expect(try open(fixture).isShallow == false)
        #expect(records.map(\.id) == [try fixture.revParse("HEAD")])
        #expect(
            records.first?.parents == [], "the boundary commit's parents were not fetched, as git log --format=%P shows"
        )
        #expect(records.first?.message == "commit 3\n")
    }

    @Test func deeperShallowCloneOfMergesMatchesGit() throws {
        let fixture = try TemporaryGitRepository()
        let clone = try fixture.shallowCloneOfMerges(depth: 3)

        let records = try commits(of: open(fixture, at: clone))

        let expected = try fixture.gitLines("rev-list", "--topo-order", "--reverse", "--parents", "HEAD", in: clone)
            .map { $0.split(separator: " ").map(String.init) }
        #expect(records.count > 1)
        #expect(records.map(\.id) == expected.map { $0[0] })
        #expect(records.map(\.parents) == expected.map { Array($0.dropFirst()) })
    }

    @Test func corruptRepositoryThrowsLibgit2Error() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("file.txt", "content\n")
        try fixture.commit("first\n")
        try fixture.write("file.txt", "changed\n")
        let head = try fixture.commit("second\n")
        let objectFile = fixture.directory
            .appendingPathComponent(".git/objects/\(head.prefix(2))/\(head.dropFirst(2))")
        try FileManager.default.removeItem(at: objectFile)

        let repository = try open(fixture)

        #expect(try repository.headCommitID() == head, "resolving HEAD does not need the commit object")
        let walkError = #expect(throws: RoadmapError.self) { try commits(of: repository) }
        #expect(walkError?.kind == .file)
        #expect(walkError?.message.isEmpty == false)
        #expect(walkError?.message.contains(repository.gitDirectory.path) == true)
        let treeError = #expect(throws: RoadmapError.self) { try repository.headTreePaths() }
        #expect(treeError?.kind == .file)
        #expect(treeError?.message.isEmpty == false)
    }

    @Test func errorThrownByTheBodyStopsTheWalk() throws {
        struct Stop: Error {}
        let fixture = try TemporaryGitRepository()
        for number in 1...3 { try fixture.commit("commit \(number)\n") }
        let repository = try open(fixture)

        var calls = 0
        #expect(throws: Stop.self) {
            try repository.forEachCommit { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
        #expect(try commits(of: repository).count == 3, "the repository is still usable afterwards")
    }

    @Test func bodyMayCallBackIntoTheRepository() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.write("a.txt", "a\n")
        try fixture.commit("one\n")
        let repository = try open(fixture)

        var pathsSeenDuringWalk: [[String]] = []
        try repository.forEachCommit { _ in pathsSeenDuringWalk.append(try repository.headTreePaths()) }

        #expect(pathsSeenDuringWalk == [["a.txt"]])
    }
}
