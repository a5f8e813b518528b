import Foundation

/// What a sync remembers between runs (under the git folder), so that one new commit costs one commit's
/// reading rather than the whole history's. It is only ever a speed-up: anything missing, malformed, for
/// another configuration or another history is simply not used, and the full walk runs instead.
public struct EvidenceCache: Equatable, Sendable {
    /// Bumped whenever the format or the grammar's output changes.
    public static let formatVersion: UInt32 = 4
    static let magic: [UInt8] = Array("RMAPEVC".utf8)
    static let readingsMagic: [UInt8] = Array("RMAPRDG".utf8)

    /// Everything the readings depend on besides the history: the configured patterns, the shallow
    /// boundary, the tool's format version.
    public var key: UInt64
    /// The commit the cache describes: every commit reachable from it is in `generations`.
    public var head: ObjectID
    /// The head's parents: when a new history reaches all of them but not the head, the head alone was
    /// rewritten (an amend), and the cache survives without it.
    public var headParents: [ObjectID]
    /// The generation table as last written in full (its own file, rewritten only now and then) …
    public var generations: GenerationTable
    /// … and the changes since, which are small and go with the readings on every run.
    public var added: [ObjectID: UInt32]
    public var removed: Set<ObjectID>
    public var readings: [CommitReading]
    /// The readings file as loaded, while `readings` begin with what it held: a save then appends only the
    /// readings after those (or, with none, writes only the state naming the file: CacheStore.save). nil
    /// once a loaded reading is removed, or for a cache not loaded from files.
    var loadedReadings: LoadedReadings?

    struct LoadedReadings: Equatable, Sendable {
        /// The file's bytes as far as the state names them, and the readings they hold.
        var bytes: [UInt8]
        var count: Int
        var checksum: UInt64
    }

    /// Equal as caches: where the readings were loaded from is not part of what they say.
    public static func == (lhs: EvidenceCache, rhs: EvidenceCache) -> Bool {
        lhs.key == rhs.key && lhs.head == rhs.head && lhs.headParents == rhs.headParents
            && lhs.generations == rhs.generations
            && lhs.added == rhs.added && lhs.removed == rhs.removed && lhs.readings == rhs.readings
    }

    public init(
        key: UInt64, head: ObjectID, headParents: [ObjectID], generations: GenerationTable,
        added: [ObjectID: UInt32] = [:],
        removed: Set<ObjectID> = [], readings: [CommitReading]
    ) {
        self.key = key
        self.head = head
        self.headParents = headParents
        self.generations = generations
        self.added = added
        self.removed = removed
        // Kept in replay order, so that the ledger of a loaded cache needs no sort (a check suffices).
        self.readings = CommitReading.inReplayOrder(readings)
    }

    public func generation(of id: ObjectID) -> UInt32? {
        if let generation = added[id] { return generation }
        if removed.contains(id) { return nil }
        return generations.generation(of: id)
    }

    private var blockCountHint: Int { generations.blockChecksums.count }

    /// Commits in the history the cache describes.
    public var count: Int { generations.count + added.count - removed.count }

    /// Past this many changes the table is rewritten whole, so the per-run part stays small.
    static let compactionThreshold = 20_000

    /// The same cache with its changes folded into the table.
    public func compacted() -> EvidenceCache {
        guard !added.isEmpty || !removed.isEmpty else { return self }
        var compacted = EvidenceCache(
            key: key, head: head, headParents: headParents,
            generations: generations.merging(added.map { (id: $0.key, generation: $0.value) }, removing: removed),
            readings: readings)
        compacted.loadedReadings = loadedReadings
        return compacted
    }

    /// FNV-1a over the parts of the key, separated so that ("ab", "c") and ("a", "bc") differ.
    public static func key(_ parts: [String]) -> UInt64 {
        // Each part ends with a byte UTF-8 never holds, so that ["ab", "c"] and ["a", "bc"] differ.
        (["v\(formatVersion)"] + parts).reduce(StableHash.seed) { hash, part in
            StableHash.adding([0xFF], to: StableHash.adding(part.utf8, to: hash))
        }
    }

    // MARK: Encoding

    /// The cache as its two files: the per-run state (head, changes to the table, the table's block
    /// checksums, and the readings file's length and checksum) and the readings, which most commits leave
    /// unchanged or only add to, so that a save writes them again only after a removal (`CacheStore.save`).
    public struct Encoded: Equatable, Sendable {
        public var state: [UInt8]
        public var readings: [UInt8]
    }

