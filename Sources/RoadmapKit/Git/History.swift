import CLibgit2
import Foundation

/// Walks a repository's history through libgit2 (`git_commit_lookup` and its accessors) and copies commits
/// out as plain values. Each commit is read exactly once, depth first: the first pass builds the commit
/// graph (CommitGraph) and keeps per commit only what the second pass needs; the second sorts
/// topologically and hands the commits out, oldest first, in the order of `git rev-list --topo-order
/// --reverse`. libgit2's revwalk instead reads every commit twice, or holds the whole history in its cache.
struct HistoryReader {
    let repository: OpaquePointer
    /// The path reported in errors (the repository's git directory).
    let errorPath: String
    /// Commits whose content is read from another (`refs/replace/<id>`), as `git log` does.
    let replacements: [ObjectKey: git_oid]
    /// Commits listed in `shallow`: treated as parentless, as git treats them (their parents were not fetched).
    let shallowBoundary: Set<ObjectKey>

    /// Every commit reachable from `head`, oldest first.
    func forEachCommit(from head: git_oid, _ body: (CommitRecord) throws -> Void) throws {
        let graph = CommitGraph()
        _ = graph.index(of: head)
        var kept: [Int32: Kept] = [:]
        try readGraph(graph) { _, _ in
            true
        } read: { index, _, commit in
            let author = git_commit_author(commit)?.pointee
            let decoder = CommitTextDecoder()
            let encoding = Self.encoding(of: commit, decoder)
            kept[index] = Kept(
                authorName: author.map { Self.decode($0.name, decoder, encoding) } ?? "",
                authorEmail: author.map { Self.decode($0.email, decoder, encoding) } ?? "",
                time: author?.when.time ?? 0, offsetMinutes: Int(author?.when.offset ?? 0),
                message: Self.message(of: commit, decoder, encoding))
        }
        graph.doneReading()
        for index in graph.topologicalOrder().reversed() {
            let entry = kept[index]!
            try body(
                CommitRecord(
                    id: hexString(graph.ids[Int(index)]),
                    parents: graph.parents(of: Int(index)).map { hexString(graph.ids[Int($0)]) },
                    authorName: entry.authorName, authorEmail: entry.authorEmail,
                    authorDate: Date(timeIntervalSince1970: TimeInterval(entry.time)),
                    authorTimeZoneOffsetMinutes: entry.offsetMinutes, message: entry.message))
        }
    }

    private struct Kept {
        var authorName: String
        var authorEmail: String
        var time: Int64
        var offsetMinutes: Int
        var message: String
    }

    /// The commits reachable from `head` without going through one `knownGeneration` knows; see
    /// `GitRepository.walk`. `keep` is shown each commit read, in read order, and answers whether a digest
    /// of it was kept; `body` gets that digest's number (0, 1, ... in read order), or nil.
    func walk(
        from head: git_oid,
        knownGeneration: ((String) -> UInt32?)?,
        keep: (CommitContent) -> Bool,
        _ body: (_ id: String, _ parents: [String], _ generation: UInt32, _ digest: Int?) throws -> Void
    ) throws -> WalkSummary {
        if let knownGeneration {
            let headHex = hexString(head)
            if knownGeneration(headHex) != nil { return WalkSummary(boundary: [headHex], walked: 0) }
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
            if index == 0 { headTree = git_commit_tree_id(commit)?.pointee }
            let content = CommitContent(
                id: hexString(id),
                authorDate: Date(
                    timeIntervalSince1970: TimeInterval(git_commit_author(commit)?.pointee.when.time ?? 0)),
                message: Self.message(of: commit, decoder, Self.encoding(of: commit, decoder)))
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
        var summary = WalkSummary(boundary: boundary, walked: order.count)
        summary.headTree = headTree
        return summary
    }

    /// The first pass: every commit reachable from index 0 of `graph`, each read once, depth first (the
    /// last parent pushed is read first). `discovered` is told about each parent met for the first time and
    /// answers whether to read it: a commit not read is not followed either. `read` gets each read commit,
    /// valid only during the call.
    private func readGraph(
        _ graph: CommitGraph,
        discovered: (Int32, git_oid) -> Bool,
        read: (Int32, git_oid, OpaquePointer) throws -> Void
    ) throws {
        var unread: [Int32] = [0]
        var parents: [Int32] = []
        while let index = unread.popLast() {
            let id = graph.ids[Int(index)]
            let key = ObjectKey(id)
            var readID = replacements[key] ?? id
            var commit: OpaquePointer?
            let found = git_commit_lookup(&commit, repository, &readID)
            if found == GIT_ENOTFOUND.rawValue || found == GIT_EINVALIDSPEC.rawValue {
                throw RoadmapError.file(
                    "git error in \(errorPath): object \(hexString(readID)) is missing or not a commit")
            }
            try Libgit2.check(found, path: errorPath)
            defer { git_commit_free(commit) }
            guard let commit else { continue }
            parents.removeAll(keepingCapacity: true)
            if !shallowBoundary.contains(key) {
                for position in 0..<git_commit_parentcount(commit) {
                    guard let parentID = git_commit_parent_id(commit, position)?.pointee else { continue }
                    let (parent, isNew) = graph.index(of: parentID)
                    parents.append(parent)
                    if isNew, discovered(parent, parentID) { unread.append(parent) }
                }
            }
            graph.setParents(of: index, parents)
            try read(index, id, commit)
        }
    }

    private static func encoding(of commit: OpaquePointer, _ decoder: CommitTextDecoder) -> CommitTextDecoder.Encoding {
        guard let name = git_commit_message_encoding(commit) else { return decoder.encoding(forHeader: nil) }
        return name.withMemoryRebound(to: UInt8.self, capacity: strlen(name)) {
            decoder.encoding(forHeader: UnsafeBufferPointer(start: $0, count: strlen(name)))
        }
    }

    /// libgit2's raw message (everything after the header), decoded from the commit's encoding.
    private static func message(
        of commit: OpaquePointer, _ decoder: CommitTextDecoder, _ encoding: CommitTextDecoder.Encoding
    ) -> String {
        decode(git_commit_message_raw(commit), decoder, encoding)
    }

    private static func decode(
        _ text: UnsafePointer<CChar>?, _ decoder: CommitTextDecoder, _ encoding: CommitTextDecoder.Encoding
    ) -> String {
        guard let text else { return "" }
        let count = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: count) {
            decoder.decode(UnsafeBufferPointer(start: $0, count: count), as: encoding)
        }
    }
}

/// An object id as a dictionary key.
struct ObjectKey: Hashable {
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    init(_ id: git_oid) {
        (high, middle, low) = withUnsafeBytes(of: id) {
            (
                $0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                $0.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            )
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
