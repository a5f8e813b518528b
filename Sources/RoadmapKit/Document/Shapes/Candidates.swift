/// One reading of the page as a tracker: its phases, the bytes it owns, where its progress block goes.
struct Candidate: Sendable {
    var shape: Roadmap.Shape
    var phases: [Phase]
    var slots: Slots
    var overview: OverviewTable?
    var summary: TrackerSummary
    /// The tables it reads (overview and phase tables, or status tables).
    var tables: Set<Int>
    /// The task lines it counts.
    var taskLines: Set<Int>
    var progressInsertion: Int?
    /// Status cells whose words name no state: (line, cell text).
    var unknownCells: [(line: Int, text: String)] = []

    var itemCount: Int { phases.reduce(0) { $0 + $1.items.count } }
}

/// Finds every candidate on the page (within `scope`): each overview table, each group of status tables
/// sharing a header, and the page's task lists.
struct CandidateReader {
    let page: Page
    let vocabulary: StatusVocabulary
    let wording: Wording
    let options: DocumentOptions
    let scope: Range<Int>
    /// The thing closest to a tracker that is not one, for the no-tracker sentence.
    private(set) var nearest: String?
    private var refusedTables: [(line: Int, reason: String)] = []

    init(page: Page, vocabulary: StatusVocabulary, wording: Wording, options: DocumentOptions, scope: Range<Int>) {
        self.page = page
        self.vocabulary = vocabulary
        self.wording = wording
        self.options = options
        self.scope = scope
    }

    mutating func candidates() -> [Candidate] {
        var found: [Candidate] = []
        var usedTables = Set<Int>()
        let tables = page.tables.indices.filter { scope.contains(page.tables[$0].firstLine) }
        for index in tables {
            guard let columns = OverviewTable.columns(of: page.tables[index], statusColumn: options.statusColumn) else {
                continue
            }
            let candidate = overviewCandidate(index, columns: columns)
            usedTables.formUnion(candidate.tables)
            found.append(candidate)
        }
        var groups: [(signature: String, tables: [(Int, StatusTable.Columns)])] = []
        for index in tables where !usedTables.contains(index) {
            let table = page.tables[index]
            switch StatusTable.columns(of: table, statusColumn: options.statusColumn) {
            case .success(let columns)?:
                let signature = StatusTable.signature(table)
                if let group = groups.firstIndex(where: { $0.signature == signature }) {
                    groups[group].tables.append((index, columns))
                } else {
                    groups.append((signature, [(index, columns)]))
                }
            case .failure(.noNameColumn)?:
                let line = table.firstLine + 1
                refusedTables.append(
                    (line, "the table on line \(line) has a Status column but no column of item names"))
                nearest = nearest ?? "a table with a Status column but no item names (line \(line))"
            case nil:
                let roles = table.header.map { ColumnRole.of($0.text) }
                if roles.contains(.phase) && roles.contains(.itemList) {
                    nearest =
                        nearest
                        ?? "a table with Phase and Sub Topics columns but no Status column (line \(table.firstLine + 1))"
                }
            }
        }
        for group in groups { found.append(statusCandidate(group.tables)) }
        let tasks = page.tasks.filter { scope.contains($0.line) }
        if !tasks.isEmpty { found.append(taskCandidate(tasks)) }
        if found.isEmpty, nearest == nil {
            if let line = page.unshownTaskLines.first(where: { scope.contains($0) }) {
                nearest =
                    "checkboxes in a code block or block quote (line \(line + 1)), which GitHub does not show as tasks"
            } else if let table = tables.first {
                nearest = "a table without a Status column (line \(page.tables[table].firstLine + 1))"
            } else if let heading = page.headings.first(where: { scope.contains($0.line) && $0.level <= 6 }) {
                nearest =
                    "headings with no task list or table under them (\"\(heading.text)\" on line \(heading.line + 1))"
            }
        }
        return found
    }

    // MARK: Overview

