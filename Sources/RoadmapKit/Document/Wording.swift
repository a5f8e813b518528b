import Foundation

/// Every word and mark sync writes (PRODUCT.md 2: "All wording and marks are configurable"), and how the
/// words already in a document are recognised whatever emoji they carry.
public struct Wording: Equatable, Sendable {
    /// Overview Status cells. The in-progress cell gets ` (finished/total)` appended.
    public var phaseNotStarted = "⏳ Not Started"
    public var phaseInProgress = "🚧 In Progress"
    public var phaseCompleted = "✅ Completed"

    /// Marks in front of each sub topic.
    public var markNotStarted = "•"
    public var markInProgress = "🚧"
    public var markDone = "✅"
    public var markSkipped = "⏭️"

    /// Status cells of phase section tables.
    public var rowNotStarted = "⏳ Not Started"
    public var rowInProgress = "🚧 In Progress"
    public var rowDone = "✅ Done"
    public var rowSkipped = "⏭️ Skipped"

    /// The progress line; `{bar}`, `{done}`, `{total}`, `{percent}` are filled in.
    public var progressLine = "**Progress:** {bar} {done}/{total} done ({percent}%)"
    public var progressBarWidth = 12
    public var showsProgress = true
    /// Links from the progress block to the pictures, relative to the tracker file (set from `.roadmap.yml`'s
    /// `badge:` and `chart:`); nil: no link, and the block is exactly the progress line.
    public var badgeLink: String?
    public var chartLink: String?
    public var badgeLabel = "roadmap"

    public init() {}

    public static let `default` = Wording()

    public func mark(for status: ItemStatus) -> String {
        switch status {
        case .notStarted: markNotStarted
        case .inProgress: markInProgress
        case .done: markDone
        case .skipped: markSkipped
        }
    }

    public func rowLabel(for status: ItemStatus) -> String {
        switch status {
        case .notStarted: rowNotStarted
        case .inProgress: rowInProgress
        case .done: rowDone
        case .skipped: rowSkipped
        }
    }

    public func phaseLabel(for status: PhaseStatus) -> String {
        switch status {
        case .notStarted: phaseNotStarted
        case .inProgress(let finished, let total): "\(phaseInProgress) (\(finished)/\(total))"
        case .completed: phaseCompleted
        }
    }

    /// Whole percent finished, rounded down so that 100 means every item is finished: the one rule the
    /// progress line, `status`, the badge and the chart share. Whole-number arithmetic: 29 of 100 in
    /// floating point is 28.999…%, which rounded down said 28.
    public static func percent(finished: Int, total: Int) -> Int {
        total == 0 ? 0 : finished * 100 / total
    }

