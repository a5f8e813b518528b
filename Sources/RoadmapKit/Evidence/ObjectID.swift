/// A 20-byte git object id held in three words: a cheap dictionary key for 200 000 commits, where a
/// 40-character String key would cost several times the memory.
public struct ObjectID: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var middle: UInt64
    public var low: UInt32

    public init?(hex: some StringProtocol) {
        // Called for every commit of a walk: no allocation, one pass over the UTF-8.
        var high: UInt64 = 0
        var middle: UInt64 = 0
        var low: UInt64 = 0
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
