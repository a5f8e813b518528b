import Foundation

extension GitRepository {
    /// The folder git runs hooks from: core.hooksPath when set (a leading `~/` or `~user/` expanded; a
    /// relative value taken from the work tree's root, where git runs hooks), else `<common git dir>/hooks`,
    /// which linked worktrees share. An empty core.hooksPath counts as unset. "." components are removed
    /// and ".." kept: resolving it textually could differ from the file system when a symlink precedes it.
    ///
    /// core.hooksPath is read by libgit2 where git reads the same configuration files, else asked of `git`
    /// (`-c` options or GIT_CONFIG_GLOBAL, which libgit2 1.5 does not follow, would put the hook where git
    /// never looks).
    public func hooksDirectory(askingWhereNeeded git: GitCommand? = nil) throws -> URL {
        let configured: String?
        if let git, !Libgit2.readsSameConfiguration(asGitWith: git.environment) {
            let answer = try git.run(["config", "--get", "core.hooksPath"])
            guard answer.status == 0 || answer.status == 1 else {
                throw RoadmapError.file("git config failed: \(answer.firstErrorLine)")
            }
            configured = answer.status == 0 ? answer.text.trimmingCharacters(in: .newlines) : nil
        } else {
            configured = try configString("core.hooksPath")
        }
        guard let configured, !configured.isEmpty else {
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