    public func progressText(finished: Int, total: Int) -> String {
        let fraction = total == 0 ? 0 : Double(finished) / Double(total)
        let filled = Int((fraction * Double(progressBarWidth)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: progressBarWidth - filled)
        let percent = Self.percent(finished: finished, total: total)
        return
            progressLine
            .replacingOccurrences(of: "{bar}", with: bar)
            .replacingOccurrences(of: "{done}", with: String(finished))
            .replacingOccurrences(of: "{total}", with: String(total))
            .replacingOccurrences(of: "{percent}", with: String(percent))
    }

    /// The lines between the progress markers: the progress line, the badge image in front of it, and the
    /// chart in a paragraph of its own.
    public func progressBlockLines(finished: Int, total: Int) -> [String] {
        var line = progressText(finished: finished, total: total)
        if let badgeLink {
            line =
                "![\(Self.altText("\(badgeLabel): \(Self.percent(finished: finished, total: total))%"))](\(badgeLink)) "
                + line
        }
        guard let chartLink else { return [line] }
        return [line, "", "![Burn-up chart of finished items over time](\(chartLink))"]
    }

    /// Image alt text cannot hold brackets unbalanced; the label is the user's.
    private static func altText(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    // MARK: Recognition

    /// Words `.roadmap.yml` adds per state (`status_words:`), recognised beside the built-in ones.
    public var extraStatusWords: [ItemStatus: [String]] = [:]

    /// The folded phrases and marks, computed once per document rather than once per cell, and once per
    /// process for the default wording (a cohort reads a page per learner).
    public var vocabulary: StatusVocabulary { self == .default ? Self.defaultVocabulary : StatusVocabulary(self) }

    private static let defaultVocabulary = StatusVocabulary(.default)

    public func recognizeStatus(_ text: String) -> ItemStatus? { vocabulary.recognizeStatus(text) }

    public func recognizeMark(_ mark: String) -> ItemStatus { vocabulary.recognizeMark(mark) }

    /// `(finished, total)` from an in-progress cell such as "🚧 In Progress (2/6)".
    static func progressCount(_ text: String) -> (Int, Int)? {
        guard let open = text.lastIndex(of: "("), let close = text[open...].firstIndex(of: ")") else { return nil }
        let parts = text[text.index(after: open)..<close].split(separator: "/")
        guard parts.count == 2,
            let finished = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let total = Int(parts[1].trimmingCharacters(in: .whitespaces))
        else { return nil }
        return (finished, total)
    }

    /// Marks compare without variation selectors, whitespace or case: "⏭️" and "⏭" and "[X]" and "[x]" are one.
    static func foldMark(_ mark: String) -> String {
        String(
            String.UnicodeScalarView(
                mark.unicodeScalars.filter { $0.value != 0xFE0F && $0.value != 0xFE0E && !$0.properties.isWhitespace })
        ).lowercased()
    }
}

/// How the words, emoji and marks already in a document are recognised (whatever language, emoji or
/// mojibake they come in), and how a cell is written back in the wording its own column already uses.
public struct StatusVocabulary: Sendable {
    /// Folded phrase → state; the longest phrase found in a cell wins, so "Not Started" is not "Started".
    private let phrases: [String: ItemStatus]
    /// Phrases of scripts written without spaces (Chinese, Japanese), matched inside words.
    private let unspaced: [(phrase: String, status: ItemStatus)]
    private let longestPhrase: Int
    private let symbols: [(status: ItemStatus, variants: Set<String>)]
    private let marks: [String: ItemStatus]
    let wording: Wording

    init(_ wording: Wording) {
        self.wording = wording
        // The wording's own labels first: where a phrase is also built in, the wording's state wins.
        var own = PhraseTable()
        for status in ItemStatus.allCases {
            own.add(wording.rowLabel(for: status), status)
            for word in wording.extraStatusWords[status, default: []] { own.add(word, status) }
        }
        own.add(wording.phaseNotStarted, .notStarted)
        own.add(wording.phaseInProgress, .inProgress)
        own.add(wording.phaseCompleted, .done)
        let builtIn = PhraseTable.builtIn
        let phrases = own.phrases.merging(builtIn.phrases) { own, _ in own }
        self.phrases = phrases
        self.unspaced = (own.unspaced + builtIn.unspaced).sorted { $0.0.count > $1.0.count }
        longestPhrase = max(own.longestPhrase, builtIn.longestPhrase)
        var symbols: [ItemStatus: [String]] = Dictionary(StatusWords.symbols, uniquingKeysWith: +)
        for status in ItemStatus.allCases {
            symbols[status, default: []].append(wording.mark(for: status))
            if let emoji = Self.leadingSymbol(wording.rowLabel(for: status)) {
                symbols[status, default: []].append(emoji)
            }
        }
        symbols[.notStarted, default: []] += ["•", "-", "*", "+", "◦", "▪", "·", ""]
        self.symbols = [ItemStatus.done, .skipped, .inProgress, .notStarted].map { status in
            (status, Set(symbols[status, default: []].map(Wording.foldMark)))
        }
        var marks: [String: ItemStatus] = [:]
        for (status, variants) in StatusWords.marks { for mark in variants { marks[mark] = status } }
        self.marks = marks
    }

    /// Folded phrases and the states they name, in the order they were added.
    private struct PhraseTable {
        var phrases: [String: ItemStatus] = [:]
        var unspaced: [(String, ItemStatus)] = []

        var longestPhrase: Int { phrases.keys.map { $0.split(separator: " ").count }.max() ?? 1 }

        mutating func add(_ text: String, _ status: ItemStatus) {
            let folded = TextNormalization.words(text)
            guard !folded.isEmpty else { return }
            if phrases[folded] == nil { phrases[folded] = status }
            if folded.unicodeScalars.contains(where: StatusVocabulary.isUnspacedScript) {
                unspaced.append((String(folded.unicodeScalars.filter { $0 != " " }), status))
            }
        }

        /// Every family's words and the loose ones, folded once per process: a cohort reads a page per learner.
        static let builtIn: PhraseTable = {
            var table = PhraseTable()
            for family in StatusWords.families {
                for status in ItemStatus.allCases { table.add(family.word(for: status), status) }
            }
            for (status, words) in StatusWords.loose {
                for word in words { table.add(word, status) }
            }
            return table
        }()
    }

    /// Han and kana: words are not separated by spaces.
    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// The state a cell names: its words (the longest known phrase), else a checkbox mark, else an emoji.
    public func recognizeStatus(_ text: String) -> ItemStatus? {
        let repaired = Mojibake.repaired(text)
        if let status = wordStatus(repaired) { return status }
        if let status = markStatus(repaired) { return status }
        return symbolStatus(repaired)
    }

    func wordStatus(_ text: String) -> ItemStatus? {
        let words = TextNormalization.words(text).split(separator: " ")
        guard !words.isEmpty else { return nil }
        var best: (status: ItemStatus, length: Int)?
        for start in words.indices {
            var phrase = ""
            for end in start..<min(words.count, start + longestPhrase) {
                phrase += (end == start ? "" : " ") + words[end]
                if let status = phrases[phrase], phrase.count > best?.length ?? 0 { best = (status, phrase.count) }
            }
        }
        if text.unicodeScalars.contains(where: Self.isUnspacedScript) {
            let joined = words.joined()
            for (phrase, status) in unspaced where phrase.count > best?.length ?? 0 && joined.contains(phrase) {
                best = (status, phrase.count)
            }
        }
        return best?.status
    }

    func isPhrase(_ folded: String) -> Bool { phrases[folded] != nil }

    /// `[ ]`, `[x]`, `[/]`, `[~]`, `[-]` at the start of the text.
    func markStatus(_ text: String) -> ItemStatus? {
        let trimmed = text.trimmingBlanks()
        guard trimmed.hasPrefix("[") else { return nil }
        if trimmed.hasPrefix("[]") { return .notStarted }
        return marks[String(trimmed.prefix(3)).lowercased()]
    }

    func symbolStatus(_ text: String) -> ItemStatus? {
        for character in text {
            let folded = Wording.foldMark(String(character))
            guard !folded.isEmpty, !character.isLetter, !character.isNumber else { continue }
            if let match = symbols.first(where: {
                $0.variants.contains(folded) && !folded.isEmpty
                    && !["•", "-", "*", "+", "◦", "▪", "·"].contains(folded)
            }) {
                return match.status
            }
        }
        return nil
    }

    /// The status a sub-topic mark stands for; an empty or unknown mark reads as not started.
    public func recognizeMark(_ mark: String) -> ItemStatus {
        let repaired = Mojibake.repaired(mark)
        if let status = markStatus(repaired) { return status }
        let folded = Wording.foldMark(repaired)
        return symbols.first { $0.variants.contains(folded) }?.status ?? .notStarted
    }

    /// Whether an overview Status cell already says `status` (count included), so it is left as it is.
    func phaseCell(_ text: String, says status: PhaseStatus) -> Bool {
        switch (recognizeStatus(text), status) {
        case (.notStarted?, .notStarted), (nil, .notStarted): return true
        case (.done?, .completed), (.skipped?, .completed): return true
        case (.inProgress?, .inProgress(let finished, let total)):
            guard let count = Wording.progressCount(text) else { return false }
            return count == (finished, total)
        default: return false
        }
    }

    /// The emoji or symbol a label starts with ("✅ Done" → "✅").
    static func leadingSymbol(_ label: String) -> String? {
        guard let first = label.first, !first.isLetter, !first.isNumber, !first.isWhitespace, first != "[" else {
            return nil
        }
        return String(first)
    }
}

/// How one column writes its states: checkbox marks (`[x]`), symbols alone (✅), or words (with or without
/// an emoji in front), learned from the cells the column already has.
public struct CellStyle: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case words, symbols, marks }

