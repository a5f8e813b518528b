/// The overview shape (the embedded roadmap's): a table with a phase column, a column whose cells list the
/// phase's items, and a phase Status column; optionally a title and a Total column. Phase sections
/// (`## Phase 1: …` over a table) detail the items: their rows become aliases and their Status cells are owned.
struct OverviewTable: Sendable {
    struct Columns: Sendable {
        var phase: Int
        var items: Int
        var status: Int
        var title: Int?
        var total: Int?
    }

    struct Row: Sendable {
        var key: PhaseKey
        var line: Int
        var title: String
        var entries: [Entry]
        var statusCell: TrackerTable.Cell?
        var totalCell: TrackerTable.Cell?
    }

    struct Entry: Sendable {
        var id: ItemID
        var name: String
        /// The mark's bytes; nil for an item of a comma-separated list, which has no place for one.
        var mark: Range<Int>?
        var markStatus: ItemStatus
        var line: Int
    }

    struct DetailTable: Sendable {
        var phase: PhaseKey
        var table: Int
        var statusColumn: Int?
        var rows: [DetailRow]
    }

    struct DetailRow: Sendable {
        var name: String
        var line: Int
        var statusCell: TrackerTable.Cell?
        var items: [ItemID]
    }

    var table: Int
    var columns: Columns
    var rows: [Row]
    var details: [DetailTable] = []

    static func columns(of table: TrackerTable, statusColumn: String?) -> Columns? {
        var phase: Int?
        var items: Int?
        var status: Int?
        var title: Int?
        var total: Int?
        var lists: [Int] = []
        for (index, cell) in table.header.enumerated() {
            switch ColumnRole.of(cell.text, statusColumn: statusColumn) {
            case .phase: phase = phase ?? index
            case .itemList: lists.append(index)
            case .status: status = status ?? index
            case .name: title = title ?? index
            case .total: total = total ?? index
            default: break
            }
        }
        // "Topics" beside "Sub Topics": the sub topics are the items, the topics the phase's title.
        let headers = lists.map { TextNormalization.words(table.header[$0].text) }
        if let sub = lists.indices.first(where: { headers[$0].hasPrefix("sub") }) {
            items = lists[sub]
            title = title ?? lists.indices.first { $0 != sub }.map { lists[$0] }
        } else {
            items = lists.first
            title = title ?? lists.dropFirst().first
        }
        guard let phase, let items, let status else { return nil }
        return Columns(phase: phase, items: items, status: status, title: title, total: total)
    }

    static func read(_ tableIndex: Int, columns: Columns, page: Page, vocabulary: StatusVocabulary) -> OverviewTable {
        let table = page.tables[tableIndex]
        var rows: [Row] = []
        for row in table.rows {
            guard let cell = row.cell(columns.items) else { continue }
            let title = ItemName.clean(row.text(columns.title))
            let phaseText = row.text(columns.phase)
            let key: PhaseKey
            if let number = PhaseNumbers.number(in: phaseText) {
                key = .number(number)
            } else if !TextNormalization.slug(phaseText).isEmpty {
                key = .name(TextNormalization.slug(ItemName.clean(phaseText)))
            } else if let previous = rows.last {
                key = previous.key
            } else if !TextNormalization.slug(title).isEmpty {
                key = .name(TextNormalization.slug(title))
            } else {
                continue
            }
            let entries = itemParts(cell, isHTML: table.isHTML, source: page.source).compactMap { part -> Entry? in
                let parsed = MarkScanner.scan(page.source.bytes, part.range)
                let text =
                    table.isHTML
                    ? HTMLScanner.text(page.source.bytes, parsed.name)
                    : ItemName.plain(markdown: page.source.text(parsed.name))
                let name = ItemName.clean(text)
                let slug = TextNormalization.slug(name)
                guard !slug.isEmpty else { return nil }
                let hasMark = !parsed.mark.isEmpty
                return Entry(
                    id: ItemID(phase: key, slug: slug), name: name,
                    mark: hasMark || part.canTakeMark ? parsed.mark : nil,
                    markStatus: vocabulary.recognizeMark(page.source.text(parsed.mark)),
                    line: page.source.line(containing: part.range.lowerBound))
            }
            let shownTitle =
                !title.isEmpty
                ? title
                : !phaseText.isEmpty
                    ? PhaseNumbers.groupTitle(phaseText, header: table.header[columns.phase].text) : "Phase \(key)"
            rows.append(
                Row(
                    key: key, line: row.line, title: shownTitle, entries: entries,
                    statusCell: row.cell(columns.status), totalCell: row.cell(columns.total)))
        }
        return OverviewTable(table: tableIndex, columns: columns, rows: rows)
    }

