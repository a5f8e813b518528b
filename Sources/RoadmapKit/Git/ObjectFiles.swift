import CZlib
import Foundation

/// Objects read straight from the repository's object files, for the history walk and the tree pass: pack
/// indexes (v2) looked up in place, packs mapped a few megabytes at a time, loose objects read and inflated
/// here, OFS and REF deltas resolved (with a small cache of bases). libgit2's reads take a mutex per object,
/// allocate and copy each one, and look the id up through every backend; this does none of that, and was a
/// fifth of a 200 000-commit walk.
///
/// Only a speed-up: whatever it does not find or cannot read — an index of another version, an alternate
/// object store, a damaged file — answers nil, and the caller asks libgit2, which reads everything git
/// writes (and words the error if there is one).
/// Not thread-safe: one reader per thread; readers share the pack index mappings (`Packs`).
final class ObjectFiles {
    /// A pack index, version 2: fan-out, sorted ids, CRCs, 31-bit offsets, then 64-bit offsets.
    fileprivate struct PackIndex {
        let mapping: UnsafeRawBufferPointer
        let count: Int

        init?(mapping: UnsafeRawBufferPointer) {
            guard mapping.count >= 8 + 1024 + 40, Self.u32(mapping, 0) == 0xFF74_4F63, Self.u32(mapping, 4) == 2 else { return nil }
            count = Int(Self.u32(mapping, 8 + 255 * 4))
            guard mapping.count >= 8 + 1024 + count * 28 + 40 else { return nil }
            // A fan-out that ever decreases would send the binary search outside the ids: not an index to trust.
            var previous: UInt32 = 0
            for bucket in 0..<256 {
                let value = Self.u32(mapping, 8 + bucket * 4)
                guard value >= previous else { return nil }
                previous = value
            }
            self.mapping = mapping
        }

        /// Where `id` starts in the pack, or nil when this pack does not hold it.
        func offset(of id: UnsafeRawBufferPointer) -> Int? {
            let first = Int(id[0])
            var low = first == 0 ? 0 : Int(Self.u32(mapping, 8 + (first - 1) * 4))
            var high = Int(Self.u32(mapping, 8 + first * 4))
            let ids = 8 + 1024
            // Ids compare as big-endian numbers: the first eight bytes decide nearly every step.
            let prefix = UInt64(bigEndian: id.loadUnaligned(as: UInt64.self))
            while low < high {
                let middle = (low + high) / 2
                let candidate = UInt64(bigEndian: mapping.loadUnaligned(fromByteOffset: ids + middle * 20, as: UInt64.self))
                let order = candidate != prefix ? (candidate < prefix ? -1 : 1)
                    : memcmp(mapping.baseAddress! + ids + middle * 20 + 8, id.baseAddress! + 8, 12)
                if order == 0 { return entryOffset(middle) }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }

        private func entryOffset(_ position: Int) -> Int? {
            let offsets = 8 + 1024 + count * 24
            let small = Self.u32(mapping, offsets + position * 4)
            guard small & 0x8000_0000 != 0 else { return Int(small) }
            let large = offsets + count * 4 + Int(small & 0x7FFF_FFFF) * 8
            guard large + 8 <= mapping.count - 40 else { return nil }
            let offset = UInt64(Self.u32(mapping, large)) << 32 | UInt64(Self.u32(mapping, large + 4))
            return offset < 1 << 48 ? Int(offset) : nil
        }

        static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
            UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
    }

    /// A pack file, mapped a window at a time so that a walk through it keeps a few megabytes resident,
    /// not the whole file.
    fileprivate final class PackFile {
        static let windowSize = 4 << 20
        let descriptor: Int32
        let size: Int
        private(set) var window: UnsafeMutableRawPointer?
        private(set) var windowStart = 0
        private(set) var windowLength = 0

        init?(path: String) {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_size > 32 else {
                close(descriptor)
                return nil
            }
            size = Int(status.st_size)
        }

        deinit {
            if let window { munmap(window, windowLength) }
            close(descriptor)
        }

        /// The bytes from `offset` to the end of the window holding it (at least `minimum` unless the file
        /// ends first), mapping another window when needed.
        func bytes(at offset: Int, minimum: Int) -> UnsafeRawBufferPointer? {
            guard offset >= 0, offset < size else { return nil }
            if window == nil || offset < windowStart || offset + min(minimum, size - offset) > windowStart + windowLength {
                if let window { munmap(window, windowLength) }
                window = nil
                let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                let start = offset / page * page
                let length = min(max(Self.windowSize, offset - start + minimum), size - start)
                guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(start)), mapped != MAP_FAILED else { return nil }
                window = mapped
                windowStart = start
                windowLength = length
            }
            return UnsafeRawBufferPointer(start: window! + (offset - windowStart), count: windowStart + windowLength - offset)
        }
    }

