/// The document as bytes, cut into lines by offset. Everything the engine edits is a byte range of this,
/// so whatever it does not touch — line endings, a BOM, tabs, invalid UTF-8 — comes out as it went in.
public struct MarkdownSource: Sendable {
    public struct Line: Sendable {
        /// First byte of the line's content (after a BOM on the first line).
        public var start: Int
        /// One past the content: before `\r\n`, `\n` or `\r`.
        public var end: Int
        /// Start of the next line (after the line ending), or the end of the file.
        public var next: Int
    }

    public let bytes: [UInt8]
    /// Lines as cmark-gfm counts them (`\n`, `\r\n` and a lone `\r` each end one), so that its line numbers
    /// index this array.
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
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                let crlf = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
                let next = index + (crlf ? 2 : 1)
                if firstEnding == nil { firstEnding = Array(bytes[index..<next]) }
                lines.append(Line(start: start, end: index, next: next))
                start = next
                index = next
            } else {
                index += 1
            }
        }
        if start < bytes.count || lines.isEmpty {
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

    /// The 0-based line holding byte `offset` (the last line for the end of the file).
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lines[middle].start <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func isBlank(line index: Int) -> Bool {
        bytes[lines[index].start..<lines[index].end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

extension Array where Element == UInt8 {
    /// `range` without spaces and tabs at either end.
    func trimmedRange(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, self[lower] == 0x20 || self[lower] == 0x09 { lower += 1 }
        while upper > lower, self[upper - 1] == 0x20 || self[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    /// `range` without any whitespace (line endings included) at either end: HTML cells span lines.
    func trimmedRangeAcrossLines(_ range: Range<Int>) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(self[lower]) { lower += 1 }
        while upper > lower, isSpace(self[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
