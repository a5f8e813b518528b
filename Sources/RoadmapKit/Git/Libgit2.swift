import CLibgit2
import CLibgit2Startup
import Foundation
import Synchronization

/// Process-wide libgit2 set-up and error translation.
enum Libgit2 {
    /// `git_libgit2_init` must precede every other libgit2 call. A static stored property is initialised
    /// lazily and exactly once even under concurrent first use (the runtime guards it with swift_once).
    /// libgit2 is never shut down: shutting down while another thread still holds a repository would free
    /// state under it, and process exit reclaims everything anyway.
    private static let initializationCount: Int32 = {
        let count = git_libgit2_init()
        tuneForHistoryWalks()
        return count
    }()

    static func initialize() {
        _ = initializationCount
    }

    /// Starts `initialize()` on another thread, while the command line and the configuration are parsed:
    /// what is left of libgit2's start-up once CLibgit2Startup answers its certificate and libssh2 calls
    /// (allocators, settings, the thread-local error state). The first real use waits for it (the static is
    /// initialised once, under swift_once).
    /// A process must not exit meanwhile (`waitForBackgroundInitialization`).
    static func initializeInBackground() {
        backgroundInitialization.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            initialize()
            backgroundInitializationsFinished.withLock { $0 += 1 }
            backgroundInitialization.leave()
        }
    }

    /// Called before the process exits. Exiting while the start-up runs crashed one `roadmap --version` in
    /// thirty: exit runs OpenSSL's clean-up (an atexit handler its start-up registers, so an earlier one of
    /// ours would run after it) under the thread still starting it.
    static func waitForBackgroundInitialization() {
        backgroundInitialization.wait()
    }

    private static let backgroundInitialization = DispatchGroup()

    /// How often libgit2's start-up asked for the system's CA certificates and got none (CLibgit2Startup):
    /// once per process with Debian's mbedTLS build, never with an OpenSSL one.
    static var certificateFilesSkipped: Int { Int(roadmap_certificate_files_skipped()) }
    static var sshStartsSkipped: Int { Int(roadmap_ssh_starts_skipped()) }
    static let backgroundInitializationsFinished = Mutex(0)

    /// Process-wide settings for reading a whole history once (CommitReader). Measured on 200 000 commits
    /// in one pack: together they take that walk from 1.5 s and 190 MB peak RSS to 1.2 s and 80 MB.
    private static func tuneForHistoryWalks() {
        // Re-hashing every object read costs about a fifth of the walk; git does not verify on read either,
        // and the history is read for evidence, not to check the repository's integrity.
        _ = roadmap_git_disable_hash_verification()
        // Each commit is read exactly once, so caching commits only holds the whole history in memory
        // (the cache's default 256 MB soft limit). A small overall cache limit instead
        // makes libgit2 evict constantly, which measured slower than no caching at all.
        _ = roadmap_git_set_cache_object_limit(GIT_OBJECT_COMMIT, 0)
        // A tree walk reads each tree once too: caching 100 000 trees only costs memory.
        _ = roadmap_git_set_cache_object_limit(GIT_OBJECT_TREE, 0)
        // Map packs through small windows (default: 1 GB windows, 8 GB in total) so the pages a walk has
        // touched are unmapped as it moves on instead of all staying resident; no measurable cost. 1 MB
        // windows and 4 MB in all walk 200 000 commits as fast as 2 MB and 8 MB, with 4 MB less peak RSS.
        _ = roadmap_git_set_mwindow_size(1 << 20)
        _ = roadmap_git_set_mwindow_mapped_limit(4 << 20)
    }

    /// Throws a `.libgit2` GitError when a libgit2 call returned a negative (error) code.
    /// Must be called right after the failing call and on the same thread: libgit2 keeps the last
    /// error in thread-local storage and the next call may overwrite it.
    static func check(_ result: Int32, path: String?) throws {
        if result < 0 {
            throw error(code: result, path: path)
        }
    }

    static func error(code: Int32, path: String?) -> GitError {
        GitError(kind: .libgit2, path: path, message: lastErrorMessage(code: code))
    }

    private static func lastErrorMessage(code: Int32) -> String {
        // libgit2 1.5 returns NULL when nothing was recorded (e.g. a callback aborted the operation).
        guard let error = git_error_last(), let message = error.pointee.message else {
            return "libgit2 failed with error code \(code)"
        }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "libgit2 failed with error code \(code)" : text
    }
}
