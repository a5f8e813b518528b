/// Whether a file may be folded into a commit by the hook: only a tracked file whose work-tree and index
/// copies are HEAD's, so that nothing of the user's own (a private edit, a staged change, a hidden entry)
/// ever goes into a commit with it.
public enum FoldableState: Equatable, Sendable {
    case clean
    case untracked
    case ignored
    case skipWorktree
    case assumeUnchanged
    case changed

    /// Why the file stays in the work tree only, in words after "<name> ".
    public var reason: String? {
        switch self {
        case .clean: nil
        case .untracked: "is not tracked"
        case .ignored: "is ignored"
        case .skipWorktree: "is marked skip-worktree"
        case .assumeUnchanged: "is marked assume-unchanged"
        case .changed: "had changes of its own before this commit"
        }
    }
}

/// What git says before the hook writes: whether each file may be folded in, and whether anything else
/// is staged (then only `--only` amends just these files).
public struct FoldCheck: Sendable {
    public var states: [FoldableState]
    public var othersStaged: Bool
}
