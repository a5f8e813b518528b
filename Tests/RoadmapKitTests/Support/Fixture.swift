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

/// A small deterministic generator, so a failing random case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
