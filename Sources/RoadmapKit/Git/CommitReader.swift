import CLibgit2
import Foundation

/// Walks a repository's history and copies commits out of libgit2 into `CommitRecord`s.
/// Used only while the owning `GitRepository` holds its lock; nothing here outlives one walk.
///
/// Each commit object is read from the object database exactly once (inflating is most of the cost of a
/// walk): the first pass builds the commit graph and keeps, per commit, only the bytes a record needs
/// (author name and e-mail, message) in a compact arena; the second pass sorts topologically and builds
/// the records. libgit2's revwalk instead reads every commit twice (once to sort, once to look it up),
/// or once when its object cache holds the whole history, which costs hundreds of MB on big histories.
struct CommitReader {
    let repository: OpaquePointer
    /// The path reported in errors (the repository's git directory).
    let errorPath: String

    init(repository: OpaquePointer, errorPath: String) {
        self.repository = repository
        self.errorPath = errorPath
    }

    /// The history of `head`, oldest first, parents before children, in the order of
    /// `git rev-list --topo-order --reverse`. Commits in `shallowBoundary` (the `shallow` file of a
    /// shallow clone) are treated as parentless, exactly as git does: their parents were never fetched.
    func forEachCommit(from head: git_oid, shallowBoundary: Set<String>, _ body: (CommitRecord) throws -> Void) throws {
        let history = try readHistory(from: head, shallowBoundary: shallowBoundary)
        let decoder = CommitTextDecoder()
        for index in history.topologicalOrder().reversed() {
            try body(history.record(at: Int(index), decoder: decoder))
        }
    }

    /// The first pass: every commit reachable from `head`, each read once.
    private func readHistory(from head: git_oid, shallowBoundary: Set<String>) throws -> CommitHistory {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository))
        defer { git_odb_free(odb) }

        let history = CommitHistory()
        _ = history.index(of: head)
        var unread: [Int32] = [0]
        while let index = unread.popLast() {
            let id = history.ids[Int(index)]
            let followParents = shallowBoundary.isEmpty || !shallowBoundary.contains(Self.hexString(id))
            do {
                try withCommitObject(id, in: odb) { bytes in
                    let parentsStart = history.parentIndices.count
                    let fields = try CommitObjectParser.parse(bytes) { parentHex in
                        guard followParents else { return }
                        let (parent, isNew) = history.index(of: try Self.objectID(parentHex))
                        history.parentIndices.append(parent)
                        if isNew { unread.append(parent) }
                    }
                    try history.store(fields, of: bytes, at: index, parents: parentsStart..<history.parentIndices.count)
                }
            } catch let malformed as CommitObjectParser.Malformed {
                throw GitError(kind: .libgit2, path: errorPath, message: "failed to parse commit \(Self.hexString(id)) - \(malformed.reason)")
            }
        }
        history.doneReading()
        return history
    }

    /// Reads a commit object's raw bytes, which live only until `body` returns. git_odb_read inflates the
    /// object and would keep it in libgit2's cache, except that Libgit2.initialize() stops commits being cached.
    private func withCommitObject(
        _ id: git_oid, in odb: OpaquePointer?, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var id = id
        var object: OpaquePointer?
        try check(git_odb_read(&object, odb, &id))
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT else {
            throw GitError(kind: .libgit2, path: errorPath, message: "object \(Self.hexString(id)) is not a commit")
        }
        try body(UnsafeBufferPointer(
            start: git_odb_object_data(object)?.assumingMemoryBound(to: UInt8.self),
            count: git_odb_object_size(object)))
    }

    private static func objectID(_ hex: UnsafeBufferPointer<UInt8>) throws -> git_oid {
        var id = git_oid()
        let result = hex.withMemoryRebound(to: CChar.self) { git_oid_fromstrn(&id, $0.baseAddress, $0.count) }
        guard result == 0 else { throw CommitObjectParser.Malformed(reason: "invalid parent header") }
        return id
    }

    private func check(_ result: Int32) throws {
        try Libgit2.check(result, path: errorPath)
    }

    static func hexString(_ id: git_oid) -> String {
        withUnsafePointer(to: id) { hexString($0) }
    }

    static func hexString(_ id: UnsafePointer<git_oid>?) -> String {
        guard let id else { return "" }
        return String(unsafeUninitializedCapacity: Int(GIT_OID_HEXSZ)) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, id) }
            return Int(GIT_OID_HEXSZ)
        }
    }
}

