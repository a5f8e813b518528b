import Foundation

/// How wide text will be drawn, estimated the way shields.io does: a per-character advance table of
/// Verdana at 11px (the font the badges ask for; DejaVu Sans, the Linux fallback, is close).
enum TextWidth {
    /// Verdana's advance widths for U+0020 … U+007E, in thousandths of an em.
    private static let verdana: [Int] = [
        351, 393, 458, 818, 635, 1076, 726, 268, 454, 454, 635, 818, 363, 454, 363, 454,  // space … /
        635, 635, 635, 635, 635, 635, 635, 635, 635, 635, 454, 454, 818, 818, 818, 545,  // 0 … ?
        1000, 683, 685, 698, 770, 632, 574, 775, 751, 420, 454, 692, 556, 842, 748, 787,  // @ … O
        603, 787, 695, 683, 616, 731, 683, 988, 685, 615, 685, 454, 454, 454, 818, 635,  // P … _
        635, 600, 623, 520, 623, 595, 351, 623, 632, 274, 344, 591, 274, 972, 632, 606,  // ` … o
        623, 623, 426, 520, 394, 632, 591, 818, 591, 591, 525, 634, 454, 634, 818,  // p … ~
    ]

    /// Width in pixels of `text` at `size` pixels. Letters outside ASCII count as a wide Latin letter,
    /// emoji and East Asian ideographs as a full em: overestimating only leaves a little room.
    static func of(_ text: String, size: Double = 11) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if (0x20...0x7E).contains(value) {
                thousandths += verdana[value - 0x20]
            } else if scalar.properties.isEmojiPresentation || (0x2E80...0xFFEF).contains(value) || value >= 0x1F000 {
                thousandths += 1000
            } else if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0xFE0F
                || scalar.value == 0x200D
            {
                continue
            } else {
                thousandths += 818
            }
        }
        return Double(thousandths) * size / 1000
    }

    /// `text` shortened with "…" so that it fits in `width` pixels.
    static func truncated(_ text: String, toFit width: Double, size: Double) -> String {
        guard of(text, size: size) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty && of(String(characters) + "…", size: size) > width {
            characters.removeLast()
        }
        return String(characters).trimmingCharacters(in: .whitespaces) + "…"
    }
}
