/// One thing wrong with a roadmap document.
public struct LintProblem: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case mojibake
        case itemWithoutRow = "item-without-row"
        case rowWithoutItem = "row-without-item"
        case countMismatch = "count-mismatch"
        case totalMismatch = "total-mismatch"
        case duplicateID = "duplicate-id"
        case phaseWithoutSection = "phase-without-section"
        case checkboxOutsideTracker = "checkbox-outside-tracker"
        case otherCandidate = "other-candidate"
        case unknownStatus = "unknown-status"
        case unplacedTable = "unplaced-table"
    }

    public var kind: Kind
    /// 1-based.
    public var line: Int
    public var message: String
    /// `lint --fix` repairs it.
    public var fixable: Bool
}

/// Document problems (PRODUCT.md 4, `roadmap lint`) and the repairs that are safe to make unasked.
public enum Linter {
    /// Every problem, less the kinds `.roadmap.yml` silences (`lint: ignore:`).
    public static func problems(in document: TrackerDocument, ignoring ignored: Set<LintProblem.Kind> = [])
        -> [LintProblem]
    {
        var problems = mojibakeProblems(document.source)
        let roadmap = document.roadmap
        for phase in roadmap.phases {
            var seen: [ItemID: Int] = [:]
            for item in phase.items {
                if let first = seen[item.id] {
                    problems.append(
                        .init(
                            kind: .duplicateID, line: item.line,
                            message:
                                "\(item.id) is listed twice in \(phase.label) (first on line \(first)); refs to it cannot tell them apart",
                            fixable: false))
                } else {
                    seen[item.id] = item.line
                }
            }
        }
        if let overview = document.overview {
            for row in overview.rows {
                guard let cell = row.totalCell else { continue }
                let text = document.source.text(cell.content)
                if Int(text) != row.entries.count {
                    problems.append(
                        .init(
                            kind: .totalMismatch, line: row.line + 1,
                            message:
                                "\(Self.label(row.key)) Total says \(text.isEmpty ? "nothing" : text), but its Sub Topics cell lists \(row.entries.count)",
                            fixable: true))
                }
            }
            let phasesWithSections = Set(overview.details.map(\.phase))
            for phase in roadmap.phases {
                guard let detail = overview.details.first(where: { $0.phase == phase.key }) else {
                    if !phasesWithSections.isEmpty {
                        let line = overview.rows.first { $0.key == phase.key }.map { $0.line + 1 } ?? 1
                        problems.append(
                            .init(
                                kind: .phaseWithoutSection, line: line,
                                message: "\(phase.label) has no section with a sub-topic table", fixable: false))
                    }
                    continue
                }
                if detail.rows.count != phase.items.count {
                    problems.append(
                        .init(
                            kind: .countMismatch, line: document.page.tables[detail.table].firstLine + 1,
                            message:
                                "\(phase.label) lists \(phase.items.count) sub topics in the overview, its section table has \(detail.rows.count) rows",
                            fixable: false))
                }
                let matched = Set(detail.rows.flatMap(\.items))
                for item in phase.items where !matched.contains(item.id) {
                    problems.append(
                        .init(
                            kind: .itemWithoutRow, line: item.line,
                            message: "\(item.id) (\"\(item.name)\") matches no row of the \(phase.label) table",
                            fixable: false))
                }
                for row in detail.rows where row.items.isEmpty {
                    problems.append(
                        .init(
                            kind: .rowWithoutItem, line: row.line + 1,
                            message: "\(phase.label) table row \"\(row.name)\" matches no sub topic of \(phase.label)",
                            fixable: false))
                }
            }
        }
        for note in document.notes {
            let kind: LintProblem.Kind =
                switch note.kind {
                case .checkboxOutsideTracker: .checkboxOutsideTracker
                case .otherCandidate: .otherCandidate
                case .unknownStatus: .unknownStatus
                case .unplacedTable: .unplacedTable
                }
            problems.append(.init(kind: kind, line: note.line, message: note.message, fixable: false))
        }
        return problems.filter { !ignored.contains($0.kind) }.sorted {
            ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue)
        }
    }

    private static func label(_ key: PhaseKey) -> String {
        key.number.map { "Phase \($0)" } ?? "Phase \"\(key)\""
    }

    /// The document with mojibake repaired and wrong Totals corrected; everything else byte for byte.
    public static func fixed(_ document: TrackerDocument) throws -> [UInt8] {
        let repaired = repairingMojibake(document.source)
        let reparsed = try TrackerDocument(bytes: repaired, wording: document.wording, options: document.options)
        guard let overview = reparsed.overview else { return repaired }
        let edits = overview.rows.compactMap { row -> ByteEdit? in
            guard let cell = row.totalCell, Int(reparsed.source.text(cell.content)) != row.entries.count else {
                return nil
            }
            return TrackerDocument.cellEdit(
                cell, String(row.entries.count), isHTML: reparsed.page.tables[overview.table].isHTML)
        }
        return reparsed.apply(edits)
    }

    private static func mojibakeProblems(_ source: MarkdownSource) -> [LintProblem] {
        source.lines.indices.compactMap { index in
            let line = source.lines[index]
            let decoded = UTF8Scalars.scalars(source.bytes, in: line.start..<line.end)
            let scalars = decoded.map(\.scalar)
            let sequences = Mojibake.sequences(in: scalars)
            guard let first = sequences.first else { return nil }
            let seen = String(
                String.UnicodeScalarView(scalars[first.scalarOffset..<(first.scalarOffset + first.scalarCount)]))
            let more = sequences.count > 1 ? " and \(sequences.count - 1) more" : ""
            return LintProblem(
                kind: .mojibake, line: index + 1,
                message: "\"\(seen)\" is \"\(Character(first.original))\" read as Mac OS Roman\(more)", fixable: true)
        }
    }

    /// Every mojibake sequence replaced by the UTF-8 of the character it stands for.
    static func repairingMojibake(_ source: MarkdownSource) -> [UInt8] {
        let decoded = UTF8Scalars.scalars(source.bytes, in: 0..<source.bytes.count)
        let sequences = Mojibake.sequences(in: decoded.map(\.scalar))
        guard !sequences.isEmpty else { return source.bytes }
        var output: [UInt8] = []
        output.reserveCapacity(source.bytes.count)
        var position = 0
        for sequence in sequences {
            let start = decoded[sequence.scalarOffset].offset
            let endIndex = sequence.scalarOffset + sequence.scalarCount
            let end = endIndex < decoded.count ? decoded[endIndex].offset : source.bytes.count
            output.append(contentsOf: source.bytes[position..<start])
            output.append(contentsOf: Array(String(Character(sequence.original)).utf8))
            position = end
        }
        output.append(contentsOf: source.bytes[position...])
        return output
    }
}
