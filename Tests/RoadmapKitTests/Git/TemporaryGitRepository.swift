import Foundation

/// A throwaway git repository made with the real `git` CLI, for integration tests.
///
/// Everything lives under `root` (the repository itself is `root/repo`; clones, worktrees and plain
/// directories a test makes go beside it), and `root` is deleted when the value is released.
/// git runs isolated from the machine: no global or system config, fixed identity, fixed and
/// increasing dates, and none of the caller's GIT_* variables (a test run from a hook must not leak GIT_DIR).
final class TemporaryGitRepository {
    struct CommandFailure: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let standardError: String
        var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(standardError)" }
    }

    static let authorName = "Ada Tester"
    static let authorEmail = "ada@example.test"
    /// The first commit's time; each commit advances it by a minute.
    static let firstCommitTime = 1_700_000_000

    let root: URL
    /// The work tree (or, for a bare repository, the repository directory).
    let directory: URL
    private(set) var nextCommitTime = TemporaryGitRepository.firstCommitTime

    /// Makes `root/repo` with `git init` on branch `main`.
    init(bare: Bool = false) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("roadmap-git-tests-\(UUID().uuidString)", isDirectory: true)
            .resolvingSymlinksInPath()
        directory = root.appendingPathComponent("repo", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var arguments = ["init", "--quiet", "--initial-branch=main"]
        if bare { arguments.append("--bare") }
        arguments.append(directory.path)
        try git(arguments, in: root)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment every git command gets, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": root.path,
            "LC_ALL": "C",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": Self.authorName,
            "GIT_AUTHOR_EMAIL": Self.authorEmail,
            "GIT_COMMITTER_NAME": Self.authorName,
            "GIT_COMMITTER_EMAIL": Self.authorEmail,
            "GIT_AUTHOR_DATE": "@\(Self.firstCommitTime) +0000",
            "GIT_COMMITTER_DATE": "@\(Self.firstCommitTime) +0000",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs git (in the repository unless told otherwise) and returns its standard output as text.
    @discardableResult
    func git(_ arguments: [String], in workingDirectory: URL? = nil, environment extra: [String: String] = [:]) throws
        -> String
    {
        String(decoding: try gitOutput(arguments, in: workingDirectory, environment: extra), as: UTF8.self)
    }

    @discardableResult
    func git(_ arguments: String..., in workingDirectory: URL? = nil, environment extra: [String: String] = [:]) throws
        -> String
    {
        try git(arguments, in: workingDirectory, environment: extra)
    }

    /// Runs git and returns its standard output as bytes.
    func gitOutput(
        _ arguments: [String], in workingDirectory: URL? = nil, environment extra: [String: String] = [:],
        input: URL? = nil
    ) throws -> Data {
        // Output goes to files rather than pipes: a full pipe nobody reads yet would block git forever.
        let token = UUID().uuidString
        let outputFile = root.appendingPathComponent(".git-stdout-\(token)")
        let errorFile = root.appendingPathComponent(".git-stderr-\(token)")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let outputHandle = try FileHandle(forWritingTo: outputFile)
        let errorHandle = try FileHandle(forWritingTo: errorFile)

        let process = Process()
        process.executableURL = Self.gitExecutable
        process.arguments = ["-c", "user.name=\(Self.authorName)", "-c", "user.email=\(Self.authorEmail)"] + arguments
        process.currentDirectoryURL = workingDirectory ?? directory
        process.environment = environment(extra)
        process.standardInput = try input.map(FileHandle.init(forReadingFrom:)) ?? FileHandle.nullDevice
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()

        guard process.terminationStatus == 0 else {
            let standardError = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw CommandFailure(arguments: arguments, status: process.terminationStatus, standardError: standardError)
        }
        return try Data(contentsOf: outputFile)
    }

    /// Feeds `stream` to `git fast-import` (a long history in one process) and checks out its `main`.
    func fastImport(_ stream: String) throws {
        let file = root.appendingPathComponent(".fast-import-\(UUID().uuidString)")
        try Data(stream.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try gitOutput(["fast-import", "--quiet"], input: file)
        try git("symbolic-ref", "HEAD", "refs/heads/main")
        try git("reset", "--quiet", "--hard", "main")
    }

    /// A base commit, then `rounds` times: a topic commit, a main commit, and a --no-ff merge of the topic.
    /// Returns a `git clone --depth` of it (file://, so the depth applies) in `root/shallow`.
    func shallowCloneOfMerges(rounds: Int = 3, depth: Int) throws -> URL {
        try commit("base\n")
        for round in 1...rounds {
            try git("checkout", "--quiet", "-B", "topic")
            try write("topic.txt", "\(round)\n")
            try commit("topic \(round)\n")
            try git("checkout", "--quiet", "main")
            try write("main.txt", "\(round)\n")
            try commit("main \(round)\n")
            try git("merge", "--quiet", "--no-ff", "--no-edit", "topic")
        }
        let clone = root.appendingPathComponent("shallow", isDirectory: true)
        try git("clone", "--quiet", "--depth", String(depth), "file://\(directory.path)", clone.path, in: root)
        return clone
    }

    /// Writes a file (creating folders) relative to the work tree.
    func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, data: Data(contents.utf8))
    }

    func write(_ relativePath: String, data: Data) throws {
        let file = directory.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// A repository with `files` (path, contents) committed as "start", its index written in
    /// `indexVersion` when given.
    static func committing(_ files: [(path: String, contents: String)], indexVersion: Int? = nil) throws
        -> TemporaryGitRepository
    {
        let fixture = try TemporaryGitRepository()
        for file in files { try fixture.write(file.path, file.contents) }
        if let indexVersion { try fixture.git("update-index", "--index-version", String(indexVersion)) }
        try fixture.commit("start\n")
        return fixture
    }

    /// Stages everything and commits with exactly `message`; returns the new commit's id.
    @discardableResult
    func commit(_ message: String, timeZone: String = "+0000", author: (name: String, email: String)? = nil) throws
        -> String
    {
        try commit(messageBytes: Data(message.utf8), timeZone: timeZone, author: author)
    }

    /// Commits raw message bytes (which need not be UTF-8). `configuration` entries are passed as `-c` options,
    /// e.g. "i18n.commitEncoding=ISO-8859-1" to record an encoding header.
    @discardableResult
    func commit(
        messageBytes: Data,
        timeZone: String = "+0000",
        author: (name: String, email: String)? = nil,
        configuration: [String] = []
    ) throws -> String {
        let messageFile = root.appendingPathComponent(".commit-message-\(UUID().uuidString)")
        try messageBytes.write(to: messageFile)
        defer { try? FileManager.default.removeItem(at: messageFile) }

        let date = "@\(nextCommitTime) \(timeZone)"
        nextCommitTime += 60
        var extra = ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]
        if let author {
            extra["GIT_AUTHOR_NAME"] = author.name
            extra["GIT_AUTHOR_EMAIL"] = author.email
        }
        try git("add", "--all")
        let options = configuration.flatMap { ["-c", $0] }
        // --cleanup=verbatim keeps the message byte for byte, so tests can compare it exactly.
        try git(
            options + [
                "commit", "--quiet", "--allow-empty", "--no-verify", "--cleanup=verbatim", "--file", messageFile.path,
            ],
            environment: extra)
        return try revParse("HEAD")
    }

    /// Writes a commit object by hand on top of HEAD and moves the branch to it; returns its id.
    /// Unlike `git commit`, which rewrites a message that is not valid UTF-8 as if it were Latin-1,
    /// this stores `messageBytes` untouched (`headers` are extra header lines, e.g. "encoding KOI8-R").
    @discardableResult
    func commitObject(messageBytes: Data, headers: [String] = []) throws -> String {
        let tree = try revParse("HEAD^{tree}")
        let parent = try revParse("HEAD")
        let signature = "\(Self.authorName) <\(Self.authorEmail)> \(nextCommitTime) +0000"
        nextCommitTime += 60
        let header = (["tree \(tree)", "parent \(parent)", "author \(signature)", "committer \(signature)"] + headers)
            .joined(separator: "\n")
        let objectFile = root.appendingPathComponent(".commit-object-\(UUID().uuidString)")
        try (Data(header.utf8) + Data("\n\n".utf8) + messageBytes).write(to: objectFile)
        defer { try? FileManager.default.removeItem(at: objectFile) }
        let id = try git("hash-object", "-t", "commit", "-w", objectFile.path).trimmingCharacters(
            in: .whitespacesAndNewlines)
        try git("update-ref", "HEAD", id)
        return id
    }

    func revParse(_ revision: String, in workingDirectory: URL? = nil) throws -> String {
        try git("rev-parse", "--verify", revision, in: workingDirectory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Non-empty lines of a git command's output.
    func gitLines(_ arguments: String..., in workingDirectory: URL? = nil) throws -> [String] {
        try git(arguments, in: workingDirectory).split(separator: "\n").map(String.init)
    }

    /// A new empty directory under `root`.
    func makeDirectory(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static let gitExecutable: URL = {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("git")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "/usr/bin/git")
    }()
}

extension TemporaryGitRepository {
    /// An environment for `GitRepository.open` that keeps discovery inside `root`, whatever lies above it.
    var confinedEnvironment: [String: String] {
        ["GIT_CEILING_DIRECTORIES": root.path]
    }
}