    private func overviewCandidate(_ tableIndex: Int, columns: OverviewTable.Columns) -> Candidate {
        var overview = OverviewTable.read(tableIndex, columns: columns, page: page, vocabulary: vocabulary)
        let table = page.tables[tableIndex]
        var phases: [Phase] = []
        var storage: [Bool] = []
        var shownByCell: [ItemID: ItemStatus] = [:]
        for row in overview.rows {
            var items = row.entries.map {
                Item(id: $0.id, name: $0.name, aliases: [], documentStatus: $0.markStatus, line: $0.line + 1)
            }
            // A row whose items show no state of their own keeps it in its Status cell.
            let isStorage = !row.entries.contains { !($0.mark?.isEmpty ?? true) }
            if isStorage, let cell = row.statusCell, let status = vocabulary.recognizeStatus(cell.text) {
                if items.count == 1 || status.isFinished {
                    for index in items.indices {
                        items[index].documentStatus = status
                        shownByCell[items[index].id] = status
                    }
                }
            }
            storage.append(isStorage)
            let declared = row.totalCell.flatMap { Int($0.text.trimmingBlanks()) }
            if let existing = phases.firstIndex(where: { $0.key == row.key }) {
                phases[existing].items += items
            } else {
                phases.append(
                    Phase(key: row.key, title: row.title, items: items, heading: nil, declaredTotal: declared))
            }
        }
        overview.readDetails(page: page, phases: phases, statusColumn: options.statusColumn)
        var slots = Slots()
        let checkbox = overview.rows.contains {
            $0.entries.contains { entry in
                entry.mark.map { vocabulary.markStatus(page.source.text($0)) != nil } ?? false
            }
        }
        for (index, row) in overview.rows.enumerated() {
            // A single item kept in its row's Status cell is written there, as a status-table row is.
            if storage[index], row.entries.count == 1 { continue }
            for entry in row.entries {
                guard let mark = entry.mark else { continue }
                slots.marks.append(
                    Slots.Mark(
                        id: entry.id, range: mark, shown: shownByCell[entry.id] ?? entry.markStatus, checkbox: checkbox)
                )
            }
        }
        let phaseFamily = StatusWords.Family(
            notStarted: wording.phaseNotStarted, inProgress: wording.phaseInProgress, done: wording.phaseCompleted,
            skipped: wording.phaseCompleted)
        let phaseCells = overview.rows.compactMap { $0.statusCell }
        let phaseStyle = CellStyle(
            seen: phaseCells.map { ($0.text, vocabulary.recognizeStatus($0.text) ?? .notStarted) },
            defaults: phaseFamily, vocabulary: vocabulary)
        for (index, row) in overview.rows.enumerated() {
            guard let cell = row.statusCell else { continue }
            slots.cells.append(
                Slots.Cell(
                    kind: .phase(storage: storage[index]), ids: row.entries.map(\.id), cell: cell, table: tableIndex,
                    style: phaseStyle))
        }
        var unknown: [(Int, String)] = []
        let detailCells = overview.details.flatMap { $0.rows.compactMap(\.statusCell) }
        let detailStyle = CellStyle(
            seen: detailCells.map { ($0.text, vocabulary.recognizeStatus($0.text) ?? .notStarted) },
            defaults: rowFamily, vocabulary: vocabulary)
        for detail in overview.details {
            guard let phaseIndex = phases.firstIndex(where: { $0.key == detail.phase }) else { continue }
            for row in detail.rows {
                for id in row.items {
                    guard let index = phases[phaseIndex].items.firstIndex(where: { $0.id == id }) else { continue }
                    if TextNormalization.slug(row.name) != id.slug,
                        !phases[phaseIndex].items[index].aliases.contains(row.name)
                    {
                        phases[phaseIndex].items[index].aliases.append(row.name)
                    }
                    // A state set by hand in a phase table's row is part of the document's state.
                    if row.items.count == 1, let cell = row.statusCell,
                        let status = vocabulary.recognizeStatus(cell.text),
                        status > phases[phaseIndex].items[index].documentStatus
                    {
                        phases[phaseIndex].items[index].documentStatus = status
                    }
                }
                guard let cell = row.statusCell else { continue }
                if !row.items.isEmpty {
                    slots.cells.append(
                        Slots.Cell(kind: .items, ids: row.items, cell: cell, table: detail.table, style: detailStyle))
                }
                if !cell.text.isEmpty, vocabulary.recognizeStatus(cell.text) == nil {
                    unknown.append((row.line, cell.text))
                }
            }
        }
        for row in overview.rows {
            if let cell = row.statusCell, !cell.text.isEmpty, vocabulary.recognizeStatus(cell.text) == nil {
                unknown.append((row.line, cell.text))
            }
        }
        let line = table.firstLine + 1
        let kind = table.isHTML ? "an HTML overview table" : "an overview table"
        var candidate = Candidate(
            shape: .overviewTable, phases: phases, slots: slots, overview: overview,
            summary: TrackerSummary(
                shape: .overviewTable, line: line, items: 0, description: "\(kind) on line \(line)"),
            tables: Set([tableIndex] + overview.details.map(\.table)), taskLines: [],
            progressInsertion: insertion(underHeadingBefore: table.firstLine))
        candidate.summary.items = candidate.itemCount
        candidate.unknownCells = unknown
        return candidate
    }

