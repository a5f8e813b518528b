import Foundation
import RoadmapKit
import Testing

@Suite("CommitRecord and GitError values")
struct CommitRecordTests {
    private func record(message: String) -> CommitRecord {
        CommitRecord(
            id: "0123456789abcdef0123456789abcdef01234567", parents: [], authorName: "A", authorEmail: "a@example.test",
            authorDate: Date(timeIntervalSince1970: 0), authorTimeZoneOffsetMinutes: 0, message: message)
    }

    @Test func shortIDIsTheFirstSevenHexDigits() {
        #expect(record(message: "").shortID == "0123456")
    }

    @Test(arguments: [
        ("Subject\n\nBody\n", "Subject"),
        ("Subject\r\n\r\nBody\r\n", "Subject"),
        ("Only line", "Only line"),
        ("Only line\r", "Only line"),
        ("", ""),
        ("\nSecond line", ""),
        ("Ünïcode ✓\nmore", "Ünïcode ✓"),
    ])
    func subjectIsTheFirstLineWithoutCarriageReturn(message: String, subject: String) {
        #expect(record(message: message).subject == subject)
    }

    @Test func errorDescriptionsAreOneSentenceNamingThePath() {
        let notFound = GitError(kind: .notARepository, path: "/tmp/x", message: "not a git repository (or any of the parent directories)")
        #expect(notFound.description == "not a git repository (or any of the parent directories): /tmp/x")
        let bare = GitError(kind: .bareRepository, path: "/srv/r.git/", message: "bare repository (no working tree)")
        #expect(bare.description == "bare repository (no working tree): /srv/r.git/")
        let failure = GitError(kind: .libgit2, path: "/r/.git/", message: "object not found - no match for id (abc)")
        #expect(failure.description == "git error in /r/.git/: object not found - no match for id (abc)")
        #expect(GitError(kind: .libgit2, path: nil, message: "boom").description == "git error: boom")
        for error in [notFound, bare, failure] {
            #expect(!error.description.contains("\n"))
        }
    }
}