    public func encoded() -> Encoded {
        let readings = Self.readingsHeader + encodedReadings(readings[...])
        return Encoded(
            state: encodedState(readingsLength: readings.count, readingsChecksum: Self.checksum(readings[...])),
            readings: readings)
    }

    func encodedState(readingsLength: Int, readingsChecksum: UInt64) -> [UInt8] {
        var writer = ByteWriter()
        writer.output.reserveCapacity(256 + blockCountHint * 8 + (added.count + removed.count) * 24)
        writer.bytes(Self.magic)
        writer.u32(Self.formatVersion)
        writer.u64(key)
        writer.objectID(head)
        writer.u32(UInt32(headParents.count))
        for element in headParents { writer.objectID(element) }
        writer.u32(UInt32(generations.count))
        writer.u32(UInt32(generations.blockChecksums.count))
        for element in generations.blockChecksums { writer.u64(element) }
        writer.u32(UInt32(added.count))
        for (id, generation) in added.sorted(by: { $0.key < $1.key }) {
            writer.objectID(id)
            writer.u32(generation)
        }
        writer.u32(UInt32(removed.count))
        for element in removed.sorted() { writer.objectID(element) }
        writer.u64(UInt64(readingsLength))
        writer.u64(readingsChecksum)
        return writer.sealed()
    }

    /// What the readings file starts with; readings follow one after another to its end, so that new ones
    /// are appended.
    static var readingsHeader: [UInt8] {
        var writer = ByteWriter()
        writer.bytes(readingsMagic)
        writer.u32(formatVersion)
        return writer.output
    }

    func encodedReadings(_ readings: ArraySlice<CommitReading>) -> [UInt8] {
        var writer = ByteWriter()
        // About what a reading takes (ids, a subject, a mention or two): one buffer, not a series of doublings.
        writer.output.reserveCapacity(64 + readings.count * 192)
        for reading in readings {
            writer.string(reading.commit.id)
            writer.u64(reading.commit.date.bitPattern)
            writer.string(reading.commit.subject)
            writer.u32(reading.generation)
            writer.string(reading.reading.reverts ?? "")
            writer.u32(UInt32(reading.reading.unknownVerbs.count))
            for element in reading.reading.unknownVerbs { writer.string(element) }
            writer.u32(UInt32(reading.reading.timedOutPatterns.count))
            for element in reading.reading.timedOutPatterns { writer.u32(UInt32(element)) }
            writer.u32(UInt32(reading.reading.mentions.count))
            for mention in reading.reading.mentions {
                writer.string(mention.verb.rawValue)
                writer.string(mention.ref)
                switch mention.rule {
                case .trailer: writer.u32(0)
                case .hashtag: writer.u32(1)
                case .scope: writer.u32(2)
                case .pattern(let index): writer.u32(3 + UInt32(index))
                }
            }
        }
        // No checksum of its own: the state file holds the length and checksum of the whole file.
        return writer.output
    }

