/// One replacement of a byte range of the document.
struct ByteEdit: Sendable {
    var range: Range<Int>
    var replacement: [UInt8]
}

extension TrackerDocument {
    /// The document with every owned span showing `statuses` (items missing from it keep what the document
    /// shows). Spans that already say the right thing are left byte for byte, so rendering the statuses a
    /// document already shows changes nothing, and rendering twice is a no-op.
    public func rendered(_ statuses: [ItemID: ItemStatus]) -> [UInt8] {
        apply(renderEdits(statuses))
    }

    /// What each item will show after `rendered(statuses)`.
    public func resolvedStatuses(_ statuses: [ItemID: ItemStatus]) -> [ItemID: ItemStatus] {
        roadmap.documentStatuses.merging(statuses.filter { roadmap.item($0.key) != nil }) { _, new in new }
    }

    func renderEdits(_ statuses: [ItemID: ItemStatus]) -> [ByteEdit] {
        let target = resolvedStatuses(statuses)
        var edits: [ByteEdit] = []
        if let overview {
            for row in overview.rows {
                var rowStatuses: [ItemStatus] = []
                for entry in row.entries {
                    let status = target[entry.id] ?? entry.markStatus
                    rowStatuses.append(status)
                    guard status != entry.markStatus else { continue }
                    var mark = Array(wording.mark(for: status).utf8)
                    if entry.mark.isEmpty { mark.append(0x20) }
                    edits.append(ByteEdit(range: entry.mark, replacement: mark))
                }
                if let cell = row.statusCell {
                    let phase = PhaseStatus(rowStatuses)
                    if !vocabulary.phaseCell(source.text(cell.content), says: phase) {
                        edits.append(Self.cellEdit(cell, wording.phaseLabel(for: phase)))
                    }
                }
            }
        }
        for detail in detailTables {
            for row in detail.rows where !row.items.isEmpty {
                guard let cell = row.statusCell else { continue }
                let status = Self.combined(row.items.compactMap { target[$0] })
                let shown = vocabulary.recognizeStatus(source.text(cell.content)) ?? .notStarted
                if shown != status {
                    edits.append(Self.cellEdit(cell, wording.rowLabel(for: status)))
                }
            }
        }
        for task in tasks {
            let ticked = source.bytes[task.box] | 0x20 == 0x78
            let shouldTick = target[task.id] == .done
            if ticked != shouldTick {
                edits.append(ByteEdit(range: task.box..<(task.box + 1), replacement: [shouldTick ? 0x78 : 0x20]))
            }
        }
        if let progress = progressEdit(target) { edits.append(progress) }
        return edits
    }

    /// Replaces a cell's text; an empty cell gets one space of padding either side.
    static func cellEdit(_ cell: MarkdownTable.Cell, _ text: String) -> ByteEdit {
        cell.content.isEmpty
            ? ByteEdit(range: cell.raw, replacement: Array(" \(text) ".utf8))
            : ByteEdit(range: cell.content, replacement: Array(text.utf8))
    }

    /// A row detailing several items ("XSS & CSRF") shows their common status, else in progress.
    static func combined(_ statuses: [ItemStatus]) -> ItemStatus {
        guard let first = statuses.first else { return .notStarted }
        if statuses.allSatisfy({ $0 == first }) { return first }
        if statuses.allSatisfy(\.isFinished) { return .done }
        return .inProgress
    }

    private func progressEdit(_ target: [ItemID: ItemStatus]) -> ByteEdit? {
        guard wording.showsProgress else { return nil }
        let items = roadmap.items
        let finished = items.filter { target[$0.id]?.isFinished ?? false }.count
        let line = wording.progressBlockLines(finished: finished, total: items.count).flatMap { Array($0.utf8) + source.lineEnding }
        if let block = progressBlock {
            let range = source.lines[block.openLine].next..<source.lines[block.closeLine].start
            return Array(source.bytes[range]) == line ? nil : ByteEdit(range: range, replacement: line)
        }
        guard let anchor = progressAnchorLine else { return nil }
        let ending = source.lineEnding
        let block = Array(Self.progressOpen.utf8) + ending + line + Array(Self.progressClose.utf8) + ending + ending
        let start = source.lines[anchor].start
        return ByteEdit(range: start..<start, replacement: block)
    }

