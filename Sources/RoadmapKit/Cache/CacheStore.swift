import Foundation

/// Where the evidence cache lives: one file under the repository's git folder (per worktree, since each
/// has its own HEAD). Reading never fails — a missing or unreadable cache is no cache — and writing is
/// best effort: temporary file and rename, without fsync, because a cache lost in a crash is only a
/// slower next run.
public struct CacheStore: Sendable {
    public var path: URL
    public var tablePath: URL

    public init(gitDirectory: URL) {
        let folder = gitDirectory.appendingPathComponent("roadmap")
        path = folder.appendingPathComponent("evidence-cache")
        tablePath = folder.appendingPathComponent("generations")
    }

    public func load() -> EvidenceCache? {
        guard let small = FileManager.default.contents(atPath: path.path),
            let table = FileManager.default.contents(atPath: tablePath.path)
        else { return nil }
        return EvidenceCache.decode([UInt8](small), table: [UInt8](table))
    }

    /// Writes the per-run part, and the generation table only when `tableChanged`.
    public func save(_ cache: EvidenceCache, tableChanged: Bool) {
        if tableChanged { write(cache.generations.storage, to: tablePath) }
        write(cache.encoded(), to: path)
    }

    private func write(_ bytes: [UInt8], to url: URL) {
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else { return }
        if rename(temporary.path, url.path) != 0 { unlink(temporary.path) }
    }
}
