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
        guard let small = Self.contents(of: path),
            let table = try? Data(contentsOf: tablePath, options: .alwaysMapped)
        else { return nil }
        return EvidenceCache.decode(small, table: table)
    }

    /// Writes the per-run part, and the generation table only when `tableChanged`.
    public func save(_ cache: EvidenceCache, tableChanged: Bool) {
        if tableChanged { write([UInt8](cache.generations.storage), to: tablePath) }
        write(cache.encoded(), to: path)
    }

    private func write(_ bytes: [UInt8], to url: URL) {
        Self.replace(url, with: bytes)
    }

    /// A file's bytes, read straight into the array the decoders take (through Data they were copied once
    /// more: hundreds of page faults for a 600 KB cache, on every run); nil when it cannot be read.
    static func contents(of url: URL) -> [UInt8]? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 0 else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
            complete = count == size
        }
        return complete ? bytes : nil
    }

    /// Temporary file, then rename: a reader sees the old file or the new one. No fsync (Foundation's
    /// createFile and Data.write both sync, and an fsync here cost the post-commit hook tens of ms for
    /// nothing: a cache lost in a crash is only a slower next run, and a torn one fails its checksum).
    static func replace(_ url: URL, with bytes: [UInt8]) {
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard close(descriptor) == 0, written, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            return
        }
    }
}
