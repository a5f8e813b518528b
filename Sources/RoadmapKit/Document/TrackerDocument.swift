import Foundation

/// A document that cannot be read as a roadmap. Nothing is ever written for one.
public struct DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A roadmap document: its bytes, the roadmap they describe, and where every byte sync owns lives.
///
/// Parsing never changes the bytes; `rendered(_:)` returns them with only the owned spans rewritten
/// (PRODUCT.md 2: status cells, item marks, the progress block, phase-table Status cells).
public struct TrackerDocument: Sendable {
    public let source: MarkdownSource
    public let roadmap: Roadmap
    public let wording: Wording
    let vocabulary: StatusVocabulary

    let overview: Overview?
    let detailTables: [DetailTable]
    let tasks: [TaskEntry]
    let progressBlock: ProgressBlock?
    /// Line the progress block is inserted above when the document has none.
    let progressAnchorLine: Int?

    struct Overview: Sendable {
        var table: MarkdownTable
        var columns: Columns
        var rows: [OverviewRow]
    }

    struct Columns: Sendable {
        var phase: Int
        var subTopics: Int
        var status: Int
        var topic: Int?
        var total: Int?
    }

    struct OverviewRow: Sendable {
        var phase: Int
        var line: Int
        var entries: [ItemEntry]
        var subTopicsCell: MarkdownTable.Cell
        var statusCell: MarkdownTable.Cell?
        var totalCell: MarkdownTable.Cell?
    }

    struct ItemEntry: Sendable {
        var id: ItemID
        var name: String
        /// The mark's bytes; empty (at the name's start) when the item has no mark.
        var mark: Range<Int>
        var markStatus: ItemStatus
        var line: Int
    }

    struct DetailTable: Sendable {
        var phase: Int
        var table: MarkdownTable
        var statusColumn: Int?
        var rows: [DetailRow]
    }

    struct DetailRow: Sendable {
        var name: String
        var line: Int
        var statusCell: MarkdownTable.Cell?
        var items: [ItemID]
    }

    struct TaskEntry: Sendable {
        var id: ItemID
        var name: String
        /// The one byte between `[` and `]`.
        var box: Int
        var line: Int
    }

    struct ProgressBlock: Sendable {
        var openLine: Int
        var closeLine: Int
    }

    static let progressOpen = "<!-- roadmap:progress -->"
    static let progressClose = "<!-- /roadmap:progress -->"

    public init(bytes: [UInt8], wording: Wording = .default, aliases: [ItemID: [String]] = [:]) throws {
        let source = MarkdownSource(bytes)
        self.source = source
        self.wording = wording
        let vocabulary = wording.vocabulary
        self.vocabulary = vocabulary
        let tables = MarkdownTable.tables(in: source)
        let headings = Self.headings(in: source)
        progressBlock = try Self.findProgressBlock(in: source)

        var phases: [Phase] = []
        var detailTables: [DetailTable] = []
        var tasks: [TaskEntry] = []
        if let (table, columns) = Self.findOverview(tables, source) {
            let rows = Self.overviewRows(table, columns, source, vocabulary)
            var overview = Overview(table: table, columns: columns, rows: rows)
            for row in rows {
                let title = columns.topic.flatMap { Self.plainCellText(source, table: table, line: row.line, column: $0) }
                let declared = row.totalCell.flatMap { Int(source.text($0.content)) }
                let items = row.entries.map {
                    Item(id: $0.id, name: $0.name, aliases: aliases[$0.id] ?? [], documentStatus: $0.markStatus, line: $0.line + 1)
                }
                phases.append(Phase(number: row.phase, title: title ?? "Phase \(row.phase)", items: items, heading: nil, declaredTotal: declared))
            }
            var detailed = Set<Int>()  // a phase listed twice, or two headings over one table: one detail table each, once
            for index in phases.indices where !detailed.contains(phases[index].number) {
                guard let heading = headings.first(where: { $0.phase == phases[index].number }) else { continue }
                phases[index].heading = heading.text
                guard let detail = Self.detailTable(for: heading, headings: headings, tables: tables, excluding: table, source: source, phase: phases[index]),
                    !detailTables.contains(where: { $0.table.firstLine == detail.table.firstLine })
                else { continue }
                detailed.insert(phases[index].number)
                detailTables.append(detail)
                Self.adopt(detail, into: &phases[index], source: source, vocabulary: vocabulary)
            }
            overview.rows = rows
            self.overview = overview
            progressAnchorLine = table.firstLine
        } else {
            let found = Self.taskPhases(source, headings: headings)
            guard !found.phases.isEmpty else {
                throw DocumentError("no roadmap tracker found: expected a table with Phase, Sub Topics and Status columns, or task lists (- [ ] item) under phase headings")
            }
            phases = found.phases
            tasks = found.tasks
            overview = nil
            progressAnchorLine = found.anchorLine
        }
        self.detailTables = detailTables
        self.tasks = tasks
        roadmap = Roadmap(shape: overview == nil ? .taskList : .overviewTable, phases: phases)
    }

