import CLibgit2
import Foundation

/// Walks a repository's history through libgit2's object database (`git_odb_read`, and the few header
/// lines `RawCommit` finds) and copies commits out as plain values. Each commit is read exactly once, depth
/// first: the first pass builds the commit graph (CommitGraph) and keeps per commit only what the second
/// pass needs; the second sorts topologically and hands the commits out, oldest first, in the order of
/// `git rev-list --topo-order --reverse`. libgit2's revwalk reads every commit twice, or caches them all.
struct HistoryReader {
    let repository: OpaquePointer
    /// The path reported in errors (the repository's git directory).
    let errorPath: String
    /// Commits whose content is read from another (`refs/replace/<id>`), as `git log` does.
    let replacements: [ObjectID: git_oid]
    /// Commits listed in `shallow`: treated as parentless, as git treats them (their parents were not fetched).
    let shallowBoundary: Set<ObjectID>

    /// The commits reachable from `head` without going through one `knownGeneration` knows; see
    /// `GitRepository.walk`. `keep` is shown each commit read, in read order, and answers whether a digest
    /// of it was kept; `body` gets that digest's number (0, 1, ... in read order), or nil.
    func walk(
        from head: git_oid,
        knownGeneration: ((String) -> UInt32?)?,
        keep: (CommitContent) -> Bool,
        _ body: (_ id: String, _ parents: [String], _ generation: UInt32, _ digest: Int?) throws -> Void
    ) throws -> (WalkSummary, headTree: git_oid?) {
        if let knownGeneration {
            let headHex = hexString(head)
            if knownGeneration(headHex) != nil { return (WalkSummary(boundary: [headHex], walked: 0), nil) }
        }
        let graph = CommitGraph()
        _ = graph.index(of: head)
        // Both few, so kept by commit index: the generations of known commits, and the digests' numbers.
        var knownGenerations: [Int32: UInt32] = [:]
        var digestNumbers: [Int32: Int] = [:]
        var boundary = Set<String>()
        var headTree: git_oid?
        let decoder = CommitTextDecoder()
        try readGraph(graph) { index, id in
            // A full walk knows no commit: it skips making 200 000 hex ids only to ask about them.
            guard let knownGeneration else { return true }
            let hex = hexString(id)
            guard let known = knownGeneration(hex) else { return true }
            knownGenerations[index] = known
            boundary.insert(hex)
            return false
        } read: { index, id, commit in
            if index == 0 { headTree = commit.tree }
            let encoding = decoder.encoding(
                forHeader: commit.encoding.map { UnsafeBufferPointer(rebasing: commit.bytes[$0]) })
            let content = CommitContent(
                id: hexString(id), authorDate: Date(timeIntervalSince1970: TimeInterval(commit.authorTime)),
                message: decoder.decode(UnsafeBufferPointer(rebasing: commit.bytes[commit.message]), as: encoding))
            if keep(content) { digestNumbers[index] = digestNumbers.count }
        }
        graph.doneReading()

        let order = graph.topologicalOrder()
        // Parents come first, so each commit's generation is known when its children need it.
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
            let hex = hexString(graph.ids[Int(index)])
            let parentHexes = parents.map { $0 == previous.index ? previous.hex : hexString(graph.ids[Int($0)]) }
            try body(hex, parentHexes, generation, digestNumbers[index])
            previous = (index, hex)
        }
        return (WalkSummary(boundary: boundary, walked: order.count), headTree)
    }

    /// The first pass: every commit reachable from index 0 of `graph`, each read once, depth first (the
    /// last parent pushed is read first). `discovered` is told about each parent met for the first time and
    /// answers whether to read it: a commit not read is not followed either. `read` gets each read commit,
    /// whose bytes live only during the call. Commits are read with `git_odb_read` and only the header
    /// lines the walk needs are looked at: libgit2's commit parse copies the message and both signatures.
    private func readGraph(
        _ graph: CommitGraph,
        discovered: (Int32, git_oid) -> Bool,
        read: (Int32, git_oid, RawCommit) throws -> Void
    ) throws {
        var odb: OpaquePointer?
        try Libgit2.check(git_repository_odb(&odb, repository), path: errorPath)
        defer { git_odb_free(odb) }
        var unread: [Int32] = [0]
        var parents: [Int32] = []
        while let index = unread.popLast() {
            let id = graph.ids[Int(index)]
            var readID = replacements.isEmpty ? id : replacements[ObjectID(id)] ?? id
            var object: OpaquePointer?
            let found = git_odb_read(&object, odb, &readID)
            if found == GIT_ENOTFOUND.rawValue {
                throw RoadmapError.file("git error in \(errorPath): object \(hexString(readID)) is missing")
            }
            try Libgit2.check(found, path: errorPath)
            defer { git_odb_object_free(object) }
            guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else {
                throw RoadmapError.file("git error in \(errorPath): object \(hexString(readID)) is not a commit")
            }
            let bytes = UnsafeBufferPointer(
                start: data.assumingMemoryBound(to: UInt8.self), count: git_odb_object_size(object))
            let follows = shallowBoundary.isEmpty || !shallowBoundary.contains(ObjectID(id))
            parents.removeAll(keepingCapacity: true)
            let commit = RawCommit(bytes) { parentID in
                guard follows else { return }
                let (parent, isNew) = graph.index(of: parentID)
                parents.append(parent)
                if isNew, discovered(parent, parentID) { unread.append(parent) }
            }
            graph.setParents(of: index, parents)
            try read(index, id, commit)
        }
    }
}