    /// A fast 64-bit checksum (eight bytes a step), so a flipped byte anywhere is a cache miss, not a
    /// silently wrong replay order.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        let words = raw.count / 8
        for index in 0..<words {
            let word = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
        }
        for index in (words * 8)..<raw.count {
            hash = (hash ^ UInt64(raw[index])) &* 0xC4CE_B9FE_1A85_EC53
        }
        return hash
    }

    /// The cache in its two files with its generation table in `table`, or nil when they are not a
    /// complete, matching set of this format.
    public static func decode(_ encoded: Encoded, table: Data) -> EvidenceCache? {
        guard encoded.readings.count >= 8, var reader = ByteReader(sealed: encoded.state) else { return nil }
        guard reader.bytes(magic.count) == magic, reader.u32() == formatVersion,
            let key = reader.u64(), let head = reader.objectID(), let parentCount = reader.u32(), parentCount < 100_000
        else { return nil }
        var headParents: [ObjectID] = []
        for _ in 0..<parentCount {
            guard let parent = reader.objectID() else { return nil }
            headParents.append(parent)
        }
        guard let count = reader.u32(), table.count == Int(count) * GenerationTable.entrySize,
            let blockCount = reader.u32(),
            Int(blockCount) == GenerationTable.blockCount(entries: Int(count))
        else { return nil }
        var blockChecksums: [UInt64] = []
        blockChecksums.reserveCapacity(Int(blockCount))
        for _ in 0..<blockCount {
            guard let checksum = reader.u64() else { return nil }
            blockChecksums.append(checksum)
        }
        // The table itself is checked block by block as lookups reach it (GenerationTable.isDamaged).
        guard let generations = GenerationTable(storage: table, blockChecksums: blockChecksums),
            let addedCount = reader.u32()
        else { return nil }
        var added: [ObjectID: UInt32] = [:]
        added.reserveCapacity(Int(min(addedCount, UInt32(compactionThreshold) * 2)))
        for _ in 0..<addedCount {
            guard let id = reader.objectID(), let generation = reader.u32() else { return nil }
            added[id] = generation
        }
        guard let removedCount = reader.u32() else { return nil }
        var removed = Set<ObjectID>()
        for _ in 0..<removedCount {
            guard let id = reader.objectID() else { return nil }
            removed.insert(id)
        }
        // The readings file must hold what this state was written with, as far as the state names it: the two
        // are written one at a time, and a run may have appended more since.
        guard let readingsLength = reader.u64().map(Int.init), let readingsChecksum = reader.u64(), reader.isAtEnd,
            readingsLength <= encoded.readings.count
        else { return nil }
        // Copied only when another run appended past what this state names.
        let bytes =
            readingsLength == encoded.readings.count ? encoded.readings : Array(encoded.readings[..<readingsLength])
        guard readingsChecksum == checksum(bytes[...]), let readings = decodeReadings(bytes) else { return nil }
        var cache = EvidenceCache(
            key: key, head: head, headParents: headParents, generations: generations, added: added, removed: removed,
            readings: readings)
        cache.loadedReadings = LoadedReadings(bytes: bytes, count: readings.count, checksum: readingsChecksum)
        return cache
    }

    private static func decodeReadings(_ bytes: [UInt8]) -> [CommitReading]? {
        var reader = ByteReader(bytes)
        guard reader.bytes(readingsMagic.count) == readingsMagic, reader.u32() == formatVersion else { return nil }
        var readings: [CommitReading] = []
        // About what a reading takes, as in encodedReadings.
        readings.reserveCapacity(bytes.count / 96)
        while !reader.isAtEnd {
            guard let id = reader.string(), let date = reader.u64(), let subject = reader.string(),
                let generation = reader.u32(),
                let reverts = reader.string(), let verbCount = reader.u32()
            else { return nil }
            var reading = MessageReading()
            reading.reverts = reverts.isEmpty ? nil : reverts
            for _ in 0..<verbCount {
                guard let verb = reader.string() else { return nil }
                reading.unknownVerbs.append(verb)
            }
            guard let timeoutCount = reader.u32(), timeoutCount < 10_000 else { return nil }
            for _ in 0..<timeoutCount {
                guard let index = reader.u32() else { return nil }
                reading.timedOutPatterns.append(Int(index))
            }
            guard let mentionCount = reader.u32() else { return nil }
            for _ in 0..<mentionCount {
                guard let verbName = reader.string(), let verb = Verb(rawValue: verbName), let ref = reader.string(),
                    let rule = reader.u32()
                else { return nil }
                let decodedRule: Mention.Rule =
                    rule == 0 ? .trailer : rule == 1 ? .hashtag : rule == 2 ? .scope : .pattern(Int(rule - 3))
                reading.mentions.append(Mention(verb: verb, ref: ref, rule: decodedRule))
            }
            readings.append(
                CommitReading(
                    commit: CommitInfo(id: id, date: Double(bitPattern: date), subject: subject),
                    generation: generation, reading: reading))
        }
        return readings
    }
}

/// Every commit's generation as a sorted array of (20-byte id, 4-byte generation) records, searched in
/// place: loading the cache costs no parsing, whatever the history's length. Each block of entries has
/// its own checksum, verified the first time a lookup reads the block: a one-commit sync reads some twenty
/// blocks, not the 4.8 MB a 200 000-commit table holds; a damaged block makes `isDamaged` true and the
/// cache is dropped.
public struct GenerationTable: Equatable, Sendable {
    static let entrySize = 24
    static let blockEntries = 256
    static let blockSize = entrySize * blockEntries
    /// Sorted records; a memory-mapped file when loaded from the cache, so loading copies nothing.
    public private(set) var storage: Data
    /// `EvidenceCache.checksum` of each `blockSize` bytes of `storage` (the last block may be shorter).
    public private(set) var blockChecksums: [UInt64]
    private let verified: BlockVerification

    init?(storage: Data, blockChecksums: [UInt64]) {
        guard storage.count % Self.entrySize == 0,
            blockChecksums.count == Self.blockCount(entries: storage.count / Self.entrySize)
        else { return nil }
        self.storage = storage
        self.blockChecksums = blockChecksums
        verified = BlockVerification(blocks: blockChecksums.count)
    }

