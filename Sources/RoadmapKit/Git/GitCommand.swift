import Foundation

/// `git` itself, as the user's shell would run it: the first `git` on PATH, the caller's environment, in
/// the caller's folder. Everything that changes a user's repository goes through here, so that filters,
/// line-ending rules, signing, identity from the environment, sparse and skip-worktree entries and
/// `index.lock` behave exactly as git makes them behave.
public struct GitCommand: Sendable {
    public let executable: String
    public let environment: [String: String]
    /// Where git runs (`git -C`); relative GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE are taken from here,
    /// as a hook's are from the top of the work tree it runs in.
    public let directory: URL

    public struct Result: Sendable {
        public var status: Int32
        public var output: [UInt8]
        public var errors: String

        public var text: String { String(decoding: output, as: UTF8.self) }
        /// git's first line of complaint, for a one-line message.
        public var firstErrorLine: String {
            errors.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(status)"
        }
    }

    /// nil when no `git` is on the environment's PATH.
    public init?(environment: [String: String], directory: URL) {
        let candidates = (environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/git" }
        guard let git = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        self.executable = git
        self.environment = environment
        self.directory = directory
    }

    /// Runs `git <arguments>`; a status other than 0 is the caller's to judge.
    public func run(_ arguments: [String], input: [UInt8]? = nil) throws -> Result {
        let result = try ChildProcess.run(executable, ["-C", directory.path] + arguments, environment: environment, input: input)
        return Result(status: result.status, output: result.output, errors: String(decoding: result.errors, as: UTF8.self))
    }

    /// Runs `git <arguments>` and throws git's first line of complaint when it fails.
    @discardableResult
    public func succeed(_ arguments: [String], input: [UInt8]? = nil) throws -> Result {
        let result = try run(arguments, input: input)
        guard result.status == 0 else {
            throw RoadmapError.file("git \(arguments.first ?? "") failed: \(result.firstErrorLine)")
        }
        return result
    }
}
