/// What a piece of evidence says happened to an item (PRODUCT.md 3).
public enum Verb: String, CaseIterable, Codable, Sendable {
    case done
    case start
    case skip
    case reopen

    /// The words that name each verb, case-insensitively.
    public static func named(_ word: some StringProtocol) -> Verb? {
        switch word.lowercased() {
        case "done", "complete", "completes", "completed", "finish", "finishes", "finished": .done
        case "start", "started", "starts", "wip", "progress": .start
        case "skip", "skips", "skipped": .skip
        case "reopen", "reopens", "reopened", "undone": .reopen
        default: nil
        }
    }
}
