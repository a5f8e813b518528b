import Foundation
import Testing

@testable import RoadmapKit

/// One fixture of Fixtures/shapes: a tracker as learners write them (`NAME.md`) and, beside it, what a
/// person reading the rendered page says it tracks (`NAME.expected`, written by hand):
///
///     option  tracker  Learning log            .roadmap.yml settings the page needs
///     shape   status-table
///     phase   p1       Basics                  each phase: its id prefix and title
///     item    p1/pipes done  Pipes             each item: id, status, name
struct ShapeFixture: CustomTestStringConvertible, Sendable {
    struct Expected: Equatable, Sendable {
        var shape: String
        var phases: [[String]]
        var items: [[String]]
    }

    var name: String
    var options = DocumentOptions()
    var wording = Wording()
    var expected = Expected(shape: "", phases: [], items: [])

    var testDescription: String { name }

    static let folder = Fixture.url("shapes")

    static let all: [ShapeFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { ShapeFixture(name: String($0.dropLast(3))) }
    }()

    init(name: String) {
        self.name = name
        let text =
            (try? String(contentsOf: Self.folder.appendingPathComponent(name + ".expected"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "option":
                switch fields[1] {
                case "tracker": options.tracker = fields[2]
                case "status_column": options.statusColumn = fields[2]
                case "phase_level": options.phaseLevel = Int(fields[2])
                case "status_words.done": wording.extraStatusWords[.done, default: []].append(fields[2])
                case "status_words.in_progress": wording.extraStatusWords[.inProgress, default: []].append(fields[2])
                default: break
                }
            case "shape": expected.shape = fields[1]
            case "phase": expected.phases.append(Array(fields.dropFirst()))
            case "item": expected.items.append(Array(fields.dropFirst()))
            default: break
            }
        }
    }

    var bytes: [UInt8] { Fixture.bytes("shapes/\(name).md") }

    func document(_ bytes: [UInt8]? = nil, showingProgress: Bool = true) throws -> TrackerDocument {
        var wording = wording
        wording.showsProgress = showingProgress
        return try TrackerDocument(bytes: bytes ?? self.bytes, wording: wording, options: options)
    }

    /// What the engine read, in the expected file's terms.
    static func reading(_ document: TrackerDocument) -> Expected {
        let roadmap = document.roadmap
        return Expected(
            shape: roadmap.shape.rawValue,
            phases: roadmap.phases.map { ["p\($0.key)", $0.title] },
            items: roadmap.items.map { [$0.id.description, $0.documentStatus.rawValue, $0.name] })
    }
}
