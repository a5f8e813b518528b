import Foundation

/// The document as bytes, cut into lines by offset. Everything the engine edits is a byte range of this,
/// so whatever it does not touch — line endings, a BOM, tabs, invalid UTF-8 — comes out as it went in.
public struct MarkdownSource: Sendable {
    public struct Line: Sendable {
        /// First byte of the line's content (after a BOM on the first line).
        public var start: Int
        /// One past the content: before `\r\n` or `\n`.
        public var end: Int
        /// Start of the next line (after the line ending), or the end of the file.
        public var next: Int
    }

    public let bytes: [UInt8]
    public let lines: [Line]
    public let hasByteOrderMark: Bool
    /// The line ending the file already uses, for lines the tool inserts.
    public let lineEnding: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var lines: [Line] = []
        var start = hasByteOrderMark ? 3 : 0
        var firstEnding: [UInt8]?
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let crlf = index > start && bytes[index - 1] == 0x0D
                if firstEnding == nil { firstEnding = crlf ? [0x0D, 0x0A] : [0x0A] }
                lines.append(Line(start: start, end: crlf ? index - 1 : index, next: index + 1))
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count {
            lines.append(Line(start: start, end: bytes.count, next: bytes.count))
        }
        self.lines = lines
        lineEnding = firstEnding ?? [0x0A]
    }

    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    public func text(ofLine index: Int) -> String {
        text(lines[index].start..<lines[index].end)
    }

    func isBlank(line index: Int) -> Bool {
        bytes[lines[index].start..<lines[index].end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// `(level, text)` when the line is an ATX heading (`## Phase 1: …`).
    func heading(line index: Int) -> (level: Int, text: String)? {
        let line = lines[index]
        var position = line.start
        var indent = 0
        while position < line.end, bytes[position] == 0x20, indent < 3 { position += 1; indent += 1 }
        var level = 0
        while position < line.end, bytes[position] == 0x23 { level += 1; position += 1 }
        guard (1...6).contains(level), position == line.end || bytes[position] == 0x20 || bytes[position] == 0x09
        else { return nil }
        var text = text(position..<line.end).trimmingBlanks()
        // A closing run of #s is not part of the heading text.
        while text.hasSuffix("#") { text.removeLast() }
        return (level, text.trimmingBlanks())
    }
}

extension Array where Element == UInt8 {
    func trimmedRange(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, self[lower] == 0x20 || self[lower] == 0x09 { lower += 1 }
        while upper > lower, self[upper - 1] == 0x20 || self[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }
}
