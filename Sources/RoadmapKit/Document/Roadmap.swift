/// Where one tracked sub topic stands.
public enum ItemStatus: String, CaseIterable, Codable, Sendable, Comparable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case skipped
    case done

    /// Evidence only moves an item forward along this order (PRODUCT.md 3).
    public var rank: Int {
        switch self {
        case .notStarted: 0
        case .inProgress: 1
        case .skipped: 2
        case .done: 3
        }
    }

    /// Done and skipped both count as finished: a phase of finished items is Completed.
    public var isFinished: Bool { self == .done || self == .skipped }

    public static func < (lhs: ItemStatus, rhs: ItemStatus) -> Bool { lhs.rank < rhs.rank }
}

/// A phase's overall state, as the overview Status cell shows it.
public enum PhaseStatus: Equatable, Sendable {
    case notStarted
    case inProgress(finished: Int, total: Int)
    case completed

    /// What a cell showing one state says of its phase.
    init(single status: ItemStatus) {
        switch status {
        case .notStarted: self = .notStarted
        case .inProgress: self = .inProgress(finished: 0, total: 1)
        case .done, .skipped: self = .completed
        }
    }

    public init(_ statuses: [ItemStatus]) {
        let finished = statuses.filter(\.isFinished).count
        if !statuses.isEmpty && finished == statuses.count {
            self = .completed
        } else if statuses.allSatisfy({ $0 == .notStarted }) {
            self = .notStarted
        } else {
            self = .inProgress(finished: finished, total: statuses.count)
        }
    }
}

/// What names a phase in an id: the number its heading or row states (`Phase 3`, `Week 3`, `Day 12`), else
/// its title's slug. Never its position, so adding an unrelated heading cannot move an id.
public struct PhaseKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number the phase states; nil for a phase named by its title.
    public let number: Int?
    /// The title's slug, for a phase without a number; empty otherwise.
    public let name: String

    public static func number(_ number: Int) -> PhaseKey { PhaseKey(number: number, name: "") }
    public static func name(_ slug: String) -> PhaseKey { PhaseKey(number: nil, name: slug) }

    /// `1` or `-main-learnings`: what follows the `p` of an id.
    public var description: String {
        guard let number else { return "-" + name }
        return String(number)
    }

    /// `p3`, `p-main-learnings`: what the ids of the phase's items start with.
    public var id: String { "p\(self)" }

    /// Numbered phases first, in number order, then named ones by name.
    public static func < (lhs: PhaseKey, rhs: PhaseKey) -> Bool {
        switch (lhs.number, rhs.number) {
        case (let left?, let right?): left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.name < rhs.name
        }
    }
}

/// `p1/event-loop` or `p-main-learnings/javascript`: the phase and the item's slug.
public struct ItemID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var phase: PhaseKey
    public var slug: String

    public init(phase: PhaseKey, slug: String) {
        self.phase = phase
        self.slug = slug
    }

    public init(phase: Int, slug: String) {
        self.init(phase: .number(phase), slug: slug)
    }

    public var description: String { "\(phase.id)/\(slug)" }

    public static func < (lhs: ItemID, rhs: ItemID) -> Bool {
        (lhs.phase, lhs.slug) < (rhs.phase, rhs.slug)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ItemID(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an item id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `p1/slug`, `phase-1/slug`, `phase1/slug`, or `p-title-slug/slug`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        let prefix = parts[0].lowercased()[...]
        let rest: Substring
        if prefix.hasPrefix("phase-") {
            rest = prefix.dropFirst(6)
        } else if prefix.hasPrefix("phase") {
            rest = prefix.dropFirst(5)
        } else if prefix.hasPrefix("p-") {
            rest = prefix.dropFirst(2)
        } else if prefix.hasPrefix("p") {
            rest = prefix.dropFirst()
        } else {
            return nil
        }
        if let number = Int(rest), number >= 0, rest.allSatisfy(\.isASCII) {
            self.init(phase: .number(number), slug: String(parts[1]))
        } else if prefix.hasPrefix("p-"), !rest.isEmpty {
            self.init(phase: .name(String(rest)), slug: String(parts[1]))
        } else {
            return nil
        }
    }
}

/// One tracked sub topic.
public struct Item: Equatable, Sendable {
    public var id: ItemID
    public var name: String
    /// Other names it answers to: matched phase-table rows, configured aliases.
    public var aliases: [String]
    /// What the document shows for it now.
    public var documentStatus: ItemStatus
    /// 1-based line where it is listed.
    public var line: Int
}

public struct Phase: Equatable, Sendable {
    public var key: PhaseKey
    public var title: String
    public var items: [Item]
    /// The section heading's text, when the phase has one.
    public var heading: String?
    /// The sub-topic count the Total column claims, when there is one.
    public var declaredTotal: Int?

    public var status: PhaseStatus { PhaseStatus(items.map(\.documentStatus)) }

    /// The number its heading or row states, if it states one.
    public var number: Int? { key.number }

    /// "Phase 3", or the title of a phase named by its title.
    public var label: String {
        guard let number else { return title }
        return "Phase \(number)"
    }

    /// "Phase 3: Databases", or the title alone of a phase named by it.
    public var caption: String {
        guard let number else { return title }
        return "Phase \(number): \(title)"
    }
}

/// The roadmap a document describes: phases and their items.
public struct Roadmap: Equatable, Sendable {
    public enum Shape: String, Sendable, Codable {
        case overviewTable = "overview-table"
        case statusTable = "status-table"
        case taskList = "task-list"
    }

    public var shape: Shape
    public var phases: [Phase]

    public var items: [Item] { phases.flatMap(\.items) }

    public func item(_ id: ItemID) -> Item? {
        phases.first { $0.key == id.phase }?.items.first { $0.id == id }
    }

    public var documentStatuses: [ItemID: ItemStatus] {
        Dictionary(items.map { ($0.id, $0.documentStatus) }, uniquingKeysWith: { first, _ in first })
    }
}
