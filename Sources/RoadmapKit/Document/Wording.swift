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
        return progressLine
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
            line = "![\(Self.altText("\(badgeLabel): \(Self.percent(finished: finished, total: total))%"))](\(badgeLink)) " + line
        }
        guard let chartLink else { return [line] }
        return [line, "", "![Burn-up chart of finished items over time](\(chartLink))"]
    }

    /// Image alt text cannot hold brackets unbalanced; the label is the user's.
    private static func altText(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    // MARK: Recognition

    /// The folded phrases and marks, computed once per document rather than once per cell.
    public var vocabulary: StatusVocabulary { StatusVocabulary(self) }

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
        String(String.UnicodeScalarView(mark.unicodeScalars.filter { $0.value != 0xFE0F && $0.value != 0xFE0E && !$0.properties.isWhitespace })).lowercased()
    }
}

/// How the words and marks already in a document are recognised, whatever emoji they carry.
public struct StatusVocabulary: Sendable {
    private let phrases: [(status: ItemStatus, phrase: String)]
    private let marks: [(status: ItemStatus, variants: Set<String>)]

    init(_ wording: Wording) {
        let table: [(ItemStatus, [String])] = [
            (.notStarted, [wording.phaseNotStarted, wording.rowNotStarted, "not started", "todo", "to do", "pending", "not yet started"]),
            (.inProgress, [wording.phaseInProgress, wording.rowInProgress, "in progress", "started", "wip", "ongoing", "doing", "progress"]),
            (.done, [wording.phaseCompleted, wording.rowDone, "completed", "complete", "done", "finished"]),
            (.skipped, [wording.rowSkipped, "skipped", "skip"]),
        ]
        phrases = table.flatMap { status, texts in
            texts.map { TextNormalization.words($0) }.filter { !$0.isEmpty }.map { (status, " \($0) ") }
        }
        let extra: [ItemStatus: [String]] = [
            .notStarted: ["•", "-", "*", "+", "◦", "▪", "·", "[ ]", "[]", "⏳", ""],
            .inProgress: ["🚧", "[~]", "[/]"],
            .done: ["✅", "✔", "☑", "✓", "[x]", "🟢"],
            .skipped: ["⏭", "[-]", "⛔", "➖"],
        ]
        marks = [ItemStatus.done, .skipped, .inProgress, .notStarted].map { status in
            (status, Set((extra[status, default: []] + [wording.mark(for: status)]).map(Wording.foldMark)))
        }
    }

    /// The status a cell's words name: the longest known phrase found in the folded words wins, so
    /// "Not Started" is not read as "Started".
    public func recognizeStatus(_ text: String) -> ItemStatus? {
        let words = " " + TextNormalization.words(text) + " "
        var best: (status: ItemStatus, length: Int)?
        for (status, phrase) in phrases where phrase.count > best?.length ?? -1 && words.contains(phrase) {
            best = (status, phrase.count)
        }
        return best?.status
    }

    /// The status a sub-topic mark stands for; an empty or unknown mark reads as not started.
    public func recognizeMark(_ mark: String) -> ItemStatus {
        let folded = Wording.foldMark(Mojibake.repaired(mark))
        return marks.first { $0.variants.contains(folded) }?.status ?? .notStarted
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
}
