import Foundation

/// What the rest of the tool needs from a repository. Tests elsewhere substitute fakes.
public protocol RepositoryReading: Sendable {
    /// The repository's git directory; for a linked worktree, the worktree's own git directory.
    var gitDirectory: URL { get }
    /// The common git directory: the same as `gitDirectory` except in linked worktrees.
    var commonDirectory: URL { get }
    /// The root of the work tree.
    var workingDirectory: URL { get }
    var isShallow: Bool { get }
    /// The commit HEAD points at, or nil while HEAD is unborn (no commit yet).
    func headCommitID() throws -> String?
    /// Every commit reachable from HEAD, oldest first, parents before children (topological + reverse).
    /// Unborn HEAD: calls body zero times.
    func forEachCommit(_ body: (CommitRecord) throws -> Void) throws
    /// Paths (relative, '/'-separated) of every blob/file in HEAD's tree (recursive; submodule gitlinks listed as paths too).
    /// Unborn HEAD: [].
    func headTreePaths() throws -> [String]
}
