import CLibgit2
import Foundation

/// Walks a repository's history and copies commits out of libgit2.
/// Used only while the owning `GitRepository` holds its lock; nothing here outlives one walk.
///
/// Each commit object is read from the object database exactly once (inflating is most of the cost of a
/// walk). The first pass builds the commit graph (CommitGraph) and keeps per commit only what the second
/// pass needs; the second pass sorts topologically and hands the commits out, oldest first.
/// `forEachCommit` keeps the bytes a CommitRecord needs (author, message) in a compact arena; `walk` keeps
/// nothing of a message but the caller's digest of it, and can stop at commits the caller already knows.
/// libgit2's revwalk instead reads every commit twice (once to sort, once to look it up), or once when its
/// object cache holds the whole history, which costs hundreds of MB on big histories.
struct CommitReader {
    let repository: OpaquePointer
    /// The path reported in errors (the repository's git directory).
    let errorPath: String
    /// Reads commits straight from the object files; libgit2 reads whatever this does not.
    let objectFiles: ObjectFiles?

    init(repository: OpaquePointer, errorPath: String, objectFiles: ObjectFiles? = nil) {
        self.repository = repository
        self.errorPath = errorPath
        self.objectFiles = objectFiles
    }

    /// The history of `head`, oldest first, parents before children, in the order of
    /// `git rev-list --topo-order --reverse`. Commits in `shallowBoundary` (the `shallow` file of a
    /// shallow clone) are treated as parentless, exactly as git does: their parents were never fetched.
    func forEachCommit(from head: git_oid, shallowBoundary: Set<String>, _ body: (CommitRecord) throws -> Void) throws {
        let graph = CommitGraph()
        let history = CommitHistory()
        _ = graph.index(of: head)
        history.addCommit()
        try readGraph(graph, shallowBoundary: shallowBoundary) { _, _ in
            history.addCommit()
            return true
        } read: { index, _, fields, bytes in
            history.store(fields, of: bytes, at: index)
        }
        history.doneReading()
        graph.doneReading()
        let decoder = CommitTextDecoder()
        for index in graph.topologicalOrder().reversed() {
            try body(history.record(at: Int(index), graph: graph, decoder: decoder))
        }
    }

    /// The commits reachable from `head` without going through a commit `knownGeneration` knows, parents
    /// first in the order of `git rev-list --topo-order --reverse`; see `RepositoryReading.walk`, whose
    /// generic layer (GitRepository.walk) keeps the digests: `keep` is shown each commit read and answers
    /// whether a digest of it was kept; `body` gets the number of that digest (0, 1, ... in read order), or nil.
    func walk(
        from head: git_oid,
        shallowBoundary: Set<String>,
        knownGeneration: ((String) -> UInt32?)?,
        keep: (CommitContent) -> Bool,
        _ body: (_ id: String, _ parents: [String], _ generation: UInt32, _ digest: Int?) throws -> Void
    ) throws -> WalkSummary {
        if let knownGeneration {
            let headHex = Self.hexString(head)
            if knownGeneration(headHex) != nil { return WalkSummary(boundary: [headHex], walked: 0) }
        }
        let graph = CommitGraph()
        _ = graph.index(of: head)
        // Both few, so kept by commit index rather than in arrays as long as the graph: the generations
        // of known commits, and the numbers of the digests kept.
        var knownGenerations: [Int32: UInt32] = [:]
        var boundary = Set<String>()
        var headTree: git_oid?
        let digestNumbers = try withoutActuallyEscaping(keep) { keep in
            let digester = MessageDigester(keep: keep)
            defer { digester.close() }
            try readGraph(graph, shallowBoundary: shallowBoundary) { index, id in
                // A full walk knows no commit: it skips making 200 000 hex ids only to ask about them.
                guard let knownGeneration else { return true }
                let hex = Self.hexString(id)
                guard let known = knownGeneration(hex) else { return true }
                knownGenerations[index] = known
                boundary.insert(hex)
                return false
            } read: { index, id, fields, bytes in
                if index == 0 { headTree = Self.treeID(ofCommit: bytes) }
                digester.add(index: index, id: id, fields: fields, bytes: bytes)
            }
            return digester.finish()
        }
        graph.doneReading()

        let order = graph.topologicalOrder()
        // Allocated only now that the sort's own array is gone. Parents come first, so each commit's
        // generation is known when its children need it.
        var generations = [UInt32](repeating: 0, count: graph.count)
        for (index, generation) in knownGenerations { generations[Int(index)] = generation }
        // Most parents were emitted just before their child: their hex id is reused rather than remade.
        var previous: (index: Int32, hex: String) = (-1, "")
        for index in order.reversed() {
            let parents = graph.parents(of: Int(index))
            var generation: UInt32 = 0
            for parent in parents { generation = max(generation, generations[Int(parent)]) }
            // Saturates rather than traps should a caller's known generation already be the largest.
            generation = generation == .max ? .max : generation + 1
            generations[Int(index)] = generation
            let hex = Self.hexString(graph.ids[Int(index)])
            let parentHexes = parents.map { $0 == previous.index ? previous.hex : Self.hexString(graph.ids[Int($0)]) }
            try body(hex, parentHexes, generation, digestNumbers[index])
            previous = (index, hex)
        }
        var summary = WalkSummary(boundary: boundary, walked: order.count)
        summary.headTree = headTree
        return summary
    }

