import Foundation
import Testing

@testable import RoadmapKit

@Suite struct LintTests {
    @Test func fixTurnsTheSeedAsFoundIntoTheCleanSeedByteForByte() throws {
        let fixed = try Linter.fixed(Fixture.document("seed-mojibake.md"))
        #expect(fixed == Fixture.bytes("seed-clean.md"))
    }

    @Test func theSeedAsFoundIsReportedAsMojibakeOnEveryAffectedLine() throws {
        let problems = try Linter.problems(in: Fixture.document("seed-mojibake.md"))
        let lines = problems.filter { $0.kind == .mojibake }.map(\.line)
        #expect(lines.count == 26)
        #expect(lines.contains(12))
        #expect(
            problems.first { $0.line == 12 && $0.kind == .mojibake }?.message
                == "\"‚Ä¢\" is \"•\" read as Mac OS Roman and 6 more")
        #expect(try Linter.problems(in: Fixture.document("seed-clean.md")).allSatisfy { $0.kind != .mojibake })
    }

    @Test func mismatchesBetweenTheOverviewAndThePhaseTablesAreReported() throws {
        let problems = try Linter.problems(in: Fixture.document("seed-clean.md"))
        #expect(
            problems.contains {
                $0.kind == .countMismatch
                    && $0.message == "Phase 8 lists 5 sub topics in the overview, its section table has 4 rows"
            })
        #expect(problems.contains { $0.kind == .itemWithoutRow && $0.message.hasPrefix("p3/idempotency") })
        #expect(
            problems.contains { $0.kind == .rowWithoutItem && $0.message.contains("\"Consistent Response Structure\"") }
        )
        #expect(!problems.contains { $0.kind == .totalMismatch })
        #expect(!problems.contains { $0.message.hasPrefix("p1/") })
    }

    @Test func wrongTotalsAreReportedAndFixed() throws {
        let text = EmbeddedRoadmap.markdown.replacingOccurrences(
            of: "| ⏳ Not Started | 4 |\n| Phase 3", with: "| ⏳ Not Started | 5 |\n| Phase 3")
        let document = try TrackerDocument(bytes: Array(text.utf8))
        #expect(
            Linter.problems(in: document).contains {
                $0.kind == .totalMismatch && $0.line == 13
                    && $0.message == "Phase 2 Total says 5, but its Sub Topics cell lists 4"
            })
        #expect(try Linter.fixed(document) == Array(EmbeddedRoadmap.markdown.utf8))
    }

    @Test func duplicateIDsInAPhaseAreReported() throws {
        let document = try TrackerDocument(
            bytes: Array(
                """
                | Phase | Sub Topics | Status |
                |---|---|---|
                | Phase 1 | • Streams<br>• streams | ⏳ Not Started |

                """.utf8))
        #expect(Linter.problems(in: document).map(\.kind) == [.duplicateID])
    }
}

@Suite struct MojibakeTests {
    @Test(arguments: [
        ("‚è≥ Not Started", "⏳ Not Started"),
        ("\u{F8FF}üíé Node.js", "💎 Node.js"),
        ("‚Äì", "–"),
        ("Café crème, naïve, Ünïcödé", "Café crème, naïve, Ünïcödé"),
        ("plain ascii", "plain ascii"),
    ])
    func repairs(text: String, repaired: String) {
        #expect(Mojibake.repaired(text) == repaired)
    }

    @Test func everyUTF8CharacterRoundTripsThroughMacRoman() {
        // Encode characters as UTF-8, read the bytes as Mac OS Roman, and repair: the original comes back.
        let samples = "•–—⏳✅🚧⏭️💎🟦é中文ß€"
        for character in samples {
            let mangled = String(
                String.UnicodeScalarView(
                    String(character).utf8.map { byte -> Unicode.Scalar in
                        byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(UInt32(Self.macRoman[Int(byte) - 0x80]))!
                    }))
            #expect(Mojibake.repaired(mangled) == String(character), "\(character)")
        }
    }

    static let macRoman: [UInt16] = [
        0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9, 0xE8,
        0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9, 0xFB, 0xFC,
        0x2020, 0xB0, 0xA2, 0xA3, 0xA7, 0x2022, 0xB6, 0xDF, 0xAE, 0xA9, 0x2122, 0xB4, 0xA8, 0x2260, 0xC6, 0xD8,
        0x221E, 0xB1, 0x2264, 0x2265, 0xA5, 0xB5, 0x2202, 0x2211, 0x220F, 0x3C0, 0x222B, 0xAA, 0xBA, 0x3A9, 0xE6, 0xF8,
        0xBF, 0xA1, 0xAC, 0x221A, 0x192, 0x2248, 0x2206, 0xAB, 0xBB, 0x2026, 0xA0, 0xC0, 0xC3, 0xD5, 0x152, 0x153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0xF7, 0x25CA, 0xFF, 0x178, 0x2044, 0x20AC, 0x2039, 0x203A,
        0xFB01, 0xFB02,
        0x2021, 0xB7, 0x201A, 0x201E, 0x2030, 0xC2, 0xCA, 0xC1, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC, 0xD3, 0xD4,
        0xF8FF, 0xD2, 0xDA, 0xDB, 0xD9, 0x131, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0x2DA, 0xB8, 0x2DD, 0x2DB, 0x2C7,
    ]
}
