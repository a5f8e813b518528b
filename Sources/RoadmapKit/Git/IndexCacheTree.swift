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
        IndexFileFormat(bytes).flatMap { rootTreeID(in: bytes, format: $0) }
    }

    /// The same from an index already skimmed (`format` describes `bytes`).
    static func rootTreeID(in bytes: UnsafeRawBufferPointer, format index: IndexFileFormat) -> [UInt8]? {
        guard index.extensions.allSatisfy(\.isOptional),
              let cacheTree = index.extensions.first(where: { $0.signature == IndexFileFormat.tree })
        else { return nil }
        // The root comes first: "", NUL, its entry count (-1 when invalid), SP, subtree count, LF, its id.
        var cursor = cacheTree.dataStart
        guard cursor < cacheTree.dataEnd, bytes[cursor] == 0 else { return nil }
        cursor += 1
        guard cursor < cacheTree.dataEnd, bytes[cursor] != UInt8(ascii: "-") else { return nil }
        while cursor < cacheTree.dataEnd, bytes[cursor] != 0x0A { cursor += 1 }
        cursor += 1
        guard cursor + IndexFileFormat.hashSize <= cacheTree.dataEnd else { return nil }
        return Array(bytes[cursor..<(cursor + IndexFileFormat.hashSize)])
    }
}
