import Foundation
import RoadmapKit
import Testing

/// The walk parses commit objects itself (CommitObjectParser); these pin its reading of unusual objects
/// to libgit2's rules, and its leniency where libgit2 would fail the whole walk.
@Suite("Commit object parsing")
struct CommitObjectParsingTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let label: String
        /// Header lines after `tree`, each without its newline.
        let headers: [String]
        /// nil: the object ends after the header lines, with no blank line.
        let message: [UInt8]?
        let name: String
        let email: String
        let time: Int
        let offset: Int
        let expectedMessage: String

        var testDescription: String { label }
    }

    private static let committer = "committer C <c@example.test> 1700000000 +0000"

    static let rows: [Row] = [
        Row(label: "spaces are trimmed", headers: ["author  Spaced   Name  <  spaced@example.test  > 1700000000 +0530", committer],
            message: Array("m\n".utf8), name: "Spaced   Name", email: "spaced@example.test", time: 1_700_000_000, offset: 330,
            expectedMessage: "m\n"),
        Row(label: "the first of two author lines wins", headers: ["author First <first@x.test> 1 +0100", "author Second <second@x.test> 2 +0200", committer],
            message: Array("m\n".utf8), name: "First", email: "first@x.test", time: 1, offset: 60, expectedMessage: "m\n"),
        Row(label: "the e-mail is in the last angle brackets; crud like '>' is trimmed off the name",
            headers: ["author A <b> <real@x.test> 5 -0130", committer],
            message: Array("m\n".utf8), name: "A <b", email: "real@x.test", time: 5, offset: -90, expectedMessage: "m\n"),
        Row(label: "quotes and dots around the name are trimmed", headers: ["author \"Dr. Q.\" <'q@x.test'> 7 +0000", committer],
            message: Array("m\n".utf8), name: "Dr. Q", email: "q@x.test", time: 7, offset: 0, expectedMessage: "m\n"),
        Row(label: "a zone past +14:59 is ignored", headers: ["author A <a@x.test> 1700000000 +1500", committer],
            message: Array("m\n".utf8), name: "A", email: "a@x.test", time: 1_700_000_000, offset: 0, expectedMessage: "m\n"),
        Row(label: "a zone with 75 minutes is ignored", headers: ["author A <a@x.test> 1700000000 -0575", committer],
            message: Array("m\n".utf8), name: "A", email: "a@x.test", time: 1_700_000_000, offset: 0, expectedMessage: "m\n"),
        Row(label: "no zone", headers: ["author A <a@x.test> 1700000000", committer],
            message: Array("m\n".utf8), name: "A", email: "a@x.test", time: 1_700_000_000, offset: 0, expectedMessage: "m\n"),
        Row(label: "no date", headers: ["author A <a@x.test>", committer],
            message: Array("m\n".utf8), name: "A", email: "a@x.test", time: 0, offset: 0, expectedMessage: "m\n"),
        Row(label: "no e-mail: kept, where libgit2 would fail the walk", headers: ["author Just A Name 1700000000 +0000", committer],
            message: Array("m\n".utf8), name: "Just A Name 1700000000 +0000", email: "", time: 0, offset: 0, expectedMessage: "m\n"),
        Row(label: "a signature's continuation lines are not headers",
            headers: ["author Jos\u{E9} <jose@x.test> 1700000000 +0100", committer,
                      "gpgsig -----BEGIN PGP SIGNATURE-----", " encoding KOI8-R", " ", " -----END PGP SIGNATURE-----",
                      "encoding ISO-8859-1"],
            message: Array("caf".utf8) + [0xE9] + Array("\n\nbody\n".utf8), name: "José", email: "jose@x.test",
            time: 1_700_000_000, offset: 60, expectedMessage: "café\n\nbody\n"),
        Row(label: "a NUL ends the message, as in libgit2 and git log", headers: ["author A <a@x.test> 1 +0000", committer],
            message: Array("before".utf8) + [0] + Array("after\n".utf8), name: "A", email: "a@x.test", time: 1, offset: 0,
            expectedMessage: "before"),
        Row(label: "no blank line: no message", headers: ["author A <a@x.test> 1 +0000", committer],
            message: nil, name: "A", email: "a@x.test", time: 1, offset: 0, expectedMessage: ""),
        Row(label: "a message of one newline", headers: ["author A <a@x.test> 1 +0000", committer],
            message: Array("\n".utf8), name: "A", email: "a@x.test", time: 1, offset: 0, expectedMessage: "\n"),
    ]

    @Test(arguments: rows)
    func unusualObjectsAreReadLikeLibgit2(row: Row) throws {
        let fixture = try TemporaryGitRepository()
        // Header lines are Latin-1 in the one row that says so; elsewhere they are ASCII.
        var object = Data("tree \(try emptyTree(in: fixture))\n".utf8)
        for line in row.headers {
            object.append(contentsOf: line.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
            object.append(0x0A)
        }
        if let message = row.message {
            object.append(0x0A)
            object.append(contentsOf: message)
        }
        let id = try writeCommit(object, in: fixture)

        var records: [CommitRecord] = []
        try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment).forEachCommit { records.append($0) }

        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.id == id)
        #expect(record.parents == [])
        #expect(record.authorName == row.name)
        #expect(record.authorEmail == row.email)
        #expect(record.authorDate == Date(timeIntervalSince1970: TimeInterval(row.time)))
        #expect(record.authorTimeZoneOffsetMinutes == row.offset)
        #expect(record.message == row.expectedMessage)
    }

    @Test func badParentLineIsALibgit2ErrorNamingTheCommit() throws {
        let fixture = try TemporaryGitRepository()
        let object = Data("tree \(try emptyTree(in: fixture))\nparent not-a-commit-id\nauthor A <a@x.test> 1 +0000\n\(Self.committer)\n\nm\n".utf8)
        let id = try writeCommit(object, in: fixture)

        let error = #expect(throws: GitError.self) {
            try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment).forEachCommit { _ in }
        }

        #expect(error?.kind == .libgit2)
        #expect(error?.message == "failed to parse commit \(id) - invalid parent header")
    }

    @Test func headPointingAtATreeIsAnError() throws {
        let fixture = try TemporaryGitRepository()
        // update-ref refuses to point a branch at a tree; write the ref file directly.
        try fixture.write(".git/refs/heads/main", try emptyTree(in: fixture) + "\n")

        let error = #expect(throws: GitError.self) {
            try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment).forEachCommit { _ in }
        }

        #expect(error?.kind == .libgit2)
    }

    private func emptyTree(in fixture: TemporaryGitRepository) throws -> String {
        try fixture.git("hash-object", "-t", "tree", "-w", "/dev/null").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stores `object` as a commit exactly as given (--literally skips git's format checks) and points main at it.
    private func writeCommit(_ object: Data, in fixture: TemporaryGitRepository) throws -> String {
        let file = fixture.root.appendingPathComponent("object-\(UUID().uuidString)")
        try object.write(to: file)
        let id = try fixture.git("hash-object", "-t", "commit", "--literally", "-w", file.path)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Written directly: update-ref would parse the commit and refuse the broken ones.
        try fixture.write(".git/refs/heads/main", id + "\n")
        return id
    }
}
