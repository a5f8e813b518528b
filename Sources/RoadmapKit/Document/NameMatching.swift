/// How a phase table's row ("Event Loop & Concurrency") finds the overview item it details ("Event Loop").
///
/// Names are compared as sets of folded, lightly stemmed words; two words match when equal or when one is
/// a prefix of the other ("secure"/"security", "filter"/"filtering"). The score is the Dice coefficient of
/// the two sets. Each item takes its best row above the threshold; a row may detail several items
/// ("XSS & CSRF"), and a row no item takes is reported by lint.
enum NameMatching {
    static let threshold = 0.3

    /// A name folded once: its slug and its tokens.
    struct Name {
        var slug: String
        var tokens: [Token]

        init(_ text: String) {
            slug = TextNormalization.slug(text)
            tokens = NameMatching.tokens(ofSlug: slug).map(Token.init)
        }
    }

    /// A token with its length counted once: names are compared pairwise, item by row.
    struct Token {
        var text: String
        var count: Int
        var isASCII: Bool

        init(_ text: String) {
            self.text = text
            isASCII = text.utf8.allSatisfy { $0 < 0x80 }
            count = isASCII ? text.utf8.count : text.count
        }
    }

    static func score(_ lhs: String, _ rhs: String) -> Double {
        score(Name(lhs), Name(rhs))
    }

    static func score(_ lhs: Name, _ rhs: Name) -> Double {
        if lhs.slug == rhs.slug { return 1 }
        let left = lhs.tokens
        let right = rhs.tokens
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        var unused = right
        var matches = 0
        for token in left {
            if let index = unused.firstIndex(where: { similar(token, $0) }) {
                unused.remove(at: index)
                matches += 1
            }
        }
        return 2 * Double(matches) / Double(left.count + right.count)
    }

    /// For each item name, the index of the row that details it, if any row is close enough.
    static func bestRows(items: [String], rows: [String]) -> [Int?] {
        let rows = rows.map(Name.init)
        return items.map { itemText in
            let item = Name(itemText)
            var best: (index: Int, score: Double)?
            for (index, row) in rows.enumerated() {
                let score = score(item, row)
                if score >= threshold, score > best?.score ?? 0 { best = (index, score) }
            }
            return best?.index
        }
    }

    private static let stopWords: Set<String> = [
        "and", "or", "the", "of", "for", "to", "a", "an", "in", "on", "with", "vs",
    ]

    static func tokens(_ name: String) -> [String] {
        tokens(ofSlug: TextNormalization.slug(name))
    }

    /// The slug's words (`words` is the slug with spaces for dashes), without stop words, stemmed.
    private static func tokens(ofSlug slug: String) -> [String] {
        slug.split(separator: "-").map(String.init).filter { !stopWords.contains($0) }.map(stem)
    }

    private static func stem(_ word: String) -> String {
        if word.count > 5, word.hasSuffix("ing") { return String(word.dropLast(3)) }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }

    private static func similar(_ lhs: Token, _ rhs: Token) -> Bool {
        if lhs.text == rhs.text { return true }
        let (short, long) = lhs.count <= rhs.count ? (lhs, rhs) : (rhs, lhs)
        guard short.count >= 4 else { return false }
        // ASCII (nearly every slug): one byte is one Character.
        if lhs.isASCII && rhs.isASCII {
            if long.text.utf8.starts(with: short.text.utf8) { return true }
            return zip(lhs.text.utf8, rhs.text.utf8).prefix { $0 == $1 }.count >= 5
        }
        if long.text.hasPrefix(short.text) { return true }
        return zip(lhs.text, rhs.text).prefix { $0 == $1 }.count >= 5
    }
}
