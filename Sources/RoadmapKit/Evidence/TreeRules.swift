/// What the tree at HEAD says about items (PRODUCT.md 3): an item's folder with files is in progress,
/// and a `DONE`, `DONE.md` or `.done` file in it makes it done. Configured globs add paths of their own.
public struct TreeRules: Sendable {
    public struct Finding: Equatable, Sendable {
        public var status: ItemStatus
        /// The folders (with a trailing `/`) and marker files that gave it.
        public var paths: [String]
    }

    static let doneMarkers: Set<String> = ["DONE", "DONE.md", ".done"]

    private let roadmap: Roadmap
    private let globs: [ItemID: [Glob]]
    private let globTexts: [String]
    private let globsByItem: [ItemID: [String]]
    private let slugs: Set<String>

    public init(roadmap: Roadmap, globs: [ItemID: [String]] = [:]) {
        self.roadmap = roadmap
        self.globs = globs.mapValues { $0.map(Glob.init) }
        globTexts = globs.values.flatMap { $0 }.sorted()
        globsByItem = globs
        slugs = Set(roadmap.items.flatMap { [$0.id.slug] + $0.aliases.map(TextNormalization.slug) })
    }

    /// Whether `findings` could ever look at `path`: it lies under a folder named like an item, or a
    /// glob matches it. `findings(paths.filter(isRelevant))` equals `findings(paths)`.
    public func isRelevant(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        for folder in components.dropLast()
        where slugs.contains(TextNormalization.slug(Self.droppingNumericPrefix(folder))) {
            return true
        }
        return globs.values.contains { $0.contains { $0.matches(path) } }
    }

    /// Whether files under a folder of this name (at any depth) are relevant whatever their own names.
    public func isItemFolderName(_ name: String) -> Bool {
        slugs.contains(TextNormalization.slug(Self.droppingNumericPrefix(Substring(name))))
    }

    /// Whether a path can be relevant only by lying under an item's folder (no glob could match it).
    public var dependsOnFoldersOnly: Bool { globs.isEmpty }

    /// `paths.filter(isRelevant)`, deciding once per folder and once per folder name rather than per
    /// path and component: a 100 000-file tree has far fewer of both.
    public func relevantPaths(_ paths: [String]) -> [String] {
        var folderRelevance: [Substring: Bool] = [:]
        var nameMatches: [Substring: Bool] = [:]
        func relevant(_ folder: Substring) -> Bool {
            if folder.isEmpty { return false }
            if let known = folderRelevance[folder] { return known }
            let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/"))
            let name = slash.map { folder[folder.index(after: $0)...] } ?? folder
            let matches: Bool
            if let known = nameMatches[name] {
                matches = known
            } else {
                matches = slugs.contains(TextNormalization.slug(Self.droppingNumericPrefix(name)))
                nameMatches[name] = matches
            }
            let answer = matches || slash.map { relevant(folder[..<$0]) } == true
            folderRelevance[folder] = answer
            return answer
        }
        let hasGlobs = !globs.isEmpty
        return paths.filter { path in
            let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
            return relevant(folder) || hasGlobs && globs.values.contains { $0.contains { $0.matches(path) } }
        }
    }

    /// What `isRelevant` depends on: the item slugs and the globs, and the phases' numbers and titles.
    public var relevanceKey: UInt64 {
        EvidenceCache.key(
            slugs.sorted() + ["globs"] + globTexts + ["phases"] + roadmap.phases.map { "\($0.key):\($0.title)" })
    }

    /// What `findings` depends on besides the paths: every item's id and aliases, the phases, each item's
    /// globs, and the rules' own version (bumped whenever `findings` changes what it answers).
    public var findingsKey: UInt64 {
        let items = roadmap.items.map { "\($0.id)\u{0}" + $0.aliases.joined(separator: "\u{0}") }
        let itemGlobs = globsByItem.keys.sorted().map { "\($0)=" + globsByItem[$0]!.joined(separator: "\u{0}") }
        return EvidenceCache.key(
            ["findings-1", "items"] + items + ["globs"] + itemGlobs + ["phases"]
                + roadmap.phases.map { "\($0.key):\($0.title)" })
    }

