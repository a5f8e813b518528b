/// A GitHub-flavoured pipe table located by byte offsets: header row, delimiter row, body rows. cmark-gfm
/// says which lines are rows; the cells are cut here, by GFM's rules, so that each cell's bytes are known.
public struct PipeTable: Sendable {
    public struct Cell: Sendable {
        /// Between the pipes, padding included.
        public var raw: Range<Int>
        /// Without the padding.
        public var content: Range<Int>
    }

    public struct Row: Sendable {
        public var line: Int
        /// The row's first byte: after any indentation of the list item holding the table.
        public var start: Int
        public var cells: [Cell]
        /// Each cell's rendered text, as cmark-gfm read it (header-many cells: missing ones empty).
        public var texts: [String] = []
    }

    public var header: Row
    public var delimiter: Row
    public var body: [Row]
    /// Every pipe of every row sits in the same display column (a table padded by an editor or prettier).
    public var isAligned: Bool

    public var firstLine: Int { header.line }
    public var lastLine: Int { body.last?.line ?? delimiter.line }
    public var rows: [Row] { [header, delimiter] + body }

    /// The pipe tables cmark-gfm found, in order: each one's header, delimiter and body rows cut into cells.
    static func tables(in document: MarkdownBlocks) -> [(table: PipeTable, block: Int)] {
        let source = document.source
        var tables: [(PipeTable, Int)] = []
        for (index, block) in document.blocks.enumerated() where block.kind == .table {
            var rows: [Row] = []
            for rowIndex in document.descendants(of: index) where document.blocks[rowIndex].kind == .tableRow {
                let rowBlock = document.blocks[rowIndex]
                guard var row = row(source, line: rowBlock.firstLine, from: rowBlock.start) else { continue }
                row.texts = document.descendants(of: rowIndex).compactMap {
                    document.blocks[$0].kind == .tableCell ? document.blocks[$0].text : nil
                }
                rows.append(row)
            }
            guard let header = rows.first, header.line + 1 < source.lines.count,
                let delimiter = row(
                    source, line: header.line + 1,
                    from: max(
                        source.lines[header.line + 1].start,
                        block.start - source.lines[block.firstLine].start + source.lines[header.line + 1].start))
            else { continue }
            var table = PipeTable(header: header, delimiter: delimiter, body: Array(rows.dropFirst()), isAligned: false)
            table.isAligned = table.pipesAligned(source)
            tables.append((table, index))
        }
        return tables
    }

    /// A table row: a line holding at least one unescaped pipe, split into cells (GFM rules: the outer
    /// pipes are optional, `\|` does not split).
    static func row(_ source: MarkdownSource, line index: Int, from start: Int? = nil) -> Row? {
        var line = source.lines[index]
        line.start = max(line.start, min(start ?? line.start, line.end))
        let bytes = source.bytes
        var pipes: [Int] = []
        var position = line.start
        while position < line.end {
            switch bytes[position] {
            case 0x5C: position += 1  // backslash escapes the next byte
            case 0x7C: pipes.append(position)
            default: break
            }
            position += 1
        }
        guard !pipes.isEmpty else { return nil }
        let trimmed = bytes.trimmedRange(line.start..<line.end)
        var boundaries = pipes
        let leadingPipe = pipes.first == trimmed.lowerBound
        let trailingPipe = pipes.last == trimmed.upperBound - 1 && trimmed.count > 1
        if !leadingPipe { boundaries.insert(line.start - 1, at: 0) }
        if !trailingPipe { boundaries.append(line.end) }
        var cells: [Cell] = []
        for (left, right) in zip(boundaries, boundaries.dropFirst()) {
            let raw = (left + 1)..<right
            cells.append(Cell(raw: raw, content: bytes.trimmedRange(raw)))
        }
        guard !cells.isEmpty else { return nil }
        return Row(line: index, start: line.start, cells: cells)
    }

    static func isDelimiter(_ source: MarkdownSource, _ row: Row) -> Bool {
        row.cells.allSatisfy { cell in
            let content = source.bytes[cell.content]
            guard content.contains(0x2D) else { return false }
            var body = content[...]
            if body.first == 0x3A { body = body.dropFirst() }
            if body.last == 0x3A { body = body.dropLast() }
            return !body.isEmpty && body.allSatisfy { $0 == 0x2D }
        }
    }

    private func pipesAligned(_ source: MarkdownSource) -> Bool {
        var expected: [Int]?
        for row in rows {
            var line = source.lines[row.line]
            line.start = row.start
            // Both outer pipes are needed for a table to look aligned.
            guard let first = row.cells.first, let last = row.cells.last,
                first.raw.lowerBound > line.start, source.bytes[first.raw.lowerBound - 1] == 0x7C,
                last.raw.upperBound < line.end, source.bytes[last.raw.upperBound] == 0x7C
            else { return false }
            if source.bytes[line.start..<line.end].contains(0x09) { return false }
            var columns: [Int] = []
            var width = 0
            var position = line.start
            for cell in row.cells {
                width += TextNormalization.displayWidth(source.text(position..<cell.raw.lowerBound))
                columns.append(width)
                position = cell.raw.lowerBound
            }
            width += TextNormalization.displayWidth(source.text(position..<last.raw.upperBound))
            columns.append(width)
            if let expected, expected != columns { return false }
            expected = columns
        }
        return true
    }
}
