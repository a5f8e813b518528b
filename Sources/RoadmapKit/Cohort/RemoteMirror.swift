import Foundation

/// A learner's repository kept in the cohort's cache folder: cloned the first time, then fetched (only the
/// objects it lacks), with its work tree checked out at the fetched branch so the sync engine reads it like
/// any other repository. The folder is the cohort's own, so its caches live in it too.
///
/// libgit2 clones and fetches what it has a transport for (Libgit2Remote); other URLs go through `git clone`
/// and `git fetch`, which write only into the cache.
public enum RemoteMirror {
    /// The up-to-date work tree of `url`'s clone under `cache`.
    public static func update(url: String, in cache: URL, environment: [String: String]) throws -> URL {
        let folder = cache.appendingPathComponent(folderName(url), isDirectory: true)
        let useGit = Libgit2Remote.lacksTransport(for: url)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
            if useGit {
                try runGit(["-C", folder.path, "fetch", "--quiet", "origin"], url: url, environment: environment)
                try runGit(
                    ["-C", folder.path, "reset", "--quiet", "--hard", "@{upstream}"], url: url, environment: environment
                )
            } else {
                try Libgit2Remote.fetch(into: folder, url: url)
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
            try Libgit2Remote.clone(url: url, into: partial)
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
