import CLibgit2
import Foundation

/// Process-wide libgit2 set-up and error translation.
enum Libgit2 {
    /// `git_libgit2_init` must precede every other libgit2 call. A static stored property is initialised
    /// lazily and exactly once (the runtime guards it with swift_once). libgit2 is never shut down: process
    /// exit reclaims everything.
    private static let initialization: Void = {
        git_libgit2_init()
        configure()
    }()

    static func initialize() {
        _ = initialization
    }

    /// The variables that say which configuration and attributes files git reads, as this process started
    /// with them: libgit2 found its files from HOME and XDG_CONFIG_HOME once, at start.
    private static let processConfigVariables = ConfigurationFiles.variables(ProcessInfo.processInfo.environment)

    /// Whether git run with `environment` reads the configuration and attributes files libgit2 reads in this
    /// process, so that a value libgit2 reads (core.trustctime, core.autocrlf, attributes) is the one git
    /// uses: the same HOME and XDG_CONFIG_HOME, and no GIT_CONFIG* or GIT_ATTR* variable in either, since
    /// libgit2 1.5 follows none of them (`-c` options, another global or system file, no system attributes).
    static func readsSameConfiguration(asGitWith environment: [String: String]) -> Bool {
        let variables = ConfigurationFiles.variables(environment)
        return variables == processConfigVariables && !variables.keys.contains(where: ConfigurationFiles.isGitOnly)
    }

    /// The repository format extensions a reader may ignore: `worktreeConfig` (set by `git sparse-checkout`
    /// and `git clone --sparse`) only adds a config file libgit2 does not read, and `partialClone` only says
    /// that missing objects may be fetched from a promisor, which a reader of commits and trees never needs
    /// (a blob-less clone has them all). libgit2 1.5 refuses to open a repository naming either.
    static let readableExtensions = ["worktreeconfig", "partialclone"]

    /// Public libgit2 options for reading a whole history once. Measured on 200 000 commits in one pack:
    /// the cache limits and pack windows take that walk from 1.5 s and 190 MB peak RSS to 1.2 s and 80 MB.
    private static func configure() {
        // Re-hashing every object read costs about a fifth of the walk; git does not verify on read either.
        _ = roadmap_git_disable_hash_verification()
        // Each commit and tree is read exactly once: caching them only holds the history in memory.
        _ = roadmap_git_set_cache_object_limit(GIT_OBJECT_COMMIT, 0)
        _ = roadmap_git_set_cache_object_limit(GIT_OBJECT_TREE, 0)
        // Small pack windows, so that pages a walk has passed are unmapped instead of staying resident.
        _ = roadmap_git_set_mwindow_size(1 << 20)
        _ = roadmap_git_set_mwindow_mapped_limit(4 << 20)
        let names = readableExtensions.map { strdup($0) }
        defer { for pointer in names { free(pointer) } }
        var pointers = names.map { UnsafePointer($0) }
        _ = pointers.withUnsafeMutableBufferPointer { roadmap_git_set_extensions($0.baseAddress, $0.count) }
    }

    /// Throws when a libgit2 call returned a negative (error) code. Must be called right after the failing
    /// call and on the same thread: libgit2 keeps the last error in thread-local storage.
    static func check(_ result: Int32, path: String?) throws {
        if result < 0 {
            throw error(code: result, path: path)
        }
    }

    static func error(code: Int32, path: String?) -> RoadmapError {
        let message = lastErrorMessage(code: code)
        return RoadmapError.file(path.map { "git error in \($0): \(message)" } ?? "git error: \(message)")
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

/// The environment variables that choose which configuration and attributes files git reads.
enum ConfigurationFiles {
    static func variables(_ environment: [String: String]) -> [String: String] {
        environment.filter { isGitOnly($0.key) || $0.key == "HOME" || $0.key == "XDG_CONFIG_HOME" }
    }

    /// A variable git follows and libgit2 1.5 does not.
    static func isGitOnly(_ name: String) -> Bool {
        name.hasPrefix("GIT_CONFIG") || name.hasPrefix("GIT_ATTR")
    }
}
