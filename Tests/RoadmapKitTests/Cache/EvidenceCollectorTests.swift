import Foundation
@testable import RoadmapKit
import Testing

@Suite struct EvidenceCollectorTests {
    private func collect(_ fixture: TemporaryGitRepository, pattern: String) throws -> (EvidenceCollector.Collected, CacheStore) {
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let grammar = CommitGrammar(patterns: [.init(regex: pattern, verb: .done, line: 1)], timeLimit: 0.05)
        let store = CacheStore(gitDirectory: repository.gitDirectory)
        let collector = EvidenceCollector(merge: EvidenceMerge(roadmap: EvidenceMergeTests.roadmap, grammar: grammar), key: 1, store: store)
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
}
