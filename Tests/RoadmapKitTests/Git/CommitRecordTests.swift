import Foundation
import RoadmapKit
import Testing

@Suite("CommitRecord and GitError values")
struct CommitRecordTests {
    private func record(message: String) -> CommitRecord {
        CommitRecord(
            id: "0123456789abcdef0123456789abcdef01234567", parents: [], authorDate: Date(timeIntervalSince1970: 0),
            message: message)
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
}
