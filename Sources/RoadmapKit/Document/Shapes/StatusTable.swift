/// The status-table shape: one row per item, a status-like column beside a name column. Phases come from a
/// Phase/Week column, else from the headings above the tables (`PhaseGrouping`); a Day column groups only
/// when no heading does.
struct StatusTable: Sendable {
    struct Columns: Sendable, Equatable {
        var status: Int
        var name: Int
        var group: Int?
        /// The group column is a Day column: it yields to headings.
        var groupIsWeak: Bool
    }

    /// Why a table with a status column is not a status table, for lint and the no-tracker sentence.
    enum Refusal: Error, Sendable {
        case noNameColumn
    }

    static func columns(of table: TrackerTable, statusColumn: String?) -> Result<Columns, Refusal>? {
        let roles = table.header.map { ColumnRole.of($0.text, statusColumn: statusColumn) }
        guard let status = roles.firstIndex(of: .status) else { return nil }
        let name =
            roles.firstIndex(of: .name)
            ?? roles.firstIndex(of: .itemList)
            ?? firstTextColumn(table, roles: roles)
            ?? roles.firstIndex(of: .period)
            ?? roles.firstIndex(of: .day)
        guard let name else { return .failure(.noNameColumn) }
        var group =
            roles.indices.first { roles[$0] == .phase && $0 != name }
            ?? roles.indices.first { roles[$0] == .period && $0 != name }
        var weak = false
        if group == nil, let day = roles.indices.first(where: { roles[$0] == .day && $0 != name }) {
            group = day
            weak = true
        }
        return .success(Columns(status: status, name: name, group: group, groupIsWeak: weak))
    }

    /// A column of no known role whose cells are mostly words, not numbers, dates or links.
    private static func firstTextColumn(_ table: TrackerTable, roles: [ColumnRole]) -> Int? {
        roles.indices.first { column in
            guard roles[column] == .other else { return false }
            let texts = table.rows.map { $0.text(column) }.filter { !$0.isEmpty }
            guard !texts.isEmpty else { return false }
            let wordy = texts.filter { text in
                text.contains { $0.isLetter } && !ItemName.containsDate(text) && !text.hasPrefix("http")
            }
            return wordy.count * 2 > texts.count
        }
    }

    /// The header a table is grouped into candidates by: tables that say the same columns are one tracker.
    static func signature(_ table: TrackerTable) -> String {
        table.header.map { TextNormalization.words($0.text) }.joined(separator: "|")
    }
}

/// Builds the phases and slots of one candidate: status tables, or task lists.
struct CandidateBuilder {
    var phases: [Phase] = []
    private var index: [PhaseKey: Int] = [:]

    mutating func append(_ item: Item, to assignment: PhaseGrouping.Assignment) {
        if let existing = index[assignment.key] {
            phases[existing].items.append(item)
        } else {
            index[assignment.key] = phases.count
            phases.append(
                Phase(key: assignment.key, title: assignment.title, items: [item], heading: assignment.heading))
        }
    }
}
