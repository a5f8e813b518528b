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

    /// Runs `git <arguments>` and throws git's first line of complaint when it fails.
    @discardableResult
    public func succeed(_ arguments: [String]) throws -> Result {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw RoadmapError.file("git \(arguments.first ?? "") failed: \(result.firstErrorLine)")
        }
        return result
    }
}

extension GitCommand {
    /// The files at `paths` (relative to the top of the work tree) before the hook writes them. Each git
    /// here only reads, and they run side by side: at 100 000 files each reads the 13 MB index (~33 ms).
    /// - Parameter headEntry: HEAD's mode and blob id at a path (`GitRepository.headEntry`), nil when none.
    public func foldCheck(of paths: [String], headEntry: (String) throws -> String?) throws -> FoldCheck {
        // -t -v: the tag says skip-worktree (S) and assume-unchanged (lower case); -s: the staged mode and
        // blob, compared with HEAD's without another git. Nothing listed: untracked. (-m would say whether
        // the stat data differ, but checks every entry of the index: 280 ms at 100 000 files.)
        let listings = try paths.map { try start(["ls-files", "-s", "-t", "-v", "--", Self.pathspec($0)]) }
        // The work tree against the index by content, through git's filters: a clean filter or autocrlf can
        // make a file that differs on disk equal to what is staged. No optional locks: nothing is written.
        let diffs = try paths.map {
            try start(["--no-optional-locks", "diff", "--quiet", "--ignore-submodules=all", "--", Self.pathspec($0)])
        }
        let staged = try start(["--no-optional-locks", "diff", "--cached", "--quiet"])
        var states: [FoldableState] = []
        for (index, path) in paths.enumerated() {
            states.append(try state(of: path, listed: listings[index](), diff: diffs[index](), headEntry: headEntry))
        }
        return FoldCheck(states: states, othersStaged: try staged().status != 0)
    }

    private func state(of path: String, listed: Result, diff: Result, headEntry: (String) throws -> String?) throws
        -> FoldableState
    {
        guard listed.status == 0 else { throw RoadmapError.file("git ls-files failed: \(listed.firstErrorLine)") }
        if listed.output.isEmpty {
            return try run(["check-ignore", "-q", "--", ":(top)" + path]).status == 0 ? .ignored : .untracked
        }
        let entries = listed.text.split(separator: "\n")
        // More than one entry: a conflict (stages 1 to 3).
        guard entries.count == 1, let entry = entries.first, let tag = entry.first else { return .changed }
        if tag == "S" || tag == "s" { return .skipWorktree }
        if tag.isLowercase { return .assumeUnchanged }
        // "H 100644 <blob> 0\tpath"
        let fields = entry.split(separator: " ", maxSplits: 3)
        guard tag == "H", fields.count == 4, try headEntry(path) == "\(fields[1]) \(fields[2])" else { return .changed }
        switch diff.status {
        case 0: return .clean
        case 1: return .changed
        default: throw RoadmapError.file("git diff failed for \(path): \(diff.firstErrorLine)")
        }
    }

    /// `git commit --amend --no-edit --no-verify --only -- paths`: HEAD's commit with these files as the
    /// work tree holds them, and the index updated for them, all by git. git runs post-commit again for
    /// the amend: the environment must carry the hook's guard.
    ///
    /// When nothing else is staged (as right after most commits), `--include` gives the same commit and
    /// index, cheaper: `--only` builds a second index from HEAD and writes both (640 against 270 ms at
    /// 100 000 files). Both hold `index.lock` until the new HEAD is in place.
    public func amendHead(only paths: [String], othersStaged: Bool) throws {
        let way = othersStaged ? "--only" : "--include"
        try succeed(["commit", "--quiet", "--amend", "--no-edit", "--no-verify", way, "--"] + paths.map(Self.pathspec))
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
