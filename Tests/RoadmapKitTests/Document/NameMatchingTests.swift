import Foundation
import TestSupport
import Testing

@testable import RoadmapKit

/// How a phase table's row finds the overview item it details.
@Suite struct NameMatchingTests {
    @Test(arguments: [
        ("Event Loop", "Event Loop & Concurrency", true),
        ("Security", "Secure headers", true),
        ("Filtering", "Filter", true),
        ("Streams", "Buffers", false),
        ("Généricité", "Génériques avancés", true),
        ("Async", "Asynchronous patterns", true),
        ("Nodes", "Nest modules", false),
    ])
    func rowsDetailTheItemsTheyName(item: String, row: String, matches: Bool) {
        #expect((NameMatching.bestRows(items: [item], rows: [row])[0] != nil) == matches)
    }

    /// The score computed on counted tokens, with ASCII compared byte by byte, is the score of the rule as
    /// written: words of the slug, stop words out, stemmed, compared Character by Character.
    @Test func scoreIsTheRuleAsWritten() {
        let words = [
            "event", "events", "loop", "loops", "secure", "security", "filter", "filtering", "and", "the",
            "générique", "génériques", "généricité", "naïve", "naïveté", "stream", "streaming", "xyz", "über",
            "überblick", "a", "node", "nodes", "js",
        ]
        var generator = SeededGenerator(seed: 0x9A3E)
        func name() -> String {
            (0..<Int.random(in: 1...4, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                .joined(separator: " ")
        }
        for _ in 0..<3_000 {
            let (left, right) = (name(), name())
            #expect(NameMatching.score(left, right) == Self.score(left, right), "\(left) / \(right)")
        }
    }

    private static func score(_ lhs: String, _ rhs: String) -> Double {
        if TextNormalization.slug(lhs) == TextNormalization.slug(rhs) { return 1 }
        let stop: Set<String> = ["and", "or", "the", "of", "for", "to", "a", "an", "in", "on", "with", "vs"]
        func tokens(_ text: String) -> [String] {
            TextNormalization.words(text).split(separator: " ").map(String.init).filter { !stop.contains($0) }.map {
                if $0.count > 5, $0.hasSuffix("ing") { return String($0.dropLast(3)) }
                if $0.count > 3, $0.hasSuffix("s"), !$0.hasSuffix("ss") { return String($0.dropLast()) }
                return $0
            }
        }
        func similar(_ lhs: String, _ rhs: String) -> Bool {
            if lhs == rhs { return true }
            let (short, long) = lhs.count <= rhs.count ? (lhs, rhs) : (rhs, lhs)
            if short.count >= 4, long.hasPrefix(short) { return true }
            return zip(lhs, rhs).prefix { $0 == $1 }.count >= 5
        }
        let left = tokens(lhs)
        var unused = tokens(rhs)
        guard !left.isEmpty, !unused.isEmpty else { return 0 }
        let total = left.count + unused.count
        var matches = 0
        for token in left {
            if let index = unused.firstIndex(where: { similar(token, $0) }) {
                unused.remove(at: index)
                matches += 1
            }
        }
        return 2 * Double(matches) / Double(total)
    }
}
