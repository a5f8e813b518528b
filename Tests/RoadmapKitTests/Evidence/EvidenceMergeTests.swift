import TestSupport
import Testing

@testable import RoadmapKit

@Suite struct EvidenceMergeTests {
    static let roadmap = try! Fixture.document("seed-clean.md").roadmap
    static let streams = ItemID(phase: 1, slug: "streams")
    static let buffers = ItemID(phase: 1, slug: "buffers")

    func outcomes(
        _ messages: [String], document: [ItemID: ItemStatus] = [:], tree: [ItemID: TreeRules.Finding] = [:],
        rebuild: Bool = false
    ) -> ([ItemID: ItemOutcome], [EvidenceWarning]) {
        var roadmap = Self.roadmap
        for phase in roadmap.phases.indices {
            for item in roadmap.phases[phase].items.indices {
                roadmap.phases[phase].items[item].documentStatus =
                    document[roadmap.phases[phase].items[item].id] ?? .notStarted
            }
        }
        let merge = EvidenceMerge(roadmap: roadmap, grammar: CommitGrammar())
        let readings = messages.enumerated().compactMap { index, message in
            let number = index + 1
            return merge.reading(
                id: String(repeating: String(number % 10), count: 40), date: Double(number),
                message: message, generation: UInt32(number))
        }
        let ledger = merge.ledger(readings)
        return (merge.outcomes(ledger: ledger, tree: tree, rebuild: rebuild), merge.suggested(ledger.warnings))
    }

    @Test func evidenceMovesItemsForward() {
        let (result, _) = outcomes(["feat(streams): start", "finished #streams", "wip #streams"])
        #expect(result[Self.streams]?.status == .done)
        #expect(result[Self.streams]?.commits.count == 3)
    }

    @Test func aStatusSetByHandSurvives() {
        let (result, _) = outcomes(["wip #streams"], document: [Self.streams: .done])
        #expect(result[Self.streams]?.status == .done)
        #expect(result[Self.streams]?.reason == .document)
    }

    @Test func reopenMovesBack() {
        let (result, _) = outcomes(["finished #streams", "reopen #streams"], document: [Self.streams: .done])
        #expect(result[Self.streams]?.status == .notStarted)
        #expect(result[Self.streams]?.reason == .reopened(commit: String(repeating: "2", count: 40)))
    }

    @Test func doneAfterReopenIsDoneAgain() {
        let (result, _) = outcomes(
            ["finished #streams", "reopen #streams", "done #streams"], document: [Self.streams: .notStarted])
        #expect(result[Self.streams]?.status == .done)
    }

    @Test func aRevertCancelsTheEvidenceAndLowersWhatOnlyItRaised() {
        let revert = "Revert \"finished #streams\"\n\nThis reverts commit \(String(repeating: "2", count: 40))."
        let (result, _) = outcomes(["wip #streams", "finished #streams", revert], document: [Self.streams: .done])
        #expect(result[Self.streams]?.status == .inProgress)
        #expect(result[Self.streams]?.reason == .reverted(commit: String(repeating: "3", count: 40)))
        #expect(result[Self.streams]?.commits[1].revertedBy == String(repeating: "3", count: 40))
    }

    @Test func aRevertDoesNotLowerWhatTheDocumentHadFromElsewhere() {
        let revert = "Revert \"wip\"\n\nThis reverts commit 1111111."
        let (result, _) = outcomes(["wip #streams", revert], document: [Self.streams: .done])
        #expect(result[Self.streams]?.status == .done)
    }

    @Test func revertingARevertReappliesTheEvidence() {
        let first = "Revert \"finished\"\n\nThis reverts commit 1111111."
        let second = "Revert \"Revert\"\n\nThis reverts commit 2222222."
        let (result, _) = outcomes(["finished #streams", first, second])
        #expect(result[Self.streams]?.status == .done)
    }

    @Test func treeEvidenceCountsAndRebuildIgnoresTheDocument() {
        let tree = [Self.buffers: TreeRules.Finding(status: .inProgress, paths: ["phase-1/buffers/"])]
        let (kept, _) = outcomes([], document: [Self.streams: .done], tree: tree)
        #expect(kept[Self.streams]?.status == .done)
        #expect(kept[Self.buffers]?.status == .inProgress)
        let (rebuilt, _) = outcomes([], document: [Self.streams: .done], tree: tree, rebuild: true)
        #expect(rebuilt[Self.streams]?.status == .notStarted)
        #expect(rebuilt[Self.buffers]?.status == .inProgress)
    }

    @Test func skipIsFinishedButNotOverDone() {
        let (result, _) = outcomes(["skip #streams", "skipped #buffers", "done #buffers"])
        #expect(result[Self.streams]?.status == .skipped)
        #expect(result[Self.buffers]?.status == .done)
    }