/// The commit graph of one walk plus what each record needs, packed to stay small: 32 bytes a commit plus
/// its message, with author lines stored once per distinct author. Indices are Int32 to halve the graph.
private final class CommitHistory {
    /// What is kept of one commit besides its id and parents; the message lives in `messages`.
    struct Entry {
        var time: Int64 = 0
        var message = ArenaPosition()
        var author: Int32 = 0
        var firstParent: Int32 = 0
        var parentCount: UInt16 = 0
        var encoding: Int16 = -1
        var offsetMinutes: Int16 = 0
    }

    private(set) var ids: [git_oid] = []
    private(set) var entries: [Entry] = []
    /// The parents of every commit, one run per commit (`Entry.firstParent`, `Entry.parentCount`).
    var parentIndices: [Int32] = []
    private let messages = TextArena()
    /// Distinct "name NUL email" byte strings; name and e-mail cannot contain NUL (it ends them).
    private var authors: [[UInt8]] = []
    private var encodingNames: [[UInt8]] = []
    // Needed only while reading: `doneReading()` drops them before the records are built.
    private var table = ObjectIndexTable()
    private var authorIndices: [AuthorKey: Int32] = [:]
    private var scratch = AuthorKey()

    /// The index of `id`, adding it (not yet read) when it is new.
    func index(of id: git_oid) -> (Int32, isNew: Bool) {
        let (index, isNew) = table.findOrInsert(id, ids: &ids)
        if isNew { entries.append(Entry()) }
        return (index, isNew)
    }

    func store(_ fields: CommitObjectParser.Fields, of bytes: UnsafeBufferPointer<UInt8>, at index: Int32, parents: Range<Int>) throws {
        guard parents.count <= Int(UInt16.max) else {
            throw CommitObjectParser.Malformed(reason: "more than \(UInt16.max) parents")
        }
        var entry = Entry()
        entry.time = fields.authorTime
        entry.message = messages.append(UnsafeBufferPointer(rebasing: bytes[fields.message]))
        entry.author = intern(bytes[fields.authorName], bytes[fields.authorEmail])
        entry.firstParent = Int32(parents.lowerBound)
        entry.parentCount = UInt16(parents.count)
        if let encoding = fields.encoding {
            let name = Array(bytes[encoding])
            if let known = encodingNames.firstIndex(of: name) {
                entry.encoding = Int16(known)
            } else if encodingNames.count < Int(Int16.max) {
                entry.encoding = Int16(encodingNames.count)
                encodingNames.append(name)
            }
        }
        entry.offsetMinutes = Int16(fields.authorOffsetMinutes)
        entries[Int(index)] = entry
    }

    private func intern(_ name: Slice<UnsafeBufferPointer<UInt8>>, _ email: Slice<UnsafeBufferPointer<UInt8>>) -> Int32 {
        // The key is built in a reused buffer, so a known author (the common case) allocates nothing.
        scratch.bytes.removeAll(keepingCapacity: true)
        scratch.bytes.append(contentsOf: name)
        scratch.bytes.append(0)
        scratch.bytes.append(contentsOf: email)
        if let known = authorIndices[scratch] { return known }
        let index = Int32(authors.count)
        authors.append(scratch.bytes)
        authorIndices[AuthorKey(bytes: scratch.bytes)] = index
        return index
    }

    func doneReading() {
        table = ObjectIndexTable()
        authorIndices = [:]
    }

    /// Newest first, in git's --topo-order from the single tip at index 0 (sort_in_topological_order):
    /// a LIFO of commits whose children have all been emitted, parents pushed in parent order.
    func topologicalOrder() -> [Int32] {
        var inDegree = [Int32](repeating: 1, count: entries.count)
        for parent in parentIndices { inDegree[Int(parent)] += 1 }
        var ready: [Int32] = [0]
        var order: [Int32] = []
        order.reserveCapacity(entries.count)
        while let next = ready.popLast() {
            for parent in parents(of: Int(next)) {
                let parent = Int(parent)
                guard inDegree[parent] != 0 else { continue }
                inDegree[parent] -= 1
                if inDegree[parent] == 1 { ready.append(Int32(parent)) }
            }
            inDegree[Int(next)] = 0
            order.append(next)
        }
        return order
    }

    private func parents(of index: Int) -> ArraySlice<Int32> {
        let entry = entries[index]
        return parentIndices[Int(entry.firstParent)..<Int(entry.firstParent) + Int(entry.parentCount)]
    }