    // MARK: Applying edits

    /// The bytes with `edits` applied; cells of aligned tables are re-padded so the pipes stay aligned.
    func apply(_ edits: [ByteEdit]) -> [UInt8] {
        guard !edits.isEmpty else { return source.bytes }
        var edits = edits
        var tables: [MarkdownTable] = detailTables.map(\.table)
        if let overview { tables.append(overview.table) }
        for table in tables where table.isAligned {
            realign(table, &edits)
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var output: [UInt8] = []
        output.reserveCapacity(source.bytes.count + edits.reduce(0) { $0 + $1.replacement.count })
        var position = 0
        for edit in edits {
            precondition(edit.range.lowerBound >= position, "overlapping edits")
            output.append(contentsOf: source.bytes[position..<edit.range.lowerBound])
            output.append(contentsOf: edit.replacement)
            position = edit.range.upperBound
        }
        output.append(contentsOf: source.bytes[position...])
        return output
    }

    /// Replaces the edits falling inside `table` by whole-cell rewrites of each edited column, padded to
    /// the column's new width.
    private func realign(_ table: MarkdownTable, _ edits: inout [ByteEdit]) {
        let rows = table.rows
        let columnCount = table.header.cells.count
        guard rows.allSatisfy({ $0.cells.count == columnCount }) else { return }
        func width(_ bytes: [UInt8]) -> Int { TextNormalization.displayWidth(String(decoding: bytes, as: UTF8.self)) }
        for column in 0..<columnCount {
            let cells = rows.map { $0.cells[column] }
            let inside = edits.indices.filter { index in cells.contains { $0.raw.encloses(edits[index].range) } }
            guard !inside.isEmpty else { continue }
            let cellEdits = inside.map { edits[$0] }
            edits.remove(atOffsets: inside)
            // (leading padding, content, trailing padding) of each cell after its own edits.
            let parts = cells.map { cell -> (lead: [UInt8], content: [UInt8], trail: [UInt8]) in
                var raw: [UInt8] = []
                var position = cell.raw.lowerBound
                for edit in cellEdits.filter({ cell.raw.encloses($0.range) }).sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                    raw.append(contentsOf: source.bytes[position..<edit.range.lowerBound])
                    raw.append(contentsOf: edit.replacement)
                    position = edit.range.upperBound
                }
                raw.append(contentsOf: source.bytes[position..<cell.raw.upperBound])
                let content = raw.trimmedRange(0..<raw.count)
                return (Array(raw[..<content.lowerBound]), Array(raw[content]), Array(raw[content.upperBound...]))
            }
            let delimiter = 1
            var rawWidth = 0
            for (index, part) in parts.enumerated() {
                if index == delimiter {
                    let colons = part.content.filter { $0 == 0x3A }.count
                    rawWidth = max(rawWidth, width(part.lead) + colons + 3 + width(part.trail))
                } else {
                    rawWidth = max(rawWidth, width(part.lead) + width(part.content) + 1)
                }
            }
            for (index, part) in parts.enumerated() {
                var raw = part.lead
                if index == delimiter {
                    let left = part.content.first == 0x3A
                    let right = part.content.last == 0x3A && part.content.count > 1
                    if left { raw.append(0x3A) }
                    let dashes = rawWidth - width(part.lead) - width(part.trail) - (left ? 1 : 0) - (right ? 1 : 0)
                    raw.append(contentsOf: repeatElement(0x2D, count: dashes))
                    if right { raw.append(0x3A) }
                    raw.append(contentsOf: part.trail)
                } else {
                    raw.append(contentsOf: part.content)
                    raw.append(contentsOf: repeatElement(0x20, count: rawWidth - width(part.lead) - width(part.content)))
                }
                if raw != Array(source.bytes[cells[index].raw]) {
                    edits.append(ByteEdit(range: cells[index].raw, replacement: raw))
                }
            }
        }
    }
}

extension Range where Bound == Int {
    func encloses(_ other: Range<Int>) -> Bool {
        lowerBound <= other.lowerBound && other.upperBound <= upperBound
    }
}

extension Array {
    mutating func remove(atOffsets offsets: [Int]) {
        for offset in offsets.sorted(by: >) { remove(at: offset) }
    }
}