    private var rowFamily: StatusWords.Family {
        StatusWords.Family(
            notStarted: wording.rowNotStarted, inProgress: wording.rowInProgress, done: wording.rowDone,
            skipped: wording.rowSkipped)
    }

    // MARK: Status tables

    private func statusCandidate(_ tables: [(index: Int, columns: StatusTable.Columns)]) -> Candidate {
        struct Element {
            var table: Int
            var columns: StatusTable.Columns
            var row: TrackerTable.Row
            var name: String
            var slug: String
        }
        var elements: [Element] = []
        for (index, columns) in tables {
            for row in page.tables[index].rows {
                let name = ItemName.clean(row.text(columns.name))
                let slug = TextNormalization.slug(name)
                guard !slug.isEmpty else { continue }
                elements.append(Element(table: index, columns: columns, row: row, name: name, slug: slug))
            }
        }
        let grouping = PhaseGrouping.assign(elements.map(\.row.line), page: page, level: options.phaseLevel)
        var assignments = grouping.assignments
        let headingGroups = Set(assignments.map(\.key)).count
        var previous: (table: Int, assignment: PhaseGrouping.Assignment)?
        for (index, element) in elements.enumerated() {
            guard let group = element.columns.group, !element.columns.groupIsWeak || headingGroups <= 1 else {
                continue
            }
            let text = element.row.text(group)
            let title = PhaseNumbers.groupTitle(text, header: page.tables[element.table].header[group].text)
            if let number = PhaseNumbers.number(in: text) {
                assignments[index] = PhaseGrouping.Assignment(
                    key: .number(number), title: title, heading: nil, headingIndex: nil)
            } else if !TextNormalization.slug(text).isEmpty {
                assignments[index] = PhaseGrouping.Assignment(
                    key: .name(TextNormalization.slug(title)), title: title, heading: nil, headingIndex: nil)
            } else if let previous, previous.table == element.table {
                assignments[index] = previous.assignment
            }
            previous = (element.table, assignments[index])
        }
        var builder = CandidateBuilder()
        var slots = Slots()
        var unknown: [(Int, String)] = []
        let statusCells = elements.compactMap { $0.row.cell($0.columns.status) }
        let style = CellStyle(
            seen: statusCells.map { ($0.text, vocabulary.recognizeStatus($0.text) ?? .notStarted) },
            defaults: rowFamily, vocabulary: vocabulary)
        for (index, element) in elements.enumerated() {
            let id = ItemID(phase: assignments[index].key, slug: element.slug)
            let cell = element.row.cell(element.columns.status)
            let status = cell.flatMap { vocabulary.recognizeStatus($0.text) }
            if let cell, status == nil, !cell.text.isEmpty { unknown.append((element.row.line, cell.text)) }
            builder.append(
                Item(
                    id: id, name: element.name, aliases: [], documentStatus: status ?? .notStarted,
                    line: element.row.line + 1), to: assignments[index])
            if let cell {
                slots.cells.append(Slots.Cell(kind: .items, ids: [id], cell: cell, table: element.table, style: style))
            }
        }
        let first = tables.first.map { page.tables[$0.index].firstLine } ?? 0
        let line = first + 1
        let description =
            tables.count == 1 ? "a status table on line \(line)" : "\(tables.count) status tables from line \(line)"
        var candidate = Candidate(
            shape: .statusTable, phases: builder.phases, slots: slots, overview: nil,
            summary: TrackerSummary(shape: .statusTable, line: line, items: 0, description: description),
            tables: Set(tables.map(\.index)), taskLines: [],
            progressInsertion: insertion(
                firstLine: first, assignment: assignments.first, level: grouping.level, phases: builder.phases.count))
        candidate.summary.items = candidate.itemCount
        candidate.unknownCells = unknown
        return candidate
    }

    // MARK: Task lists

