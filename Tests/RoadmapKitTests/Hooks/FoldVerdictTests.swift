import Foundation
import Testing

@testable import RoadmapKit

/// FoldFacts.verdict: the fold check's rules without git. Each row changes one fact of a clean file.
@Suite struct FoldVerdictTests {
    static let head = "100644 0123456789abcdef0123456789abcdef01234567"
    static let recorded = StatFacts(
        mode: 0o100644, ctime: IndexTime(seconds: 1_700_000_000, nanoseconds: 5),
        mtime: IndexTime(seconds: 1_700_000_000, nanoseconds: 7), inode: 42, uid: 1000, gid: 1000, size: 6_000)
    /// The work tree's lstat of a file git recorded: a regular file with the same fields.
    static let onDisk = StatFacts(
        mode: 0o100644, ctime: recorded.ctime, mtime: recorded.mtime, inode: 42, uid: 1000, gid: 1000, size: 6_000)

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var expected: FoldVerdict
        var change: @Sendable (inout FoldFacts) -> Void
        var testDescription: String { name }
    }

    static func clean() -> FoldFacts {
        FoldFacts(
            entry: IndexEntryFacts(modeAndID: head, recorded: recorded), head: head, workTree: onDisk,
            indexWritten: IndexTime(seconds: 1_700_000_001, nanoseconds: 0))
    }

    static let rows: [Row] = [
        Row(name: "stat data equal, entry a second older than the index", expected: .known(.clean)) { _ in },
        Row(name: "no entry", expected: .untrackedOrIgnored) { $0.entry = nil },
        Row(name: "conflict", expected: .known(.changed)) { $0.entry?.conflicted = true },
        Row(name: "skip-worktree", expected: .known(.skipWorktree)) { $0.entry?.skipWorktree = true },
        Row(name: "skip-worktree before assume-unchanged", expected: .known(.skipWorktree)) {
            $0.entry?.skipWorktree = true
            $0.entry?.assumeUnchanged = true
        },
        Row(name: "assume-unchanged (or core.ignoreStat)", expected: .known(.assumeUnchanged)) {
            $0.entry?.assumeUnchanged = true
        },
        Row(name: "intent-to-add", expected: .known(.changed)) { $0.entry?.intentToAdd = true },
        Row(name: "staged blob differs from HEAD's", expected: .known(.changed)) {
            $0.entry?.modeAndID = "100644 fedcba9876543210fedcba9876543210fedcba98"
        },
        Row(name: "staged mode differs from HEAD's", expected: .known(.changed)) {
            $0.entry?.modeAndID = "100755 0123456789abcdef0123456789abcdef01234567"
        },
        Row(name: "not in HEAD", expected: .known(.changed)) { $0.head = nil },
        Row(name: "racy: mtime in the index file's second", expected: .askGit) {
            $0.indexWritten = IndexTime(seconds: 1_700_000_000, nanoseconds: 900)
        },
        Row(name: "racy: index file older than the entry", expected: .askGit) {
            $0.indexWritten = IndexTime(seconds: 1_699_999_999, nanoseconds: 0)
        },
        Row(name: "mtime seconds differ", expected: .askGit) { $0.workTree?.mtime.seconds += 1 },
        Row(name: "mtime nanoseconds differ", expected: .askGit) { $0.workTree?.mtime.nanoseconds += 1 },
        Row(name: "ctime differs (content changed, size and mtime put back)", expected: .askGit) {
            $0.workTree?.ctime.nanoseconds += 1
        },
        Row(name: "ctime differs with core.trustctime=false", expected: .known(.clean)) {
            $0.workTree?.ctime.seconds += 1
            $0.comparesCTime = false
        },
        Row(name: "size differs", expected: .askGit) { $0.workTree?.size = 6_001 },
        Row(name: "size differs beyond 32 bits", expected: .askGit) { $0.workTree?.size = 6_000 + (1 << 32) },
        Row(name: "recorded size 0: smudged by git as racily clean", expected: .askGit) {
            $0.entry?.recorded.size = 0
            $0.workTree?.size = 0
        },
        Row(name: "inode differs", expected: .askGit) { $0.workTree?.inode = 43 },
        Row(name: "uid differs", expected: .askGit) { $0.workTree?.uid = 0 },
        Row(name: "gid differs", expected: .askGit) { $0.workTree?.gid = 0 },
        Row(name: "exec bit set in the work tree", expected: .askGit) { $0.workTree?.mode = 0o100755 },
        Row(name: "exec bit set in the index only", expected: .askGit) {
            $0.entry?.recorded.mode = 0o100755
            $0.entry?.modeAndID = "100755 0123456789abcdef0123456789abcdef01234567"
            $0.head = "100755 0123456789abcdef0123456789abcdef01234567"
        },
        Row(name: "group bits differ (git looks at the owner's x only)", expected: .known(.clean)) {
            $0.workTree?.mode = 0o100664
        },
        Row(name: "a symlink in the work tree", expected: .askGit) { $0.workTree?.mode = 0o120777 },
        Row(name: "a symlink in the index", expected: .askGit) {
            $0.entry?.recorded.mode = 0o120000
            $0.entry?.modeAndID = "120000 0123456789abcdef0123456789abcdef01234567"
            $0.head = "120000 0123456789abcdef0123456789abcdef01234567"
        },
        Row(name: "missing from the work tree", expected: .askGit) { $0.workTree = nil },
        Row(name: "a filter attribute", expected: .askGit) { $0.filtered = true },
    ]

    @Test(arguments: rows)
    func verdict(row: Row) {
        var facts = Self.clean()
        row.change(&facts)
        #expect(facts.verdict == row.expected)
    }
}
