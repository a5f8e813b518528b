/// What a reader of the rendered page sees that can hold a tracker: headings (and bold lines that act as
/// small headings), tables (pipe or HTML) and task items — outside code blocks, block quotes and HTML
/// comments, because GitHub's parser says so.
struct Page: Sendable {
    let source: MarkdownSource
    let headings: [Heading]
    let tables: [TrackerTable]
    let tasks: [TaskLine]
    /// Lines inside fenced or indented code, where a progress marker is only an example.
    let codeLines: [ClosedRange<Int>]
    /// Checkbox lines GitHub does not show as tasks: in a block quote or a code block.
    let unshownTaskLines: [Int]
    /// The first line of each block directly under the document, ascending.
    let outermostBlockLines: [Int]

    struct Heading: Sendable {
        var line: Int
        var lastLine: Int
        /// 1–6; a bold line (`**Beginner**`) is 7, below every real heading.
        var level: Int
        var text: String
    }

    struct TaskLine: Sendable {
        var line: Int
        var box: TaskBox
        /// The item's own text (not its children's), the box left out.
        var text: String
        /// Nesting depth among task items: 0 for a top-level task.
        var depth: Int
    }

    init(_ source: MarkdownSource) {
        self.source = source
        let document = MarkdownBlocks(source)
        let blocks = document.blocks
        var headings: [Heading] = []
        var tasks: [TaskLine] = []
        var codeLines: [ClosedRange<Int>] = []
        var unshown: [Int] = []
        for (index, block) in blocks.enumerated() {
            switch block.kind {
            case .heading(let level) where !block.isQuoted:
                headings.append(
                    Heading(
                        line: block.firstLine, lastLine: block.lastLine, level: level,
                        text: Mojibake.repaired(block.text)))
            case .paragraph where block.isBoldLine && !block.isQuoted && block.firstLine == block.lastLine:
                // A bold line inside a list item is an item's text, not a heading.
                if block.parent.map({ blocks[$0].kind == .document }) ?? true {
                    headings.append(
                        Heading(
                            line: block.firstLine, lastLine: block.lastLine, level: 7,
                            text: Mojibake.repaired(block.text)))
                }
            case .item where block.isQuoted:
                if block.box != nil { unshown.append(block.firstLine) }
            case .item:
                guard let box = block.box else { continue }
                let paragraph = document.descendants(of: index).first {
                    blocks[$0].kind == .paragraph && blocks[$0].parent == index
                }
                var text = paragraph.map { blocks[$0].text } ?? ""
                if !box.isCheckbox { text = String(text.dropFirst(3)).trimmingBlanks() }
                var depth = 0
                var parent = block.parent
                while let current = parent {
                    if blocks[current].kind == .item, blocks[current].box != nil { depth += 1 }
                    parent = blocks[current].parent
                }
                tasks.append(TaskLine(line: block.firstLine, box: box, text: text, depth: depth))
            case .codeBlock:
                let lines = block.firstLine...max(block.firstLine, block.lastLine)
                codeLines.append(lines)
                unshown += lines.filter { Self.looksLikeTask(source.text(ofLine: $0)) }
            default:
                break
            }
        }
        var tables = PipeTable.tables(in: document).filter { !blocks[$0.block].isQuoted }.map {
            TrackerTable(pipe: $0.table, source: source)
        }
        tables += HTMLTable.tables(in: document).compactMap { TrackerTable(html: $0.table, source: source) }
        self.headings = headings
        self.tasks = tasks
        self.tables = tables.sorted { $0.firstLine < $1.firstLine }
        self.codeLines = codeLines
        unshownTaskLines = unshown.sorted()
        outermostBlockLines = blocks.filter { $0.parent.map { blocks[$0].kind == .document } ?? false }.map(\.firstLine)
    }

    /// The first line of the outermost block that holds `line` (a list, a quote, a table), or `line` itself.
    func outermostBlockLine(containing line: Int) -> Int {
        outermostBlockLines.last { $0 <= line } ?? line
    }

    /// The heading whose section holds `line`, at each level: the chain a reader follows from the title down.
    func headingChain(at line: Int) -> [Int] {
        var chain: [Int] = []
        for (index, heading) in headings.enumerated() where heading.line < line {
            while let last = chain.last, headings[last].level >= heading.level { chain.removeLast() }
            chain.append(index)
        }
        return chain
    }

    /// One past the last line of the section `heading` opens.
    func sectionEnd(of heading: Int) -> Int {
        let level = headings[heading].level
        return headings[(heading + 1)...].first { $0.level <= level }?.line ?? source.lines.count
    }

    /// The nearest heading above `line`.
    func heading(before line: Int) -> Int? {
        headings.lastIndex { $0.line < line }
    }

    /// `- [ ] …`, `1. [x] …` as written in a code example.
    private static func looksLikeTask(_ line: String) -> Bool {
        line.range(of: #"^\s*([-*+]|\d+[.)])\s+\[[ xX]\]\s"#, options: .regularExpression) != nil
    }

    func isCode(line: Int) -> Bool {
        codeLines.contains { $0.contains(line) }
    }
}

/// A table as the engine reads it, pipe or HTML: its header and body cells, each with its bytes and its
/// rendered text.
struct TrackerTable: Sendable {
    enum Form: Sendable {
        case pipe(PipeTable)
        case html(HTMLTable)
    }

    struct Cell: Sendable {
        /// Between the pipes, or inside the `<td>`: what a rewrite may replace.
        var raw: Range<Int>
        /// `raw` without padding.
        var content: Range<Int>
        var text: String
    }

    struct Row: Sendable {
        var line: Int
        var cells: [Cell]

        func text(_ column: Int?) -> String {
            guard let column, column < cells.count else { return "" }
            return cells[column].text
        }

        func cell(_ column: Int?) -> Cell? {
            guard let column, column < cells.count else { return nil }
            return cells[column]
        }
    }

    var form: Form
    var header: [Cell]
    var rows: [Row]
    var firstLine: Int
    var lastLine: Int

    var isHTML: Bool { if case .html = form { true } else { false } }

    init(pipe table: PipeTable, source: MarkdownSource) {
        func cells(_ row: PipeTable.Row) -> [Cell] {
            row.cells.enumerated().map { index, cell in
                let text =
                    index < row.texts.count ? row.texts[index] : ItemName.plain(markdown: source.text(cell.content))
                return Cell(raw: cell.raw, content: cell.content, text: Mojibake.repaired(text))
            }
        }
        form = .pipe(table)
        header = cells(table.header)
        rows = table.body.map { Row(line: $0.line, cells: cells($0)) }
        firstLine = table.firstLine
        lastLine = table.lastLine
    }

    init?(html table: HTMLTable, source: MarkdownSource) {
        guard let headerRow = table.header else { return nil }
        func cells(_ row: HTMLTable.Row) -> [Cell] {
            row.cells.map {
                Cell(
                    raw: $0.raw, content: $0.content,
                    text: Mojibake.repaired(HTMLScanner.text(source.bytes, $0.content)))
            }
        }
        form = .html(table)
        header = cells(headerRow)
        rows = table.body.map { Row(line: $0.line, cells: cells($0)) }
        firstLine = table.firstLine
        lastLine = table.lastLine
    }
}