    /// The id on a commit object's first line ("tree " and 40 hex digits), nil when it is not there.
    static func treeID(ofCommit bytes: UnsafeBufferPointer<UInt8>) -> git_oid? {
        guard bytes.count >= 46, bytes.starts(with: "tree ".utf8), bytes[45] == 0x0A else { return nil }
        var tree = git_oid()
        let parsed = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[5..<45]).withMemoryRebound(to: CChar.self) {
            git_oid_fromstrn(&tree, $0.baseAddress!, 40)
        }
        return parsed == 0 ? tree : nil
    }

    /// The first pass: every commit reachable from index 0 of `graph` (already added), each read once,
    /// depth first. `discovered` is told about each parent met for the first time (its index and id) and
    /// answers whether to read it: a commit not read is not followed either. `read` gets each read commit's
    /// index, id, fields and raw bytes; the bytes live only during the call.
    private func readGraph(
        _ graph: CommitGraph,
        shallowBoundary: Set<String>,
        discovered: (Int32, git_oid) -> Bool,
        read: (Int32, git_oid, CommitObjectParser.Fields, UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository))
        defer { git_odb_free(odb) }
        let files = objectFiles

        var unread: [Int32] = [0]
        var parents: [Int32] = []
        while let index = unread.popLast() {
            let id = graph.ids[Int(index)]
            let followParents = shallowBoundary.isEmpty || !shallowBoundary.contains(Self.hexString(id))
            do {
                try withCommitObject(id, files: files, in: odb) { bytes in
                    parents.removeAll(keepingCapacity: true)
                    let fields = try CommitObjectParser.parse(bytes) { parentHex in
                        guard followParents else { return }
                        let parentID = try Self.objectID(parentHex)
                        let (parent, isNew) = graph.index(of: parentID)
                        parents.append(parent)
                        if isNew, discovered(parent, parentID) { unread.append(parent) }
                    }
                    graph.setParents(of: index, parents)
                    try read(index, id, fields, bytes)
                }
            } catch let malformed as CommitObjectParser.Malformed {
                throw GitError(kind: .libgit2, path: errorPath, message: "failed to parse commit \(Self.hexString(id)) - \(malformed.reason)")
            }
        }
    }

    /// Reads a commit object's raw bytes, which live only until `body` returns. git_odb_read inflates the
    /// object and would keep it in libgit2's cache, except that Libgit2.initialize() stops commits being cached.
    /// Straight from the object files (ObjectFiles), else through libgit2.
    private func withCommitObject(
        _ id: git_oid, files: ObjectFiles?, in odb: OpaquePointer?, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var id = id
        // Worded only when thrown: this runs for every commit of a walk.
        let notACommit = { [errorPath] in GitError(kind: .libgit2, path: errorPath, message: "object \(Self.hexString(id)) is not a commit") }
        // Commits git stored as deltas (a repack deltifies some against similar commits) are resolved there too.
        let readThere = try withUnsafeBytes(of: id.id) { key in
            try files?.withObject(key) { type, bytes in
                guard type == .commit else { throw notACommit() }
                try body(bytes.bindMemory(to: UInt8.self))
            }
        }
        if readThere != nil { return }
        var object: OpaquePointer?
        try check(git_odb_read(&object, odb, &id))
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT else { throw notACommit() }
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

/// What forEachCommit keeps of each commit besides its place in the graph (CommitGraph), packed to stay
/// small: 24 bytes a commit plus its message, with author lines stored once per distinct author.
private final class CommitHistory {
    /// What is kept of one commit; the message lives in `messages`.
    struct Entry {
        var time: Int64 = 0
        var message = ArenaPosition()
        var author: Int32 = 0
        var encoding: Int16 = -1
        var offsetMinutes: Int16 = 0
    }

    private var entries: [Entry] = []
    private let messages = TextArena()
    /// Distinct "name NUL email" byte strings; name and e-mail cannot contain NUL (it ends them).
    private var authors: [[UInt8]] = []
    private var encodingNames: [[UInt8]] = []
    // Needed only while reading: `doneReading()` drops them before the records are built.
    private var authorIndices: [AuthorKey: Int32] = [:]
    private var scratch = AuthorKey()

    /// Makes room for the commit the graph just added (entries are indexed like the graph).
    func addCommit() {
        entries.append(Entry())
    }

    func store(_ fields: CommitObjectParser.Fields, of bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        var entry = Entry()
        entry.time = fields.authorTime
        entry.message = messages.append(UnsafeBufferPointer(rebasing: bytes[fields.message]))
        entry.author = intern(bytes[fields.authorName], bytes[fields.authorEmail])
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
        authorIndices = [:]
    }

    func record(at index: Int, graph: CommitGraph, decoder: CommitTextDecoder) -> CommitRecord {
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
            id: CommitReader.hexString(graph.ids[index]),
            parents: graph.parents(of: index).map { CommitReader.hexString(graph.ids[Int($0)]) },
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
