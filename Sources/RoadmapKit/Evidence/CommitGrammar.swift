import Foundation

/// One thing a commit message says about a ref (PRODUCT.md 3), before the ref is resolved.
public struct Mention: Equatable, Sendable {
    public enum Rule: Equatable, Sendable, CustomStringConvertible {
        /// `Roadmap: done p1/event-loop, streams`
        case trailer
        /// `finished #streams`
        case hashtag
        /// `feat(streams): …` — never more than in progress.
        case scope
        /// A `patterns:` rule of `.roadmap.yml`, by its position in the list.
        case pattern(Int)

        public var description: String {
            switch self {
            case .trailer: "trailer"
            case .hashtag: "hashtag"
            case .scope: "conventional-commit scope"
            case .pattern(let index): "pattern \(index + 1) of .roadmap.yml"
            }
        }
    }

    public var verb: Verb
    public var ref: String
    public var rule: Rule

    public init(verb: Verb, ref: String, rule: Rule) {
        self.verb = verb
        self.ref = ref
        self.rule = rule
    }
}

/// What one commit message says: its mentions, the commit it reverts, and verbs it could not read.
public struct MessageReading: Equatable, Sendable {
    public var mentions: [Mention] = []
    /// The (possibly abbreviated) id from git's `This reverts commit <id>.`
    public var reverts: String?
    /// `Roadmap: finsihed streams`: a trailer whose verb is no verb.
    public var unknownVerbs: [String] = []
    /// `.roadmap.yml` patterns (by index) that ran out of time on this message and are off from now on.
    public var timedOutPatterns: [Int] = []
}

/// The commit grammar as a pure function of the message text. It scans each line once with plain
/// string work (no regex on the default path), so its cost is linear in the message size.
public struct CommitGrammar: Sendable {
    /// Compiled `.roadmap.yml` patterns.
    private let patterns: [(regex: NSRegularExpressionBox, verb: Verb?)]
    /// A user's regex can backtrack for hours on a hostile message: each gets this long per message, and
    /// one that runs out is turned off for the rest of the run and reported.
    private let timeLimit: Double
    private let disabled = DisabledPatterns()

    public init(patterns: [Configuration.CommitPattern] = [], timeLimit: Double = 0.25) {
        self.patterns = patterns.compactMap { pattern in
            guard let regex = try? NSRegularExpression(pattern: pattern.regex, options: [.anchorsMatchLines]) else {
                return nil
            }
            return (NSRegularExpressionBox(regex), pattern.verb)
        }
        self.timeLimit = timeLimit
    }

