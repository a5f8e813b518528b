import Foundation

/// The part of HEAD's tree the tree rules can see — paths under a folder named like an item, and paths a
/// configured glob matches — remembered by tree id, so the next sync only applies the diff between the
/// two trees instead of listing 100 000 files. Like the evidence cache, only a speed-up: a miss lists the
/// whole tree again.
public struct TreeSnapshot: Equatable, Sendable {
    public var key: UInt64
    public var treeID: String
    public var paths: [String]

    static let magic: [UInt8] = Array("RMAPTRE1".utf8)

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(Self.magic)
        writer.u64(key)
        writer.string(treeID)
        writer.u32(UInt32(paths.count))
        for element in paths { writer.string(element) }
        return writer.sealed()
    }

    public static func decode(_ bytes: [UInt8]) -> TreeSnapshot? {
        guard var reader = ByteReader(sealed: bytes), reader.bytes(magic.count) == magic, let key = reader.u64(),
            let treeID = reader.string(), let count = reader.u32()
        else { return nil }
        var paths: [String] = []
        paths.reserveCapacity(Int(min(count, 10_000_000)))
        for _ in 0..<count {
            guard let path = reader.string() else { return nil }
            paths.append(path)
        }
        guard reader.isAtEnd else { return nil }
        return TreeSnapshot(key: key, treeID: treeID, paths: paths)
    }
}

/// What the tree rules found in one tree, remembered by tree id and the rules' `findingsKey`: a sync whose
/// HEAD tree has not changed (an empty commit, a commit touching no item folder… and most incremental runs
/// see the tree of the run before) takes them as they are, without decoding the snapshot's paths again.
public struct TreeFindingsRecord: Equatable, Sendable {
    public var key: UInt64
    public var treeID: String
    public var findings: [ItemID: TreeRules.Finding]

    static let magic: [UInt8] = Array("RMAPFND2".utf8)

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(Self.magic)
        writer.u64(key)
        writer.string(treeID)
        writer.u32(UInt32(findings.count))
        for item in findings.keys.sorted() {
            let finding = findings[item]!
            writer.string(item.description)
            writer.string(finding.status.rawValue)
            writer.u32(UInt32(finding.paths.count))
            for element in finding.paths { writer.string(element) }
        }
        return writer.sealed()
    }

    public static func decode(_ bytes: [UInt8]) -> TreeFindingsRecord? {
        guard var reader = ByteReader(sealed: bytes), reader.bytes(magic.count) == magic, let key = reader.u64(),
            let treeID = reader.string(), let count = reader.u32()
        else { return nil }
        var findings: [ItemID: TreeRules.Finding] = [:]
        for _ in 0..<count {
            guard let id = reader.string().flatMap(ItemID.init(parsing:)),
                let status = reader.string().flatMap(ItemStatus.init(rawValue:)),
                let pathCount = reader.u32(), pathCount <= 1_000_000
            else { return nil }
            var paths: [String] = []
            for _ in 0..<pathCount {
                guard let path = reader.string() else { return nil }
                paths.append(path)
            }
            findings[id] = TreeRules.Finding(status: status, paths: paths)
        }
        guard reader.isAtEnd else { return nil }
        return TreeFindingsRecord(key: key, treeID: treeID, findings: findings)
    }
}

/// What the tree rules find in HEAD's tree, from the remembered findings and the snapshot of relevant paths
/// where they can.
public struct TreeSource: Sendable {
    public var rules: TreeRules
    /// Where the snapshot and findings are remembered; nil: nowhere.
    public var store: CacheStore?
    var path: URL? { store?.treeSnapshotPath }
    var findingsPath: URL? { store?.treeFindingsPath }

    public init(rules: TreeRules, store: CacheStore?) {
        self.rules = rules
        self.store = store
    }

    /// What the rules find in HEAD's tree: remembered for the tree they were found in, else from the paths.
    public func findings(in repository: GitRepository) throws -> [ItemID: TreeRules.Finding] {
        guard let treeID = try repository.headTreeID() else { return rules.findings(paths: []) }
        // The key hashes every item: only worth it when there is a findings file to check it against, or to write.
        let remembered = findingsPath.flatMap { LocalFiles.contents(atPath: $0.path) }
        let key = remembered != nil || store.saves ? rules.findingsKey : 0
        if let findingsPath, let bytes = remembered, let record = TreeFindingsRecord.decode(bytes), record.key == key {
            if record.treeID == treeID { return record.findings }
            // Findings see only relevant paths (TreeRules.isRelevant): when none came or went — the hook's
            // amended tracker, any commit that only edits files — they are the same. The snapshot keeps its
            // older tree, which the next relevant change is diffed from.
            if let changes = try? repository.changes(fromTree: record.treeID, toTree: treeID),
                !changes.added.contains(where: rules.isRelevant), !changes.deleted.contains(where: rules.isRelevant)
            {
                remember(TreeFindingsRecord(key: key, treeID: treeID, findings: record.findings), at: findingsPath)
                return record.findings
            }
        }
        let findings = rules.findings(paths: try paths(in: repository, treeID: treeID))
        if let findingsPath {
            remember(TreeFindingsRecord(key: key, treeID: treeID, findings: findings), at: findingsPath)
        }
        return findings
    }

    private func remember(_ record: TreeFindingsRecord, at path: URL) {
        store?.write(record.encoded(), to: path)
    }

    private func paths(in repository: GitRepository, treeID: String) throws -> [String] {
        let key = rules.relevanceKey
        if let path, let bytes = LocalFiles.contents(atPath: path.path),
            let snapshot = TreeSnapshot.decode(bytes), snapshot.key == key
        {
            if snapshot.treeID == treeID { return snapshot.paths }
            // The old tree may be gone (a reset, then gc): like any other miss, the whole tree is listed.
            if let changes = try? repository.changes(fromTree: snapshot.treeID, toTree: treeID) {
                // Usually only modified files (the amended tracker): then the paths are the snapshot's as they are.
                var paths = snapshot.paths
                if !changes.deleted.isEmpty {
                    let deleted = Set(changes.deleted)
                    paths.removeAll(where: deleted.contains)
                }
                let added = rules.relevantPaths(changes.added)
                if !added.isEmpty {
                    let present = Set(paths)
                    paths.append(contentsOf: added.filter { !present.contains($0) })
                }
                let updated = TreeSnapshot(key: key, treeID: treeID, paths: paths)
                save(updated)
                return updated.paths
            }
        }
        let relevant =
            rules.dependsOnFoldersOnly
            ? try repository.treePaths(of: treeID, keepingFilesUnder: rules.isItemFolderName)
            : rules.relevantPaths(try repository.treePaths(of: treeID, keepingFilesUnder: nil))
        let snapshot = TreeSnapshot(key: key, treeID: treeID, paths: relevant)
        save(snapshot)
        return snapshot.paths
    }

    private func save(_ snapshot: TreeSnapshot) {
        guard let path else { return }
        store?.write(snapshot.encoded(), to: path)
    }
}
