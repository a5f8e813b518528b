import Foundation
import Testing

@testable import RoadmapKit

/// The cohort's figures as pure functions of learners and a day.
@Suite struct CohortReportTests {
    static let day = 86_400.0
    /// 2024-03-31 00:00 UTC.
    static let asOf = Date(timeIntervalSince1970: 1_711_843_200)
    static func daysBefore(_ days: Double) -> Date { asOf.addingTimeInterval(-days * day) }

    static func progress(_ phases: [(String, [String])], finished: [String: Double?]) -> LearnerProgress {
        var statuses: [String: ItemStatus] = [:]
        var dates: [String: Date] = [:]
        for (_, items) in phases { for item in items { statuses[item] = .notStarted } }
        for (item, days) in finished {
            statuses[item] = .done
            if let days { dates[item] = daysBefore(days) }
        }
        return LearnerProgress(
            phases: phases.map { LearnerProgress.Phase(id: $0.0, title: $0.0.uppercased(), items: $0.1) },
            statuses: statuses, finishedOn: dates)
    }

    static let roadmap = [("p1", ["p1/a", "p1/b"]), ("p2", ["p2/c", "p2/d"])]

    @Test func theCommonestRoadmapIsTheReferenceAndEveryoneIsComparedOnTheSharedIDs() {
        let variant = [("p1", ["p1/a", "p1/b", "p1/x"]), ("p2", ["p2/c"])]
        let report = CohortReport(
            learners: [
                Learner(name: "odd", source: "o", progress: .success(Self.progress(variant, finished: ["p1/x": 1]))),
                Learner(name: "ann", source: "a", progress: .success(Self.progress(Self.roadmap, finished: [:]))),
                Learner(name: "ben", source: "b", progress: .success(Self.progress(Self.roadmap, finished: [:]))),
            ], asOf: Self.asOf)
        #expect(report.referenceItems == 4)
        #expect(report.sharedItems == 3)
        #expect(report.phases.map(\.items) == [2, 1])
        let odd = report.rows.first { $0.name == "odd" }?.figures
        #expect(odd?.extraItems == 1 && odd?.missingItems == 1 && odd?.roadmapDiffers == true)
        // Its extra item is finished but not shared: nothing done, though it is the last evidence.
        #expect(odd?.finished == 0 && odd?.lastEvidence == Self.daysBefore(1))
        #expect(report.rows.first { $0.name == "ann" }?.figures?.roadmapDiffers == false)
    }

    @Test func rowsAreSortedByProgressThenNameWithErrorsLast() {
        let report = CohortReport(
            learners: [
                Learner(name: "zed", source: "z", progress: .failure(.file("z is not a git repository"))),
                Learner(
                    name: "cat", source: "c", progress: .success(Self.progress(Self.roadmap, finished: ["p1/a": 1]))),
                Learner(
                    name: "abe", source: "a", progress: .success(Self.progress(Self.roadmap, finished: ["p1/a": 2]))),
                Learner(
                    name: "dan", source: "d",
                    progress: .success(Self.progress(Self.roadmap, finished: ["p1/a": 1, "p1/b": nil]))),
                Learner(name: "amy", source: "y", progress: .failure(.file("y does not exist"))),
            ], asOf: Self.asOf)
        #expect(report.rows.map(\.name) == ["dan", "abe", "cat", "amy", "zed"])
        #expect(report.errorCount == 2)
        let dan = report.rows[0].figures
        // The undated item counts as finished but not as recent, and is not on the burn-up line's dates.
        #expect(dan?.finished == 2 && dan?.undatedFinished == 1 && dan?.finishDays == [Self.daysBefore(1)])
        #expect(dan?.pace.finishedInWindow == 1)
        #expect(dan?.currentPhase.map { report.phases[$0].id } == "p2")
        #expect(report.phases.map(\.completed) == [1, 0])
        #expect(report.phases.map(\.current) == [2, 1])
        #expect(report.json.learners[0].currentPhase == "p2")
    }

    @Test func aFinishedLearnerHasNoCurrentPhase() {
        let all = Dictionary(uniqueKeysWithValues: Self.roadmap.flatMap(\.1).map { ($0, Double?.some(3)) })
        let report = CohortReport(
            learners: [
                Learner(name: "fin", source: "f", progress: .success(Self.progress(Self.roadmap, finished: all)))
            ],
            asOf: Self.asOf)
        let figures = report.rows[0].figures
        #expect(figures?.currentPhase == nil && figures?.percent == 100 && figures?.pace.forecast == .finished)
        #expect(report.text(colors: false).contains("all done"))
        #expect(report.json.learners[0].currentPhase == nil)
    }

    @Test func markdownCellsCannotBreakTheTable() {
        #expect(CohortReport.cell("a|b <i>*x*</i>\nc") == "a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; c")
    }

    @Test func colourFollowsTheFlagAndNamesAreEscaped() {
        let report = CohortReport(
            learners: [
                Learner(
                    name: "evil\u{1B}[2J", source: "e", progress: .success(Self.progress(Self.roadmap, finished: [:])))
            ], asOf: Self.asOf)
        #expect(!report.text(colors: false).contains("\u{1B}"))
        #expect(report.text(colors: false).contains("evil\\u{1B}[2J"))
        #expect(report.text(colors: true).contains("\u{1B}[1m"))
    }

    @Test(arguments: [
        ("https://github.com/alice/roadmap.git", "alice"), ("git@github.com:bob/notes.git", "bob"),
        ("file:///srv/class/carol.git", "carol"), ("https://example.com/dave.git", "dave"),
    ])
    func aRemoteIsNamedByItsOwner(url: String, name: String) {
        #expect(CohortSource.remoteName(url) == name)
    }

    @Test(arguments: [
        ("class/alice.json", "alice"), ("class/bob/.roadmap/status.json", "bob"), ("class/carol/status.json", "carol"),
    ])
    func aStatusFileIsNamedByItsFileOrFolder(path: String, name: String) {
        #expect(CohortSource.statusFileName(path) == name)
    }

    @Test(arguments: [
        ("https://raw.githubusercontent.com/alice/roadmap/main/.roadmap/status.json", "alice"),
        ("https://example.com/class/bob.json", "bob"), ("file:///srv/class/carol/.roadmap/status.json", "carol"),
    ])
    func aStatusURLIsNamedByItsOwnerOrFile(url: String, name: String) {
        #expect(CohortSource.statusURLName(url) == name)
        #expect(CohortSource.expand([url], relativeTo: URL(fileURLWithPath: "/")).first?.kind == .statusFile)
    }
}
