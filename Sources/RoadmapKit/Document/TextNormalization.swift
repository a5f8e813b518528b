import Foundation

/// The few ways the tool compares human text: slugs for ids, folded words for headers and status cells,
/// and display width for aligned tables.
public enum TextNormalization {
    /// PRODUCT.md 2: accents folded, lowercased, every run of non-alphanumerics one `-`, trimmed.
    /// "Libuv & Thread Pool" → `libuv-thread-pool`, "CI/CD" → `ci-cd`, "Lógica de Programação" →
    /// `logica-de-programacao`. Letters of other scripts are kept as they are: "클로저" → `클로저`.
    public static func slug(_ text: String) -> String {
        asciiSlug(text) ?? unicodeSlug(text)
    }

    /// `slug` for any text, Character by Character.
    static func unicodeSlug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for character in Mojibake.repaired(text).lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result += foldedLatin(character)
            } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                continue  // a lone combining accent
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// A Latin letter without its accents (`é` → `e`, `ệ` → `e`, `ß` → `ss`); any other character as it is,
    /// so that Cyrillic `й` and Hangul syllables, which decompose too, keep their letters.
    static func foldedLatin(_ character: Character) -> String {
        guard let first = character.unicodeScalars.first, !character.isASCII else { return String(character) }
        if let special = latinLetters[first] { return special }
        let isLatin =
            first.isASCII || (0x00C0...0x024F).contains(first.value) || (0x1E00...0x1EFF).contains(first.value)
        guard isLatin else { return String(character) }
        let decomposed = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        return String(String.UnicodeScalarView(decomposed.filter { $0.properties.generalCategory != .nonspacingMark }))
    }

    /// Latin letters that are not a base letter plus accents.
    private static let latinLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i", "ħ": "h",
    ]

    /// `slug` for ASCII text and emoji, scalar by scalar: folder names, refs and most titles are ASCII, and
    /// status cells ASCII words beside an emoji ("✅ Done"). There the Unicode path (mojibake repair,
    /// lowercasing, letter properties per Character) gives the same result at many times the cost. nil
    /// when any other scalar is present.
    private static func asciiSlug(_ text: String) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingDash = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            guard scalar.isASCII else {
                guard isEmojiSeparator(scalar, after: previous) else { return nil }
                pendingDash = true
                continue
            }
            let byte = UInt8(scalar.value)
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                result.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                result.append(byte | 0x20)
            default:
                pendingDash = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A scalar of an emoji that the Unicode path would read as a separator: a symbol (So) that is no Mac
    /// OS Roman character (so never part of mojibake), or a variation selector, joiner or skin tone after
    /// another non-ASCII scalar (after a letter they would belong to the letter's Character).
    private static func isEmojiSeparator(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE0E, 0xFE0F, 0x200D, 0x1F3FB...0x1F3FF: return !previous.isASCII
        default:
            let properties = scalar.properties
            return properties.generalCategory == .otherSymbol && !properties.isAlphabetic
                && properties.numericType == nil && Mojibake.macRomanByte(scalar) == nil
        }
    }

    /// Letters and digits only, case-folded, words separated by one space: "🏁 Status" → "status",
    /// "‚è≥ Not Started" → "not started" (mojibake is repaired first, so its letters do not leak in).
    public static func words(_ text: String) -> String {
        String(slug(text).map { $0 == "-" ? " " : $0 })
    }

    /// Columns a terminal or a monospace editor gives `text`: emoji and East Asian wide characters take
    /// two, combining marks, joiners and variation selectors none.
    public static func displayWidth(_ text: Substring) -> Int {
        var width = 0
        for character in text {
            width += displayWidth(character)
        }
        return width
    }

    public static func displayWidth(_ text: String) -> Int { displayWidth(text[...]) }

    static func displayWidth(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if character.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        // A text-presentation symbol followed by VS16 (⏭️, ✔️) is drawn as an emoji.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isWide(first.value) { return 2 }
        return 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// A scalar that can be (part of) a list or status mark rather than the start of a name:
    /// bullets, dashes, emoji and other symbols, and the joiners that glue emoji together.
    static func isMarkScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2A, 0x2B: return true  // - * +
        case 0x2022, 0x25E6, 0x25AA, 0x25AB, 0x2023, 0x00B7, 0x2013, 0x2014, 0x2043: return true
        case 0xFE0E, 0xFE0F, 0x200D, 0x20E3: return true
        case 0x1F3FB...0x1F3FF: return true
        default: break
        }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .otherSymbol, .mathSymbol, .modifierSymbol, .currencySymbol: return true
        default: return scalar.properties.isEmojiPresentation
        }
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` — tab, zero width space and the Unicode space separators (Zs)
    /// off both ends, as Foundation's set has them —
    /// without Foundation, whose String methods bridge to NSString on Linux: per line of a document that
    /// was a tenth of a sync.
    func trimmingBlanks() -> String {
        let isBlank = { (scalar: Unicode.Scalar) in
            scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        let text = String(self)
        // Most text is trimmed already: an ASCII byte other than space and tab at both ends says so.
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
            first != 0x20, first != 0x09, last != 0x20, last != 0x09
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