    public func findings(paths: [String]) -> [ItemID: Finding] {
        // One dictionary update per path, for its own folder only: the work grows with the number of
        // folders, not with files × depth (100 000 files sit in a few thousand folders).
        var direct: [Substring: String?] = [:]  // folder → a done marker directly in it
        var previous: [UInt8] = [0]  // no folder's bytes: the first path always counts
        for path in paths {
            // On the path's UTF-8 bytes: String and Substring comparison cost microseconds a path here.
            var text = path
            // nil: nothing to record (a file at the top, or one more file of the folder just seen).
            let step: (folderLength: Int, isMarker: Bool)? = text.withUTF8 { bytes in
                guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return nil }
                let file = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
                let isMarker = file.count <= 7 && Self.doneMarkers.contains(String(decoding: file, as: UTF8.self))
                // git lists a folder's files one after another: most paths need no dictionary work at all.
                if !isMarker, slash == previous.count,
                    previous.withUnsafeBufferPointer({ $0.elementsEqual(bytes[..<slash]) })
                {
                    return nil
                }
                previous = Array(bytes[..<slash])
                return (slash, isMarker)
            }
            guard let (folderLength, isMarker) = step else { continue }
            let folder = path[..<path.utf8.index(path.utf8.startIndex, offsetBy: folderLength)]
            if isMarker {
                direct[folder] = .some(path)
            } else if direct[folder] == nil {
                direct[folder] = .some(nil)
            }
        }
        var folders: [Substring: String?] = [:]
        for (folder, marker) in direct {
            folders[folder] = marker
            var ancestor = folder
            while let slash = ancestor.utf8.lastIndex(of: UInt8(ascii: "/")) {
                ancestor = ancestor[..<slash]
                if folders[ancestor] != nil { break }
                folders[ancestor] = .some(nil)
            }
        }
        // A tree with no folders (a lone README) names no item: the slug tables are not built for it.
        guard !folders.isEmpty || !globsByItem.isEmpty else { return [:] }
        let candidates = candidateSlugs()
        let uniqueSlugs = Set(candidates.filter { $0.value.count == 1 }.keys)
        var slugOfName: [Substring: String] = [:]
        // Item folders share their ancestors (phase-1/…): each (phase, folder name) is judged once.
        var phaseFolders: [String: Bool] = [:]
        func isPhaseFolderOnce(_ name: Substring, phase: PhaseKey) -> Bool {
            let key = "\(phase)/\(name)"
            if let known = phaseFolders[key] { return known }
            let verdict = isPhaseFolder(name, phase: phase)
            phaseFolders[key] = verdict
            return verdict
        }
        var result: [ItemID: Finding] = [:]
        for (folder, marker) in folders {
            let name = folder.utf8.lastIndex(of: UInt8(ascii: "/")).map { folder[folder.index(after: $0)...] } ?? folder
            let slug: String
            if let known = slugOfName[name] {
                slug = known
            } else {
                slug = TextNormalization.slug(Self.droppingNumericPrefix(name))
                slugOfName[name] = slug
            }
            guard let items = candidates[slug] else { continue }
            let ancestors = folder.split(separator: "/").dropLast()
            // A slug unique in the roadmap counts anywhere; otherwise the folder must lie under its phase's folder.
            for item in items
            where uniqueSlugs.contains(slug) || ancestors.contains(where: { isPhaseFolderOnce($0, phase: item.phase) })
            {
                let status: ItemStatus = marker == nil ? .inProgress : .done
                var finding = result[item] ?? Finding(status: status, paths: [])
                finding.status = max(finding.status, status)
                finding.paths.append(folder + "/")
                if let marker { finding.paths.append(marker) }
                result[item] = finding
            }
        }
        for (item, itemGlobs) in globs {
            let matching = paths.filter { path in itemGlobs.contains { $0.matches(path) } }
            guard !matching.isEmpty else { continue }
            let marker = matching.first { path in
                Self.doneMarkers.contains(String(path.split(separator: "/").last ?? ""))
            }
            let status: ItemStatus = marker == nil ? .inProgress : .done
            var finding = result[item] ?? Finding(status: status, paths: [])
            finding.status = max(finding.status, status)
            // The first 20 by name, whatever order the paths came in (a tree listing, or a snapshot updated since).
            finding.paths += matching.sorted().prefix(20)
            result[item] = finding
        }
        return result.mapValues { Finding(status: $0.status, paths: $0.paths.sorted()) }
    }

    /// slug (own or alias) → items answering to it.
    private func candidateSlugs() -> [String: [ItemID]] {
        var table: [String: [ItemID]] = [:]
        for item in roadmap.items {
            for slug in Set([item.id.slug] + item.aliases.map(TextNormalization.slug)) where !slug.isEmpty {
                table[slug, default: []].append(item.id)
            }
        }
        return table
    }

    /// `phase-1`, `phase-01`, `phase_1`, `p1`, `01-node-core`, `1.basics`, `week-3` for a numbered phase;
    /// the phase title's slug (after a numeric prefix) for any phase.
    func isPhaseFolder(_ name: Substring, phase: PhaseKey) -> Bool {
        let slug = TextNormalization.slug(String(name))
        if let number = phase.number {
            for prefix in ["phase-", "phase", "p"] where slug.hasPrefix(prefix) {
                if let value = Int(slug.dropFirst(prefix.count)), value == number { return true }
            }
            if PhaseNumbers.number(in: String(name), keywordOnly: true) == number { return true }
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, Int(digits) == number, digits.count < name.count || Int(name) == number { return true }
        } else if TextNormalization.slug(Self.droppingNumericPrefix(name)) == phase.name {
            return true
        }
        guard let title = roadmap.phases.first(where: { $0.key == phase })?.title else { return false }
        return TextNormalization.slug(Self.droppingNumericPrefix(name)) == TextNormalization.slug(title)
    }

    /// `03-streams`, `3.streams`, `03_streams`, `3 streams` → `streams`.
    static func droppingNumericPrefix(_ name: Substring) -> String {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return String(name) }
        let rest = name.dropFirst(digits.count)
        guard let separator = rest.first, "-_. ".contains(separator) else { return String(name) }
        return String(rest.dropFirst())
    }
}

