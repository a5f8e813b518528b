/// Text that was UTF-8, decoded as Mac OS Roman, and saved again as UTF-8: "⏳" becomes "‚è≥".
///
/// The seed roadmap was found in this state. Each run of Mac OS Roman's upper-half characters is mapped
/// back to the bytes it came from; where those bytes form a well-formed multi-byte UTF-8 sequence the run
/// is mojibake and decodes to the original character. A lone "é" or "ü" never forms such a sequence
/// (it maps to a continuation byte or an incomplete lead), so genuine accented text is left alone.
public enum Mojibake {
    /// One repairable sequence: where it is in the scanned scalars, and what it stands for.
    public struct Sequence: Equatable, Sendable {
        public var scalarOffset: Int
        public var scalarCount: Int
        public var original: Unicode.Scalar
    }

    /// Whether `text` holds at least one mojibake sequence.
    public static func contains(_ text: String) -> Bool {
        !sequences(in: Array(text.unicodeScalars)).isEmpty
    }

    /// `text` with every mojibake sequence replaced by the character it stands for.
    public static func repaired(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let scalars = Array(text.unicodeScalars)
        let found = sequences(in: scalars)
        guard !found.isEmpty else { return text }
        var result = String.UnicodeScalarView()
        var position = 0
        for sequence in found {
            result.append(contentsOf: scalars[position..<sequence.scalarOffset])
            result.append(sequence.original)
            position = sequence.scalarOffset + sequence.scalarCount
        }
        result.append(contentsOf: scalars[position...])
        return String(result)
    }

    /// Every mojibake sequence in `scalars`, in order, not overlapping.
    public static func sequences(in scalars: [Unicode.Scalar]) -> [Sequence] {
        var found: [Sequence] = []
        var index = 0
        while index < scalars.count {
            if let sequence = sequence(in: scalars, at: index) {
                found.append(sequence)
                index += sequence.scalarCount
            } else {
                index += 1
            }
        }
        return found
    }

    /// The mojibake sequence starting exactly at `index`, if there is one.
    public static func sequence(in scalars: [Unicode.Scalar], at index: Int) -> Sequence? {
        guard let lead = macRomanByte(scalars[index]) else { return nil }
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        guard index + length <= scalars.count else { return nil }
        var bytes: [UInt8] = [lead]
        for offset in 1..<length {
            guard let byte = macRomanByte(scalars[index + offset]), (0x80...0xBF).contains(byte) else { return nil }
            bytes.append(byte)
        }
        guard let scalar = UTF8Scalars.decode(bytes, at: 0), scalar.length == length else { return nil }
        return Sequence(scalarOffset: index, scalarCount: length, original: scalar.scalar)
    }

    /// The Mac OS Roman byte (0x80–0xFF) that decodes to `scalar`, if any.
    static func macRomanByte(_ scalar: Unicode.Scalar) -> UInt8? {
        byteForScalar[scalar.value]
    }

    private static let byteForScalar: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, value) in upperHalf.enumerated() {
            table[value] = UInt8(0x80 + offset)
        }
        // Older Mac OS Roman tables map 0xDB to the currency sign and 0xBD to the ohm sign.
        table[0x00A4] = 0xDB
        table[0x2126] = 0xBD
        return table
    }()

    /// Mac OS Roman 0x80–0xFF, as Unicode (Apple's current mapping).
    private static let upperHalf: [UInt32] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
        0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
        0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
        0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
        0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
        0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
        0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
        0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]
}
