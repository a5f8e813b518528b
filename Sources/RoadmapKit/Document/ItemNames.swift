/// An item's name as a reader would say it: the rendered text without the notes learners add after it
/// ("— completed on 6 February 2026", "*(Due: End of Week 2)*", "← currently working on this", "(2h)").
/// The id is the slug of this name, so a note that changes never moves the id.
enum ItemName {
    /// `text` (already plain: no Markdown or HTML syntax) without mojibake and trailing notes.
    static func clean(_ text: String) -> String {
        var name = Mojibake.repaired(text).collapsingWhitespace()
        while true {
            let shorter = withoutTrailingNote(name)
            if shorter == name || shorter.isEmpty { return name }
            name = shorter
        }
    }

    /// One trailing note removed, if the text ends with one. On UTF-8 bytes: Foundation's `range(of:)`
    /// bridges to NSString on Linux, and this runs for every item of the page.
    private static func withoutTrailingNote(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func prefix(_ end: Int) -> String { String(decoding: bytes[..<end], as: UTF8.self).trimmingBlanks() }
        // An arrow and all after it: "Closures ← currently working on this".
        for arrow in arrows {
            if let start = firstOffset(of: arrow, in: bytes), start > 0 { return prefix(start) }
        }
        // A closing bracket: "(Due: Friday)", "[2h]", "(2024-03-01)".
        if let last = bytes.last, last == UInt8(ascii: ")") || last == UInt8(ascii: "]") {
            let open = last == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
            if let start = bytes.lastIndex(of: open), start > 0 {
                let inside = String(decoding: bytes[(start + 1)..<(bytes.count - 1)], as: UTF8.self)
                if isNote(inside) { return prefix(start).trimmingTrailingSeparators() }
            }
        }
        // A separator and a note: "Switch : completed on 6 February 2026", "Closures — done".
        for separator in separators {
            guard let start = lastOffset(of: separator, in: bytes), start > 0 else { continue }
            let rest = String(decoding: bytes[(start + separator.count)...], as: UTF8.self).trimmingBlanks()
            if !rest.isEmpty, isNote(rest) { return prefix(start) }
        }
        // A date at the very end: "Closures 2026-02-06".
        if let space = bytes.lastIndex(of: 0x20), space > 0,
            isDate(String(decoding: bytes[(space + 1)...], as: UTF8.self))
        {
            return prefix(space)
        }
        return text
    }

    private static let arrows = ["←", "<-", "⬅", "👈"].map { Array($0.utf8) }
    private static let separators = [" — ", " – ", " - ", ": ", " : ", " | ", " -- ", "—", " · "].map { Array($0.utf8) }

    static func firstOffset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    static func lastOffset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    private static let noteWords: Set<String> = [
        "completed", "complete", "done", "finished", "finish", "started", "start", "due", "deadline", "until", "by",
        "est", "estimated", "estimate", "eta", "optional", "current", "currently", "now", "today", "wip", "working",
        "ongoing", "pending", "skipped", "todo", "in", "on", "target", "planned", "week", "day", "date",
    ]

    /// A date, a duration, or a phrase opening with a note word.
    static func isNote(_ text: String) -> Bool {
        let words = TextNormalization.words(text).split(separator: " ").map(String.init)
        guard let first = words.first else { return false }
        if isDuration(words) { return true }
        if first == "in", words.count > 1 { return words[1] == "progress" }
        if first == "on" || first == "by" || first == "until" { return words.count > 1 && containsDate(text) }
        if noteWords.contains(first) { return true }
        return containsDate(text) && words.count <= 5
    }

    /// `2h`, `30 min`, `1.5 hours`, `3 days`, `~2 weeks`.
    private static func isDuration(_ words: [String]) -> Bool {
        let units: Set<String> = [
            "h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minute", "minutes", "d", "day", "days", "w", "wk",
            "week", "weeks",
        ]
        let joined = words.joined()
        let digits = joined.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        var rest = joined.dropFirst(digits.count)
        if rest.first == "-" || rest.first == "." { rest = rest.dropFirst().drop { $0.isASCII && $0.isNumber } }
        return units.contains(String(rest))
    }

