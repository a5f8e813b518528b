import Foundation
import Testing

@testable import RoadmapKit

@Suite struct CommitGrammarTests {
    static let grammar = CommitGrammar()

    struct Case: CustomTestStringConvertible, Sendable {
        var message: String
        var expected: [String]
        var testDescription: String { message.split(separator: "\n").first.map(String.init) ?? "(empty)" }
    }

    /// Each expected mention is written `verb ref rule`.
    static let cases: [Case] = [
        Case(
            message: "Roadmap: done p1/event-loop, streams",
            expected: ["done p1/event-loop trailer", "done streams trailer"]),
        Case(message: "Add notes\n\nRoadmap: done p1/event-loop", expected: ["done p1/event-loop trailer"]),
        Case(
            message: "notes\n\nroadmap: Finished \"Event Loop\", 'Libuv & Thread Pool'",
            expected: ["done \"Event Loop\" trailer", "done 'Libuv & Thread Pool' trailer"]),
        Case(
            message: "x\n\nROADMAP: wip routing\nRoadmap: skip p2/production-features",
            expected: ["start routing trailer", "skip p2/production-features trailer"]),
        Case(message: "x\n\nRoadmap: reopened streams", expected: ["reopen streams trailer"]),
        Case(message: "x\n\nRoadmap: undone streams", expected: ["reopen streams trailer"]),
        Case(message: "finished #streams", expected: ["done streams hashtag"]),
        Case(message: "completes #p1/buffers", expected: ["done p1/buffers hashtag"]),
        Case(message: "wip #routing", expected: ["start routing hashtag"]),
        Case(message: "Started #phase-1/event-loop today", expected: ["start phase-1/event-loop hashtag"]),
        Case(message: "DONE #streams #buffers", expected: ["done streams hashtag", "done buffers hashtag"]),
        Case(message: "finished #streams and #buffers.", expected: ["done streams hashtag", "done buffers hashtag"]),
        Case(
            message: "Streams demo\n\nskipped #xss, reopen #csrf",
            expected: ["skip xss hashtag", "reopen csrf hashtag"]),
        Case(message: "feat(streams): transform demo", expected: ["start streams conventional-commit scope"]),
        Case(
            message: "fix(streams,buffers)!: edge cases",
            expected: ["start streams conventional-commit scope", "start buffers conventional-commit scope"]),
        Case(
            message: "feat(streams): done #streams",
            expected: ["start streams conventional-commit scope", "done streams hashtag"]),
        Case(message: "docs(roadmap): sync progress [skip ci]", expected: ["start roadmap conventional-commit scope"]),
        Case(message: "done\r\n\r\nRoadmap: done streams\r\n", expected: ["done streams trailer"]),
        // Must not match.
        Case(message: "I'm done with the streams chapter", expected: []),
        Case(message: "fixes #12", expected: []),
        Case(message: "done #12", expected: []),
        Case(message: "finished reading, mail ada@example.com#streams", expected: []),
        Case(message: "done, see https://nodejs.org/api/stream.html#streams", expected: []),
        Case(message: "finished the #streams chapter? no: finished reading", expected: []),
        Case(message: "feat: streams", expected: []),
        Case(message: "Merge branch 'feat(streams)' into main", expected: []),
        Case(message: "Roadmap:", expected: []),
        Case(message: "Roadmap: done", expected: []),
        Case(message: "The roadmap: done streams", expected: []),
        Case(message: "", expected: []),
        Case(
            message: "Revert \"finished #streams\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
            expected: []),
    ]

    @Test(arguments: cases)
    func mentions(_ example: Case) {
        let reading = Self.grammar.read(example.message)
        #expect(reading.mentions.map { "\($0.verb.rawValue) \($0.ref) \($0.rule)" } == example.expected)
    }

    @Test func revertsNameTheRevertedCommit() {
        let message = "Revert \"finished #streams\"\n\nThis reverts commit 0123456789ABCDEF0123456789abcdef01234567.\n"
        #expect(Self.grammar.read(message).reverts == "0123456789abcdef0123456789abcdef01234567")
        #expect(Self.grammar.read("This reverts commit 0123456.").reverts == "0123456")
        #expect(Self.grammar.read("This reverts commit abc.").reverts == nil)
    }

    @Test func unknownTrailerVerbsAreReported() {
        let reading = Self.grammar.read("x\n\nRoadmap: finsihed streams")
        #expect(reading.mentions.isEmpty)
        #expect(reading.unknownVerbs == ["finsihed"])
    }

    @Test func configuredPatternsAddRules() {
        let grammar = CommitGrammar(patterns: [
            .init(regex: #"^learned (?<ref>[\w/-]+)"#, verb: .done, line: 1),
            .init(regex: #"\[(?<verb>\w+)\] (?<ref>[\w/-]+)"#, verb: nil, line: 2),
        ])
        let reading = grammar.read("learned streams\n[wip] buffers\n[nope] x")
        #expect(
            reading.mentions == [
                Mention(verb: .done, ref: "streams", rule: .pattern(0)),
                Mention(verb: .start, ref: "buffers", rule: .pattern(1)),
            ])
    }

    @Test func aCatastrophicUserRegexIsStoppedAndReported() {
        let grammar = CommitGrammar(
            patterns: [
                .init(regex: #"^(a+)+$(?<ref>x)"#, verb: .done, line: 1),
                .init(regex: #"^learned (?<ref>\S+)"#, verb: .done, line: 2),
            ], timeLimit: 0.05)
        let hostile = String(repeating: "a", count: 64) + "b\nlearned streams"
        let start = Date()
        let reading = grammar.read(hostile)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(reading.timedOutPatterns == [0])
        #expect(reading.mentions == [Mention(verb: .done, ref: "streams", rule: .pattern(1))])
        // Off for the rest of the run: the next message does not pay again.
        let next = grammar.read(hostile)
        #expect(next.timedOutPatterns.isEmpty)
        #expect(next.mentions.count == 1)
    }

    @Test func aTwentyMegabyteMessageIsReadWhole() {
        let filler = String(repeating: "lorem ipsum dolor sit amet #12 https://x.test/#frag\n", count: 20_000_000 / 52)
        let reading = Self.grammar.read("feat(streams): big\n\n" + filler + "Roadmap: done buffers\n")
        #expect(reading.mentions.map(\.ref) == ["streams", "buffers"])
    }
}
