import Foundation

/// What a ref written in a commit message or on the command line points at.
public enum RefResolution: Equatable, Sendable {
    case item(ItemID)
    /// Nothing matches; the closest ids, best first, for a "did you mean" hint.
    case unknown(suggestions: [ItemID])
    /// Several items match; the ref needs its phase (`p3/rate-limiting`).
    case ambiguous([ItemID])
}

/// Resolves refs the ways PRODUCT.md 2 allows: `p1/event-loop`, `phase-1/event-loop`, a bare slug unique in
/// the roadmap, an item's name (any case), and aliases (matched phase-table rows, configured aliases).
public struct RefResolver: Sendable {
    private let ids: Set<ItemID>
    /// slug → items whose own slug it is.
    private let byOwnSlug: [String: [ItemID]]
    /// slug → items answering to it (their own slug or an alias's).
    private let bySlug: [String: [ItemID]]
    /// Same, restricted to one phase.
    private let byPhaseSlug: [ItemID: [ItemID]]

    public init(roadmap: Roadmap) {
        let count = roadmap.phases.reduce(0) { $0 + $1.items.count }
        var byOwnSlug: [String: [ItemID]] = [:]
        var bySlug: [String: [ItemID]] = [:]
        var byPhaseSlug: [ItemID: [ItemID]] = [:]
        var ids = Set<ItemID>()
        // Sized once: growing four tables by doubling rehashed every id again at each step.
        byOwnSlug.reserveCapacity(count)
        bySlug.reserveCapacity(count)
        byPhaseSlug.reserveCapacity(count)
        ids.reserveCapacity(count)
        for phase in roadmap.phases {
            for item in phase.items {
                ids.insert(item.id)
                byOwnSlug[item.id.slug, default: []].append(item.id)
                var slugs = [item.id.slug]
                for alias in item.aliases {
                    let slug = TextNormalization.slug(alias)
                    if !slugs.contains(slug) { slugs.append(slug) }
                }
                for slug in slugs where !slug.isEmpty {
                    bySlug[slug, default: []].append(item.id)
                    byPhaseSlug[ItemID(phase: item.id.phase, slug: slug), default: []].append(item.id)
                }
            }
        }
        self.ids = ids
        self.byOwnSlug = byOwnSlug
        // Lists of one (nearly every slug) are unique already.
        self.bySlug = bySlug.mapValues { $0.count == 1 ? $0 : Self.unique($0) }
        self.byPhaseSlug = byPhaseSlug.mapValues { $0.count == 1 ? $0 : Self.unique($0) }
    }

    /// - Parameter suggesting: false leaves an unknown ref's suggestions empty: finding them compares the
    ///   ref with every slug, which a caller that may never print the warning (conventional-commit scopes,
    ///   the warnings of old commits in the hook) asks for later, with `suggestions(forRef:)`.
    public func resolve(_ ref: String, suggesting: Bool = true) -> RefResolution {
        let cleaned = Self.clean(ref)
        if let qualified = ItemID(parsing: cleaned) {
            let key = ItemID(phase: qualified.phase, slug: TextNormalization.slug(qualified.slug))
            if ids.contains(key) { return .item(key) }
            return decide(byPhaseSlug[key] ?? [], for: key.slug, phase: key.phase, suggesting: suggesting)
        }
        let slug = TextNormalization.slug(cleaned)
        let exact = Set(byOwnSlug[slug] ?? [])
        if exact.count == 1 { return .item(exact.first!) }
        if exact.count > 1 { return .ambiguous(exact.sorted()) }
        return decide(bySlug[slug] ?? [], for: slug, phase: nil, suggesting: suggesting)
    }

    private func decide(_ matches: [ItemID], for slug: String, phase: PhaseKey?, suggesting: Bool) -> RefResolution {
        switch matches.count {
        case 1: return .item(matches[0])
        case 0: return .unknown(suggestions: suggesting ? suggestions(for: slug, phase: phase) : [])
        default: return .ambiguous(matches.sorted())
        }
    }

    /// The suggestions `resolve(ref)` gives an unknown ref, for a warning about to be printed.
    public func suggestions(forRef ref: String) -> [ItemID] {
        let cleaned = Self.clean(ref)
        if let qualified = ItemID(parsing: cleaned) {
            return suggestions(for: TextNormalization.slug(qualified.slug), phase: qualified.phase)
        }
        return suggestions(for: TextNormalization.slug(cleaned))
    }

    /// Up to three ids whose slug is close to `slug` (edit distance, or one containing the other).
    public func suggestions(for slug: String, phase: PhaseKey? = nil) -> [ItemID] {
        guard !slug.isEmpty else { return [] }
        let scored = bySlug.flatMap { candidate, targets -> [(ItemID, Int)] in
            let distance = Self.editDistance(candidate, slug)
            let contained = candidate.contains(slug) || slug.contains(candidate)
            guard distance <= max(2, slug.count / 3) || contained else { return [] }
            let rank = contained ? min(distance, 2) : distance
            return targets.map { ($0, rank + ($0.phase == phase || phase == nil ? 0 : 1)) }
        }
        var seen = Set<ItemID>()
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.compactMap { seen.insert($0.0).inserted ? $0.0 : nil }
            .prefix(3).map { $0 }
    }

    /// Refs arrive quoted (`"Event Loop"`) or with sentence punctuation (`streams.`).
    static func clean(_ ref: String) -> String {
        func trimmed(_ text: Substring) -> Substring {
            let isBlank = { (character: Character) in character == " " || character == "\t" }
            guard let first = text.firstIndex(where: { !isBlank($0) }),
                let last = text.lastIndex(where: { !isBlank($0) })
            else { return "" }
            return text[first...last]
        }
        var text = trimmed(ref[...])
        while let last = text.last, ".,;:!?)".contains(last) { text.removeLast() }
        for quote in ["\"", "'", "`"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            text = text.dropFirst().dropLast()
        }
        return String(trimmed(text))
    }

    private static func unique(_ ids: [ItemID]) -> [ItemID] {
        var seen = Set<ItemID>()
        return ids.filter { seen.insert($0).inserted }
    }

    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