    private static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// A year (1900–2100), a day/month pair (`06/02`, `6.2.2026`), or a month name beside a number.
    static func containsDate(_ text: String) -> Bool {
        let words = TextNormalization.words(text).split(separator: " ").map(String.init)
        for (index, word) in words.enumerated() {
            if word.count == 4, let year = Int(word), (1900...2100).contains(year) { return true }
            if months.contains(word) {
                let neighbours = [index - 1, index + 1].filter { words.indices.contains($0) }
                if neighbours.contains(where: { Int(words[$0]) != nil }) { return true }
            }
        }
        return text.split(separator: " ").contains { isDate(String($0)) }
    }

    /// `2026-02-06`, `06/02/2026`, `6.2.26`, `02/06`.
    static func isDate(_ word: String) -> Bool {
        let parts = word.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count >= 2, parts.count <= 3,
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return false }
        guard word.contains("-") || word.contains("/") || word.contains(".") else { return false }
        let numbers = parts.compactMap { Int($0) }
        if parts.count == 3 { return numbers.contains { $0 > 31 } || numbers.allSatisfy { $0 > 0 } }
        return numbers.allSatisfy { (1...31).contains($0) } && !word.contains(".")
    }

    /// Markdown source of a name (a sub-topic between `<br>`s) as it renders: links as their text, tags,
    /// emphasis and code ticks dropped, escapes and character references decoded, mojibake repaired.
    /// On UTF-8 bytes, not through Foundation's String methods, which bridge to NSString on Linux.
    static func plain(markdown text: String) -> String {
        var bytes = Array(Mojibake.repaired(text).utf8)
        // [label](url) → label, the first "](" each time, its link closed by the next ")".
        while let open = firstRange(of: [UInt8(ascii: "]"), UInt8(ascii: "(")], in: bytes),
            let close = bytes[(open + 2)...].firstIndex(of: UInt8(ascii: ")")),
            let bracket = bytes[..<open].lastIndex(of: UInt8(ascii: "["))
        {
            bytes.replaceSubrange(bracket...close, with: bytes[(bracket + 1)..<open])
        }
        while let open = bytes.firstIndex(of: UInt8(ascii: "<")),
            let close = bytes[open...].firstIndex(of: UInt8(ascii: ">"))
        {
            bytes.removeSubrange(open...close)
        }
        // One marker at a time over the whole text, as replacingOccurrences would: "_**_" becomes "__", then "".
        for marker in ["**", "__", "~~", "`"].map({ Array($0.utf8) }) where bytes.contains(marker[0]) {
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if index + marker.count <= bytes.count, bytes[index..<(index + marker.count)].elementsEqual(marker) {
                    index += marker.count
                } else {
                    kept.append(bytes[index])
                    index += 1
                }
            }
            bytes = kept
        }
        bytes = withoutSingleEmphasis(withoutEscapes(bytes))
        return HTMLEntities.decoded(String(decoding: bytes, as: UTF8.self)).trimmingBlanks()
    }

    /// `\|` → `|`: a backslash before ASCII punctuation is an escape.
    private static func withoutEscapes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "\\")) else { return bytes }
        var kept: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count, isPunctuation(bytes[index + 1]) {
                index += 1
            }
            kept.append(bytes[index])
            index += 1
        }
        return kept
    }

    /// `*word*` → `word`: a `*` that opens or closes emphasis (next to a word on one side, a space, a
    /// bracket or the end on the other). `_` inside words (`UV_THREADPOOL_SIZE`) is not emphasis.
    private static func withoutSingleEmphasis(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "*")) || bytes.contains(UInt8(ascii: "_")) else { return bytes }
        // Brackets and quotes sit inside emphasis ("*(Due: Friday)*"); other punctuation and spaces outside it.
        func isEdge(_ index: Int) -> Bool {
            guard index >= 0, index < bytes.count else { return true }
            let byte = bytes[index]
            return byte == 0x20 || (isPunctuation(byte) && !"()[]\"'".utf8.contains(byte))
        }
        var kept: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_"), isEdge(index - 1) != isEdge(index + 1) {
                continue
            }
            kept.append(byte)
        }
        return kept
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Without separators left dangling at the end: "Closures —" → "Closures".
    func trimmingTrailingSeparators() -> String {
        var text = self
        while let last = text.last, "—–-:|·,".contains(last) || last == " " { text.removeLast() }
        return text
    }
}
