import Foundation

/// Where the caches live, under the repository's git folder (per worktree, since each has its own HEAD): the
/// evidence cache's per-run state, readings and generation table, the parsed tracker (DocumentRecord), and
/// the tree snapshot and findings (TreeSource). Reading never fails — a missing or unreadable cache is no
/// cache — and writing is best effort: temporary file and rename, without fsync, because a cache lost in a
/// crash is only a slower next run. Every write goes through here, so `readsOnly` is kept in one place.
public struct CacheStore: Sendable {
    public var path: URL
    public var readingsPath: URL
    public var tablePath: URL
    /// The tracker as last parsed (DocumentRecord).
    public var documentPath: URL
    /// HEAD's relevant paths and what the tree rules found in them (TreeSource).
    public var treeSnapshotPath: URL
    public var treeFindingsPath: URL

    /// Loads what is there and never writes: the cohort reads a learner's own caches (made by their hook or
    /// sync) without leaving a trace in their repository.
    public var readsOnly = false

    public init(gitDirectory: URL, readsOnly: Bool = false) {
        self.readsOnly = readsOnly
        let folder = gitDirectory.appendingPathComponent("roadmap")
        path = folder.appendingPathComponent("evidence-cache")
        readingsPath = folder.appendingPathComponent("readings")
        tablePath = folder.appendingPathComponent("generations")
        documentPath = folder.appendingPathComponent("document")
        treeSnapshotPath = folder.appendingPathComponent("tree-snapshot")
        treeFindingsPath = folder.appendingPathComponent("tree-findings")
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

    /// Writes the per-run state; the readings only as far as they changed: not at all when they are those
    /// the cache was loaded with (most commits carry no evidence), appended when new ones only followed them
    /// (600 KB of a 200 000-commit history not encoded and written again for one reading), whole after a
    /// removal; the generation table only when `tableChanged`. The state names the readings file by length
    /// and checksum, and is written last: a run stopped between the two writes, or a readings file another
    /// run replaced meanwhile, is a mismatch, and a mismatch is a miss.
    public func save(_ cache: EvidenceCache, tableChanged: Bool) {
        // Checked here too, before any encoding: the writes below would all be skipped.
        guard !readsOnly else { return }
        if tableChanged { write([UInt8](cache.generations.storage), to: tablePath) }
        var readings: (length: Int, checksum: UInt64)
        if let loaded = cache.loadedReadings, cache.readings.count == loaded.count {
            readings = (loaded.bytes.count, loaded.checksum)
        } else if let loaded = cache.loadedReadings, cache.readings.count > loaded.count,
            let appended = append(cache.encodedReadings(cache.readings[loaded.count...]), at: loaded.bytes.count)
        {
            let whole = loaded.bytes + appended
            readings = (whole.count, EvidenceCache.checksum(whole[...]))
        } else {
            let whole = EvidenceCache.readingsHeader + cache.encodedReadings(cache.readings[...])
            write(whole, to: readingsPath)
            readings = (whole.count, EvidenceCache.checksum(whole[...]))
        }
        write(cache.encodedState(readingsLength: readings.length, readingsChecksum: readings.checksum), to: path)
    }

    /// Writes `bytes` into the readings file at `offset`, where the loaded readings end (past them the file
    /// may hold what another run appended, which the state does not name). nil when it cannot.
    private func append(_ bytes: [UInt8], at offset: Int) -> [UInt8]? {
        let descriptor = open(readingsPath.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        return written == bytes.count ? bytes : nil
    }

    /// Temporary file, then rename (LocalFiles.writeAtomically): a reader sees the old file or the new one.
    /// Not durable: a cache lost in a crash is only a slower next run, and a torn one fails its checksum.
    /// Failing to write is no error either. Nothing at all when the store only reads.
    func write(_ bytes: [UInt8], to url: URL) {
        guard !readsOnly else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? LocalFiles().writeAtomically(bytes, to: url.path, durable: false)
    }
}

extension CacheStore? {
    /// Whether what is given to this store is written: there is one, and it does not only read.
    var saves: Bool { self.map { !$0.readsOnly } ?? false }
}
