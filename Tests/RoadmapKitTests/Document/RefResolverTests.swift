import TestSupport
import Testing

@testable import RoadmapKit

@Suite struct RefResolverTests {
    static let resolver = RefResolver(roadmap: try! Fixture.document("seed-clean.md").roadmap)

    @Test(arguments: [
        ("p1/event-loop", "p1/event-loop"),
        ("phase-1/event-loop", "p1/event-loop"),
        ("phase1/event-loop", "p1/event-loop"),
        ("P1/Event-Loop", "p1/event-loop"),
        ("event-loop", "p1/event-loop"),
        ("streams", "p1/streams"),
        ("\"Event Loop\"", "p1/event-loop"),
        ("'libuv & thread pool'", "p1/libuv-thread-pool"),
        ("JWT (Access & Refresh)", "p4/jwt-access-refresh"),
        ("ci-cd", "p11/ci-cd"),
        ("streams.", "p1/streams"),
        ("event-loop-concurrency", "p1/event-loop"),
        ("p1/event-loop-concurrency", "p1/event-loop"),
        ("jwt-auth", "p4/jwt-access-refresh"),
    ])
    func resolves(ref: String, id: String) {
        #expect(Self.resolver.resolve(ref) == .item(ItemID(parsing: id)!))
    }

    @Test func aSlugInTwoPhasesIsAmbiguousWithItsCandidates() {
        // "Rate Limiting" is a Phase 6 item; "HTTPS" a Phase 9 item and a Phase 11 row that matches nothing.
        let roadmap = try! TrackerDocument(
            bytes: Array(
                """
                | Phase | Sub Topics | Status |
                |---|---|---|
                | Phase 1 | • Streams<br>• Buffers | ⏳ Not Started |
                | Phase 2 | • Streams | ⏳ Not Started |

                """.utf8)
        ).roadmap
        let resolver = RefResolver(roadmap: roadmap)
        #expect(
            resolver.resolve("streams")
                == .ambiguous([ItemID(phase: 1, slug: "streams"), ItemID(phase: 2, slug: "streams")]))
        #expect(resolver.resolve("p2/streams") == .item(ItemID(phase: 2, slug: "streams")))
        #expect(resolver.resolve("buffers") == .item(ItemID(phase: 1, slug: "buffers")))
    }

    @Test(arguments: ["evnt-loop", "p1/evnt-loop", "p12/event-loop", "quantum-computing", "", "p1/"])
    func unknownRefsAreUnknownNotErrors(ref: String) {
        guard case .unknown = Self.resolver.resolve(ref) else {
            Issue.record("\(ref) resolved to \(Self.resolver.resolve(ref))")
            return
        }
    }

    @Test func unknownRefsComeWithTheClosestIDs() {
        #expect(Self.resolver.resolve("evnt-loop") == .unknown(suggestions: [ItemID(phase: 1, slug: "event-loop")]))
        guard case .unknown(let suggestions) = Self.resolver.resolve("stream") else {
            Issue.record()
            return
        }
        #expect(suggestions.first == ItemID(phase: 1, slug: "streams"))
    }

    /// `clean` trims by index now (it rebuilt the ref a character at a time, most of a cached ledger's cost):
    /// the same result as that definition on random refs of blanks, punctuation, quotes and clusters.
    @Test func cleaningTrimsAsTheCharacterByCharacterDefinitionDid() {
        func reference(_ ref: String) -> String {
            func trimmed(_ text: Substring) -> Substring {
                text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed().reduce(
                    into: Substring()
                ) { $0.append($1) }
            }
            var text = trimmed(ref[...])
            while let last = text.last, ".,;:!?)".contains(last) { text.removeLast() }
            for quote in ["\"", "'", "`"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
                text = text.dropFirst().dropLast()
            }
            return String(trimmed(text))
        }
        let pieces = [
            " ", "\t", ".", ")", "\"", "'", "`", "a", "streams", "é", "e\u{301}", " \u{301}", "🚀", "\u{200B}", "\n",
            "p1/x",
        ]
        var generator = SeededGenerator(seed: 0xC1EA)
        for _ in 0..<3000 {
            let ref = (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)!
            }.joined()
            #expect(RefResolver.clean(ref) == reference(ref), "\(ref.debugDescription)")
        }
    }
}