    var kind: Kind
    /// The exact text of the cells already showing a state, the most common one per state.
    var learned: [ItemStatus: String]
    /// The wording a state nobody shows yet is written in.
    var family: StatusWords.Family
    var emoji: [ItemStatus: String]
    var withEmoji: Bool
    var letterCase: LetterCase
    /// The family is the wording's own (configured or default labels): its labels are written as they are.
    var isOwnWording: Bool

    enum LetterCase: Sendable, Equatable { case asWritten, upper, lower }

    /// A column whose cells show `seen` (text and the state read from it). `defaults` is the wording's own
    /// family (row or phase labels), preferred when it fits what the column shows.
    init(seen: [(text: String, status: ItemStatus)], defaults: StatusWords.Family, vocabulary: StatusVocabulary) {
        // A column of thousands of cells holds a handful of distinct texts: each is judged once.
        var distinct: [String: (status: ItemStatus, count: Int)] = [:]
        for (text, status) in seen {
            let trimmed = Mojibake.repaired(text).trimmingBlanks()
            guard !trimmed.isEmpty else { continue }
            distinct[trimmed, default: (status, 0)].count += 1
        }
        struct Seen {
            var text: String
            var folded: String
            var status: ItemStatus
            var count: Int
            var kind: Kind
        }
        let cells = distinct.sorted { $0.key < $1.key }.map { text, value -> Seen in
            let kind: Kind
            if vocabulary.markStatus(text) != nil, text.count <= 3 {
                kind = .marks
            } else if vocabulary.wordStatus(text) == nil, vocabulary.symbolStatus(text) != nil {
                kind = .symbols
            } else {
                kind = .words
            }
            return Seen(
                text: text, folded: TextNormalization.words(text), status: value.status, count: value.count, kind: kind)
        }
        var kinds: [Kind: Int] = [:]
        for cell in cells { kinds[cell.kind, default: 0] += cell.count }
        let kind =
            kinds.max { ($0.value, $0.key == .words ? 1 : 0) < ($1.value, $1.key == .words ? 1 : 0) }?.key ?? .words
        self.kind = kind
        // Only a cell that is nothing but a state is a model: "✅ Done (Jan 5)" is not.
        var learned: [ItemStatus: (text: String, count: Int)] = [:]
        for cell in cells where cell.kind == kind && (kind != .words || vocabulary.isPhrase(cell.folded)) {
            if cell.count > learned[cell.status]?.count ?? 0 { learned[cell.status] = (cell.text, cell.count) }
        }
        self.learned = learned.mapValues(\.text)
        let wordsSeen = cells.filter { $0.kind == .words }
        // The family whose words the cells use most; the wording's own wins a tie, then the earlier family.
        let seenWords = wordsSeen.map { (words: $0.folded.split(separator: " "), $0.status, $0.count) }
        func score(_ family: [ItemStatus: [Substring]]) -> Int {
            seenWords.reduce(0) { total, cell in
                total + (cell.words.containsRun(family[cell.1, default: []]) ? cell.2 : 0)
            }
        }
        var chosen = (family: defaults, score: score(StatusWords.foldedWords(of: defaults)), offset: 0)
        for (offset, candidate) in zip(StatusWords.families, StatusWords.foldedFamilies).enumerated() {
            let candidateScore = score(candidate.1)
            if candidateScore > chosen.score { chosen = (candidate.0, candidateScore, offset + 1) }
        }
        family = chosen.family
        isOwnWording = chosen.offset == 0
        withEmoji = wordsSeen.isEmpty || wordsSeen.contains { StatusVocabulary.leadingSymbol($0.text) != nil }
        var emoji: [ItemStatus: String] = [:]
        for status in ItemStatus.allCases {
            emoji[status] = StatusVocabulary.leadingSymbol(vocabulary.wording.rowLabel(for: status))
        }
        if cells.contains(where: { $0.kind == .symbols && ["🟢", "🟡", "🔴"].contains(Wording.foldMark($0.text)) }) {
            emoji = [.notStarted: "🔴", .inProgress: "🟡", .done: "🟢", .skipped: "⚪"]
        }
        for cell in cells {
            if cell.kind == .symbols {
                emoji[cell.status] = cell.text
            } else if cell.kind == .words, let symbol = StatusVocabulary.leadingSymbol(cell.text) {
                emoji[cell.status] = symbol
            }
        }
        self.emoji = emoji
        let letters = wordsSeen.map(\.text).joined().filter(\.isLetter)
        if !letters.isEmpty, letters == letters.uppercased(), letters != letters.lowercased() {
            letterCase = .upper
        } else if !letters.isEmpty, letters == letters.lowercased(), letters != letters.uppercased() {
            letterCase = .lower
        } else {
            letterCase = .asWritten
        }
    }