    public func read(_ message: String) -> MessageReading {
        var reading = MessageReading()
        var text = message
        text.withUTF8 { bytes in
            var lineStart = 0
            var isFirstLine = true
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var contentEnd = lineEnd
                if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                read(
                    line: UnsafeBufferPointer(rebasing: bytes[lineStart..<contentEnd]), isFirstLine: isFirstLine,
                    into: &reading)
                isFirstLine = false
                if lineEnd == bytes.count { break }
                lineStart = lineEnd + 1
            }
        }
        // A revert quotes the subject it reverts ("Revert "finished #streams""): that is not new evidence.
        if reading.reverts != nil {
            reading.mentions = []
            reading.unknownVerbs = []
        }
        for (index, pattern) in patterns.enumerated() where reading.reverts == nil && !disabled.contains(index) {
            guard
                let found = Self.matches(
                    pattern.regex.value, verb: pattern.verb, index: index, in: message, timeLimit: timeLimit)
            else {
                disabled.insert(index)
                reading.timedOutPatterns.append(index)
                continue
            }
            reading.mentions += found
        }
        return reading
    }

    /// Most lines of most messages match no rule: the cheap byte tests here decide which lines are worth
    /// turning into text at all, so reading a message costs little more than scanning its bytes.
    private func read(line bytes: UnsafeBufferPointer<UInt8>, isFirstLine: Bool, into reading: inout MessageReading) {
        var first = 0
        while first < bytes.count, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        guard first < bytes.count else { return }
        let lead = bytes[first] | 0x20
        let hasHash = Self.mayHoldHashtag(bytes)
        let maybeScope = isFirstLine && bytes.contains(0x28)
        let maybeTrailer = lead == 0x72 && bytes.count - first > 8  // r…: "Roadmap:"
        let maybeRevert = lead == 0x74  // t…: "This reverts commit"
        guard hasHash || maybeScope || maybeTrailer || maybeRevert else { return }
        let line = Substring(String(decoding: bytes, as: UTF8.self))
        if maybeRevert, let reverted = Self.revertedCommit(line) {
            reading.reverts = reverted
        }
        if maybeScope {
            reading.mentions += Self.scopes(line)
        }
        if maybeTrailer, let trailer = Self.trailer(line) {
            if let verb = Verb.named(trailer.verb) {
                reading.mentions += trailer.refs.map { Mention(verb: verb, ref: $0, rule: .trailer) }
            } else {
                reading.unknownVerbs.append(String(trailer.verb))
            }
            return
        }
        if hasHash {
            reading.mentions += Self.hashtags(line)
        }
    }

    /// A `#` starting a word and followed by a ref that is not all digits (`#12` is an issue, `/#frag` a
    /// URL fragment): the only lines worth reading for hashtags.
    static func mayHoldHashtag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x23, index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 else {
                continue
            }
            var end = index + 1
            var allDigits = true
            while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x09 {
                if !(0x30...0x39).contains(bytes[end]) { allDigits = false }
                end += 1
            }
            if end > index + 1 && !allDigits { return true }
        }
        return false
    }

    // MARK: Rules

    /// `Roadmap: <verb> <ref>[, <ref>…]`, the key in any case.
    static func trailer(_ line: Substring) -> (verb: Substring, refs: [String])? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.count > 8, trimmed.prefix(8).lowercased() == "roadmap:" else { return nil }
        let rest = trimmed.dropFirst(8).drop { $0 == " " || $0 == "\t" }
        let verb = rest.prefix { $0.isLetter }
        guard !verb.isEmpty else { return nil }
        let refs = splitRefs(rest.dropFirst(verb.count))
        return refs.isEmpty ? nil : (verb, refs)
    }

    /// Comma-separated refs; a quoted name may hold commas and spaces.
    static func splitRefs(_ text: Substring) -> [String] {
        var refs: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "," {
                refs.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        refs.append(current)
        return refs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `<verb> #ref [#ref…]`: the verb a whole word, each `#` starting a word (so URL fragments and
    /// `fixes #12` are not refs; all-digit refs are issue numbers and skipped).
    static func hashtags(_ line: Substring) -> [Mention] {
        var mentions: [Mention] = []
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var verb: Verb?
        for word in words {
            if word.first == "#" {
                guard let current = verb else { continue }
                let ref = word.dropFirst().prefix { $0.isLetter || $0.isNumber || "-_/.".contains($0) }
                let trimmed = ref.reversed().drop { $0 == "." }.reversed()
                let text = String(trimmed)
                if !text.isEmpty, !text.allSatisfy(\.isNumber) {
                    mentions.append(Mention(verb: current, ref: text, rule: .hashtag))
                }
                continue
            }
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?()[]\"'"))
            if let named = Verb.named(bare),
                bare.count == word.count || word.hasSuffix(":") || word.hasSuffix(",") || word.hasPrefix("(")
                    || word.hasPrefix("[")
            {
                verb = named
            } else if bare.lowercased() == "and" || bare == "&" || bare.isEmpty {
                continue  // "finished #streams and #buffers"
            } else {
                verb = nil
            }
        }
        return mentions
    }

    /// `type(scope[,scope]): subject` on the first line → in progress.
    static func scopes(_ subject: Substring) -> [Mention] {
        let type = subject.prefix { $0.isLetter || $0.isNumber }
        guard !type.isEmpty, subject.dropFirst(type.count).first == "(" else { return [] }
        let afterOpen = subject.dropFirst(type.count + 1)
        guard let close = afterOpen.firstIndex(of: ")") else { return [] }
        var rest = afterOpen[afterOpen.index(after: close)...]
        if rest.first == "!" { rest = rest.dropFirst() }
        guard rest.first == ":" else { return [] }
        return afterOpen[..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        .map { Mention(verb: .start, ref: $0, rule: .scope) }
    }

    /// git's `This reverts commit <id>.` line.
    static func revertedCommit(_ line: Substring) -> String? {
        let prefix = "This reverts commit "
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(prefix) else { return nil }
        let id = trimmed.dropFirst(prefix.count).prefix { $0.isHexDigit }
        return id.count >= 7 ? String(id).lowercased() : nil
    }

    /// The rule's mentions, or nil when it ran past `timeLimit` seconds (ICU reports progress while it
    /// backtracks, which is where the match is stopped).
    static func matches(
        _ regex: NSRegularExpression, verb fixed: Verb?, index: Int, in message: String, timeLimit: Double
    ) -> [Mention]? {
        let range = NSRange(message.startIndex..., in: message)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeLimit * 1_000_000_000)
        var mentions: [Mention] = []
        var timedOut = false
        regex.enumerateMatches(in: message, options: [.reportProgress], range: range) { match, _, stop in
            if DispatchTime.now().uptimeNanoseconds > deadline {
                timedOut = true
                stop.pointee = true
                return
            }
            guard let match else { return }
            let refRange = match.range(withName: "ref")
            guard refRange.location != NSNotFound, let ref = Range(refRange, in: message) else { return }
            var verb = fixed
            let verbRange = match.range(withName: "verb")
            if verbRange.location != NSNotFound, let word = Range(verbRange, in: message) {
                verb = Verb.named(message[word]) ?? fixed
            }
            guard let verb else { return }
            mentions.append(Mention(verb: verb, ref: String(message[ref]), rule: .pattern(index)))
        }
        return timedOut ? nil : mentions
    }
}

/// Patterns switched off after running out of time. A class, so that every copy of the grammar in one
/// run shares it.
/// `@unchecked Sendable` is safe: the one stored var is read and written only inside `lock.withLock`.
final class DisabledPatterns: @unchecked Sendable {
    private let lock = NSLock()
    private var indices = Set<Int>()
    func contains(_ index: Int) -> Bool { lock.withLock { indices.contains(index) } }
    func insert(_ index: Int) { _ = lock.withLock { indices.insert(index) } }
}

/// `@unchecked Sendable` is safe: NSRegularExpression is immutable once built and documented as safe to
/// use from several threads at once (Foundation's class reference), but is not marked Sendable.
struct NSRegularExpressionBox: @unchecked Sendable {
    let value: NSRegularExpression
    init(_ value: NSRegularExpression) { self.value = value }
}