    /// A table built here: its checksums are computed, not checked.
    private init(trusted storage: Data) {
        self.storage = storage
        blockChecksums = storage.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count, by: Self.blockSize).map { start in
                EvidenceCache.checksum(
                    UnsafeRawBufferPointer(rebasing: raw[start..<min(start + Self.blockSize, raw.count)]))
            }
        }
        verified = BlockVerification(blocks: blockChecksums.count, allVerified: true)
    }

    public init(_ generations: [ObjectID: UInt32]) {
        self.init(entries: generations.map { (id: $0.key, generation: $0.value) })
    }

    public init(entries: [(id: ObjectID, generation: UInt32)]) {
        var writer = ByteWriter()
        writer.output.reserveCapacity(entries.count * Self.entrySize)
        for (id, generation) in entries.sorted(by: { $0.id < $1.id }) {
            writer.objectID(id)
            writer.u32(generation)
        }
        self.init(trusted: Data(writer.output))
    }

    static func blockCount(entries: Int) -> Int { (entries + blockEntries - 1) / blockEntries }

    public static func == (lhs: GenerationTable, rhs: GenerationTable) -> Bool {
        lhs.storage == rhs.storage && lhs.blockChecksums == rhs.blockChecksums
    }

    public var count: Int { storage.count / Self.entrySize }

    /// Whether a lookup met a block whose bytes do not match its checksum. Its answers are then not to be
    /// trusted, and nor is the table.
    public var isDamaged: Bool { verified.damaged }

    /// Checks every block not checked yet (before the table is copied whole, by `merging`).
    public func verifyAll() -> Bool {
        for block in 0..<blockChecksums.count where !verify(block: block) { return false }
        return true
    }

    /// The generation of `id`, or nil when the table does not hold it (or is damaged: see `isDamaged`).
    public func generation(of id: ObjectID) -> UInt32? {
        guard let (index, found) = search(id), found else { return nil }
        return storage.withUnsafeBytes {
            UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: index * Self.entrySize + 20, as: UInt32.self))
        }
    }

    /// The table with `entries` added (or replaced) and `removed` taken out. Both are usually a handful
    /// against 200 000 entries, so the untouched runs between them are copied whole.
    /// Call `verifyAll()` first: the untouched runs are copied as they are.
    public func merging(_ entries: [(id: ObjectID, generation: UInt32)], removing removed: Set<ObjectID> = [])
        -> GenerationTable
    {
        var edits: [(index: Int, found: Bool, entry: [UInt8]?)] = []
        for entry in entries {
            let (index, found) = search(entry.id, verifying: false)!
            var writer = ByteWriter()
            writer.objectID(entry.id)
            writer.u32(entry.generation)
            edits.append((index, found, writer.output))
        }
        for id in removed {
            let (index, found) = search(id, verifying: false)!
            if found { edits.append((index, true, nil)) }
        }
        // By position; at one position a removal or replacement drops the old entry once, and new ids that
        // fall into the same gap go in id order (the entries start with the id's bytes, big-endian).
        edits.sort { left, right in
            if left.index != right.index { return left.index < right.index }
            guard let leftEntry = left.entry else { return right.entry != nil }
            guard let rightEntry = right.entry else { return false }
            return leftEntry.lexicographicallyPrecedes(rightEntry)
        }
        var output = Data()
        output.reserveCapacity(storage.count + entries.count * Self.entrySize)
        var position = 0  // entries of `storage` copied so far
        for edit in edits {
            if edit.index > position {
                output.append(contentsOf: storage[(position * Self.entrySize)..<(edit.index * Self.entrySize)])
                position = edit.index
            }
            if edit.found && position == edit.index { position += 1 }  // the old entry is replaced or removed
            if let entry = edit.entry { output.append(contentsOf: entry) }
        }
        output.append(contentsOf: storage[(position * Self.entrySize)...])
        return GenerationTable(trusted: output)
    }

    func id(at index: Int) -> ObjectID {
        storage.withUnsafeBytes { raw in
            let offset = index * Self.entrySize
            return ObjectID(
                high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                middle: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)),
                low: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self)))
        }
    }

    /// Binary search, checking each block it reads (unless told not to); nil when one is damaged.
    private func search(_ id: ObjectID, verifying: Bool = true) -> (index: Int, found: Bool)? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if verifying, !verify(block: middle / Self.blockEntries) { return nil }
            let candidate = self.id(at: middle)
            if candidate == id { return (middle, true) }
            if candidate < id { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    private func verify(block: Int) -> Bool {
        if verified.damaged { return false }
        if verified.isVerified(block) { return true }
        let start = block * Self.blockSize
        let matches = storage.withUnsafeBytes { raw in
            EvidenceCache.checksum(
                UnsafeRawBufferPointer(rebasing: raw[start..<min(start + Self.blockSize, raw.count)]))
                == blockChecksums[block]
        }
        verified.record(block, matches: matches)
        return matches
    }
}

