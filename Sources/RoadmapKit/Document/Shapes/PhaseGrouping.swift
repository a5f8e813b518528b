/// Which phase each tracked line (a task, a status-table row) belongs to, from the headings above it.
///
/// The phase level is the outermost heading level whose headings state a number with a phase word
/// (Phase 3, Week 2, Módulo 1, 3주차…) and hold tracked lines; else the outermost level with at least two
/// headings holding them; else the innermost heading holding any. Deeper headings (`### Week 1` inside
/// `## Phase 1`) and bold lines group items inside their phase. A line above every phase heading belongs
/// to the nearest heading above it.
enum PhaseGrouping {
    struct Assignment: Sendable {
        var key: PhaseKey
        var title: String
        var heading: String?
        /// The heading (index into `page.headings`) the phase comes from.
        var headingIndex: Int?
    }

    struct Result: Sendable {
        var assignments: [Assignment]
        /// The heading level chosen for phases, if any heading holds a line.
        var level: Int?
    }

    static let defaultPhase = Assignment(key: .number(1), title: "Tracker", heading: nil, headingIndex: nil)

    /// `lines` in ascending order.
    static func assign(_ lines: [Int], page: Page, level configured: Int?) -> Result {
        let headings = page.headings
        var chains: [[Int]] = []
        chains.reserveCapacity(lines.count)
        var chain: [Int] = []
        var next = 0
        for line in lines {
            while next < headings.count, headings[next].line < line {
                while let last = chain.last, headings[last].level >= headings[next].level { chain.removeLast() }
                chain.append(next)
                next += 1
            }
            chains.append(chain)
        }
        var holds = [Int](repeating: 0, count: headings.count)
        for chain in chains { for heading in chain { holds[heading] += 1 } }
        let holding = headings.indices.filter { holds[$0] > 0 }
        let levels = Set(holding.map { headings[$0].level })
        let level: Int? =
            configured
            ?? holding.filter { PhaseNumbers.number(in: headings[$0].text, keywordOnly: true) != nil }.map {
                headings[$0].level
            }.min()
            ?? levels.sorted().first { level in holding.filter { headings[$0].level == level }.count >= 2 }
            ?? levels.max()
        var memo: [Int: Assignment] = [:]
        func assignment(_ heading: Int) -> Assignment {
            if let known = memo[heading] { return known }
            let text = headings[heading].text
            let title = PhaseNumbers.title(text)
            let slug = TextNormalization.slug(ItemName.clean(title))
            let key: PhaseKey =
                PhaseNumbers.number(in: text).map { .number($0) } ?? (slug.isEmpty ? .number(1) : .name(slug))
            let made = Assignment(
                key: key, title: ItemName.clean(title).trimmingTrailingSeparators(), heading: text,
                headingIndex: heading)
            memo[heading] = made
            return made
        }
        let assignments = chains.map { chain -> Assignment in
            guard let level else { return defaultPhase }
            if let phase = chain.first(where: { headings[$0].level == level }) { return assignment(phase) }
            if let above = chain.last(where: { headings[$0].level < level }) { return assignment(above) }
            if let deeper = chain.first { return assignment(deeper) }
            return defaultPhase
        }
        return Result(assignments: assignments, level: level)
    }
}
