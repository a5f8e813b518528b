/// A document that cannot be read as a roadmap. Nothing is ever written for one.
public struct DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// A `.roadmap.yml` setting the page does not fit (exit 2), rather than a page with no tracker (exit 3).
    public var isConfiguration: Bool
    public init(_ message: String, isConfiguration: Bool = false) {
        self.message = message
        self.isConfiguration = isConfiguration
    }
    public var description: String { message }
}

/// The corrections `.roadmap.yml` can make to the engine's guesses.
public struct DocumentOptions: Equatable, Sendable {
    /// The heading whose section holds the tracker (`tracker:`).
    public var tracker: String?
    /// The header of the status column (`status_column:`).
    public var statusColumn: String?
    /// The heading level of phases in task lists and status tables (`phase_level:`).
    public var phaseLevel: Int?

    public init(tracker: String? = nil, statusColumn: String? = nil, phaseLevel: Int? = nil) {
        self.tracker = tracker
        self.statusColumn = statusColumn
        self.phaseLevel = phaseLevel
    }
}

/// What the engine read as the tracker, or saw beside it.
public struct TrackerSummary: Equatable, Sendable {
    public var shape: Roadmap.Shape
    /// 1-based.
    public var line: Int
    public var items: Int
    /// "an overview table on line 12", "3 status tables from line 20", "task lists from line 5".
    public var description: String
}

/// A roadmap document: its bytes, the roadmap they describe, and where every byte sync owns lives.
///
/// The block structure is GitHub's (cmark-gfm); parsing never changes the bytes, and `rendered(_:)` returns
/// them with only the owned spans rewritten (PRODUCT.md 2): item marks and checkboxes, status cells, and the
/// progress block.
public struct TrackerDocument: Sendable {
    public let source: MarkdownSource
    public let roadmap: Roadmap
    public let wording: Wording
    public let options: DocumentOptions
    /// The tracker that was picked, and the other candidates the page holds.
    public let tracker: TrackerSummary
    public let otherCandidates: [TrackerSummary]
    /// What was on the page and not counted, for `lint`.
    public let notes: [DocumentNote]
    let vocabulary: StatusVocabulary
    let page: Page
    let slots: Slots
    let overview: OverviewTable?
    let progressBlock: ProgressBlock?
    /// Where the progress block goes when the document has none: a byte offset at a line start.
    let progressInsertion: Int?

    struct ProgressBlock: Sendable {
        var openLine: Int
        var closeLine: Int
    }

    static let progressOpen = "<!-- roadmap:progress -->"
    static let progressClose = "<!-- /roadmap:progress -->"

    public init(
        bytes: [UInt8], wording: Wording = .default, aliases: [ItemID: [String]] = [:],
        options: DocumentOptions = DocumentOptions()
    ) throws {
        let source = MarkdownSource(bytes)
        let page = Page(source)
        let vocabulary = wording.vocabulary
        self.source = source
        self.page = page
        self.wording = wording
        self.options = options
        self.vocabulary = vocabulary
        progressBlock = try Self.findProgressBlock(page)

        let scope = try Self.scope(page, options: options)
        var reader = CandidateReader(
            page: page, vocabulary: vocabulary, wording: wording, options: options, scope: scope)
        let candidates = reader.candidates()
        guard
            let chosen = candidates.enumerated().max(by: {
                Self.ranks($0.element, below: $1.element, $0.offset, $1.offset)
            })?.element, chosen.itemCount > 0
        else {
            throw DocumentError(Self.noTrackerSentence(reader.nearest, options: options))
        }
        var phases = chosen.phases
        for phaseIndex in phases.indices {
            for itemIndex in phases[phaseIndex].items.indices {
                let id = phases[phaseIndex].items[itemIndex].id
                for alias in aliases[id, default: []] where !phases[phaseIndex].items[itemIndex].aliases.contains(alias)
                {
                    phases[phaseIndex].items[itemIndex].aliases.append(alias)
                }
            }
        }
        roadmap = Roadmap(shape: chosen.shape, phases: phases)
        slots = chosen.slots
        overview = chosen.overview
        progressInsertion = chosen.progressInsertion
        tracker = chosen.summary
        let others = candidates.filter { $0.summary != chosen.summary && $0.itemCount > 0 }
        otherCandidates = others.map(\.summary)
        var notes = reader.notes(for: chosen)
        // Checkboxes beside the tracker have their own note; other tables get this one.
        notes += others.filter { $0.shape != .taskList }.map {
            DocumentNote(
                kind: .otherCandidate, line: $0.summary.line,
                message:
                    "\($0.summary.description) (\($0.itemCount) items) is not the tracker: \(chosen.summary.description) has more items; name one with `tracker:` in .roadmap.yml"
            )
        }
        self.notes = notes.sorted { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
    }

    /// The most items wins; then an overview over status tables over task lists; then the first on the page.
    private static func ranks(_ lhs: Candidate, below rhs: Candidate, _ left: Int, _ right: Int) -> Bool {
        func order(_ shape: Roadmap.Shape) -> Int { shape == .overviewTable ? 2 : shape == .statusTable ? 1 : 0 }
        return (lhs.itemCount, order(lhs.shape), -left) < (rhs.itemCount, order(rhs.shape), -right)
    }

    /// The lines `tracker:` confines the reading to: the section of the heading it names.
    private static func scope(_ page: Page, options: DocumentOptions) throws -> Range<Int> {
        guard let name = options.tracker else { return 0..<page.source.lines.count }
        let wanted = TextNormalization.words(name)
        let exact = page.headings.indices.first { TextNormalization.words(page.headings[$0].text) == wanted }
        let partial = page.headings.indices.first { TextNormalization.words(page.headings[$0].text).contains(wanted) }
        guard let heading = exact ?? partial, !wanted.isEmpty else {
            let known = page.headings.filter { $0.level <= 6 }.prefix(8).map { "\"\($0.text)\"" }.joined(
                separator: ", ")
            throw DocumentError(
                "`tracker: \(name)` names no heading of the page (its headings: \(known.isEmpty ? "none" : known))",
                isConfiguration: true)
        }
        return (page.headings[heading].lastLine + 1)..<page.sectionEnd(of: heading)
    }

    private static func noTrackerSentence(_ nearest: String?, options: DocumentOptions) -> String {
        let place = options.tracker.map { " under the heading \"\($0)\"" } ?? ""
        let looked =
            "no roadmap tracker found\(place): looked for a table with Phase, Sub Topics and Status columns, a table with a Status column beside item names, and task lists (- [ ] item)"
        return looked + "; the nearest thing seen was " + (nearest ?? "plain text")
    }

    // MARK: Progress block

    private static func findProgressBlock(_ page: Page) throws -> ProgressBlock? {
        let source = page.source
        var open: Int?
        for index in source.lines.indices where !page.isCode(line: index) {
            let text = source.text(ofLine: index).trimmingBlanks()
            if text == progressOpen, open == nil {
                open = index
            } else if text == progressClose, let openLine = open {
                return ProgressBlock(openLine: openLine, closeLine: index)
            }
        }
        if let open {
            throw DocumentError(
                "the progress block opened on line \(open + 1) (\(progressOpen)) is never closed with \(progressClose)")
        }
        return nil
    }
}