/// Which blocks of a GenerationTable have been checked: shared by copies of the table (a lookup through
/// any copy saves the others the work).
/// `@unchecked Sendable` is safe: both stored vars are read and written only inside `lock.withLock`, and
/// the lock itself is a let; nothing else is stored. (Synchronization's Mutex would let the compiler check
/// it, but needs macOS 15, which the macOS build does not require.)
private final class BlockVerification: @unchecked Sendable {
    private let lock = NSLock()
    private var verified: [Bool]
    private var isDamaged = false

    init(blocks: Int, allVerified: Bool = false) {
        verified = Array(repeating: allVerified, count: blocks)
    }

    var damaged: Bool { lock.withLock { isDamaged } }
    func isVerified(_ block: Int) -> Bool { lock.withLock { verified[block] } }
    func record(_ block: Int, matches: Bool) {
        lock.withLock { if matches { verified[block] = true } else { isDamaged = true } }
    }
}

struct ByteWriter {
    var output: [UInt8] = []

    /// The output followed by its checksum (`EvidenceCache.checksum`), as every cache file ends, so that a
    /// torn or damaged file reads as no file (`ByteReader(sealed:)`).
    consuming func sealed() -> [UInt8] {
        u64(EvidenceCache.checksum(output[...]))
        return output
    }

    mutating func bytes(_ bytes: [UInt8]) { output.append(contentsOf: bytes) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) } }

    mutating func objectID(_ id: ObjectID) {
        withUnsafeBytes(of: id.high.bigEndian) { output.append(contentsOf: $0) }
        withUnsafeBytes(of: id.middle.bigEndian) { output.append(contentsOf: $0) }
        withUnsafeBytes(of: id.low.bigEndian) { output.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        u32(UInt32(text.utf8.count))
        output.append(contentsOf: text.utf8)
    }
}

/// Reads what ByteWriter wrote, from `input[position..<end]`: a decoder names the end (before a trailing
/// checksum) instead of copying the bytes before it.
struct ByteReader {
    private let input: [UInt8]
    private var position: Int
    private let end: Int

    init(_ input: [UInt8], at position: Int = 0, end: Int? = nil) {
        self.input = input
        self.position = position
        self.end = min(end ?? input.count, input.count)
    }

    /// A reader of what `ByteWriter.sealed()` wrote, up to its checksum; nil when the checksum is wrong.
    init?(sealed input: [UInt8]) {
        guard input.count >= 8 else { return nil }
        var trailer = ByteReader(input, at: input.count - 8)
        guard trailer.u64() == EvidenceCache.checksum(input[..<(input.count - 8)]) else { return nil }
        self.init(input, end: input.count - 8)
    }

    var isAtEnd: Bool { position == end }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, position + count <= end else { return nil }
        defer { position += count }
        return Array(input[position..<(position + count)])
    }

    mutating func u32() -> UInt32? {
        guard position + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(input[position + offset]) << (8 * offset) }
        position += 4
        return value
    }

    mutating func u64() -> UInt64? {
        guard position + 8 <= end else { return nil }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(input[position + offset]) << (8 * offset) }
        position += 8
        return value
    }

    mutating func objectID() -> ObjectID? {
        guard position + 20 <= end else { return nil }
        func word(_ start: Int, _ count: Int) -> UInt64 {
            var value: UInt64 = 0
            for offset in 0..<count { value = value << 8 | UInt64(input[start + offset]) }
            return value
        }
        defer { position += 20 }
        return ObjectID(high: word(position, 8), middle: word(position + 8, 8), low: UInt32(word(position + 16, 4)))
    }

    mutating func string() -> String? {
        guard let length = u32().map(Int.init), position + length <= end else { return nil }
        defer { position += length }
        // Straight from the input: an intermediate array per string cost a loaded cache 4 000 allocations.
        // decoding, not validating: the bytes are checksummed and were written from Strings, and
        // String(validating:) took a 200 000-commit cache's load from 3.3 ms to 5-8.5 ms.
        return input.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[position..<(position + length)]), as: UTF8.self)
        }
    }
}
