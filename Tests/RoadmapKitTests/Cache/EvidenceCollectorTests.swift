import Foundation
import Testing

@testable import RoadmapKit

@Suite struct EvidenceCollectorTests {
    private func collect(_ fixture: TemporaryGitRepository, pattern: String) throws -> (
        EvidenceCollector.Collected, CacheStore
    ) {
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let grammar = CommitGrammar(patterns: [.init(regex: pattern, verb: .done, line: 1)], timeLimit: 0.05)
        let store = CacheStore(gitDirectory: repository.gitDirectory)
        let collector = EvidenceCollector(
            merge: EvidenceMerge(roadmap: EvidenceMergeTests.roadmap, grammar: grammar), key: 1, store: store)
        return (try collector.collect(from: repository), store)
    }

    /// A pattern that ran out of time is off for the rest of the run: what was read after it depends on the
    /// machine's load, so it must not outlive the run in the cache.
    @Test func readingsFromARunWhereAPatternTimedOutAreNotCached() throws {
        let hostile = try TemporaryGitRepository()
        try hostile.commit(String(repeating: "a", count: 64) + "b\n")
        try hostile.commit("learned streams\n")
        let (timedOut, store) = try collect(hostile, pattern: #"^(a+)+$(?<ref>x)|^learned (?<ref2>\S+)"#)
        #expect(timedOut.readings.contains { !$0.reading.timedOutPatterns.isEmpty })
        #expect(store.load() == nil)

        let calm = try TemporaryGitRepository()
        try calm.commit("learned streams\n")
        let (_, calmStore) = try collect(calm, pattern: #"^learned (?<ref>\S+)"#)
        #expect(calmStore.load() != nil, "a run without a time-out is cached as before")
    }

    /// The post-commit hook amends the commit it just synced, so the next commit finds the cache's head
    /// replaced: its reading, the cache's last, is dropped and the new readings added, giving what a full
    /// walk gives.
    @Test func anAmendedHeadsReadingIsDroppedAndTheNewOnesAdded() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("finished #streams\n")
        try fixture.commit("chore: nothing\n")
        try fixture.commit("wip #buffers\n")
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let merge = EvidenceMerge(roadmap: EvidenceMergeTests.roadmap, grammar: CommitGrammar())
        let store = CacheStore(gitDirectory: repository.gitDirectory)
        let collector = EvidenceCollector(merge: merge, key: 1, store: store)
        let first = try collector.collect(from: repository)
        #expect(first.readings.map(\.commit.subject) == ["finished #streams", "wip #buffers"])
        let cached = try #require(store.load())

        try fixture.git("commit", "-q", "--amend", "--allow-empty", "-m", "finished #buffers")
        try fixture.commit("reopen #streams\n")
        let second = try collector.collect(from: repository, loaded: .some(cached))
        #expect(second.walked == 2)
        #expect(second.readings.map(\.commit.subject) == ["finished #streams", "finished #buffers", "reopen #streams"])
        #expect(
            second.readings.map(\.commit.id)
                == (try collector.collect(from: repository, loaded: .some(nil)).readings.map(\.commit.id)))

        // An amend of a head that carried no evidence drops nothing: the new readings extend them all.
        try fixture.commit("chore: quiet\n")
        let third = try collector.collect(from: repository)
        try fixture.git("commit", "-q", "--amend", "--allow-empty", "-m", "chore: quieter")
        try fixture.commit("skipped #streams\n")
        let stored: EvidenceCache = try #require(store.load())
        let fourth = try collector.collect(from: repository, loaded: .some(stored))
        #expect(third.readings.count == 3)
        #expect(fourth.readings.map(\.commit.subject) == second.readings.map(\.commit.subject) + ["skipped #streams"])
    }
}
