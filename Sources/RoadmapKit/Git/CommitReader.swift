import CLibgit2
import Foundation

/// Walks a repository's history and copies commits out of libgit2 into `CommitRecord`s.
/// Used only while the owning `GitRepository` holds its lock; nothing here outlives one walk.
struct CommitReader {
    let repository: OpaquePointer
    /// The path reported in errors (the repository's git directory).
    let errorPath: String
    private let decoder = CommitTextDecoder()

    init(repository: OpaquePointer, errorPath: String) {
        self.repository = repository
        self.errorPath = errorPath
    }

    /// HEAD's history oldest first, streamed: only libgit2's compact commit graph is held, never the records.
    func forEachCommit(_ body: (CommitRecord) throws -> Void) throws {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, repository))
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue))
        try check(git_revwalk_push_head(walker))

        var id = git_oid()
        while true {
            let result = git_revwalk_next(&id, walker)
            if result == GIT_ITEROVER.rawValue { return }
            try check(result)
            try withCommit(&id) { commit in
                try body(record(of: commit, parents: nil))
            }
        }
    }

    /// HEAD's history in a shallow repository, in the same order as `forEachCommit`.
    ///
    /// libgit2 1.5's revwalk does not read the `shallow` file: it tries to load the missing parents of the
    /// boundary commits and fails with "object not found". So the graph is walked here, treating boundary
    /// commits as parentless exactly as git does, and sorted with the algorithm libgit2 and git use for
    /// --topo-order from a single tip: a LIFO of commits whose children have all been emitted, parents
    /// pushed in parent order. Shallow histories are small, so holding their graph (ids only) is fine.
    func forEachCommitOfShallowHistory(boundary: Set<String>, _ body: (CommitRecord) throws -> Void) throws {
        var headID = git_oid()
        try check(git_reference_name_to_id(&headID, repository, "HEAD"))

        var ids: [git_oid] = [headID]
        var parentIndices: [[Int]] = [[]]
        var isBoundary: [Bool] = [false]
        var indexByID: [String: Int] = [Self.hexString(&headID): 0]
        var unexpanded = [0]
        while let index = unexpanded.popLast() {
            var id = ids[index]
            let hex = Self.hexString(&id)
            if boundary.contains(hex) {
                isBoundary[index] = true
                continue
            }
            try withCommit(&id) { commit in
                for parentNumber in 0..<git_commit_parentcount(commit) {
                    guard let parentID = git_commit_parent_id(commit, parentNumber) else { continue }
                    let parentHex = Self.hexString(parentID)
                    if let known = indexByID[parentHex] {
                        parentIndices[index].append(known)
                    } else {
                        let newIndex = ids.count
                        ids.append(parentID.pointee)
                        parentIndices.append([])
                        isBoundary.append(false)
                        indexByID[parentHex] = newIndex
                        parentIndices[index].append(newIndex)
                        unexpanded.append(newIndex)
                    }
                }
            }
        }

        var inDegree = [Int](repeating: 1, count: ids.count)
        for parents in parentIndices {
            for parent in parents { inDegree[parent] += 1 }
        }
        var ready = [0]
        var newestFirst: [Int] = []
        newestFirst.reserveCapacity(ids.count)
        while let next = ready.popLast() {
            for parent in parentIndices[next] where inDegree[parent] != 0 {
                inDegree[parent] -= 1
                if inDegree[parent] == 1 { ready.append(parent) }
            }
            inDegree[next] = 0
            newestFirst.append(next)
        }

        for index in newestFirst.reversed() {
            var id = ids[index]
            try withCommit(&id) { commit in
                try body(record(of: commit, parents: isBoundary[index] ? [] : nil))
            }
        }
    }

    /// Looks a commit up and frees it when `body` returns: the commit is libgit2-owned memory and every
    /// pointer obtained from it (message, signature) dies with it, so `body` must copy what it keeps.
    private func withCommit(_ id: inout git_oid, _ body: (OpaquePointer) throws -> Void) throws {
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, repository, &id))
        defer { git_commit_free(commit) }
        guard let commit else { return }
        try body(commit)
    }

    /// Copies a commit into a record. `parents` overrides the commit's own parents (shallow boundary).
    private func record(of commit: OpaquePointer, parents overriddenParents: [String]?) -> CommitRecord {
        let parents = overriddenParents ?? (0..<git_commit_parentcount(commit)).compactMap { number in
            git_commit_parent_id(commit, number).map { Self.hexString($0) }
        }
        // The encoding header covers the whole commit object, so it applies to the author line too.
        let encoding = decoder.encoding(forHeader: git_commit_message_encoding(commit))
        let author = git_commit_author(commit)?.pointee
        return CommitRecord(
            id: Self.hexString(git_commit_id(commit)),
            parents: parents,
            authorName: decoder.decode(author?.name, as: encoding),
            authorEmail: decoder.decode(author?.email, as: encoding),
            authorDate: Date(timeIntervalSince1970: TimeInterval(author?.when.time ?? 0)),
            authorTimeZoneOffsetMinutes: Int(author?.when.offset ?? 0),
            // The raw message: libgit2's git_commit_message would drop leading newlines.
            message: decoder.decode(git_commit_message_raw(commit), as: encoding)
        )
    }

    private func check(_ result: Int32) throws {
        try Libgit2.check(result, path: errorPath)
    }

    static func hexString(_ id: UnsafePointer<git_oid>?) -> String {
        guard let id else { return "" }
        return String(unsafeUninitializedCapacity: Int(GIT_OID_HEXSZ)) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, id) }
            return Int(GIT_OID_HEXSZ)
        }
    }
}