    @Test func unknownAndAmbiguousRefsWarnNamingTheCommit() {
        let (result, warnings) = outcomes([
            "finished #evnt-loop", "fix(api): x", "x\n\nRoadmap: done xss-csrf", "x\n\nRoadmap: finsihed streams",
        ])
        #expect(
            warnings.map(\.sentence) == [
                "1111111: unknown ref `evnt-loop` (did you mean p1/event-loop?)",
                "3333333: ambiguous ref `xss-csrf` (did you mean p9/csrf, p9/xss?)",
                "4444444: unknown verb `finsihed`",
            ])
        #expect(result.values.allSatisfy { $0.status == .notStarted })
    }
}

@Suite struct TreeRulesTests {
    static let roadmap = try! Fixture.document("seed-clean.md").roadmap

    @Test(arguments: [
        (["phase-1/03-streams/notes.md"], "p1/streams", ItemStatus.inProgress),
        (["phase-01/streams/demo.js", "phase-01/streams/DONE"], "p1/streams", .done),
        (["p1/3.streams/.done"], "p1/streams", .done),
        (["01-node-core/03_streams/x.js"], "p1/streams", .inProgress),
        (["node-js-core-concepts/event-loop/DONE.md"], "p1/event-loop", .done),
        (["notes/buffers/a.md"], "p1/buffers", .inProgress),
        (["labs/phase-9/https/DONE"], "p9/https", .done),
        (["phase-1/event-loop-concurrency/a.md"], "p1/event-loop", .inProgress),
    ])
    func foldersGiveEvidence(paths: [String], id: String, status: ItemStatus) {
        let findings = TreeRules(roadmap: Self.roadmap).findings(paths: paths)
        #expect(findings[ItemID(parsing: id)!]?.status == status)
    }

    @Test func anAmbiguousFolderCountsOnlyUnderItsPhase() {
        // "XSS & CSRF" is the alias of two Phase 9 items: only a folder under Phase 9's counts, for both.
        let rules = TreeRules(roadmap: Self.roadmap)
        #expect(rules.findings(paths: ["misc/xss-csrf/a.md"]).isEmpty)
        let findings = rules.findings(paths: ["phase-9/xss-csrf/a.md"])
        #expect(findings[ItemID(phase: 9, slug: "xss")]?.status == .inProgress)
        #expect(findings[ItemID(phase: 9, slug: "csrf")]?.status == .inProgress)
    }

    @Test func aMarkerDeeperDownIsNotTheItemsMarker() {
        let findings = TreeRules(roadmap: Self.roadmap).findings(paths: ["phase-1/streams/sub/DONE"])
        #expect(findings[ItemID(phase: 1, slug: "streams")]?.status == .inProgress)
    }

    @Test func relevantPathsAreExactlyThoseTheRulesCanSee() {
        let rules = TreeRules(
            roadmap: Self.roadmap, globs: [ItemID(phase: 1, slug: "streams"): ["labs/**/stream-*.js"]])
        let paths = [
            "phase-1/03-streams/a.md", "phase-1/03-streams/deep/b.md", "src/module-1/x.js", "README.md",
            "labs/a/stream-1.js", "notes/buffers/DONE", "misc/xss-csrf/c.md",
            "01-node-core/event-loop-concurrency/d.md",
        ]
        #expect(rules.relevantPaths(paths) == paths.filter(rules.isRelevant))
        #expect(
            rules.relevantPaths(paths) == [
                "phase-1/03-streams/a.md", "phase-1/03-streams/deep/b.md", "labs/a/stream-1.js", "notes/buffers/DONE",
                "misc/xss-csrf/c.md", "01-node-core/event-loop-concurrency/d.md",
            ])
        #expect(rules.findings(paths: rules.relevantPaths(paths)) == rules.findings(paths: paths))
    }

    @Test func configuredGlobsAddPaths() {
        let rules = TreeRules(
            roadmap: Self.roadmap,
            globs: [ItemID(phase: 1, slug: "streams"): ["labs/**/stream-*.js", "labs/streams.DONE"]])
        #expect(
            rules.findings(paths: ["labs/a/b/stream-1.js"])[ItemID(phase: 1, slug: "streams")]?.status == .inProgress)
        #expect(rules.findings(paths: ["labs/stream-1.js"])[ItemID(phase: 1, slug: "streams")]?.status == .inProgress)
        #expect(rules.findings(paths: ["labs/x/streams.js"])[ItemID(phase: 1, slug: "streams")] == nil)
    }

    /// A glob keeps 20 of its paths: the same 20 whatever order the paths come in — a tree's listing for a
    /// full sync, a snapshot with paths appended since for an incremental one.
    @Test func aGlobsPathsDoNotDependOnTheOrderTheyCameIn() {
        let rules = TreeRules(
            roadmap: Self.roadmap, globs: [ItemID(phase: 1, slug: "streams"): ["labs/**/stream-*.js"]])
        let paths = (0..<45).map { "labs/\($0 % 7)/stream-\($0).js" }
        let findings = rules.findings(paths: paths)
        #expect(findings[ItemID(phase: 1, slug: "streams")]?.paths.count == 20)
        var generator = SeededGenerator(seed: 20)
        for _ in 0..<5 {
            #expect(rules.findings(paths: paths.shuffled(using: &generator)) == findings)
        }
    }
}
