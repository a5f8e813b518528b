import CLibgit2
import Foundation

/// Process-wide libgit2 set-up and error translation.
enum Libgit2 {
    /// `git_libgit2_init` must precede every other libgit2 call. A static stored property is initialised
    /// lazily and exactly once even under concurrent first use (the runtime guards it with swift_once).
    /// libgit2 is never shut down: shutting down while another thread still holds a repository would free
    /// state under it, and process exit reclaims everything anyway.
    private static let initializationCount: Int32 = git_libgit2_init()

    static func initialize() {
        _ = initializationCount
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
