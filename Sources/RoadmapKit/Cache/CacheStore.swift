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
        // The table is mapped, not read: loading a 200 000-commit cache copies nothing.
        guard let small = FileManager.default.contents(atPath: path.path),
            let table = try? Data(contentsOf: tablePath, options: .alwaysMapped)
        else { return nil }
        return EvidenceCache.decode([UInt8](small), table: table)
    }

    /// Writes the per-run part, and the generation table only when `tableChanged`.
    public func save(_ cache: EvidenceCache, tableChanged: Bool) {
        if tableChanged { write([UInt8](cache.generations.storage), to: tablePath) }
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
