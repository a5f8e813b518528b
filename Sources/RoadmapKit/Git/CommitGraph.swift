import CLibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The commit graph of one walk (HistoryReader): every commit met, as a read commit or as one the walk
/// stopped at, with the parents of the read ones. Commits are numbered in the order they were met, the tip
/// being 0; indices are Int32 to halve the graph. A commit with one parent (most of them) takes 32 bytes:
/// its id, its link and its parent list; the hash table that finds ids adds 8 to 16 bytes while reading.
final class CommitGraph {
    private(set) var ids: [git_oid] = []
    /// Per commit: `notRead`, or where its parent list starts in `parentLists`: the count, then the parents.
    private var links: [Int32] = []
    private var parentLists: [Int32] = []
    private static let notRead: Int32 = -1
    /// Needed only while reading: `doneReading()` drops it.
    private var table = ObjectIndexTable()

    var count: Int { ids.count }

    /// The index of `id`, adding it (not read) when it is new.
    func index(of id: git_oid) -> (Int32, isNew: Bool) {
        let (index, isNew) = table.findOrInsert(id, ids: &ids)
        if isNew { links.append(Self.notRead) }
        return (index, isNew)
    }

    /// Marks `index` read, with these parents.
    func setParents(of index: Int32, _ parents: [Int32]) {
        links[Int(index)] = Int32(parentLists.count)
        parentLists.append(Int32(parents.count))
        parentLists.append(contentsOf: parents)
    }

    func isRead(_ index: Int) -> Bool {
        links[index] != Self.notRead
    }

    /// The parents of a read commit, in order, as graph indices; none for a commit that was not read.
    func parents(of index: Int) -> ArraySlice<Int32> {
        let start = Int(links[index])
        guard start >= 0 else { return [] }
        return parentLists[start + 1..<start + 1 + Int(parentLists[start])]
    }

    func doneReading() {
        table = ObjectIndexTable()
    }

    /// The read commits, newest first, in git's --topo-order from the single tip at index 0
    /// (sort_in_topological_order): a LIFO of commits whose children have all been emitted, parents pushed
    /// in parent order. Commits that were not read (the walk stopped there) are left out, as git leaves out
    /// uninteresting commits.
    func topologicalOrder() -> [Int32] {
        // git's indegree: 0 for a commit outside the walk, else 1 + the number of children still to emit.
        var inDegree = [Int32](repeating: 0, count: ids.count)
        var readCount = 0
        for index in inDegree.indices where isRead(index) {
            inDegree[index] = 1
            readCount += 1
        }
        for index in inDegree.indices where isRead(index) {
            for parent in parents(of: index) where inDegree[Int(parent)] != 0 { inDegree[Int(parent)] += 1 }
        }
        var ready: [Int32] = isRead(0) ? [0] : []
        var order: [Int32] = []
        order.reserveCapacity(readCount)
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
}

/// An open-addressing hash set of indices into an id array: 4 bytes a slot, where a Dictionary keyed by
/// ids would take about 30. Object ids are already uniformly distributed, so their first bytes are the hash.
struct ObjectIndexTable {
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

    /// Three loads a side rather than a call to memcmp, which was most of the table's time.
    private static func equal(_ left: git_oid, _ right: git_oid) -> Bool {
        withUnsafeBytes(of: left) { left in
            withUnsafeBytes(of: right) { right in
                left.loadUnaligned(as: UInt64.self) == right.loadUnaligned(as: UInt64.self)
                    && left.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                        == right.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    && left.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
                        == right.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            }
        }
    }
}
