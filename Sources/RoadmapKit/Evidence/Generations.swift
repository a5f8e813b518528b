/// A 20-byte git object id held in three words: a cheap dictionary key for 200 000 commits, where a
/// 40-character String key would cost several times the memory.
public struct ObjectID: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var middle: UInt64
    public var low: UInt32

    public init?(hex: some StringProtocol) {
        // Called for every commit of a walk: no allocation, one pass over the UTF-8.
        var high: UInt64 = 0, middle: UInt64 = 0, low: UInt64 = 0
        var index = 0
        for character in hex.utf8 {
            let nibble: UInt8
            switch character {
            case 0x30...0x39: nibble = character - 0x30
            case 0x61...0x66: nibble = character - 0x61 + 10
            case 0x41...0x46: nibble = character - 0x41 + 10
            default: return nil
            }
            switch index {
            case 0..<16: high = high << 4 | UInt64(nibble)
            case 16..<32: middle = middle << 4 | UInt64(nibble)
            case 32..<40: low = low << 4 | UInt64(nibble)
            default: return nil
            }
            index += 1
        }
        guard index == 40 else { return nil }
        self.high = high
        self.middle = middle
        self.low = UInt32(truncatingIfNeeded: low)
    }

    public init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    public var hex: String {
        func digits(_ value: UInt64, _ count: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: count - text.count) + text
        }
        return digits(high, 16) + digits(middle, 16) + digits(UInt64(low), 8)
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}

/// Generation numbers: a root commit is 1, any other one more than its highest parent. Replaying
/// evidence by (generation, date, id) is a topological order that does not depend on how the history was
/// walked — so a sync that reads only the new commits (the cache) replays exactly what a full walk does.
public struct GenerationIndex: Sendable {
    public private(set) var generations: [ObjectID: UInt32] = [:]

    public init() {}

    public init(_ generations: [ObjectID: UInt32]) {
        self.generations = generations
    }

    /// Records a commit whose parents were recorded before it (oldest first); parents outside the walk
    /// (a shallow boundary) count as generation 0.
    @discardableResult
    public mutating func add(id: String, parents: [String]) -> UInt32 {
        var generation: UInt32 = 1
        for parent in parents {
            if let id = ObjectID(hex: parent), let known = generations[id] { generation = max(generation, known + 1) }
        }
        if let key = ObjectID(hex: id) { generations[key] = generation }
        return generation
    }

    public func generation(of id: String) -> UInt32? {
        ObjectID(hex: id).flatMap { generations[$0] }
    }

    public var count: Int { generations.count }
}
