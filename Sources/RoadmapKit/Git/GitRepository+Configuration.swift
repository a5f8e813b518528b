import CLibgit2
import Foundation

extension GitRepository {
    /// A configuration value as a string (e.g. "core.hooksPath"), nil if unset. Read from every level libgit2
    /// knows (repository, worktree, global, XDG, system; includes followed), the last value winning, and
    /// re-read when a config file changed on disk. A key given without value (`[core] bare`) reads as "".
    /// git's `-c` options (GIT_CONFIG_PARAMETERS) are not seen: libgit2 1.5 does not read them.
    public func configString(_ key: String) throws -> String? {
        try withHandle { handle in
            var config: OpaquePointer?
            try Libgit2.check(git_repository_config(&config, handle), path: gitDirectory.path)
            defer { git_config_free(config) }
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            let result = git_config_get_string_buf(&buffer, config, key)
            if result == GIT_ENOTFOUND.rawValue {
                git_error_clear()
                return nil
            }
            try Libgit2.check(result, path: gitDirectory.path)
            guard let bytes = buffer.ptr else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: bytes, count: buffer.size), as: UTF8.self)
        }
    }

    /// The folder git runs hooks from: core.hooksPath when set (a leading `~/` or `~user/` expanded; a
    /// relative value taken from the work tree's root, where git runs hooks), else `<common git dir>/hooks`,
    /// which linked worktrees share. An empty core.hooksPath counts as unset. "." components are removed
    /// and ".." kept: resolving it textually could differ from the file system when a symlink precedes it.
    public func hooksDirectory() throws -> URL {
        guard let configured = try configString("core.hooksPath"), !configured.isEmpty else {
            return commonDirectory.appendingPathComponent("hooks", isDirectory: true)
        }
        let expanded = try Self.expandingTilde(in: configured, gitDirectory: gitDirectory.path)
        let absolute = expanded.hasPrefix("/") ? expanded : workingDirectory.path + "/" + expanded
        let components = absolute.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return URL(fileURLWithPath: "/" + components.joined(separator: "/"), isDirectory: true)
    }

    /// git's interpolate_path: "~" and "~/…" are $HOME, "~user/…" is that user's home folder.
    private static func expandingTilde(in path: String, gitDirectory: String) throws -> String {
        guard path.hasPrefix("~") else { return path }
        let afterTilde = path.dropFirst()
        let user = afterTilde.prefix { $0 != "/" }
        let rest = afterTilde.dropFirst(user.count)
        let home: String?
        if user.isEmpty {
            home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        } else {
            home = FileManager.default.homeDirectory(forUser: String(user))?.path
        }
        guard let home else {
            throw RoadmapError.file("cannot expand '\(path)' in core.hooksPath: no home folder for ~\(user)")
        }
        return home + rest
    }
}
