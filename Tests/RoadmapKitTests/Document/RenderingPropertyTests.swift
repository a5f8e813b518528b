import Foundation
import TestSupport
import Testing

@testable import RoadmapKit

/// For many random status assignments on every fixture shape: the bytes sync does not own are unchanged,
/// the output reads back as the assignment, and a second render changes nothing.
///
/// The oracle here is deliberately independent of the engine's parser: it compares the two texts line by
/// line, and lets a line differ only in table cells whose new text is one of the words sync writes, in
/// Sub Topics cells whose names are unchanged, or in a task box.
@Suite struct RenderingPropertyTests {
    static let rounds = 150

    @Test(arguments: Fixture.documents)
    func ownedBytesOnlyAndIdempotent(name: String) throws {
        let document = try Fixture.document(name)
        let ids = document.roadmap.items.map(\.id)
        var generator = SeededGenerator(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for round in 0..<Self.rounds {
            var assignment: [ItemID: ItemStatus] = [:]
            for id in ids { assignment[id] = ItemStatus.allCases.randomElement(using: &generator)! }
            if round == 0 { for id in ids { assignment[id] = .done } }
            if round == 1 { for id in ids { assignment[id] = .notStarted } }
            let output = document.rendered(assignment)

            try checkOnlyOwnedBytesChanged(
                input: document.source.bytes, output: output, aligned: name == "aligned.md",
                context: "\(name) round \(round)")

            let reparsed = try TrackerDocument(bytes: output)
            for item in reparsed.roadmap.items {
                let expected = assignment[item.id]!
                let readable =
                    document.roadmap.shape == .taskList ? (expected == .done ? .done : .notStarted) : expected
                #expect(item.documentStatus == readable, "\(name) round \(round): \(item.id)")
            }
            #expect(reparsed.rendered(assignment) == output, "\(name) round \(round): second render changed the file")
        }
    }

    static let ownedWords: [String] = {
        let wording = Wording.default
        return [
            wording.phaseNotStarted, wording.phaseCompleted, wording.rowNotStarted, wording.rowInProgress,
            wording.rowDone, wording.rowSkipped,
        ]
    }()

    func checkOnlyOwnedBytesChanged(input: [UInt8], output: [UInt8], aligned: Bool, context: String) throws {
        var before = split(input)
        var after = split(output)
        // The progress block (and the blank line after it) is the one thing sync may add.
        if let open = after.firstIndex(where: {
            $0.text.trimmingCharacters(in: .whitespaces) == "<!-- roadmap:progress -->"
        }),
            let close = after.firstIndex(where: {
                $0.text.trimmingCharacters(in: .whitespaces) == "<!-- /roadmap:progress -->"
            })
        {
            let existed = before.contains { $0.text.contains("<!-- roadmap:progress -->") }
            if existed {
                let beforeOpen = before.firstIndex { $0.text.contains("<!-- roadmap:progress -->") }!
                let beforeClose = before.firstIndex { $0.text.contains("<!-- /roadmap:progress -->") }!
                before.removeSubrange((beforeOpen + 1)..<beforeClose)
                after.removeSubrange((open + 1)..<close)
            } else {
                #expect(after[close + 1].text.isEmpty, "\(context): no blank line after the progress block")
                after.removeSubrange(open...(close + 1))
            }
        }
        #expect(before.count == after.count, "\(context): line count changed")
        #expect(input.starts(with: [0xEF, 0xBB, 0xBF]) == output.starts(with: [0xEF, 0xBB, 0xBF]), "\(context): BOM")
        for (old, new) in zip(before, after) where old.raw != new.raw {
            #expect(old.ending == new.ending, "\(context): line ending changed on \(old.text)")
            if let box = old.text.range(of: "[ ]") ?? old.text.range(of: "[x]") ?? old.text.range(of: "[X]") {
                var ticked = old.text
                ticked.replaceSubrange(box, with: old.text[box] == "[ ]" ? "[x]" : "[ ]")
                #expect(new.text == ticked, "\(context): task line changed beyond its box: \(new.text)")
                continue
            }
            let oldCells = cells(old.text)
            let newCells = cells(new.text)
            #expect(oldCells.count == newCells.count, "\(context): cell count changed: \(new.text)")
            guard oldCells.count == newCells.count else { continue }
            for (oldCell, newCell) in zip(oldCells, newCells) where oldCell != newCell {
                let oldText = oldCell.trimmingCharacters(in: .whitespaces)
                let newText = newCell.trimmingCharacters(in: .whitespaces)
                if !aligned {
                    #expect(
                        leading(oldCell) == leading(newCell) && trailing(oldCell) == trailing(newCell)
                            || oldText.isEmpty, "\(context): padding changed in \(newCell)")
                }
                if oldText == newText { continue }  // re-padded only
                if oldText.contains("<br") || newText.contains("<br")
                    || isOwnedWord(newText) == false && names(oldText) == names(newText)
                {
                    #expect(
                        names(oldText) == names(newText), "\(context): sub topic names changed: \(oldText) → \(newText)"
                    )
                    #expect(separators(oldText) == separators(newText), "\(context): <br> tags changed: \(newText)")
                } else {
                    #expect(
                        isOwnedWord(newText), "\(context): a cell sync does not own changed: \(oldText) → \(newText)")
                }
            }
        }
        if aligned { try checkAligned(output, context: context) }
    }

    func isOwnedWord(_ text: String) -> Bool {
        if Self.ownedWords.contains(text) { return true }
        return text.range(of: #"^🚧 In Progress \(\d+/\d+\)$"#, options: .regularExpression) != nil
    }

    /// Names in a Sub Topics cell, without their marks.
    func names(_ cell: String) -> [String] {
        cell.replacingOccurrences(of: #"<[bB][rR]\s*/?>"#, with: "\u{0}", options: .regularExpression)
            .split(separator: "\u{0}", omittingEmptySubsequences: false)
            .map { part in
                Mojibake.repaired(String(part)).trimmingCharacters(in: .whitespaces)
                    .replacingOccurrences(
                        of: #"^(\[[ xX]\]|[•\-*+✅🚧⏭️⏭\u{FE0F}]|\s)+"#, with: "", options: .regularExpression)
            }
    }

    func separators(_ cell: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<[bB][rR]\s*/?>"#)
        return regex.matches(in: cell, range: NSRange(cell.startIndex..., in: cell)).map {
            String(cell[Range($0.range, in: cell)!])
        }
    }

    func leading(_ text: String) -> Substring { text.prefix { $0 == " " || $0 == "\t" } }
    func trailing(_ text: String) -> String { String(text.reversed().prefix { $0 == " " || $0 == "\t" }) }

    struct Line {
        var raw: ArraySlice<UInt8>
        var text: String
        var ending: String
    }

    func split(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                if index == bytes.count && start == index { break }
                var end = index
                var ending = index < bytes.count ? "\n" : ""
                if end > start, bytes[end - 1] == 0x0D {
                    end -= 1
                    ending = "\r\n"
                }
                lines.append(
                    Line(
                        raw: bytes[start..<index], text: String(decoding: bytes[start..<end], as: UTF8.self),
                        ending: ending))
                start = index + 1
            }
            index += 1
        }
        return lines
    }

    /// Cells split on unescaped pipes.
    func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\" {
                escaped = true
                current.append(character)
                continue
            }
            if character == "|" {
                cells.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        cells.append(current)
        return cells
    }

    func checkAligned(_ bytes: [UInt8], context: String) throws {
        var block: [[Int]] = []
        func flush() {
            if let first = block.first {
                #expect(block.allSatisfy { $0 == first }, "\(context): pipes no longer aligned")
            }
            block = []
        }
        for line in split(bytes) {
            guard line.text.hasPrefix("|") else {
                flush()
                continue
            }
            var positions: [Int] = []
            var width = 0
            var escaped = false
            for character in line.text {
                if character == "|" && !escaped { positions.append(width) }
                escaped = character == "\\"
                width += TextNormalization.displayWidth(String(character))
            }
            block.append(positions)
        }
        flush()
    }
}