    private func taskCandidate(_ tasks: [Page.TaskLine]) -> Candidate {
        let grouping = PhaseGrouping.assign(tasks.map(\.line), page: page, level: options.phaseLevel)
        var builder = CandidateBuilder()
        var slots = Slots()
        for (index, task) in tasks.enumerated() {
            let name = ItemName.clean(task.text)
            let slug = TextNormalization.slug(name)
            guard !slug.isEmpty else { continue }
            let id = ItemID(phase: grouping.assignments[index].key, slug: slug)
            let status = StatusWords.status(ofBox: task.box.character)
            builder.append(
                Item(id: id, name: name, aliases: [], documentStatus: status, line: task.line + 1),
                to: grouping.assignments[index])
            slots.boxes.append(Slots.Box(id: id, offset: task.box.offset, character: task.box.character))
            switch task.box.character {
            case UInt8(ascii: "/"), UInt8(ascii: "~"): slots.inProgressBox = slots.inProgressBox ?? task.box.character
            case UInt8(ascii: "-"): slots.skippedBox = UInt8(ascii: "-")
            default: break
            }
        }
        let line = (tasks.first?.line ?? 0) + 1
        var candidate = Candidate(
            shape: .taskList, phases: builder.phases, slots: slots, overview: nil,
            summary: TrackerSummary(
                shape: .taskList, line: line, items: 0, description: "task lists from line \(line)"),
            tables: [], taskLines: Set(tasks.map(\.line)),
            progressInsertion: insertion(
                firstLine: tasks.first?.line ?? 0, assignment: grouping.assignments.first, level: grouping.level,
                phases: builder.phases.count))
        candidate.summary.items = candidate.itemCount
        return candidate
    }

    // MARK: Where the progress block goes

    /// Under the heading that introduces the tracker: the heading above the phase headings, or the page
    /// title when it is the one phase (`# Week 12 checklist` over its tasks); else above the first phase
    /// heading or bold group line, where it reads as the page's progress and not that phase's. Never inside
    /// a phase's list: with no heading above, it goes before the outermost block holding the first line.
    private func insertion(firstLine: Int, assignment: PhaseGrouping.Assignment?, level: Int?, phases: Int) -> Int? {
        if let heading = assignment?.headingIndex, page.headings[heading].level == level {
            let phaseHeading = page.headings[heading]
            if let parent = page.headings[..<heading].lastIndex(where: { $0.level < phaseHeading.level }) {
                return insertion(after: parent, before: phaseHeading.line)
            }
            if heading == 0, phases == 1, phaseHeading.level <= 6 {
                return insertion(after: heading, before: firstLine)
            }
            return page.source.lines[page.outermostBlockLine(containing: phaseHeading.line)].start
        }
        return insertion(underHeadingBefore: firstLine)
    }

    private func insertion(underHeadingBefore line: Int) -> Int {
        guard let heading = page.heading(before: line) else {
            return page.source.lines[page.outermostBlockLine(containing: line)].start
        }
        return insertion(after: heading, before: line)
    }

    /// The start of the first line after `heading` that is not blank, but no later than `limit`'s line.
    private func insertion(after heading: Int, before limit: Int) -> Int {
        var line = page.headings[heading].lastLine + 1
        while line < limit, line < page.source.lines.count, page.source.isBlank(line: line) { line += 1 }
        guard line < page.source.lines.count else { return page.source.bytes.count }
        return page.source.lines[line].start
    }

    // MARK: Notes

    /// What the page holds beside the tracker and does not count.
    func notes(for chosen: Candidate) -> [DocumentNote] {
        var notes: [DocumentNote] = []
        let outside = page.tasks.filter { !chosen.taskLines.contains($0.line) }
        var run: [Page.TaskLine] = []
        func flush() {
            guard let first = run.first, let last = run.last else { return }
            let lines = first.line == last.line ? "line \(first.line + 1)" : "lines \(first.line + 1)–\(last.line + 1)"
            let count = run.count == 1 ? "a checkbox" : "\(run.count) checkboxes"
            notes.append(
                DocumentNote(
                    kind: .checkboxOutsideTracker, line: first.line + 1,
                    message:
                        "\(count) outside the tracker (\(lines)) not counted; to count them instead, name their heading with `tracker:` in .roadmap.yml"
                ))
            run = []
        }
        for task in outside {
            // One note per section: a run ends where a heading comes between two checkboxes.
            if let last = run.last, page.heading(before: task.line) != page.heading(before: last.line) { flush() }
            run.append(task)
        }
        flush()
        for (line, text) in chosen.unknownCells {
            notes.append(
                DocumentNote(
                    kind: .unknownStatus, line: line + 1,
                    message:
                        "status \"\(text)\" names no known state: read as not started (add it under `status_words:` in .roadmap.yml)"
                ))
        }
        for refused in refusedTables {
            notes.append(DocumentNote(kind: .unplacedTable, line: refused.line, message: refused.reason))
        }
        return notes
    }
}
