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

/// A file time as git's index records it: seconds and nanoseconds, each cut to 32 bits.
public struct IndexTime: Equatable, Sendable {
    public var seconds: UInt32
    public var nanoseconds: UInt32

    public init(seconds: UInt32, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }
}

/// The stat data git keeps of a file (and compares with lstat to skip reading it): as the index recorded
/// them, or as lstat finds the work tree's file now.
public struct StatFacts: Equatable, Sendable {
    /// The file type and permission bits (st_mode); for an index entry, its mode (0o100644, 0o100755, …).
    public var mode: UInt32
    public var ctime: IndexTime
    public var mtime: IndexTime
    public var inode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// The whole size for a work-tree file; the index keeps only the low 32 bits.
    public var size: UInt64

    public init(
        mode: UInt32, ctime: IndexTime, mtime: IndexTime, inode: UInt32, uid: UInt32, gid: UInt32, size: UInt64
    ) {
        self.mode = mode
        self.ctime = ctime
        self.mtime = mtime
        self.inode = inode
        self.uid = uid
        self.gid = gid
        self.size = size
    }
}

/// One path's entry in the index, as the fold check weighs it.
public struct IndexEntryFacts: Equatable, Sendable {
    /// "100644 <blob id>", as GitRepository.headEntry words HEAD's entry.
    public var modeAndID: String
    /// Entries at stages 1 to 3: an unresolved conflict.
    public var conflicted = false
    public var skipWorktree = false
    /// CE_VALID: `update-index --assume-unchanged`, or what core.ignoreStat sets on every entry git adds.
    public var assumeUnchanged = false
    public var intentToAdd = false
    public var recorded: StatFacts

    public init(modeAndID: String, recorded: StatFacts) {
        self.modeAndID = modeAndID
        self.recorded = recorded
    }
}

/// Everything the fold check knows of one path without running git.
public struct FoldFacts: Equatable, Sendable {
    /// nil: the index has no entry at any stage.
    public var entry: IndexEntryFacts?
    /// HEAD's "<mode> <blob id>" at the path, nil when HEAD has none.
    public var head: String?
    /// lstat of the work-tree file; nil when it is missing or a folder above it is not a plain folder.
    public var workTree: StatFacts?
    /// The index file's own mtime, taken before it was read.
    public var indexWritten: IndexTime
    /// false with core.trustctime=false (git then ignores ctime).
    public var comparesCTime = true
    /// Whether a `filter` attribute applies (or could not be ruled out).
    public var filtered = false
    /// "<mode> <blob id>" git would stage from the work tree's file, hashed as it is on disk: set only where
    /// git would convert nothing (no filter, text, eol, crlf, ident or working-tree-encoding attribute, no
    /// core.autocrlf) and the stat data alone could not settle it. git then compares contents too.
    public var workTreeContent: String?

    public init(entry: IndexEntryFacts?, head: String?, workTree: StatFacts?, indexWritten: IndexTime) {
        self.entry = entry
        self.head = head
        self.workTree = workTree
        self.indexWritten = indexWritten
    }
}

/// What the fold check concludes from FoldFacts alone.
public enum FoldVerdict: Equatable, Sendable {
    case known(FoldableState)
    /// No entry: only git's ignore rules tell ignored from untracked.
    case untrackedOrIgnored
    /// The work tree's copy may differ from the index's: only git, reading it through its filters, can say.
    case askGit
}

extension FoldFacts {
    /// The fold check's rules without git: the index's flags and HEAD's entry decide most cases, and "clean"
    /// is said only where git's ie_match_stat would not read the file either: its stat data must equal what
    /// the index recorded, field by field and stricter than git (nanoseconds and ctime always, unless
    /// core.trustctime=false), and the entry must be older than the index file by a whole second, so never
    /// racily clean. Else only where the file's content hashes to the staged blob and git would convert
    /// nothing, as git itself then compares. Any doubt is `.askGit`: a wrong "clean" would fold a private edit
    /// into a commit.
    public var verdict: FoldVerdict {
        guard let entry else { return .untrackedOrIgnored }
        if entry.conflicted { return .known(.changed) }
        if entry.skipWorktree { return .known(.skipWorktree) }
        if entry.assumeUnchanged { return .known(.assumeUnchanged) }
        if entry.intentToAdd || entry.modeAndID != head { return .known(.changed) }
        let recorded = entry.recorded
        // Only regular files: git compares symlinks and submodules by other rules.
        guard !filtered, let workTree, recorded.mode & 0o170000 == 0o100000,
            workTree.mode & 0o170000 == 0o100000, workTree.mode & 0o100 == recorded.mode & 0o100,
            // A recorded size of 0 is how git marks a racily clean entry it could not trust.
            recorded.size != 0, workTree.size == recorded.size,
            workTree.mtime == recorded.mtime, !comparesCTime || workTree.ctime == recorded.ctime,
            workTree.inode == recorded.inode, workTree.uid == recorded.uid, workTree.gid == recorded.gid,
            recorded.mtime.seconds < indexWritten.seconds
        else {
            // Racily clean or touched: git reads the file, and so did the check. The same blob (and mode) as
            // staged is what git calls clean; anything else is left to git.
            if !filtered, let workTreeContent, let workTree, workTree.mode & 0o170000 == 0o100000,
                workTreeContent == entry.modeAndID
            {
                return .known(.clean)
            }
            return .askGit
        }
        return .known(.clean)
    }
}