    // MARK: Overview

    private static func findOverview(_ tables: [MarkdownTable], _ source: MarkdownSource) -> (MarkdownTable, Columns)? {
        for table in tables {
            var phase: Int?, subTopics: Int?, status: Int?, topic: Int?, total: Int?
            for (index, cell) in table.header.cells.enumerated() {
                switch TextNormalization.words(source.text(cell.content)) {
                case "phase", "phases": phase = phase ?? index
                case "sub topics", "subtopics", "sub topic", "subtopic": subTopics = subTopics ?? index
                case "status": status = status ?? index
                case "topics", "topic", "focus": topic = topic ?? index
                case "total", "count": total = total ?? index
                default: break
                }
            }
            if let phase, let subTopics, let status {
                return (table, Columns(phase: phase, subTopics: subTopics, status: status, topic: topic, total: total))
            }
        }
        return nil
    }

    private static func overviewRows(_ table: MarkdownTable, _ columns: Columns, _ source: MarkdownSource, _ vocabulary: StatusVocabulary) -> [OverviewRow] {
        var rows: [OverviewRow] = []
        for (ordinal, row) in table.body.enumerated() {
            guard columns.subTopics < row.cells.count else { continue }
            let phaseText = columns.phase < row.cells.count ? source.text(row.cells[columns.phase].content) : ""
            let number = firstNumber(in: phaseText) ?? (ordinal + 1)
            let cell = row.cells[columns.subTopics]
            let entries = itemParts(source, in: cell.content).compactMap { part -> ItemEntry? in
                let parsed = MarkScanner.scan(source.bytes, part)
                let name = plainName(source.text(parsed.name))
                let slug = TextNormalization.slug(name)
                guard !slug.isEmpty else { return nil }
                return ItemEntry(
                    id: ItemID(phase: number, slug: slug), name: name, mark: parsed.mark,
                    markStatus: vocabulary.recognizeMark(source.text(parsed.mark)), line: row.line)
            }
            rows.append(
                OverviewRow(
                    phase: number, line: row.line, entries: entries, subTopicsCell: cell,
                    statusCell: columns.status < row.cells.count ? row.cells[columns.status] : nil,
                    totalCell: columns.total.flatMap { $0 < row.cells.count ? row.cells[$0] : nil }))
        }
        return rows
    }

