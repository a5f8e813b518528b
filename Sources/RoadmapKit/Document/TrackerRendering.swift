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
        let shown = roadmap.documentStatuses
        return shown.merging(statuses.filter { shown[$0.key] != nil }) { _, new in new }
    }

    func renderEdits(_ statuses: [ItemID: ItemStatus]) -> [ByteEdit] {
        let target = resolvedStatuses(statuses)
        var edits: [ByteEdit] = []
        var marked = Set<ItemID>()
        for mark in slots.marks {
            let status = target[mark.id] ?? mark.shown
            guard status != mark.shown else { continue }
            // An item without a mark reads as not started: it needs none to say so.
            if mark.range.isEmpty, status == .notStarted { continue }
            var text = Array((mark.checkbox ? Self.checkbox(status) : wording.mark(for: status)).utf8)
            if mark.range.isEmpty {
                text.append(0x20)
                marked.insert(mark.id)
            }
            edits.append(ByteEdit(range: mark.range, replacement: text))
        }
        for box in slots.boxes {
            let wanted = boxCharacter(
                target[box.id] ?? StatusWords.status(ofBox: box.character), current: box.character)
            if wanted != box.character {
                edits.append(ByteEdit(range: box.offset..<(box.offset + 1), replacement: [wanted]))
            }
        }
        for slot in slots.cells {
            let text = slot.cell.text
            switch slot.kind {
            case .items:
                let status = Self.combined(slot.ids.compactMap { target[$0] })
                let shown = vocabulary.recognizeStatus(text) ?? .notStarted
                if shown != status { edits.append(cellEdit(slot, slot.style.text(for: status))) }
            case .phase(let storage):
                let phase = PhaseStatus(slot.ids.compactMap { target[$0] })
                // Once a mark is written into it, the row's items show their own state and the cell is derived.
                if storage, !slot.ids.contains(where: marked.contains) {
                    let shown = vocabulary.recognizeStatus(text)
                    if slot.ids.count == 1 {
                        let status = target[slot.ids[0]] ?? .notStarted
                        if (shown ?? .notStarted) != status {
                            edits.append(cellEdit(slot, slot.style.text(for: status)))
                        }
                        continue
                    }
                    if shown == .inProgress, phase != .completed { continue }
                    if shown.map(PhaseStatus.init(single:)) == phase || (shown == nil && phase == .notStarted) {
                        continue
                    }
                }
                if !vocabulary.phaseCell(text, says: phase) {
                    edits.append(cellEdit(slot, Self.phaseLabel(phase, style: slot.style)))
                }
            }
        }
        if let progress = progressEdit(target) { edits.append(progress) }
        return edits
    }

    /// The checkbox character for `status`: a tick for done; `/` or `-` only where the page already writes
    /// in-progress or skipped items that way (GitHub draws neither as a checkbox), else an empty box.
    private func boxCharacter(_ status: ItemStatus, current: UInt8) -> UInt8 {
        if StatusWords.status(ofBox: current) == status { return current }
        switch status {
        case .done: return UInt8(ascii: "x")
        case .notStarted: return UInt8(ascii: " ")
        case .inProgress: return slots.inProgressBox ?? UInt8(ascii: " ")
        case .skipped: return slots.skippedBox ?? UInt8(ascii: " ")
        }
    }

    static func checkbox(_ status: ItemStatus) -> String {
        switch status {
        case .notStarted: "[ ]"
        case .inProgress: "[/]"
        case .done: "[x]"
        case .skipped: "[-]"
        }
    }

    static func phaseLabel(_ status: PhaseStatus, style: CellStyle) -> String {
        switch status {
        case .notStarted: return style.text(for: .notStarted)
        case .completed: return style.text(for: .done)
        case .inProgress(let finished, let total):
            var label = style.text(for: .inProgress)
            if let open = label.lastIndex(of: "("), Wording.progressCount(String(label[open...])) != nil {
                label = String(label[..<open]).trimmingBlanks()
            }
            return "\(label) (\(finished)/\(total))"
        }
    }

    private func cellEdit(_ slot: Slots.Cell, _ text: String) -> ByteEdit {
        Self.cellEdit(slot.cell, text, isHTML: page.tables[slot.table].isHTML)
    }

    /// Replaces a cell's text; an empty pipe cell gets one space of padding either side.
    static func cellEdit(_ cell: TrackerTable.Cell, _ text: String, isHTML: Bool = false) -> ByteEdit {
        if cell.content.isEmpty {
            return ByteEdit(
                range: isHTML ? cell.content : cell.raw, replacement: Array((isHTML ? text : " \(text) ").utf8))
        }
        return ByteEdit(range: cell.content, replacement: Array(text.utf8))
    }

    /// A row detailing several items ("XSS & CSRF") shows their common status, else in progress.
    static func combined(_ statuses: [ItemStatus]) -> ItemStatus {
        guard let first = statuses.first else { return .notStarted }
        if statuses.allSatisfy({ $0 == first }) { return first }
        if statuses.allSatisfy(\.isFinished) { return .done }
        return .inProgress
    }

    /// The progress block's lines. A block already there keeps its place and the blank lines a formatter
    /// put inside it (prettier, mdformat); only a changed line is rewritten.
    private func progressEdit(_ target: [ItemID: ItemStatus]) -> ByteEdit? {
        guard wording.showsProgress else { return nil }
        let items = roadmap.items
        let finished = items.filter { target[$0.id]?.isFinished ?? false }.count
        let ending = source.lineEnding
        let lines = wording.progressBlockLines(finished: finished, total: items.count)
        if let block = progressBlock {
            var first = block.openLine + 1
            var last = block.closeLine - 1
            while first <= last, source.isBlank(line: first) { first += 1 }
            while last >= first, source.isBlank(line: last) { last -= 1 }
            let shown = first <= last ? (first...last).map { source.text(ofLine: $0) } : []
            if shown == lines { return nil }
            let padded = first > block.openLine + 1 || first > last && block.closeLine > block.openLine + 1
            let blank = padded ? ending : []
            let body = lines.flatMap { Array($0.utf8) + ending }
            let range = source.lines[block.openLine].next..<source.lines[block.closeLine].start
            return ByteEdit(range: range, replacement: blank + body + blank)
        }
        guard let insertion = progressInsertion else { return nil }
        var block =
            Array(Self.progressOpen.utf8) + ending + lines.flatMap { Array($0.utf8) + ending }
            + Array(Self.progressClose.utf8) + ending + ending
        // At the end of a file without a final newline, the block starts on a line of its own.
        if insertion == source.bytes.count, let last = source.bytes.last, last != 0x0A, last != 0x0D {
            block = ending + ending + block
        }
        return ByteEdit(range: insertion..<insertion, replacement: block)
    }

    // MARK: Applying edits

    /// The bytes with `edits` applied; cells of aligned tables are re-padded so the pipes stay aligned.
    func apply(_ edits: [ByteEdit]) -> [UInt8] {
        guard !edits.isEmpty else { return source.bytes }
        var edits = edits
        for index in Set(slots.cells.map(\.table)).sorted() {
            if case .pipe(let table) = page.tables[index].form, table.isAligned { realign(table, &edits) }
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
    private func realign(_ table: PipeTable, _ edits: inout [ByteEdit]) {
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
                for edit in cellEdits.filter({ cell.raw.encloses($0.range) }).sorted(by: {
                    $0.range.lowerBound < $1.range.lowerBound
                }) {
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
                    raw.append(
                        contentsOf: repeatElement(0x20, count: rawWidth - width(part.lead) - width(part.content)))
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
