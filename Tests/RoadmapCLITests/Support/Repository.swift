import Foundation
import Testing

/// A real temporary git repository driven by the git CLI, for running the binary against.
final class Repository {
    let folder: TemporaryFolder
    var url: URL { folder.url }
    private var clock = 1_700_000_000

    init(initialize: Bool = true) throws {
        folder = try TemporaryFolder()
        if initialize { try git("init", "-q", "-b", "main") }
    }

    /// A repository with an identity of its own and the embedded roadmap committed.
    static func withEmbeddedRoadmap() throws -> Repository {
        let repository = try Repository()
        try repository.git("config", "user.name", "Ada Learner")
        try repository.git("config", "user.email", "ada@example.com")
        #expect(try repository.roadmap("init").status == 0)
        try repository.commit("chore: start the roadmap")
        return repository
    }

    @discardableResult
    func git(_ arguments: String...) throws -> CLI.Result {
        try git(arguments)
    }

    @discardableResult
    func git(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        clock += 60
        let dates = ["GIT_AUTHOR_DATE": "@\(clock) +0000", "GIT_COMMITTER_DATE": "@\(clock) +0000"]
        return try Shell.git(arguments, in: url, environment: dates.merging(environment) { _, new in new })
    }

    func write(_ path: String, _ text: String) throws { try folder.write(path, text) }

    func commit(_ message: String, all: Bool = true) throws {
        if all { try git("add", "-A") }
        try git(["commit", "-q", "--allow-empty", "-m", message])
    }

    /// Commits with a message given as raw bytes (for encodings and huge messages).
    func commit(messageFile bytes: [UInt8], extra: [String] = []) throws {
        let file = url.appendingPathComponent(".git/roadmap-test-message")
        try Data(bytes).write(to: file)
        try git(extra + ["commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", file.path])
    }

    func head() throws -> String {
        try git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func roadmap(_ arguments: String..., environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments, in: url, environment: environment)
    }

    func text(_ path: String = "README.md") throws -> String { try folder.text(path) }

    func line(containing needle: String, in path: String = "README.md") throws -> String {
        try text(path).components(separatedBy: "\n").first { $0.contains(needle) } ?? ""
    }
}
