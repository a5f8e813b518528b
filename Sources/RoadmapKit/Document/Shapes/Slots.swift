/// The bytes a tracker owns, each tied to the items whose state it shows. Rendering rewrites a slot only
/// when what it shows differs from the state it should show.
struct Slots: Sendable {
    /// The mark in front of a sub-topic (`•`, `✅`, `[x]`), empty where an item has none yet.
    struct Mark: Sendable {
        var id: ItemID
        var range: Range<Int>
        var shown: ItemStatus
        /// The overview writes checkbox marks (`[x]`) rather than the wording's emoji.
        var checkbox: Bool
    }

    /// The character between a task item's brackets.
    struct Box: Sendable {
        var id: ItemID
        var offset: Int
        var character: UInt8
    }

    /// A Status cell: one item's (a status-table row, a phase-table row) or a phase's (an overview row).
    struct Cell: Sendable {
        enum Kind: Sendable {
            case items
            /// An overview row's cell, derived from its items. `storage` when its items show no state of
            /// their own (no marks): the cell is then where the state lives, so a cell that already says the
            /// right state is kept whatever its count, and an owner's "In Progress" is not undone.
            case phase(storage: Bool)
        }

        var kind: Kind
        var ids: [ItemID]
        var cell: TrackerTable.Cell
        var table: Int
        var style: CellStyle
    }

    var marks: [Mark] = []
    var boxes: [Box] = []
    var cells: [Cell] = []
    /// `/` or `~` when the page writes in-progress tasks as `[/]` or `[~]`; `-` likewise for skipped.
    var inProgressBox: UInt8?
    var skippedBox: UInt8?
}

/// One thing on the page the tracker did not count, for `lint` and `status`.
public struct DocumentNote: Equatable, Sendable {
    public enum Kind: String, Sendable, Codable {
        case checkboxOutsideTracker = "checkbox-outside-tracker"
        case otherCandidate = "other-candidate"
        case unknownStatus = "unknown-status"
        case unplacedTable = "unplaced-table"
    }

    public var kind: Kind
    /// 1-based.
    public var line: Int
    public var message: String
}