    /// The packs' indexes, mapped once and shared by every reader of the repository (they are only read):
    /// a second mapping would count twice in the process's memory.
    final class Packs: @unchecked Sendable {
        fileprivate struct Entry {
            let index: PackIndex
            let file: MappedFile
            let packPath: String
        }

        let objectsDirectory: String
        fileprivate let entries: [Entry]

        init(objectsDirectory: String) {
            self.objectsDirectory = objectsDirectory
            let packFolder = objectsDirectory + "/pack"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: packFolder)) ?? []
            var entries: [Entry] = []
            for name in names.sorted() where name.hasPrefix("pack-") && name.hasSuffix(".idx") {
                let base = packFolder + "/" + name.dropLast(4)
                guard let file = MappedFile(base + ".idx"), let index = PackIndex(mapping: UnsafeRawBufferPointer(file.bytes)) else { continue }
                entries.append(Entry(index: index, file: file, packPath: base + ".pack"))
            }
            self.entries = entries
        }
    }

    private struct Pack {
        let index: PackIndex
        let file: PackFile
    }

    /// Owns the pack index mappings that `packs` read from: kept for as long as this reader lives.
    private let shared: Packs
    private var packs: [Pack] = []
    /// Objects met as delta bases, by (pack, offset), within `baseCacheLimit` bytes.
    private var bases: [Int: (type: ObjectType, bytes: [UInt8])] = [:]
    private var baseOrder: [Int] = []
    private var baseBytes = 0
    private let baseCacheLimit = 4 << 20
    private var stream = z_stream()
    private var streamReady = false
    /// The last object read; its bytes stay valid until the next read.
    private var output: UnsafeMutableRawBufferPointer = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// A reader for `objectsDirectory` (a repository's `objects` folder), with every pack whose index it
    /// can read.
    convenience init(objectsDirectory: String) {
        self.init(sharing: Packs(objectsDirectory: objectsDirectory))
    }

    /// A reader of its own (windows, inflater, caches) over `packs`, which other readers may use meanwhile.
    init(sharing packs: Packs) {
        shared = packs
        for entry in packs.entries {
            guard let file = PackFile(path: entry.packPath) else { continue }
            self.packs.append(Pack(index: entry.index, file: file))
        }
        streamReady = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
        output.deallocate()
    }

    enum ObjectType: Int {
        case commit = 1, tree = 2, blob = 3, tag = 4
    }

    /// Object `id` when it is stored whole in a pack or as a loose file: its type and bytes (valid until
    /// the next read). nil for anything this does not read (see the type's comment).
    func read(_ id: UnsafeRawBufferPointer) -> (type: ObjectType, bytes: UnsafeRawBufferPointer)? {
        guard streamReady, id.count == 20 else { return nil }
        for pack in packs {
            if let offset = pack.index.offset(of: id) {
                return readPacked(at: offset, in: pack.file)
            }
        }
        return readLoose(id)
    }

    /// `body` over object `id`, stored whole (read in place) or as a delta (resolved); nil when this does not
    /// read it.
    func withObject<T>(_ id: UnsafeRawBufferPointer, _ body: (ObjectType, UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        if let object = read(id) { return try body(object.type, object.bytes) }
        guard let object = readOwned(id) else { return nil }
        return try object.bytes.withUnsafeBytes { try body(object.type, $0) }
    }

    /// Object `id` as an array of its own, deltas resolved (OFS_DELTA, and REF_DELTA within the pack),
    /// for readers that hold several objects at once (a tree while its subtrees are read).
    func readOwned(_ id: UnsafeRawBufferPointer) -> (type: ObjectType, bytes: [UInt8])? {
        guard streamReady, id.count == 20 else { return nil }
        for (number, pack) in packs.enumerated() {
            if let offset = pack.index.offset(of: id) {
                return resolve(at: offset, pack: number, depth: 0)
            }
        }
        return readLoose(id).map { ($0.type, Array($0.bytes)) }
    }

    private func resolve(at offset: Int, pack number: Int, depth: Int) -> (type: ObjectType, bytes: [UInt8])? {
        guard depth < 10_000 else { return nil }
        // Pack number above the offset's bits (offsets stay below 2^48: 256 TB).
        guard offset >= 0, offset < 1 << 48 else { return nil }
        let key = number << 48 | offset
        if let cached = bases[key] { return cached }
        let file = packs[number].file
        guard let entry = entryHeader(at: offset, in: file) else { return nil }
        let header = entry.bytes, typeCode = entry.typeCode, size = entry.size
        var position = entry.dataOffset - offset
        var byte: UInt8
        if let type = ObjectType(rawValue: typeCode) {
            guard let whole = readPacked(at: offset, in: file) else { return nil }
            let object = (type, Array(whole.bytes))
            if depth > 0 { remember(key, object) }
            return object
        }
        let baseOffset: Int
        switch typeCode {
        case 6:  // OFS_DELTA: the base lies this many bytes before, in git's offset encoding.
            guard position < header.count else { return nil }
            byte = header[position]
            var distance = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                position += 1
                guard position < header.count, distance < 1 << 48 else { return nil }
                byte = header[position]
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            position += 1
            baseOffset = offset - distance
        case 7:  // REF_DELTA: the base's id.
            guard position + 20 <= header.count,
                  let found = packs[number].index.offset(of: UnsafeRawBufferPointer(rebasing: header[position..<(position + 20)]))
            else { return nil }
            position += 20
            baseOffset = found
        default:
            return nil
        }
        guard baseOffset >= 12, baseOffset < offset || typeCode == 7 else { return nil }
        guard let delta = inflateOwned(from: offset + position, size: size, in: file),
              let base = resolve(at: baseOffset, pack: number, depth: depth + 1),
              let result = Self.apply(delta: delta, to: base.bytes)
        else { return nil }
        remember(key, (base.type, result))
        return (base.type, result)
    }

    private func remember(_ key: Int, _ object: (type: ObjectType, bytes: [UInt8])) {
        guard object.bytes.count <= baseCacheLimit / 4 else { return }
        bases[key] = object
        baseOrder.append(key)
        baseBytes += object.bytes.count
        while baseBytes > baseCacheLimit, !baseOrder.isEmpty {
            if let evicted = bases.removeValue(forKey: baseOrder.removeFirst()) { baseBytes -= evicted.bytes.count }
        }
    }

    private func inflateOwned(from start: Int, size: Int, in file: PackFile) -> [UInt8]? {
        guard size >= 0, size < Int(UInt32.max) else { return nil }
        var result = [UInt8](repeating: 0, count: size)
        let complete = result.withUnsafeMutableBytes { inflateEntry(from: start, in: file, into: $0) }
        return complete ? result : nil
    }

    /// git's delta format: the base's size and the result's (seven bits a byte), then copy instructions
    /// (high bit set: offset and length bytes flagged in the low seven bits) and literal inserts.
    static func apply(delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
        var position = 0
        func size() -> Int? {
            var value = 0, shift = 0
            while position < delta.count {
                let byte = delta[position]
                position += 1
                value |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
                guard shift < 57 else { return nil }
            }
            return nil
        }
        guard let baseSize = size(), baseSize == base.count, let resultSize = size(), resultSize < Int(UInt32.max) else { return nil }
        var result: [UInt8] = []
        // What a damaged delta claims is not allocated up front: it has to be produced by copies and inserts.
        result.reserveCapacity(min(resultSize, base.count + delta.count * 16))
        while position < delta.count {
            let instruction = delta[position]
            position += 1
            if instruction & 0x80 != 0 {
                var copyOffset = 0, copyLength = 0
                for bit in 0..<4 where instruction & (1 << bit) != 0 {
                    guard position < delta.count else { return nil }
                    copyOffset |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                for bit in 0..<3 where instruction & (0x10 << bit) != 0 {
                    guard position < delta.count else { return nil }
                    copyLength |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                if copyLength == 0 { copyLength = 0x10000 }
                guard copyOffset + copyLength <= base.count else { return nil }
                result.append(contentsOf: base[copyOffset..<(copyOffset + copyLength)])
            } else if instruction != 0 {
                let length = Int(instruction)
                guard position + length <= delta.count else { return nil }
                result.append(contentsOf: delta[position..<(position + length)])
                position += length
            } else {
                return nil
            }
        }
        return result.count == resultSize ? result : nil
    }

    private func readPacked(at offset: Int, in file: PackFile) -> (type: ObjectType, bytes: UnsafeRawBufferPointer)? {
        // Deltas (6, 7) are for `resolve`, or libgit2.
        guard let header = entryHeader(at: offset, in: file), let type = ObjectType(rawValue: header.typeCode),
              prepareOutput(header.size),
              inflateEntry(from: header.dataOffset, in: file, into: UnsafeMutableRawBufferPointer(start: output.baseAddress, count: header.size))
        else { return nil }
        return (type, UnsafeRawBufferPointer(start: output.baseAddress, count: header.size))
    }

    /// A pack entry's header: its type code, its inflated size (seven bits a byte after the first four), and
    /// where what follows the header starts.
    private func entryHeader(at offset: Int, in file: PackFile) -> (typeCode: Int, size: Int, dataOffset: Int, bytes: UnsafeRawBufferPointer)? {
        guard let header = file.bytes(at: offset, minimum: 32) else { return nil }
        var position = 0
        var byte = header[position]
        let typeCode = Int(byte >> 4) & 7
        var size = Int(byte & 0x0F)
        var shift = 4
        while byte & 0x80 != 0 {
            position += 1
            guard position < header.count, shift < 57 else { return nil }
            byte = header[position]
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        return (typeCode, size, offset + position + 1, header)
    }

    /// Inflates the zlib stream starting at `start` into exactly `destination` (its size is the entry's).
    private func inflateEntry(from start: Int, in file: PackFile, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        // zlib counts in 32 bits: larger objects are libgit2's.
        guard destination.count < Int(UInt32.max) else { return false }
        inflateReset(&stream)
        var input = start
        stream.next_out = destination.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(destination.count)
        while true {
            guard let chunk = file.bytes(at: input, minimum: 64) else { return false }
            stream.next_in = UnsafeMutablePointer(mutating: chunk.baseAddress!.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(min(chunk.count, Int(UInt32.max)))
            let before = stream.avail_in
            let result = inflate(&stream, Z_FINISH)
            input += Int(before - stream.avail_in)
            if result == Z_STREAM_END { return Int(stream.total_out) == destination.count }
            // More input needed (the window ended) is the only way to go on; anything else is a damaged entry.
            guard result == Z_BUF_ERROR || result == Z_OK, stream.avail_in == 0, stream.avail_out > 0 || destination.count == 0 else { return false }
        }
    }

    /// objects/xx/yyyy: a zlib stream of "<type> <size>\0" and the object.
    private func readLoose(_ id: UnsafeRawBufferPointer) -> (type: ObjectType, bytes: UnsafeRawBufferPointer)? {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(41)
        for (position, byte) in id.enumerated() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
            if position == 0 { hex.append(UInt8(ascii: "/")) }
        }
        let path = shared.objectsDirectory + "/" + String(decoding: hex, as: UTF8.self)
        guard let compressed = LocalFiles.contents(atPath: path), !compressed.isEmpty else { return nil }
        return compressed.withUnsafeBytes { raw -> (type: ObjectType, bytes: UnsafeRawBufferPointer)? in
            // The header first, into a small buffer; then the object into `output`.
            inflateReset(&stream)
            var header = [UInt8](repeating: 0, count: 64)
            stream.next_in = UnsafeMutablePointer(mutating: raw.baseAddress!.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(raw.count)
            let headerResult = header.withUnsafeMutableBytes { buffer -> Int32 in
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_SYNC_FLUSH)
            }
            guard headerResult == Z_OK || headerResult == Z_STREAM_END else { return nil }
            let produced = 64 - Int(stream.avail_out)
            guard let nul = header[..<produced].firstIndex(of: 0), let space = header[..<nul].firstIndex(of: 0x20),
                  let size = Int(String(decoding: header[(space + 1)..<nul], as: UTF8.self)), size >= 0
            else { return nil }
            let type: ObjectType
            switch String(decoding: header[..<space], as: UTF8.self) {
            case "commit": type = .commit
            case "tree": type = .tree
            case "blob": type = .blob
            case "tag": type = .tag
            default: return nil
            }
            guard prepareOutput(size) else { return nil }
            let already = produced - (nul + 1)
            guard already <= size else { return nil }
            header.withUnsafeBytes { output.baseAddress!.copyMemory(from: $0.baseAddress! + nul + 1, byteCount: already) }
            if headerResult != Z_STREAM_END {
                stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self) + already
                stream.avail_out = uInt(size - already)
                // One byte more than the size must not fit: Z_STREAM_END has to come exactly at the end.
                guard inflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
            }
            guard Int(stream.total_out) == nul + 1 + size else { return nil }
            return (type, UnsafeRawBufferPointer(start: output.baseAddress, count: size))
        }
    }

    /// Makes `output` hold at least `size` bytes (and one, so that it always has an address).
    private func prepareOutput(_ size: Int) -> Bool {
        guard size >= 0, size < Int(UInt32.max) else { return false }
        if output.count < max(size, 1) {
            output.deallocate()
            output = .allocate(byteCount: max(size, 4096, output.count * 2), alignment: 16)
        }
        return true
    }
}
