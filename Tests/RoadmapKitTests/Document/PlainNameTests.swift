import Foundation
@testable import RoadmapKit
import Testing
import TestSupport

/// `TrackerDocument.plainName` works on bytes for speed; Foundation's string methods, as it used them
/// before, are the oracle.
@Suite struct PlainNameTests {
    static func foundationPlainName(_ text: String) -> String {
        var result = Mojibake.repaired(text)
        while let open = result.range(of: "]("), let close = result[open.upperBound...].firstIndex(of: ")"),
            let bracket = result[..<open.lowerBound].lastIndex(of: "[")
        {
            let label = result[result.index(after: bracket)..<open.lowerBound]
            result.replaceSubrange(bracket...close, with: label)
        }
        while let open = result.firstIndex(of: "<"), let close = result[open...].firstIndex(of: ">") {
            result.removeSubrange(open...close)
        }
        for marker in ["**", "__", "~~", "`"] {
            result = result.replacingOccurrences(of: marker, with: "")
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    @Test func examples() {
        #expect(TrackerDocument.plainName("  **[Event Loop](https://x.test/a_b)** ") == "Event Loop")
        #expect(TrackerDocument.plainName("`npm` <b>scripts</b>") == "npm scripts")
        #expect(TrackerDocument.plainName("_**_") == "")
        #expect(TrackerDocument.plainName("\u{00A0}\tCaching\u{3000}") == "Caching")
        #expect(TrackerDocument.plainName("~~old~~ new") == "old new")
    }

    @Test func agreesWithFoundationOnRandomCells() {
        let alphabet: [String] = ["[", "]", "(", ")", "<", ">", "*", "**", "_", "~", "`", " ", "\t", "a", "Z", "é", "ü", "\u{200B}",
                                  "\u{00A0}", "\u{3000}", "🙂", "-", "/", "âœ…", "1", "x"]
        var generator = SeededGenerator(seed: 0xCE11)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(TrackerDocument.plainName(text) == Self.foundationPlainName(text), "\(text.debugDescription)")
        }
    }

    /// Every line of a document is trimmed with it: Foundation's `.whitespaces` is the oracle.
    @Test func trimmingBlanksIsFoundationsWhitespaceTrimming() {
        let alphabet: [String] = [" ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\n", "\r", "a", "é", "🙂", "\u{301}", "-"]
        var generator = SeededGenerator(seed: 0x7121)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
