import Foundation

/// Where the caches live: the evidence cache's three files under the repository's git folder (per worktree, since each
/// has its own HEAD): the per-run state, the readings and the generation table, and the parsed tracker (DocumentRecord). Reading never fails — a missing or unreadable cache is no cache — and writing is
/// best effort: temporary file and rename, without fsync, because a cache lost in a crash is only a
/// slower next run.
public struct CacheStore: Sendable {
    public var path: URL
    public var readingsPath: URL
    public var tablePath: URL
    /// The tracker as last parsed (DocumentRecord).
    public var documentPath: URL

    public init(gitDirectory: URL) {
        let folder = gitDirectory.appendingPathComponent("roadmap")
        path = folder.appendingPathComponent("evidence-cache")
        readingsPath = folder.appendingPathComponent("readings")
        tablePath = folder.appendingPathComponent("generations")
        documentPath = folder.appendingPathComponent("document")
    }

    /// The remembered parse of the tracker, if it was made with `key` from exactly these bytes.
    public func loadDocument(key: UInt64, source: [UInt8]) -> DocumentRecord? {
        guard let bytes = LocalFiles.contents(atPath: documentPath.path), let record = DocumentRecord.decode(bytes),
            record.key == key, record.source == source
        else { return nil }
        return record
    }

    public func save(_ record: DocumentRecord) {
        write(record.encoded(), to: documentPath)
    }

    public func load() -> EvidenceCache? {
        // The table is mapped, not read: loading a 200 000-commit cache copies nothing.
        guard let state = LocalFiles.contents(atPath: path.path),
            let readings = LocalFiles.contents(atPath: readingsPath.path),
            let table = try? Data(contentsOf: tablePath, options: .alwaysMapped)
        else { return nil }
        return EvidenceCache.decode(EvidenceCache.Encoded(state: state, readings: readings), table: table)
    }

    /// Writes the per-run state; the readings only when they are not those the cache was loaded with (most
    /// commits carry no evidence: 600 KB not encoded and written again on every commit of a 200 000-commit
    /// history); the generation table only when `tableChanged`. The state names the readings file it goes
    /// with by checksum: a readings file another run replaced meanwhile, or a run stopped between the two
    /// writes, is a mismatch, and a mismatch is a miss.
    public func save(_ cache: EvidenceCache, tableChanged: Bool) {
        if tableChanged { write([UInt8](cache.generations.storage), to: tablePath) }
        let readingsChecksum: UInt64
        if let loaded = cache.loadedReadingsChecksum {
            readingsChecksum = loaded
        } else {
            let readings = cache.encodedReadings()
            write(readings, to: readingsPath)
            readingsChecksum = EvidenceCache.checksum(readings[...])
        }
        write(cache.encodedState(readingsChecksum: readingsChecksum), to: path)
    }

    private func write(_ bytes: [UInt8], to url: URL) {
        Self.replace(url, with: bytes)
    }

    /// Temporary file, then rename (LocalFiles.writeAtomically): a reader sees the old file or the new one.
    /// Not durable: a cache lost in a crash is only a slower next run, and a torn one fails its checksum.
    /// Failing to write is no error either.
    static func replace(_ url: URL, with bytes: [UInt8]) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? LocalFiles().writeAtomically(bytes, to: url.path, durable: false)
    }
}
