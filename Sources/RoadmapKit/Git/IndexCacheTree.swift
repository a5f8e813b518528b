import Foundation

/// The one fact the post-commit hook needs from git's index, read without parsing it: the tree id its
/// cache-tree (`TREE` extension) records for the root. When that root is valid and equals HEAD's tree,
/// every staged entry is exactly HEAD's: git invalidates the cache-tree on any change to an entry.
/// Reading it costs a skim over the entries' lengths (a few ms for 100 000), where libgit2 1.5 parses and
/// sorts the whole index and `git diff` starts a process that does the same.
///
/// Anything unusual answers nil, which callers take as "ask git": an index version other than 2-4, a
/// split index (`link`) or a sparse one (`sdir`), no cache-tree or an invalidated root, a damaged file.
enum IndexCacheTree {
    static func rootTreeID(ofIndexAt url: URL) -> [UInt8]? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { rootTreeID(in: $0) }
    }

    static func rootTreeID(in bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        let hashSize = 20
        func u32(_ offset: Int) -> UInt32? {
            guard offset >= 0, offset + 4 <= bytes.count else { return nil }
            return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        guard bytes.count >= 12 + hashSize, u32(0) == 0x4449_5243,  // "DIRC"
              let version = u32(4), (2...4).contains(version), let count = u32(8)
        else { return nil }
        let end = bytes.count - hashSize
        var offset = 12
        // Entries: 40 bytes of stat data, the object id, 16 bits of flags (and 16 more when extended, v3+),
        // then the path: NUL-padded to a multiple of 8 up to v3, prefix-compressed and NUL-ended in v4.
        for _ in 0..<count {
            let fixed = 40 + hashSize
            guard offset + fixed + 2 <= end else { return nil }
            let flags = UInt16(bytes[offset + fixed]) << 8 | UInt16(bytes[offset + fixed + 1])
            var pathStart = offset + fixed + 2
            if flags & 0x4000 != 0 {
                guard version >= 3 else { return nil }
                pathStart += 2
            }
            if version == 4 {
                var cursor = pathStart
                // The varint of how many bytes to drop from the previous path.
                while cursor < end, bytes[cursor] & 0x80 != 0 { cursor += 1 }
                cursor += 1
                while cursor < end, bytes[cursor] != 0 { cursor += 1 }
                guard cursor < end else { return nil }
                offset = cursor + 1
            } else {
                var nameEnd = pathStart + Int(flags & 0x0FFF)
                if flags & 0x0FFF == 0x0FFF {
                    while nameEnd < end, bytes[nameEnd] != 0 { nameEnd += 1 }
                }
                guard nameEnd < end else { return nil }
                offset += (nameEnd - offset + 8) & ~7
            }
        }
        var tree: [UInt8]?
        while offset + 8 <= end {
            let signature = u32(offset)!, size = Int(u32(offset + 4)!)
            let data = offset + 8
            guard data + size <= end else { return nil }
            switch signature {
            case 0x6C69_6E6B, 0x7364_6972:  // "link", "sdir"
                return nil
            case 0x5452_4545:  // "TREE": path NUL, entry count, SP, subtree count, LF, then the id unless invalid
                var cursor = data
                guard cursor < data + size, bytes[cursor] == 0 else { return nil }  // the root comes first
                cursor += 1
                guard cursor < data + size, bytes[cursor] != UInt8(ascii: "-") else { return nil }
                while cursor < data + size, bytes[cursor] != 0x0A { cursor += 1 }
                cursor += 1
                guard cursor + hashSize <= data + size else { return nil }
                tree = Array(bytes[cursor..<(cursor + hashSize)])
            default:
                break
            }
            offset = data + size
        }
        return offset == end ? tree : nil
    }
}
