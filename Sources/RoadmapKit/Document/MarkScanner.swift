/// Splits "• Event Loop", "✅ Streams", "[x] Buffers" or the mojibake "‚Ä¢ Event Loop" into the leading
/// mark and the name, by byte range, so the mark can be rewritten without touching the name.
enum MarkScanner {
    struct Parts {
        /// The mark (bullet, emoji, checkbox); empty at the name's start when there is none.
        var mark: Range<Int>
        /// The name, trimmed.
        var name: Range<Int>
    }

    static func scan(_ bytes: [UInt8], _ range: Range<Int>) -> Parts {
        let trimmed = bytes.trimmedRange(range)
        let decoded = UTF8Scalars.scalars(bytes, in: trimmed)
        let scalars = decoded.map(\.scalar)
        func offset(_ index: Int) -> Int { index < decoded.count ? decoded[index].offset : trimmed.upperBound }

        var index = 0
        var markEnd = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            if let box = checkboxLength(scalars, at: index) {
                index += box
                markEnd = index
                continue
            }
            if scalar.isASCII, TextNormalization.isMarkScalar(scalar) {
                // "- item" is a bullet; "**bold**" and "-1" are not.
                guard index + 1 < scalars.count, scalars[index + 1].properties.isWhitespace else { break }
                index += 1
                markEnd = index
                continue
            }
            if TextNormalization.isMarkScalar(scalar) {
                index += 1
                markEnd = index
                continue
            }
            if let sequence = Mojibake.sequence(in: scalars, at: index),
                TextNormalization.isMarkScalar(sequence.original)
            {
                index += sequence.scalarCount
                markEnd = index
                continue
            }
            break
        }
        var nameStart = markEnd
        while nameStart < scalars.count, scalars[nameStart].properties.isWhitespace { nameStart += 1 }
        let markLower = trimmed.lowerBound
        if markEnd == 0 {
            return Parts(mark: markLower..<markLower, name: offset(nameStart)..<trimmed.upperBound)
        }
        return Parts(mark: markLower..<offset(markEnd), name: offset(nameStart)..<trimmed.upperBound)
    }

    /// `[ ]`, `[x]`, `[X]`, `[-]`, `[~]`, `[/]`.
    private static func checkboxLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard index + 2 < scalars.count, scalars[index] == "[", scalars[index + 2] == "]" else {
            if index + 1 < scalars.count, scalars[index] == "[", scalars[index + 1] == "]" { return 2 }
            return nil
        }
        return [" ", "x", "X", "-", "~", "/"].contains(scalars[index + 1]) ? 3 : nil
    }
}
