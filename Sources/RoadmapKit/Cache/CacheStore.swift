import Foundation

/// Where the evidence cache lives: one file under the repository's git folder (per worktree, since each
/// has its own HEAD). Reading never fails — a missing or unreadable cache is no cache — and writing is
/// best effort: temporary file and rename, without fsync, because a cache lost in a crash is only a
/// slower next run.
public struct CacheStore: Sendable {
    public var path: URL

    public init(gitDirectory: URL) {
        path = gitDirectory.appendingPathComponent("roadmap").appendingPathComponent("evidence-cache")
    }

    public func load() -> EvidenceCache? {
        guard let data = FileManager.default.contents(atPath: path.path) else { return nil }
        return EvidenceCache.decode([UInt8](data))
    }

    public func save(_ cache: EvidenceCache) {
        let folder = path.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".evidence-cache.\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(cache.encoded())) else { return }
        if rename(temporary.path, path.path) != 0 { unlink(temporary.path) }
    }
}
