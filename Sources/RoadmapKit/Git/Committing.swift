import Foundation

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

extension GitCommand {
    /// What git says of `path` (relative to the top of the work tree) before the hook writes it.
    public func foldableState(of path: String) throws -> FoldableState {
        // -t -v: the tag says skip-worktree (S) and assume-unchanged (lower case); --error-unmatch: untracked.
        let listed = try run(["ls-files", "-s", "-t", "-v", "--error-unmatch", "--", Self.pathspec(path)])
        if listed.status != 0 {
            let ignored = try run(["check-ignore", "-q", "--", ":(top)" + path])
            return ignored.status == 0 ? .ignored : .untracked
        }
        let entries = listed.text.split(separator: "\n")
        // More than one entry: a conflict (stages 1 to 3).
        guard entries.count == 1, let tag = entries.first?.first else { return .changed }
        if tag == "S" || tag == "s" { return .skipWorktree }
        if tag.isLowercase { return .assumeUnchanged }
        guard tag == "H" else { return .changed }
        // Content through git's filters, not stat data: a clean filter or autocrlf can make a file that
        // differs on disk equal to HEAD's. The work tree against HEAD, then the index against HEAD (a
        // staged change the work tree undid is still a change). No optional locks: nothing is written.
        for cached in [false, true] {
            let diff = try run(["--no-optional-locks", "diff", "--quiet", "--ignore-submodules=all"] + (cached ? ["--cached"] : []) + ["HEAD", "--", Self.pathspec(path)])
            switch diff.status {
            case 0: continue
            case 1: return .changed
            default: throw RoadmapError.file("git diff failed for \(path): \(diff.firstErrorLine)")
            }
        }
        return .clean
    }

    /// `git commit --amend --no-edit --no-verify --only -- paths`: HEAD's commit with these files as the
    /// work tree holds them, and the index updated for them, all by git. git runs post-commit again for
    /// the amend: the environment must carry the hook's guard.
    public func amendHead(only paths: [String]) throws {
        try succeed(["commit", "--quiet", "--amend", "--no-edit", "--no-verify", "--only", "--"] + paths.map(Self.pathspec))
    }

    /// `git commit --only -m message -- paths`: a separate commit of these files.
    public func commit(only paths: [String], message: String) throws {
        try succeed(
            ["commit", "--quiet", "--no-verify", "--only", "--cleanup=verbatim", "-m", message, "--"]
                + paths.map(Self.pathspec))
    }

    /// `path` (from the top of the work tree) exactly, whatever folder git runs in and whatever it holds.
    static func pathspec(_ path: String) -> String {
        ":(top,literal)" + path
    }

    /// The commit HEAD points at now, 40 hex digits.
    public func headCommit() throws -> String {
        try succeed(["rev-parse", "--verify", "-q", "HEAD"]).text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The top of the work tree, as git says (`git rev-parse --show-toplevel`).
    public func topLevel() throws -> URL {
        let text = try succeed(["rev-parse", "--show-toplevel"]).text.trimmingCharacters(in: .newlines)
        return URL(fileURLWithPath: text, isDirectory: true)
    }
}
