/// The tracker as the last sync parsed it, with the statuses that sync rendered and what they gave. A
/// sync whose tracker, configuration and binary are the same, and whose outcomes are those statuses (most
/// commits change none), takes the roadmap and the output from here, without parsing or rendering the
/// page. Like the evidence cache, only a speed-up: a miss parses the page.
public struct DocumentRecord: Equatable, Sendable {
    /// What the parse depends on besides the bytes (`key(for:)`).
    public var key: UInt64
    /// The tracker's bytes, compared whole: a hash alone could let another page through.
    public var source: [UInt8]
    public var roadmap: Roadmap
    /// What the page was rendered with, and the bytes that gave (nil: `source` itself, as after a sync
    /// that found nothing to change).
    public var statuses: [ItemID: ItemStatus]
    public var output: [UInt8]?

    static let magic: [UInt8] = Array("RMAPDOC1".utf8)

    /// The binary (the engine's version), the tracker's path, and `.roadmap.yml` as written: the wording,
    /// options and aliases the page is read with all come from these.
    public static func key(for workspace: Workspace) -> UInt64 {
        EvidenceCache.key(
            ["document-1", LocalFiles.executableIdentity, workspace.trackerPath, workspace.configurationText])
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(Self.magic)
        writer.u64(key)
        writer.u32(UInt32(source.count))
        writer.bytes(source)
        writer.u32(output.map { UInt32($0.count) + 1 } ?? 0)
        writer.bytes(output ?? [])
        writer.string(roadmap.shape.rawValue)
        writer.u32(UInt32(roadmap.phases.count))
        for phase in roadmap.phases {
            writer.phaseKey(phase.key)
            writer.string(phase.title)
            writer.optionalString(phase.heading)
            writer.optionalString(phase.declaredTotal.map(String.init))
            writer.u32(UInt32(phase.items.count))
            for item in phase.items {
                writer.phaseKey(item.id.phase)
                writer.string(item.id.slug)
                writer.string(item.name)
                writer.u32(UInt32(item.aliases.count))
                for alias in item.aliases { writer.string(alias) }
                writer.string(item.documentStatus.rawValue)
                writer.u32(UInt32(item.line))
                writer.string(statuses[item.id]?.rawValue ?? "")
            }
        }
        return writer.sealed()
    }

    public static func decode(_ bytes: [UInt8]) -> DocumentRecord? {
        guard var reader = ByteReader(sealed: bytes), reader.bytes(magic.count) == magic, let key = reader.u64(),
            let sourceCount = reader.u32(), let source = reader.bytes(Int(sourceCount)),
            let outputCount = reader.u32(), let output = reader.bytes(Int(outputCount) - min(1, Int(outputCount))),
            let shape = reader.string().flatMap(Roadmap.Shape.init(rawValue:)), let phaseCount = reader.u32()
        else { return nil }
        var phases: [Phase] = []
        var statuses: [ItemID: ItemStatus] = [:]
        for _ in 0..<phaseCount {
            guard let phaseKey = reader.phaseKey(), let title = reader.string(), let heading = reader.optionalString(),
                let total = reader.optionalString(), let itemCount = reader.u32()
            else { return nil }
            var items: [Item] = []
            for _ in 0..<itemCount {
                guard let itemPhase = reader.phaseKey(), let slug = reader.string(), let name = reader.string(),
                    let aliasCount = reader.u32()
                else { return nil }
                var aliases: [String] = []
                for _ in 0..<aliasCount {
                    guard let alias = reader.string() else { return nil }
                    aliases.append(alias)
                }
                guard let status = reader.string().flatMap(ItemStatus.init(rawValue:)), let line = reader.u32(),
                    let rendered = reader.string()
                else { return nil }
                let id = ItemID(phase: itemPhase, slug: slug)
                items.append(Item(id: id, name: name, aliases: aliases, documentStatus: status, line: Int(line)))
                if let rendered = ItemStatus(rawValue: rendered) { statuses[id] = rendered }
            }
            phases.append(
                Phase(
                    key: phaseKey, title: title, items: items, heading: heading,
                    declaredTotal: total.flatMap { Int($0) }))
        }
        guard reader.isAtEnd else { return nil }
        return DocumentRecord(
            key: key, source: source, roadmap: Roadmap(shape: shape, phases: phases), statuses: statuses,
            output: outputCount == 0 ? nil : output)
    }
}

extension ByteWriter {
    fileprivate mutating func phaseKey(_ key: PhaseKey) {
        optionalString(key.number.map(String.init))
        string(key.name)
    }

    fileprivate mutating func optionalString(_ text: String?) {
        guard let text else { return u32(0) }
        u32(1)
        string(text)
    }
}

extension ByteReader {
    fileprivate mutating func phaseKey() -> PhaseKey? {
        guard let number = optionalString(), let name = string() else { return nil }
        guard let number else { return PhaseKey(number: nil, name: name) }
        return Int(number).map { PhaseKey(number: $0, name: name) }
    }

    /// nil: unreadable; .some(nil): written as absent.
    fileprivate mutating func optionalString() -> String?? {
        switch u32() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }
}
