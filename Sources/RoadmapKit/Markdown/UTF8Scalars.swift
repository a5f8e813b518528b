/// Decoding Unicode scalars straight from document bytes, so that edits can be made by byte offset and
/// every byte the tool does not own (even invalid UTF-8) passes through untouched.
enum UTF8Scalars {
    struct Decoded {
        var scalar: Unicode.Scalar
        var length: Int
    }

    /// The well-formed scalar starting at `index`, or nil for a malformed or truncated sequence.
    static func decode(_ bytes: [UInt8], at index: Int, end: Int? = nil) -> Decoded? {
        let limit = end ?? bytes.count
        guard index < limit else { return nil }
        let lead = bytes[index]
        if lead < 0x80 { return Decoded(scalar: Unicode.Scalar(lead), length: 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= limit else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return Decoded(scalar: scalar, length: length)
    }

    /// The scalars of `bytes[range]`, with the byte offset each starts at; malformed bytes become U+FFFD.
    static func scalars(_ bytes: [UInt8], in range: Range<Int>) -> [(offset: Int, scalar: Unicode.Scalar)] {
        var result: [(offset: Int, scalar: Unicode.Scalar)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let decoded = decode(bytes, at: index, end: range.upperBound) {
                result.append((index, decoded.scalar))
                index += decoded.length
            } else {
                result.append((index, "\u{FFFD}"))
                index += 1
            }
        }
        return result
    }
}
