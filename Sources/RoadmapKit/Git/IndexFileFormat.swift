/// The layout of git's index file (`gitformat-index`), versions 2 to 4, read straight from its bytes for
/// the two things the post-commit hook needs fast: the cache-tree's root (IndexCacheTree) and one entry's
/// update (IndexEntryUpdate). libgit2 1.5 would parse and sort all 100 000 entries of a large index first.
/// Every offset is checked against the buffer; anything that does not add up is nil.
struct IndexFileFormat {
    static let hashSize = 20
    static let entryFixedSize = 40 + hashSize  // stat data and object id, before the flags

    struct Entry {
        /// Where the entry starts (its ctime).
        var offset: Int
        var flags: UInt16
        /// The extended flags (v3+), 0 when the entry has none.
        var extendedFlags: UInt16
        /// The path's bytes as stored: the whole path up to v3; in v4 the suffix added to the previous
        /// entry's path after dropping `strippedCount` bytes from its end.
        var pathStart: Int
        var pathEnd: Int
        var strippedCount: Int

        var stage: Int { Int(flags >> 12) & 3 }
        var isSkipWorktree: Bool { extendedFlags & 0x4000 != 0 }
        var isIntentToAdd: Bool { extendedFlags & 0x2000 != 0 }
    }

    struct Extension {
        /// The four-byte signature, big-endian ("TREE" is 0x5452_4545).
        var signature: UInt32
        var dataStart: Int
        var dataEnd: Int
        /// git's rule: an extension whose signature starts with a capital letter may be ignored by a reader
        /// that does not know it; any other is needed to read the index correctly (`link`, `sdir`).
        var isOptional: Bool { (signature >> 24) >= 0x41 && (signature >> 24) <= 0x5A }
    }

    static let tree: UInt32 = 0x5452_4545  // "TREE"
    static let fsmonitor: UInt32 = 0x4653_4D4E  // "FSMN"

    let version: UInt32
    let entryCount: Int
    /// The first byte after the entries, where the extensions begin.
    let entriesEnd: Int
    let extensions: [Extension]
    /// Where the trailing checksum begins (the bytes it covers end here).
    let checksumStart: Int

    /// Skims the entries and lists the extensions, calling `visit` for each entry in order.
    init?(_ bytes: UnsafeRawBufferPointer, visit: (Entry) -> Void = { _ in }) {
        let hashSize = Self.hashSize
        guard bytes.count >= 12 + hashSize, Self.u32(bytes, 0) == 0x4449_5243,  // "DIRC"
              let version = Self.u32(bytes, 4), (2...4).contains(version), let count = Self.u32(bytes, 8)
        else { return nil }
        let end = bytes.count - hashSize
        var offset = 12
        // Entries: 40 bytes of stat data, the object id, 16 bits of flags (and 16 more when extended, v3+),
        // then the path: NUL-padded to a multiple of 8 up to v3, prefix-compressed and NUL-ended in v4.
        for _ in 0..<count {
            guard offset + Self.entryFixedSize + 2 <= end else { return nil }
            let flags = UInt16(bytes[offset + Self.entryFixedSize]) << 8 | UInt16(bytes[offset + Self.entryFixedSize + 1])
            var extendedFlags: UInt16 = 0
            var pathStart = offset + Self.entryFixedSize + 2
            if flags & 0x4000 != 0 {
                guard version >= 3, pathStart + 2 <= end else { return nil }
                extendedFlags = UInt16(bytes[pathStart]) << 8 | UInt16(bytes[pathStart + 1])
                pathStart += 2
            }
            var entry = Entry(offset: offset, flags: flags, extendedFlags: extendedFlags, pathStart: pathStart, pathEnd: pathStart, strippedCount: 0)
            if version == 4 {
                // A varint (git's offset encoding) of how many bytes to drop from the previous path.
                var cursor = pathStart
                guard cursor < end else { return nil }
                var stripped = Int(bytes[cursor] & 0x7F)
                while bytes[cursor] & 0x80 != 0 {
                    cursor += 1
                    guard cursor < end, stripped < 1 << 40 else { return nil }
                    stripped = ((stripped + 1) << 7) | Int(bytes[cursor] & 0x7F)
                }
                cursor += 1
                entry.pathStart = cursor
                entry.strippedCount = stripped
                while cursor < end, bytes[cursor] != 0 { cursor += 1 }
                guard cursor < end else { return nil }
                entry.pathEnd = cursor
                offset = cursor + 1
            } else {
                var nameEnd = pathStart + Int(flags & 0x0FFF)
                if flags & 0x0FFF == 0x0FFF {
                    while nameEnd < end, bytes[nameEnd] != 0 { nameEnd += 1 }
                }
                guard nameEnd < end else { return nil }
                entry.pathEnd = nameEnd
                offset += (nameEnd - offset + 8) & ~7
            }
            visit(entry)
        }
        guard offset <= end else { return nil }
        let entriesEnd = offset
        var extensions: [Extension] = []
        while offset + 8 <= end {
            let signature = Self.u32(bytes, offset)!, size = Int(Self.u32(bytes, offset + 4)!)
            let data = offset + 8
            guard data + size <= end else { return nil }
            extensions.append(Extension(signature: signature, dataStart: data, dataEnd: data + size))
            offset = data + size
        }
        guard offset == end else { return nil }
        self.version = version
        self.entryCount = Int(count)
        self.entriesEnd = entriesEnd
        self.extensions = extensions
        self.checksumStart = end
    }