/// A path glob: `*` within one path component, `**` across components, `?` one character.
struct Glob: Sendable {
    private let tokens: [Token]

    private enum Token: Sendable {
        case literal(Character)
        case star
        case globstar
        case any
    }

    init(_ pattern: String) {
        var tokens: [Token] = []
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*":
                if characters.first == "*" {
                    characters = characters.dropFirst()
                    if characters.first == "/" { characters = characters.dropFirst() }
                    tokens.append(.globstar)
                } else {
                    tokens.append(.star)
                }
            case "?": tokens.append(.any)
            default: tokens.append(.literal(character))
            }
        }
        self.tokens = tokens
    }

    func matches(_ path: String) -> Bool {
        Self.match(tokens[...], Array(path)[...])
    }

    private static func match(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Character>) -> Bool {
        guard let token = tokens.first else { return text.isEmpty }
        let rest = tokens.dropFirst()
        switch token {
        case .literal(let character):
            return text.first == character && match(rest, text.dropFirst())
        case .any:
            return text.first.map { $0 != "/" } == true && match(rest, text.dropFirst())
        case .star:
            var remaining = text
            while true {
                if match(rest, remaining) { return true }
                guard let next = remaining.first, next != "/" else { return false }
                remaining = remaining.dropFirst()
            }
        case .globstar:
            var remaining = text
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
    }
}
