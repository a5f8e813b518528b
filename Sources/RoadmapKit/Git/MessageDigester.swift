import CLibgit2
import Dispatch
import Foundation

/// Turns the messages a walk reads into the caller's digests on a second thread, so that the walking
/// thread only inflates and parses commits (the part that cannot run in parallel: each commit names the
/// next ones to read). Messages travel in batches of copied bytes; at most a few batches are in flight,
/// so memory stays flat whatever the history's size. A walk that reads fewer commits than one batch (an
/// incremental sync) never starts the thread: its batch is digested in place by `finish()`.
///
/// `keep` is called serially, in read order, on one thread at a time; everything it touches is handed
/// over and back through the queue, so it needs no locking of its own.
final class MessageDigester: @unchecked Sendable {
    private static let batchBytes = 256 << 10
    private static let batchCommits = 2048
    private static let batchesInFlight = 4

    private struct Entry {
        var index: Int32
        var id: git_oid
        var authorTime: Int64
        var encoding: Range<Int>?
        var message: Range<Int>
    }

    private struct Batch {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
    }

    /// Dropped by `close()`: the walk lends it for its own duration only (withoutActuallyEscaping).
    private var keep: ((CommitContent) -> Bool)?
    private let decoder = CommitTextDecoder()
    private var batch = Batch()
    private var kept: [Int32: Int] = [:]
    private var queue: DispatchQueue?
    private let slots = DispatchSemaphore(value: MessageDigester.batchesInFlight)

    init(keep: @escaping (CommitContent) -> Bool) {
        self.keep = keep
    }

    /// Queues one commit read by the walk; `bytes` is the whole commit object, valid only during the call.
    /// A message bigger than a batch is digested in place, once everything before it is: copying 20 MB
    /// to hand it over would cost more than the other thread saves.
    func add(index: Int32, id: git_oid, fields: CommitObjectParser.Fields, bytes: UnsafeBufferPointer<UInt8>) {
        if fields.message.count > Self.batchBytes {
            drain()
            digest(Entry(index: index, id: id, authorTime: fields.authorTime, encoding: fields.encoding, message: fields.message), in: bytes)
            return
        }
        var entry = Entry(index: index, id: id, authorTime: fields.authorTime, encoding: nil, message: 0..<0)
        if let encoding = fields.encoding {
            entry.encoding = append(bytes[encoding])
        }
        entry.message = append(bytes[fields.message])
        batch.entries.append(entry)
        if batch.bytes.count >= Self.batchBytes || batch.entries.count >= Self.batchCommits {
            send()
        }
    }

    /// Digests what is left and waits for the other thread: the numbers of the digests kept, by commit index.
    func finish() -> [Int32: Int] {
        drain()
        return kept
    }

    /// Digests every commit added so far: here when the thread never started, else there, waiting for it.
    private func drain() {
        if let queue {
            send()
            queue.sync {}
        } else {
            digest(batch)
            batch = Batch()
        }
    }

    /// Waits for the other thread and lets go of `keep`. Called however the walk ends, an error included:
    /// batches still queued must not outlive the closure the walk lent.
    func close() {
        queue?.sync {}
        keep = nil
    }

    private func append(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Range<Int> {
        let start = batch.bytes.count
        // Rebased to a buffer pointer: appended with one memcpy rather than element by element.
        batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: slice))
        return start..<batch.bytes.count
    }

    private func send() {
        let full = batch
        batch = Batch()
        batch.bytes.reserveCapacity(Self.batchBytes + 4096)
        let queue = self.queue ?? DispatchQueue(label: "roadmap.message-digester")
        self.queue = queue
        slots.wait()
        queue.async {
            self.digest(full)
            self.slots.signal()
        }
    }

    private func digest(_ batch: Batch) {
        batch.bytes.withUnsafeBufferPointer { bytes in
            for entry in batch.entries { digest(entry, in: bytes) }
        }
    }

    /// `entry`'s ranges are into `bytes`.
    private func digest(_ entry: Entry, in bytes: UnsafeBufferPointer<UInt8>) {
        let encoding = decoder.encoding(forHeader: entry.encoding.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
        let content = CommitContent(
            id: CommitReader.hexString(entry.id),
            authorDate: Date(timeIntervalSince1970: TimeInterval(entry.authorTime)),
            message: decoder.decode(UnsafeBufferPointer(rebasing: bytes[entry.message]), as: encoding))
        if keep?(content) == true { kept[entry.index] = kept.count }
    }
}
