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
        guard let git = ChildProcess.executable(named: "git", environment: environment) else { return nil }
        self.executable = git
        self.environment = environment
        self.directory = directory
    }

    /// Runs `git <arguments>`; a status other than 0 is the caller's to judge.
    public func run(_ arguments: [String]) throws -> Result {
        try start(arguments)()
    }

    /// Starts `git <arguments>` and returns what waits for it: several started at once run side by side.
    func start(_ arguments: [String]) throws -> () throws -> Result {
        let running = try ChildProcess.start(executable, ["-C", directory.path] + arguments, environment: environment)
        return {
            let result = try running.finish()
            return Result(
                status: result.status, output: result.output, errors: String(decoding: result.errors, as: UTF8.self))
        }
    }

    /// Runs `git <arguments>` and throws git's first line of complaint when it fails. `meanwhile` runs on
    /// this thread while git works: the caller's own work there costs nothing.
    @discardableResult
    public func succeed(_ arguments: [String], meanwhile: () -> Void = {}) throws -> Result {
        let finish = try start(arguments)
        meanwhile()
        let result = try finish()
        guard result.status == 0 else {
            throw RoadmapError.file("git \(arguments.first ?? "") failed: \(result.firstErrorLine)")
        }
        return result
    }
}

extension GitCommand {
    /// `git commit --amend --no-edit --no-verify --only -- paths`: HEAD's commit with these files as the
    /// work tree holds them, and the index updated for them, all by git. git runs post-commit again for
    /// the amend: the environment must carry the hook's guard.
    ///
    /// When nothing else is staged (as right after most commits), `--include` gives the same commit and
    /// index, cheaper: `--only` builds a second index from HEAD and writes both (640 against 270 ms at
    /// 100 000 files). Both hold `index.lock` until the new HEAD is in place.
    public func amendHead(only paths: [String], othersStaged: Bool, meanwhile: () -> Void = {}) throws {
        let way = othersStaged ? "--only" : "--include"
        try succeed(
            ["commit", "--quiet", "--amend", "--no-edit", "--no-verify", way, "--"] + paths.map(Self.pathspec),
            meanwhile: meanwhile)
    }

    /// `git commit --only -m message -- paths`: a separate commit of these files.
    public func commit(only paths: [String], message: String) throws {
        try succeed(
            ["commit", "--quiet", "--no-verify", "--only", "--cleanup=verbatim", "-m", message, "--"]
                + paths.map(Self.pathspec))
    }

    /// `path` (from the top of the work tree) exactly, whatever folder git runs in and whatever it holds.
    static func pathspec(_ path: String) -> String {
        ":(top,literal)" + path
    }
}