    static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// One node of the cache-tree (`TREE`) for a folder above some path. `idStart` is nil for a node git
    /// invalidated (entry count -1).
    struct CacheTreeNode {
        /// The folder's path from the root ("" for the root, "docs/guides" below it).
        var folder: [UInt8]
        var idStart: Int?
    }

    /// The nodes of a `TREE` extension's data for the folders above `path`, root first, having checked that
    /// the whole extension parses (nil when not). Nodes come depth first, each followed by its subfolders'.
    static func cacheTreeNodes(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>, above path: [UInt8]) -> [CacheTreeNode]? {
        var nodes: [CacheTreeNode] = []
        var cursor = range.lowerBound
        func number() -> Int? {
            var negative = false
            if cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "-") { negative = true; cursor += 1 }
            var value = 0, digits = 0
            while cursor < range.upperBound, (0x30...0x39).contains(bytes[cursor]), digits < 10 {
                value = value * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                digits += 1
            }
            return digits > 0 ? (negative ? -value : value) : nil
        }
        // Per open folder: its subfolders still to read, and how much of `path` it covers when it lies
        // above `path` (nil when it does not).
        var open: [(remaining: Int, covered: Int?)] = []
        repeat {
            let nameStart = cursor
            while cursor < range.upperBound, bytes[cursor] != 0 { cursor += 1 }
            guard cursor < range.upperBound else { return nil }
            let name = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<cursor])
            cursor += 1
            guard let entryCount = number(), cursor < range.upperBound, bytes[cursor] == 0x20 else { return nil }
            cursor += 1
            guard let subtreeCount = number(), subtreeCount >= 0, cursor < range.upperBound, bytes[cursor] == 0x0A else { return nil }
            cursor += 1
            var idStart: Int?
            if entryCount >= 0 {
                guard cursor + hashSize <= range.upperBound else { return nil }
                idStart = cursor
                cursor += hashSize
            }
            var covered: Int?
            if let parent = open.last {
                open[open.count - 1].remaining -= 1
                // Below a folder above `path`, "name/" must come next in `path` for this one to be above it too.
                if let start = parent.covered, start + name.count < path.count,
                   path[start..<(start + name.count)].elementsEqual(name), path[start + name.count] == UInt8(ascii: "/") {
                    covered = start + name.count + 1
                    nodes.append(CacheTreeNode(folder: Array(path[..<(start + name.count)]), idStart: idStart))
                }
            } else {
                guard nodes.isEmpty, name.isEmpty else { return nil }  // one root, named ""
                covered = 0
                nodes.append(CacheTreeNode(folder: [], idStart: idStart))
            }
            open.append((subtreeCount, covered))
            while let last = open.last, last.remaining == 0 { open.removeLast() }
        } while !open.isEmpty
        return cursor == range.upperBound ? nodes : nil
    }
}