    /// The text to write for `status`: what the column already writes for it, else its family's word.
    func text(for status: ItemStatus) -> String {
        if let learned = learned[status] { return learned }
        switch kind {
        case .marks:
            return status == .done ? "[x]" : status == .inProgress ? "[/]" : status == .skipped ? "[-]" : "[ ]"
        case .symbols:
            return emoji[status] ?? "✅"
        case .words:
            var word = family.word(for: status)
            if isOwnWording, letterCase == .asWritten { return word }
            switch letterCase {
            case .upper: word = word.uppercased()
            case .lower: word = word.lowercased()
            case .asWritten: break
            }
            if let symbol = StatusVocabulary.leadingSymbol(word) {
                if !withEmoji { word = String(word.dropFirst(symbol.count)).trimmingBlanks() }
            } else if withEmoji, let symbol = emoji[status] {
                word = symbol + " " + word
            }
            return word
        }
    }
}

extension StatusWords {
    /// A family's words as TextNormalization.words folds them, one array of words per state.
    static func foldedWords(of family: Family) -> [ItemStatus: [Substring]] {
        Dictionary(
            uniqueKeysWithValues: ItemStatus.allCases.map {
                ($0, TextNormalization.words(family.word(for: $0)).split(separator: " "))
            })
    }

    /// `families`, folded once per process.
    static let foldedFamilies: [[ItemStatus: [Substring]]] = families.map(foldedWords)
}

extension Array where Element == Substring {
    /// Whether `run` (not empty) occurs here as consecutive elements: a phrase among a cell's words.
    func containsRun(_ run: [Substring]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return false }
        return (0...(count - run.count)).contains { start in self[start..<(start + run.count)].elementsEqual(run) }
    }
}
