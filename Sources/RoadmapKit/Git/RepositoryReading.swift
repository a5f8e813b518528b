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
    /// The commits reachable from HEAD that are not known yet, read once each, then handed to `body` parents
    /// first in the order of `git rev-list --topo-order --reverse` (forEachCommit's order), with generations.
    ///
    /// - `knownGeneration` (nil: none is known) is asked about HEAD and about each parent met, at most once per commit: a commit
    ///   it gives a generation for is known, so it is neither read nor emitted nor followed further; it is
    ///   reported in the summary's `boundary` and its generation counts for its children. HEAD known: nothing
    ///   is read. Unborn HEAD: nothing is called and the summary is empty.
    /// - `digest` is called once per commit read, in read order, before any `body` call; only its result is
    ///   kept (the message is not), so make it small and return nil for most commits. It may run on another
    ///   thread than the caller's (one at a time, never concurrently with itself or with `body`), while the
    ///   walk holds the repository: it must not call back into it.
    /// - A shallow clone's boundary commits have no parents, as in `forEachCommit`.
    /// Errors are `GitError`s as for `forEachCommit`; an error thrown by `body` stops the walk and is rethrown.
    func walk<Digest>(
        knownGeneration: ((String) -> UInt32?)?,
        digest: (CommitContent) -> Digest?,
        _ body: (WalkedCommit<Digest>) throws -> Void
    ) throws -> WalkSummary
    /// Paths (relative, '/'-separated) of every blob/file in HEAD's tree (recursive; submodule gitlinks listed as paths too).
    /// Unborn HEAD: [].
    func headTreePaths() throws -> [String]
}

extension RepositoryReading {
    /// `walk` built on `forEachCommit`, so that fakes get it for free: the same commits, order, generations,
    /// digests and boundary as `GitRepository.walk`, but the whole history is read and held first, so it
    /// saves neither time nor memory. A parent missing from the history counts like a shallow one: listed,
    /// not followed, generation 0.
    public func walk<Digest>(
        knownGeneration: ((String) -> UInt32?)?,
        digest: (CommitContent) -> Digest?,
        _ body: (WalkedCommit<Digest>) throws -> Void
    ) throws -> WalkSummary {
        var records: [String: CommitRecord] = [:]
        var head: String?
        try forEachCommit { record in
            records[record.id] = record
            head = record.id  // HEAD comes last
        }
        guard let head else { return WalkSummary() }
        if knownGeneration?(head) != nil { return WalkSummary(boundary: [head], walked: 0) }

        // The read pass, in GitRepository's order: depth first, the last parent pushed read first.
        var generations: [String: UInt32] = [:]
        var boundary = Set<String>()
        var met: Set<String> = [head]
        var read: [String] = []
        var digests: [String: Digest] = [:]
        var unread = [head]
        while let id = unread.popLast() {
            let record = records[id]!
            read.append(id)
            for parent in record.parents where met.insert(parent).inserted {
                if let known = knownGeneration?(parent) {
                    generations[parent] = known
                    boundary.insert(parent)
                } else if records[parent] != nil {
                    unread.append(parent)
                }
            }
            if let result = digest(CommitContent(id: id, authorDate: record.authorDate, message: record.message)) {
                digests[id] = result
            }
        }

        // git's topological sort of the commits read (CommitGraph.topologicalOrder), then parents first.
        var inDegree = Dictionary(uniqueKeysWithValues: read.map { ($0, 1) })
        for id in read {
            for parent in records[id]!.parents where inDegree[parent] != nil { inDegree[parent]! += 1 }
        }
        var ready = [head]
        var order: [String] = []
        while let next = ready.popLast() {
            for parent in records[next]!.parents {
                guard let degree = inDegree[parent], degree != 0 else { continue }
                inDegree[parent] = degree - 1
                if degree - 1 == 1 { ready.append(parent) }
            }
            inDegree[next] = 0
            order.append(next)
        }
        for id in order.reversed() {
            let parents = records[id]!.parents
            let highest = parents.map { generations[$0] ?? 0 }.max() ?? 0
            let generation = highest == .max ? .max : highest + 1
            generations[id] = generation
            try body(WalkedCommit(id: id, parents: parents, generation: generation, digest: digests[id]))
        }
        return WalkSummary(boundary: boundary, walked: order.count)
    }
}