    /// A Sub Topics cell cut into items. `<br>` (and in HTML `<li>`, `<p>`) always separates; a cell without
    /// one is split on commas and semicolons outside brackets, and on a slash with spaces around it
    /// (" / "), never on a slash inside a word ("CI/CD").
    static func itemParts(_ cell: TrackerTable.Cell, isHTML: Bool, source: MarkdownSource) -> [(
        range: Range<Int>, canTakeMark: Bool
    )] {
        let bytes = source.bytes
        let range = cell.content
        var breaks: [Range<Int>] = []
        var scanner = HTMLScanner(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        while let token = scanner.next() {
            if case .tag(let name, _, let tag) = token,
                name == "br" || (isHTML && ["li", "p", "ul", "ol", "div"].contains(name))
            {
                breaks.append(tag)
            }
        }
        var parts: [(Range<Int>, Bool)] = []
        if !breaks.isEmpty {
            var start = range.lowerBound
            for tag in breaks {
                parts.append((start..<tag.lowerBound, true))
                start = tag.upperBound
            }
            parts.append((start..<range.upperBound, true))
        } else {
            var start = range.lowerBound
            var depth = 0
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = bytes[index]
                if byte == 0x28 || byte == 0x5B { depth += 1 }
                if byte == 0x29 || byte == 0x5D { depth = max(0, depth - 1) }
                let spacedSlash =
                    byte == 0x2F && index > range.lowerBound && bytes[index - 1] == 0x20 && index + 1 < range.upperBound
                    && bytes[index + 1] == 0x20
                if depth == 0, byte == 0x2C || byte == 0x3B || spacedSlash {
                    parts.append((start..<index, false))
                    start = index + 1
                }
                index += 1
            }
            parts.append((start..<range.upperBound, parts.isEmpty))
        }
        return parts.map { (bytes.trimmedRangeAcrossLines($0.0), $0.1) }.filter { !$0.0.isEmpty }
    }

    // MARK: Phase sections

    /// Each phase's section table (the first table under the heading that states the phase), its rows
    /// matched to the phase's items by name.
    mutating func readDetails(page: Page, phases: [Phase], statusColumn: String?) {
        var used = Set([table])
        // Each heading's phase, worked out once (not once per phase): the first heading stating it wins.
        var headingOfPhase: [PhaseKey: Int] = [:]
        for (index, heading) in page.headings.enumerated() where heading.level <= 6 {
            let key =
                PhaseNumbers.number(in: heading.text).map { PhaseKey.number($0) }
                ?? .name(TextNormalization.slug(PhaseNumbers.title(heading.text)))
            if headingOfPhase[key] == nil { headingOfPhase[key] = index }
        }
        for phase in phases {
            guard let heading = headingOfPhase[phase.key] else { continue }
            let start = page.headings[heading].line
            let end = page.sectionEnd(of: heading)
            guard
                let tableIndex = page.tables.indices.first(where: {
                    page.tables[$0].firstLine > start && page.tables[$0].firstLine < end && !used.contains($0)
                })
            else { continue }
            used.insert(tableIndex)
            let detail = page.tables[tableIndex]
            let statusColumn = detail.header.firstIndex {
                ColumnRole.of($0.text, statusColumn: statusColumn) == .status
            }
            var rows: [DetailRow] = []
            for row in detail.rows {
                guard let first = row.cells.first else { continue }
                let parsed = MarkScanner.scan(page.source.bytes, first.content)
                let text =
                    detail.isHTML
                    ? HTMLScanner.text(page.source.bytes, parsed.name)
                    : ItemName.plain(markdown: page.source.text(parsed.name))
                let name = ItemName.clean(text)
                guard !TextNormalization.slug(name).isEmpty else { continue }
                rows.append(DetailRow(name: name, line: row.line, statusCell: row.cell(statusColumn), items: []))
            }
            let best = NameMatching.bestRows(items: phase.items.map(\.name), rows: rows.map(\.name))
            for (itemIndex, rowIndex) in best.enumerated() {
                guard let rowIndex else { continue }
                rows[rowIndex].items.append(phase.items[itemIndex].id)
            }
            details.append(DetailTable(phase: phase.key, table: tableIndex, statusColumn: statusColumn, rows: rows))
        }
    }
}