    func record(at index: Int, decoder: CommitTextDecoder) -> CommitRecord {
        let entry = entries[index]
        // The encoding header covers the whole commit object, so it applies to the author line too.
        let encoding = entry.encoding < 0
            ? decoder.encoding(forHeader: nil)
            : encodingNames[Int(entry.encoding)].withUnsafeBufferPointer { decoder.encoding(forHeader: $0) }
        let (name, email) = authors[Int(entry.author)].withUnsafeBufferPointer { author in
            let separator = author.firstIndex(of: 0)!
            return (decoder.decode(UnsafeBufferPointer(rebasing: author[..<separator]), as: encoding),
                    decoder.decode(UnsafeBufferPointer(rebasing: author[(separator + 1)...]), as: encoding))
        }
        return CommitRecord(
            id: CommitReader.hexString(ids[index]),
            parents: parents(of: index).map { CommitReader.hexString(ids[Int($0)]) },
            authorName: name,
            authorEmail: email,
            authorDate: Date(timeIntervalSince1970: TimeInterval(entry.time)),
            authorTimeZoneOffsetMinutes: Int(entry.offsetMinutes),
            message: messages.withBytes(at: entry.message) { decoder.decode($0, as: encoding) })
    }
}

/// Author bytes as a dictionary key, hashed in one call rather than byte by byte as `[UInt8]` is.
private struct AuthorKey: Hashable {
    var bytes: [UInt8] = []

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Where a text starts in a `TextArena`.
private struct ArenaPosition {
    var chunk: Int32 = 0
    var offset: Int32 = 0
}

/// Append-only storage for commit messages in 1 MB chunks, each text prefixed by its length: growing one
/// big array would copy it and briefly hold it twice, which is what sets the peak memory of a walk.
private final class TextArena {
    private static let chunkSize = 1 << 20
    private static let lengthSize = MemoryLayout<UInt32>.size
    private var chunks: [UnsafeMutableRawBufferPointer] = []
    private var used = 0

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    func append(_ text: UnsafeBufferPointer<UInt8>) -> ArenaPosition {
        let size = Self.lengthSize + text.count
        if chunks.isEmpty || used + size > chunks[chunks.count - 1].count {
            // A text larger than a chunk (a huge message) gets a chunk of its own size.
            chunks.append(.allocate(byteCount: max(Self.chunkSize, size), alignment: 1))
            used = 0
        }
        let chunk = chunks[chunks.count - 1]
        let position = ArenaPosition(chunk: Int32(chunks.count - 1), offset: Int32(used))
        chunk.storeBytes(of: UInt32(text.count), toByteOffset: used, as: UInt32.self)
        UnsafeMutableRawBufferPointer(rebasing: chunk[used + Self.lengthSize..<used + size])
            .copyMemory(from: UnsafeRawBufferPointer(text))
        used += size
        return position
    }

    func withBytes<T>(at position: ArenaPosition, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let chunk = chunks[Int(position.chunk)]
        let start = Int(position.offset)
        let count = Int(chunk.loadUnaligned(fromByteOffset: start, as: UInt32.self))
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[start + Self.lengthSize..<start + Self.lengthSize + count])
        return body(bytes.bindMemory(to: UInt8.self))
    }
}

/// An open-addressing hash set of indices into an id array: 4 bytes a slot, where a Dictionary keyed by
/// ids would take about 30. Object ids are already uniformly distributed, so their first bytes are the hash.
private struct ObjectIndexTable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var count = 0

    mutating func findOrInsert(_ id: git_oid, ids: inout [git_oid]) -> (Int32, isNew: Bool) {
        if (count + 1) * 2 > slots.count { grow(ids) }
        let mask = slots.count - 1
        var slot = Self.hash(id) & mask
        while slots[slot] >= 0 {
            if Self.equal(ids[Int(slots[slot])], id) { return (slots[slot], false) }
            slot = (slot + 1) & mask
        }
        let index = Int32(ids.count)
        ids.append(id)
        slots[slot] = index
        count += 1
        return (index, true)
    }

    private mutating func grow(_ ids: [git_oid]) {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for index in ids.indices {
            var slot = Self.hash(ids[index]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    private static func hash(_ id: git_oid) -> Int {
        withUnsafeBytes(of: id) { Int(truncatingIfNeeded: $0.loadUnaligned(as: UInt64.self)) }
    }

    private static func equal(_ left: git_oid, _ right: git_oid) -> Bool {
        withUnsafeBytes(of: left) { left in
            withUnsafeBytes(of: right) { right in memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
        }
    }
}
