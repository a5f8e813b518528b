/// The commit-msg hook's check: the refs a message about to be committed names that the roadmap does not
/// know (or cannot tell apart), with the closest valid ids.
public enum MessageCheck {
    public struct Problem: Equatable, Sendable {
        public var ref: String
        public var ambiguous: Bool
        public var suggestions: [ItemID]

        public var sentence: String {
            let hint =
                suggestions.isEmpty
                ? ""
                : (ambiguous ? ": " : " (did you mean ") + suggestions.map(\.description).joined(separator: ", ")
                    + (ambiguous ? "" : "?)")
            return "\(ambiguous ? "ambiguous" : "unknown") ref `\(ref)`\(hint)"
        }
    }

    /// `message` as git leaves it in COMMIT_EDITMSG: comment lines (`#` by default) are not part of it.
    public static func problems(
        in message: String, roadmap: Roadmap, grammar: CommitGrammar, commentChar: Character = "#"
    ) -> [Problem] {
        let kept = message.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.hasPrefix("\(commentChar) ------------------------ >8 ------------------------") }
            .filter { !$0.hasPrefix(String(commentChar)) }
            .joined(separator: "\n")
        let resolver = RefResolver(roadmap: roadmap)
        var problems: [Problem] = []
        for mention in grammar.read(kept).mentions where mention.rule != .scope {
            switch resolver.resolve(mention.ref) {
            case .item: continue
            case .unknown(let suggestions):
                problems.append(Problem(ref: mention.ref, ambiguous: false, suggestions: suggestions))
            case .ambiguous(let candidates):
                problems.append(Problem(ref: mention.ref, ambiguous: true, suggestions: candidates))
            }
        }
        for mention in grammar.read(kept).mentions where mention.rule == .scope {
            if case .ambiguous(let candidates) = resolver.resolve(mention.ref) {
                problems.append(Problem(ref: mention.ref, ambiguous: true, suggestions: candidates))
            }
        }
        return problems
    }
}
