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
        // Where the stat data cannot settle it and git would convert nothing, the content hashed decides.
        Row(name: "racy, the content hashes to the staged blob", expected: .known(.clean)) {
            $0.indexWritten = IndexTime(seconds: 1_700_000_000, nanoseconds: 900)
            $0.workTreeContent = head
        },
        Row(name: "racy, the content hashes to another blob", expected: .askGit) {
            $0.indexWritten = IndexTime(seconds: 1_700_000_000, nanoseconds: 900)
            $0.workTreeContent = "100644 fedcba9876543210fedcba9876543210fedcba98"
        },
        Row(name: "touched (mtime and ctime moved), the same content", expected: .known(.clean)) {
            $0.workTree?.mtime.seconds += 5
            $0.workTree?.ctime.seconds += 5
            $0.workTreeContent = head
        },
        Row(name: "the same content, exec bit set in the work tree", expected: .askGit) {
            $0.workTree?.mode = 0o100755
            $0.workTreeContent = "100755 0123456789abcdef0123456789abcdef01234567"
        },
        Row(name: "the same content through a filter", expected: .askGit) {
            $0.workTree?.mtime.seconds += 5
            $0.workTreeContent = head
            $0.filtered = true
        },
        Row(name: "the same content, a symlink in the work tree", expected: .askGit) {
            $0.workTree?.mode = 0o120777
            $0.workTreeContent = head
        },
        Row(name: "the same content, missing from the work tree", expected: .askGit) {
            $0.workTree = nil
            $0.workTreeContent = head
        },
        Row(name: "the same content, but the staged blob is not HEAD's", expected: .known(.changed)) {
            $0.entry?.modeAndID = "100644 fedcba9876543210fedcba9876543210fedcba98"
            $0.workTreeContent = "100644 fedcba9876543210fedcba9876543210fedcba98"
        },
    ]

    @Test(arguments: rows)
    func verdict(row: Row) {
        var facts = Self.clean()
        row.change(&facts)
        #expect(facts.verdict == row.expected)
    }

    /// git's own words for two entries, one of them a conflict's stages.
    @Test func gitsListingIsReadBack() throws {
        let blob = "b85233a07101cdadf86be97427c0a724707895db"
        func entry(_ tag: String, _ mode: String, _ stage: Int, _ path: String, flags: String = "0") -> String {
            "\(tag) \(mode) \(blob) \(stage)\t\(path)\0  ctime: 1796566594:608626507\n"
                + "  mtime: 1796566594:608626508\n  dev: 65024\tino: 16467116\n  uid: 0\tgid: 1\n"
                + "  size: 6376\tflags: \(flags)\n"
        }
        let listing =
            entry("h", "100644", 0, "README.md") + entry("M", "100644", 1, "a b.md") + entry("M", "100755", 2, "a b.md")
            + entry("H", "100644", 0, "later.md", flags: "20000000") + entry("S", "100644", 0, "far.md")
        let entries = try #require(IndexListing.parse(Array(listing.utf8)))
        #expect(entries.count == 4)
        let readme = try #require(entries["README.md"])
        #expect(readme.modeAndID == "100644 \(blob)")
        #expect(readme.assumeUnchanged && !readme.skipWorktree && !readme.conflicted && !readme.intentToAdd)
        #expect(
            readme.recorded
                == StatFacts(
                    mode: 0o100644, ctime: IndexTime(seconds: 1_796_566_594, nanoseconds: 608_626_507),
                    mtime: IndexTime(seconds: 1_796_566_594, nanoseconds: 608_626_508), inode: 16_467_116, uid: 0,
                    gid: 1, size: 6376))
        #expect(entries["a b.md"]?.conflicted == true)
        #expect(entries["later.md"]?.intentToAdd == true)
        #expect(entries["far.md"]?.skipWorktree == true)
        #expect(IndexListing.parse([]) == [:])
    }

    /// Anything not exactly as expected is no answer at all, so that git is asked instead.
    @Test(arguments: [
        "H 100644 b85233a07101cdadf86be97427c0a724707895db 0\tREADME.md\0",
        "H 100644 b85233a07101cdadf86be97427c0a724707895db 0\tREADME.md\0  ctime: 1\n  mtime: 1:2\n  dev: 1\tino: 2\n"
            + "  uid: 0\tgid: 0\n  size: 1\tflags: 0\n",
        "H 100644 b85233a07101cdadf86be97427c0a724707895db 0\tREADME.md\0  mtime: 1:2\n  ctime: 1:2\n  dev: 1\tino: 2\n"
            + "  uid: 0\tgid: 0\n  size: 1\tflags: 0\n",
        "H 100644 b85233a07101cdadf86be97427c0a724707895db 0\tREADME.md\0  ctime: 1:2\n  mtime: 1:2\n  dev: 1\tino: 2\n"
            + "  uid: 0\tgid: 0\n  size: 1\tflags: 0\nextra",
        "README.md\0  ctime: 1:2\n  mtime: 1:2\n  dev: 1\tino: 2\n  uid: 0\tgid: 0\n  size: 1\tflags: 0\n",
    ])
    func anUnexpectedListingIsNoAnswer(listing: String) {
        #expect(IndexListing.parse(Array(listing.utf8)) == nil)
    }
}
