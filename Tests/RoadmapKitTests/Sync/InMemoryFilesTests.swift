import Foundation
import Testing

@testable import RoadmapKit

/// FileAccess's second implementation: files held in memory, so that a sync can be planned and written
/// against a real repository without the tracker ever being on disk.
/// `@unchecked Sendable` is safe: `files` is read and written only inside `lock.withLock`.
final class InMemoryFiles: FileAccess, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]]

    init(_ files: [String: [UInt8]]) { self.files = files }

    subscript(path: String) -> [UInt8]? { lock.withLock { files[path] } }

    func read(_ path: String) throws -> [UInt8] {
        guard let bytes = self[path] else { throw ReadError(path: path, reason: .missing) }
        return bytes
    }

    func exists(_ path: String) -> Bool { self[path] != nil }

    func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        lock.withLock { files[path] = bytes }
    }
}

@Suite struct InMemoryFilesTests {
    @Test func aSyncReadsAndWritesTheTrackerThroughFileAccess() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("finished #streams\n")
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let tracker = repository.workingDirectory.appendingPathComponent("README.md").path
        let files = InMemoryFiles([tracker: Fixture.bytes("seed-clean.md")])

        let workspace = try Workspace.load(root: repository.workingDirectory, file: nil, files: files)
        let plan = try Synchronizer.plan(workspace: workspace, repository: repository, files: files)
        #expect(plan.changes.map(\.id) == [ItemID(phase: 1, slug: "streams")])
        try Synchronizer.write(plan, lockDirectory: repository.gitDirectory, files: files)

        #expect(files[tracker] == plan.output)
        #expect(!FileManager.default.fileExists(atPath: tracker), "nothing was written to disk")
        let again = try Synchronizer.plan(
            workspace: try Workspace.load(root: repository.workingDirectory, file: nil, files: files),
            repository: repository, files: files)
        #expect(!again.changed)
    }
}
