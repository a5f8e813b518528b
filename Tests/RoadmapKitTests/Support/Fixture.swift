import Foundation

@testable import RoadmapKit

/// The real files under Tests/RoadmapKitTests/Fixtures.
enum Fixture {
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func bytes(_ name: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: url(name)))
    }

    static func document(_ name: String, wording: Wording = .default) throws -> TrackerDocument {
        try TrackerDocument(bytes: bytes(name), wording: wording)
    }

    /// Every roadmap shape the engine must round-trip byte for byte.
    static let documents = [
        "seed-clean.md", "seed-mojibake.md", "seed-crlf.md", "seed-bom-no-final-newline.md",
        "aligned.md", "reordered-columns.md", "tasklist.md",
    ]
}
