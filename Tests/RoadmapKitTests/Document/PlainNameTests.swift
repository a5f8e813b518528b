import Foundation
import TestSupport
import Testing

@testable import RoadmapKit

/// A sub-topic's Markdown as it renders, and the notes learners write after a name.
@Suite struct PlainNameTests {
    @Test(arguments: [
        ("  **[Event Loop](https://x.test/a_b)** ", "Event Loop"),
        ("`npm` <b>scripts</b>", "npm scripts"),
        ("_**_", ""),
        ("\u{00A0}\tCaching\u{3000}", "Caching"),
        ("~~old~~ new", "old new"),
        ("*Closures*", "Closures"),
        ("UV_THREADPOOL_SIZE", "UV_THREADPOOL_SIZE"),
        ("Pipes \\| Redirection", "Pipes | Redirection"),
        ("Q&amp;A &#x2014; &lt;tags&gt;", "Q&A — <tags>"),
        ("Task *(Due: End of Week 2)*", "Task (Due: End of Week 2)"),
    ])
    func markdownRendersAsItsText(markdown: String, text: String) {
        #expect(ItemName.plain(markdown: markdown) == text)
    }

    @Test(arguments: [
        ("Switch : completed on 6 February 2026", "Switch"),
        ("Closures — completed on 6 February 2026", "Closures"),
        ("Task (Due: End of Week 2)", "Task"),
        ("Hoisting ← currently working on this", "Hoisting"),
        ("Promises (2h)", "Promises"),
        ("Generators (30 min)", "Generators"),
        ("Modules 2026-02-06", "Modules"),
        ("Async - done", "Async"),
        ("Fetch API (started 3/4)", "Fetch API"),
        ("JWT (Access & Refresh)", "JWT (Access & Refresh)"),
        ("PostgreSQL/MySQL", "PostgreSQL/MySQL"),
        ("Express - Routing", "Express - Routing"),
        ("Phase 3: Databases", "Phase 3: Databases"),
        ("HTML & CSS (Week 1)", "HTML & CSS"),
    ])
    func trailingNotesAreNotPartOfTheName(text: String, name: String) {
        #expect(ItemName.clean(text) == name)
    }

    /// Every line of a document is trimmed with it: Foundation's `.whitespaces` is the oracle.
    @Test func trimmingBlanksIsFoundationsWhitespaceTrimming() {
        let alphabet: [String] = [
            " ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\n", "\r", "a", "é", "🙂", "\u{301}", "-",
        ]
        var generator = SeededGenerator(seed: 0x7121)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }.joined()
            #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
