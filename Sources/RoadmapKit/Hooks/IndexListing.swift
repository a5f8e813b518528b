import Foundation

/// `git ls-files -s -t -v --debug -z` read back: each path's entries as git lists them, with the stat
/// data git recorded, for an index libgit2 does not read (too large, split or sparse). git says --debug's
/// format may change: anything not exactly as expected gives nil, and then git answers everything.
enum IndexListing {
    /// --full-name: paths from the top of the work tree, wherever git runs.
    static let arguments = ["ls-files", "--full-name", "-s", "-t", "-v", "--debug", "-z", "--"]

    /// Entries by path; several for one path are the stages of a conflict.
    static func parse(_ output: [UInt8]) -> [String: IndexEntryFacts]? {
        var entries: [String: IndexEntryFacts] = [:]
        // Each chunk between NULs: the previous entry's five debug lines, then the next entry's line.
        let chunks = output.split(separator: 0, omittingEmptySubsequences: false)
        guard var header = chunks.first else { return entries }
        if chunks.count == 1 { return header.isEmpty ? entries : nil }
        for chunk in chunks.dropFirst() {
            let lines = chunk.split(separator: UInt8(ascii: "\n"), maxSplits: 5, omittingEmptySubsequences: false)
            guard lines.count == 6, let (path, entry) = self.entry(header, debug: lines.prefix(5)) else { return nil }
            // Several entries for one path: the stages of a conflict; a stage-0 one carries the facts.
            if let earlier = entries[path] {
                var merged = entry.conflicted ? earlier : entry
                merged.conflicted = true
                entries[path] = merged
            } else {
                entries[path] = entry
            }
            header = lines[5]
        }
        return header.isEmpty ? entries : nil
    }

    /// "H 100644 <blob> 0\tpath" and "  ctime: s:ns", "  mtime: s:ns", "  dev: d\tino: i", "  uid: u\tgid: g",
    /// "  size: n\tflags: hex".
    private static func entry(_ header: ArraySlice<UInt8>, debug: ArraySlice<ArraySlice<UInt8>>)
        -> (String, IndexEntryFacts)?
    {
        guard let tab = header.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
        let fields = String(decoding: header[..<tab], as: UTF8.self).split(separator: " ")
        let path = String(decoding: header[(tab + 1)...], as: UTF8.self)
        let lines = debug.map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 4, fields[0].count == 1, let tag = fields[0].first, let stage = Int(fields[3]),
            let mode = UInt32(fields[1], radix: 8), let ctime = values(lines[0], "  ctime: ", ":"),
            let mtime = values(lines[1], "  mtime: ", ":"), let inode = values(lines[2], "  dev: ", "\tino: "),
            let owner = values(lines[3], "  uid: ", "\tgid: "), let size = values(lines[4], "  size: ", "\tflags: "),
            let flags = UInt32(size.1, radix: 16)
        else { return nil }
        guard let seconds = UInt32(ctime.0), let nanoseconds = UInt32(ctime.1), let mtimeSeconds = UInt32(mtime.0),
            let mtimeNanoseconds = UInt32(mtime.1), let inodeNumber = UInt32(inode.1), let uid = UInt32(owner.0),
            let gid = UInt32(owner.1), let bytes = UInt64(size.0)
        else { return nil }
        let recorded = StatFacts(
            mode: mode, ctime: IndexTime(seconds: seconds, nanoseconds: nanoseconds),
            mtime: IndexTime(seconds: mtimeSeconds, nanoseconds: mtimeNanoseconds), inode: inodeNumber, uid: uid,
            gid: gid, size: bytes)
        var entry = IndexEntryFacts(modeAndID: fields[1] + " " + fields[2], recorded: recorded)
        entry.conflicted = stage != 0
        entry.skipWorktree = tag == "S" || tag == "s"
        entry.assumeUnchanged = tag.isLowercase
        // CE_INTENT_TO_ADD among git's in-memory flags.
        entry.intentToAdd = flags & (1 << 29) != 0
        return (path, entry)
    }

    /// The two values of "<label>a<separator>b".
    private static func values(_ line: String, _ label: String, _ separator: String) -> (Substring, Substring)? {
        guard line.hasPrefix(label) else { return nil }
        let rest = line.dropFirst(label.count)
        guard let middle = rest.range(of: separator) else { return nil }
        return (rest[..<middle.lowerBound], rest[middle.upperBound...])
    }
}
