/// An HTML `<table>` in the document: raw HTML to cmark-gfm, a table on GitHub. Read as far as GitHub renders
/// one — rows, `<th>`/`<td>` cells with attributes, comments between rows, links and line breaks inside
/// cells, cells over several indented lines — and located by byte offset, so that cells are written in place.
public struct HTMLTable: Sendable {
    public struct Cell: Sendable {
        /// Between the opening tag's `>` and the closing tag (or where the next cell starts).
        public var raw: Range<Int>
        /// `raw` without the whitespace (line endings included) at either end.
        public var content: Range<Int>
        public var isHeader: Bool
    }

    public struct Row: Sendable {
        /// The line of `<tr`.
        public var line: Int
        public var cells: [Cell]
    }

    /// From `<table` to the end of `</table>`.
    public var range: Range<Int>
    public var rows: [Row]
    public var firstLine: Int
    public var lastLine: Int

    /// The header row (all `<th>`, else the first row) and the rows after it.
    public var header: Row? { rows.first { row in row.cells.allSatisfy(\.isHeader) } ?? rows.first }
    public var body: ArraySlice<Row> {
        guard let header,
            let index = rows.firstIndex(where: {
                $0.line == header.line && $0.cells.first?.raw == header.cells.first?.raw
            })
        else { return [] }
        return rows[(index + 1)...]
    }

    /// Every outermost table that starts in an HTML block outside block quotes. A table runs to its
    /// `</table>` even across blank lines, which end cmark's HTML block but not the browser's table.
    static func tables(in document: MarkdownBlocks) -> [(table: HTMLTable, block: Int)] {
        let source = document.source
        var found: [(HTMLTable, Int)] = []
        var consumed = 0
        for (index, block) in document.blocks.enumerated() where block.kind == .htmlBlock && !block.isQuoted {
            let blockEnd = source.lines[block.lastLine].end
            var search = max(block.start, consumed)
            while search < blockEnd,
                let open = HTMLScanner.find(tag: "table", in: source.bytes, from: search, to: blockEnd)
            {
                guard let table = read(source, from: open) else { break }
                found.append((table, index))
                consumed = table.range.upperBound
                search = consumed
            }
        }
        return found
    }

    private static func read(_ source: MarkdownSource, from open: Int) -> HTMLTable? {
        let bytes = source.bytes
        var scanner = HTMLScanner(bytes: bytes, position: open)
        var depth = 0
        var rows: [Row] = []
        var openCell: (start: Int, isHeader: Bool)?
        func closeCell(at end: Int) {
            guard let cell = openCell, !rows.isEmpty else {
                openCell = nil
                return
            }
            let raw = cell.start..<max(cell.start, end)
            rows[rows.count - 1].cells.append(
                Cell(raw: raw, content: bytes.trimmedRangeAcrossLines(raw), isHeader: cell.isHeader))
            openCell = nil
        }
        while let token = scanner.next() {
            guard case .tag(let name, let closing, let range) = token else { continue }
            switch (name, closing) {
            case ("table", false):
                depth += 1
            case ("table", true):
                depth -= 1
                if depth == 0 {
                    closeCell(at: range.lowerBound)
                    return HTMLTable(
                        range: open..<range.upperBound, rows: rows, firstLine: source.line(containing: open),
                        lastLine: source.line(containing: range.upperBound - 1))
                }
            case _ where depth != 1:
                continue
            case ("tr", false):
                closeCell(at: range.lowerBound)
                rows.append(Row(line: source.line(containing: range.lowerBound), cells: []))
            case ("tr", true), ("thead", _), ("tbody", _), ("tfoot", _):
                closeCell(at: range.lowerBound)
            case ("td", false), ("th", false):
                closeCell(at: range.lowerBound)
                if rows.isEmpty { rows.append(Row(line: source.line(containing: range.lowerBound), cells: [])) }
                openCell = (range.upperBound, name == "th")
            case ("td", true), ("th", true):
                closeCell(at: range.lowerBound)
            default:
                continue
            }
        }
        return nil
    }
}

/// Just enough of an HTML tokenizer for tables: tags with their attributes (quoted values may hold `>`),
/// comments, and text between them.
struct HTMLScanner {
    enum Token {
        case tag(name: String, closing: Bool, range: Range<Int>)
        case comment(Range<Int>)
        case text(Range<Int>)
    }

    let bytes: [UInt8]
    var position: Int
    var end: Int

    init(bytes: [UInt8], position: Int, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = end ?? bytes.count
    }

    mutating func next() -> Token? {
        guard position < end else { return nil }
        let start = position
        if bytes[start] == 0x3C {
            if hasPrefix("<!--", at: start) {
                var index = start + 4
                while index < end, !hasPrefix("-->", at: index) { index += 1 }
                position = min(end, index + 3)
                return .comment(start..<position)
            }
            if let tag = tag(at: start) {
                position = tag.range.upperBound
                return tag.token
            }
        }
        var index = start + 1
        while index < end, bytes[index] != 0x3C { index += 1 }
        position = index
        return .text(start..<index)
    }

    private func hasPrefix(_ text: String, at index: Int) -> Bool {
        let needle = Array(text.utf8)
        guard index + needle.count <= end else { return false }
        return bytes[index..<(index + needle.count)].elementsEqual(needle)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte | 0x20) || (0x30...0x39).contains(byte) || byte == 0x2D
    }

    /// `<name …>` or `</name>` at `start`.
    private func tag(at start: Int) -> (token: Token, range: Range<Int>)? {
        var index = start + 1
        let closing = index < end && bytes[index] == 0x2F
        if closing { index += 1 }
        let nameStart = index
        guard index < end, (0x61...0x7A).contains(bytes[index] | 0x20) else { return nil }
        while index < end, Self.isNameByte(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        var quote: UInt8?
        while index < end {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x3E {
                return (.tag(name: name, closing: closing, range: start..<(index + 1)), start..<(index + 1))
            } else if byte == 0x3C {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The first `<name` (any case, followed by a space, `>` or `/`) in `from..<to`.
    static func find(tag name: String, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        let needle = Array(("<" + name).utf8)
        var index = from
        while index + needle.count <= to {
            if bytes[index] == 0x3C,
                zip(bytes[index..<(index + needle.count)], needle).allSatisfy({ $0 | 0x20 == $1 | 0x20 }),
                index + needle.count == bytes.count
                    || [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[index + needle.count])
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The text a browser shows for `bytes[range]`: tags and comments dropped (`<br>` and block tags are
    /// a space), character references decoded, runs of whitespace one space.
    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var scanner = HTMLScanner(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        var output: [UInt8] = []
        while let token = scanner.next() {
            switch token {
            case .text(let text): output.append(contentsOf: bytes[text])
            case .tag(let name, _, _) where ["br", "p", "div", "li", "tr", "td", "th"].contains(name):
                output.append(0x20)
            default: break
            }
        }
        return HTMLEntities.decoded(String(decoding: output, as: UTF8.self)).collapsingWhitespace()
    }
}

/// Character references as browsers read them: the few named ones people type, and numeric ones.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "rarr": "→", "larr": "←", "check": "✓", "middot": "·", "bull": "•", "copy": "©",
    ]

    static func decoded(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";"),
                let decoded = reference(String(after[..<semicolon]))
            {
                result += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }

    private static func reference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[name]
    }
}

extension String {
    /// Runs of spaces, tabs and line endings as one space, none at either end.
    func collapsingWhitespace() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{A0}" })
            .joined(separator: " ")
    }
}