    /// The Sub Topics cell split on `<br>`, `<br/>`, `<br />` in any case.
    static func itemParts(_ source: MarkdownSource, in range: Range<Int>) -> [Range<Int>] {
        let bytes = source.bytes
        var parts: [Range<Int>] = []
        var partStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0x3C, let length = breakTagLength(bytes, at: index, end: range.upperBound) {
                parts.append(partStart..<index)
                index += length
                partStart = index
            } else {
                index += 1
            }
        }
        parts.append(partStart..<range.upperBound)
        return parts
    }

    private static func breakTagLength(_ bytes: [UInt8], at index: Int, end: Int) -> Int? {
        guard index + 3 < end + 0, bytes[index + 1] | 0x20 == 0x62, bytes[index + 2] | 0x20 == 0x72 else { return nil }
        var position = index + 3
        while position < end, bytes[position] == 0x20 { position += 1 }
        if position < end, bytes[position] == 0x2F { position += 1 }
        guard position < end, bytes[position] == 0x3E else { return nil }
        return position + 1 - index
    }

    private static func plainCellText(_ source: MarkdownSource, table: MarkdownTable, line: Int, column: Int) -> String? {
        guard let row = table.body.first(where: { $0.line == line }), column < row.cells.count else { return nil }
        let text = plainName(source.text(row.cells[column].content))
        return text.isEmpty ? nil : text
    }

    // MARK: Phase sections

    struct Heading {
        var line: Int
        var level: Int
        var text: String
        var phase: Int?
    }

    private static func headings(in source: MarkdownSource) -> [Heading] {
        var headings: [Heading] = []
        var inFence = false
        for index in source.lines.indices {
            let text = source.text(ofLine: index).trimmingBlanks()
            if text.hasPrefix("```") || text.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, let heading = source.heading(line: index) else { continue }
            headings.append(Heading(line: index, level: heading.level, text: Mojibake.repaired(heading.text), phase: phaseNumber(inHeading: heading.text)))
        }
        return headings
    }

    /// "🟦 Phase 1: Node.js Core Concepts" → 1.
    static func phaseNumber(inHeading text: String) -> Int? {
        let words = TextNormalization.words(text).split(separator: " ")
        for (index, word) in words.enumerated() where word == "phase" && index + 1 < words.count {
            if let number = Int(words[index + 1]) { return number }
        }
        for word in words where word.count > 5 && word.hasPrefix("phase") {
            if let number = Int(word.dropFirst(5)) { return number }
        }
        return nil
    }

    private static func detailTable(
        for heading: Heading, headings: [Heading], tables: [MarkdownTable], excluding overview: MarkdownTable,
        source: MarkdownSource, phase: Phase
    ) -> DetailTable? {
        let sectionEnd = headings.first { $0.line > heading.line && $0.level <= heading.level }?.line ?? source.lines.count
        guard let table = tables.first(where: { $0.firstLine > heading.line && $0.firstLine < sectionEnd && $0.firstLine != overview.firstLine })
        else { return nil }
        let statusColumn = table.header.cells.firstIndex { TextNormalization.words(source.text($0.content)) == "status" }
        var rows: [DetailRow] = []
        for row in table.body {
            guard let first = row.cells.first else { continue }
            let name = plainName(source.text(MarkScanner.scan(source.bytes, first.content).name))
            guard !TextNormalization.slug(name).isEmpty else { continue }
            let statusCell = statusColumn.flatMap { $0 < row.cells.count ? row.cells[$0] : nil }
            rows.append(DetailRow(name: name, line: row.line, statusCell: statusCell, items: []))
        }
        let best = NameMatching.bestRows(items: phase.items.map(\.name), rows: rows.map(\.name))
        for (itemIndex, rowIndex) in best.enumerated() {
            guard let rowIndex else { continue }
            rows[rowIndex].items.append(phase.items[itemIndex].id)
        }
        return DetailTable(phase: phase.number, table: table, statusColumn: statusColumn, rows: rows)
    }

    /// Matched rows become aliases, and a status set by hand in a row's Status cell is part of the document state.
    private static func adopt(_ detail: DetailTable, into phase: inout Phase, source: MarkdownSource, vocabulary: StatusVocabulary) {
        for row in detail.rows {
            for id in row.items {
                guard let index = phase.items.firstIndex(where: { $0.id == id }) else { continue }
                if TextNormalization.slug(row.name) != id.slug, !phase.items[index].aliases.contains(row.name) {
                    phase.items[index].aliases.append(row.name)
                }
                if row.items.count == 1, let cell = row.statusCell,
                    let status = vocabulary.recognizeStatus(source.text(cell.content)),
                    status > phase.items[index].documentStatus
                {
                    phase.items[index].documentStatus = status
                }
            }
        }
    }

    // MARK: Task lists

    private static func taskPhases(_ source: MarkdownSource, headings: [Heading]) -> (phases: [Phase], tasks: [TaskEntry], anchorLine: Int?) {
        let numbered = headings.contains { $0.phase != nil }
        var phases: [Phase] = []
        var tasks: [TaskEntry] = []
        var anchor: Int?
        var current: Int?
        var headingIndex = 0
        var inFence = false
        for index in source.lines.indices {
            let trimmedText = source.text(ofLine: index).trimmingBlanks()
            if trimmedText.hasPrefix("```") || trimmedText.hasPrefix("~~~") { inFence.toggle() }
            if inFence { continue }
            if headingIndex < headings.count, headings[headingIndex].line == index {
                let heading = headings[headingIndex]
                headingIndex += 1
                if numbered {
                    current = heading.phase.map { number in
                        if !phases.contains(where: { $0.number == number }) {
                            phases.append(Phase(number: number, title: phaseTitle(heading.text), items: [], heading: heading.text))
                        }
                        return phases.firstIndex { $0.number == number }!
                    }
                } else {
                    phases.append(Phase(number: phases.count + 1, title: heading.text, items: [], heading: heading.text))
                    current = phases.count - 1
                }
                continue
            }
            guard let phaseIndex = current, let task = taskItem(source, line: index) else { continue }
            let name = plainName(task.name)
            let slug = TextNormalization.slug(name)
            guard !slug.isEmpty else { continue }
            let id = ItemID(phase: phases[phaseIndex].number, slug: slug)
            let done = source.bytes[task.box] | 0x20 == 0x78
            if anchor == nil { anchor = headings.last { $0.line < index }?.line }
            phases[phaseIndex].items.append(Item(id: id, name: name, aliases: [], documentStatus: done ? .done : .notStarted, line: index + 1))
            tasks.append(TaskEntry(id: id, name: name, box: task.box, line: index))
        }
        phases.removeAll { $0.items.isEmpty }
        return (phases, tasks, anchor)
    }

    /// `- [ ] Name`, `* [x] Name`, `1. [ ] Name`.
    private static func taskItem(_ source: MarkdownSource, line index: Int) -> (box: Int, name: String)? {
        let line = source.lines[index]
        let bytes = source.bytes
        var position = line.start
        while position < line.end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        guard position < line.end else { return nil }
        if [0x2D, 0x2A, 0x2B].contains(bytes[position]) {
            position += 1
        } else {
            let digits = position
            while position < line.end, (0x30...0x39).contains(bytes[position]) { position += 1 }
            guard position > digits, position < line.end, bytes[position] == 0x2E || bytes[position] == 0x29 else { return nil }
            position += 1
        }
        guard position + 4 <= line.end, bytes[position] == 0x20, bytes[position + 1] == 0x5B,
            [0x20, 0x78, 0x58].contains(bytes[position + 2]), bytes[position + 3] == 0x5D,
            position + 4 == line.end || bytes[position + 4] == 0x20 || bytes[position + 4] == 0x09
        else { return nil }
        let nameStart = min(position + 5, line.end)
        return (position + 2, source.text(nameStart..<line.end))
    }

    private static func phaseTitle(_ heading: String) -> String {
        guard let colon = heading.firstIndex(of: ":") else { return heading }
        let rest = heading[heading.index(after: colon)...].trimmingBlanks()
        return rest.isEmpty ? heading : rest
    }

    // MARK: Progress block

    private static func findProgressBlock(in source: MarkdownSource) throws -> ProgressBlock? {
        var open: Int?
        for index in source.lines.indices {
            let text = source.text(ofLine: index).trimmingBlanks()
            if text == progressOpen, open == nil {
                open = index
            } else if text == progressClose, let openLine = open {
                return ProgressBlock(openLine: openLine, closeLine: index)
            }
        }
        if let open {
            throw DocumentError("the progress block opened on line \(open + 1) (\(progressOpen)) is never closed with \(progressClose)")
        }
        return nil
    }

    // MARK: Text helpers

    static func firstNumber(in text: String) -> Int? {
        var digits = ""
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !digits.isEmpty {
                break
            }
        }
        return Int(digits)
    }

    /// A cell's text as a reader sees it: emphasis, code ticks, links and HTML tags dropped, mojibake repaired.
    /// On UTF-8 bytes, not through Foundation's String methods, which bridge to NSString on Linux and made
    /// this a tenth of every sync's time (a property test holds it to the Foundation version).
    static func plainName(_ text: String) -> String {
        var bytes = Array(Mojibake.repaired(text).utf8)
        // [label](url) → label, the first "](" each time, its link closed by the next ")".
        while let open = firstRange(of: [UInt8(ascii: "]"), UInt8(ascii: "(")], in: bytes, from: 0),
              let close = bytes[(open + 2)...].firstIndex(of: UInt8(ascii: ")")),
              let bracket = bytes[..<open].lastIndex(of: UInt8(ascii: "["))
        {
            bytes.replaceSubrange(bracket...close, with: bytes[(bracket + 1)..<open])
        }
        while let open = bytes.firstIndex(of: UInt8(ascii: "<")), let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) {
            bytes.removeSubrange(open...close)
        }
        // One marker at a time over the whole text, as replacingOccurrences would: "_**_" becomes "__", then "".
        for marker in ["**", "__", "~~", "`"].map({ Array($0.utf8) }) where bytes.contains(marker[0]) {
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if index + marker.count <= bytes.count, bytes[index..<(index + marker.count)].elementsEqual(marker) {
                    index += marker.count
                } else {
                    kept.append(bytes[index])
                    index += 1
                }
            }
            bytes = kept
        }
        return String(decoding: bytes, as: UTF8.self).trimmingBlanks()
    }

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
