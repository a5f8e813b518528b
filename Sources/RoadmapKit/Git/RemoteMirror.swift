import CLibgit2
import Foundation

/// A learner's repository kept in the cohort's cache folder: cloned the first time, then fetched (only the
/// objects it lacks), with its work tree checked out at the fetched branch so the sync engine reads it like
/// any other repository. The folder is the cohort's own, so its caches live in it too.
///
/// libgit2 clones and fetches `file://` URLs and local repositories, and network URLs when it was built with
/// their transport. The release binary's libgit2 has no HTTPS or SSH (Scripts/build-libgit2.sh): those URLs
/// go through `git clone` and `git fetch` instead, which writes only into the cache, through git.
public enum RemoteMirror {
    /// The up-to-date work tree of `url`'s clone under `cache`.
    public static func update(url: String, in cache: URL, environment: [String: String]) throws -> URL {
        Libgit2.initialize()
        let folder = cache.appendingPathComponent(folderName(url), isDirectory: true)
        let useGit = needsGit(url)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
            if useGit {
                try runGit(["-C", folder.path, "fetch", "--quiet", "origin"], url: url, environment: environment)
                try runGit(
                    ["-C", folder.path, "reset", "--quiet", "--hard", "@{upstream}"], url: url, environment: environment
                )
            } else {
                try fetchWithLibgit2(folder: folder, url: url)
            }
            return folder
        }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        // Cloned beside the final folder and renamed into place: a run killed mid-clone leaves no half clone
        // that the next run would take for a finished one.
        let partial = cache.appendingPathComponent(".\(folder.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: partial)
        defer { try? FileManager.default.removeItem(at: partial) }
        if useGit {
            try runGit(["clone", "--quiet", "--", url, partial.path], url: url, environment: environment)
        } else {
            try cloneWithLibgit2(url: url, into: partial)
        }
        do {
            try FileManager.default.moveItem(at: partial, to: folder)
        } catch {
            throw RoadmapError.file("cannot move the clone of \(url) into \(folder.path)")
        }
        return folder
    }

    /// Held while `url`'s clone is made or fetched and read: `.locks/<its folder's name>` in the cache, an
    /// advisory lock the kernel drops should the holder die. A clone can take minutes, so it waits long.
    public static func lock(url: String, in cache: URL) throws -> FileLock {
        let locks = cache.appendingPathComponent(".locks", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        } catch {
            throw RoadmapError.file("cannot create \(locks.path)")
        }
        return try FileLock(path: locks.appendingPathComponent(folderName(url)).path, timeout: 900)
    }

    /// `alice-1f2e…`: readable in a listing, and unique per URL (two owners' `roadmap` repositories).
    static func folderName(_ url: String) -> String {
        let hash = StableHash.adding(url.utf8, to: StableHash.seed)
        let last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "repository"
        let readable = String(
            last.replacingOccurrences(of: ".git", with: "").map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        return "\(readable.isEmpty ? "repository" : readable)-\(String(hash, radix: 16))"
    }

    /// A network URL this libgit2 has no transport for.
    static func needsGit(_ url: String) -> Bool {
        let features = git_libgit2_features()
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            return features & Int32(GIT_FEATURE_HTTPS.rawValue) == 0
        }
        if url.hasPrefix("ssh://") || url.hasPrefix("git@") {
            return features & Int32(GIT_FEATURE_SSH.rawValue) == 0
        }
        return false
    }

    private static func cloneWithLibgit2(url: String, into folder: URL) throws {
        var options = git_clone_options()
        git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION))
        options.checkout_opts.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        var handle: OpaquePointer?
        let result = git_clone(&handle, url, folder.path, &options)
        if result < 0 { throw Libgit2.error(code: result, path: url) }
        git_repository_free(handle)
    }

    /// Fetches origin, moves the checked-out branch to origin's copy of it, and checks it out by force: the
    /// cache's work tree is ours, so whatever it held is replaced.
    private static func fetchWithLibgit2(folder: URL, url: String) throws {
        var handle: OpaquePointer?
        try Libgit2.check(git_repository_open(&handle, folder.path), path: folder.path)
        defer { git_repository_free(handle) }
        var remote: OpaquePointer?
        try Libgit2.check(git_remote_lookup(&remote, handle, "origin"), path: folder.path)
        defer { git_remote_free(remote) }
        var fetch = git_fetch_options()
        git_fetch_options_init(&fetch, UInt32(GIT_FETCH_OPTIONS_VERSION))
        fetch.prune = GIT_FETCH_PRUNE
        let fetched = git_remote_fetch(remote, nil, &fetch, "cohort: fetch")
        if fetched < 0 { throw Libgit2.error(code: fetched, path: url) }

        var head: OpaquePointer?
        try Libgit2.check(git_reference_lookup(&head, handle, "HEAD"), path: folder.path)
        defer { git_reference_free(head) }
        guard let target = git_reference_symbolic_target(head).map({ String(cString: $0) }),
            target.hasPrefix("refs/heads/")
        else { throw RoadmapError.file("the clone of \(url) in \(folder.path) is on no branch") }
        let branch = target.dropFirst("refs/heads/".count)
        var upstream = git_oid()
        let found = git_reference_name_to_id(&upstream, handle, "refs/remotes/origin/\(branch)")
        if found < 0 {
            throw RoadmapError.file("\(url) has no branch \(branch) any more; remove \(folder.path) to clone it again")
        }
        var moved: OpaquePointer?
        try Libgit2.check(
            git_reference_create(&moved, handle, target, &upstream, 1, "cohort: fast-forward to origin"),
            path: folder.path)
        git_reference_free(moved)
        var checkout = git_checkout_options()
        git_checkout_options_init(&checkout, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        checkout.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue
        try Libgit2.check(git_checkout_head(handle, &checkout), path: folder.path)
    }

    private static func runGit(_ arguments: [String], url: String, environment: [String: String]) throws {
        guard let git = ChildProcess.executable(named: "git", environment: environment) else {
            throw RoadmapError.file("cannot read \(url): it needs git on PATH, and none was found")
        }
        // No prompt for a password: a cohort run in CI must fail, not wait.
        var quiet = environment
        quiet["GIT_TERMINAL_PROMPT"] = "0"
        let result = try ChildProcess.run(git, arguments, environment: quiet)
        guard result.status == 0 else {
            let reason = String(decoding: result.errors, as: UTF8.self).split(separator: "\n").last.map(String.init)
            throw RoadmapError.file("cannot fetch \(url): \(reason ?? "git exited with \(result.status)")")
        }
    }
}