/// The header lines of a raw commit object (`git cat-file commit`) that the walk needs, found in place:
/// `tree`, each `parent`, the author's time, `encoding`; the message is everything after the blank line
/// that ends the header, as libgit2's raw message. Continuation lines (a signature) start with a space.
struct RawCommit {
    let bytes: UnsafeBufferPointer<UInt8>
    var tree: git_oid?
    var authorTime: Int64 = 0
    var encoding: Range<Int>?
    var message: Range<Int>

    init(_ bytes: UnsafeBufferPointer<UInt8>, parent: (git_oid) -> Void) {
        self.bytes = bytes
        var position = 0
        var sawAuthor = false
        while position < bytes.count, bytes[position] != 0x0A {
            let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[position..<end])
            if line.starts(with: "parent ".utf8) || line.starts(with: "tree ".utf8) {
                var id = git_oid()
                let hex = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(line)[(line[0] == 0x70 ? 7 : 5)...])
                if hex.count == Int(GIT_OID_HEXSZ),
                    hex.withMemoryRebound(to: CChar.self, { git_oid_fromstrn(&id, $0.baseAddress, $0.count) }) == 0
                {
                    if line[0] == 0x70 { parent(id) } else { tree = id }
                }
            } else if !sawAuthor, line.starts(with: "author ".utf8), let close = line.lastIndex(of: 0x3E) {
                // "author Name <email> 1700000000 +0000": the digits after the last '>'.
                sawAuthor = true
                var digit = close + 2
                while digit < line.count, line[digit] >= 0x30, line[digit] <= 0x39 {
                    authorTime = authorTime &* 10 &+ Int64(line[digit] - 0x30)
                    digit += 1
                }
            } else if line.starts(with: "encoding ".utf8) {
                encoding = position + 9..<end
            }
            position = end + 1
        }
        message = min(position + 1, bytes.count)..<bytes.count
    }
}

extension ObjectID {
    /// The same value `ObjectID(hex:)` gives for the id's hex spelling.
    init(_ id: git_oid) {
        self = withUnsafeBytes(of: id) {
            ObjectID(
                high: UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)),
                middle: UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                low: UInt32(bigEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
        }
    }
}

func hexString(_ id: git_oid) -> String {
    withUnsafePointer(to: id) { hexString($0) }
}

func hexString(_ id: UnsafePointer<git_oid>?) -> String {
    guard let id else { return "" }
    return String(unsafeUninitializedCapacity: Int(GIT_OID_HEXSZ)) { buffer in
        buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, id) }
        return Int(GIT_OID_HEXSZ)
    }
}
