import Foundation
import TestSupport
import Testing

@testable import RoadmapKit

@Suite struct DocumentParsingTests {
    @Test func bothSeedsParseToTheSameElevenPhasesAndFiftyEightItems() throws {
        let clean = try Fixture.document("seed-clean.md").roadmap
        let mojibake = try Fixture.document("seed-mojibake.md").roadmap
        #expect(clean.phases.count == 11)
        #expect(clean.items.count == 58)
        #expect(clean.items.map(\.id) == mojibake.items.map(\.id))
        #expect(clean.items.map(\.name) == mojibake.items.map(\.name))
        #expect(clean.phases.map(\.title) == mojibake.phases.map(\.title))
        #expect(clean.phases.map { $0.items.count } == [6, 4, 6, 4, 5, 5, 6, 5, 6, 5, 6])
        #expect(clean.phases.map(\.declaredTotal) == [6, 4, 6, 4, 5, 5, 6, 5, 6, 5, 6])
        #expect(mojibake.items.allSatisfy { $0.documentStatus == .notStarted })
    }

    @Test(arguments: ["seed-crlf.md", "seed-bom-no-final-newline.md"])
    func lineEndingAndBOMVariantsParseLikeTheSeed(name: String) throws {
        let seed = try Fixture.document("seed-clean.md").roadmap
        #expect(try Fixture.document(name).roadmap.items.map(\.id) == seed.items.map(\.id))
    }

    @Test(arguments: [
        ("p1/event-loop", "Event Loop"),
        ("p1/libuv-thread-pool", "Libuv & Thread Pool"),
        ("p4/jwt-access-refresh", "JWT (Access & Refresh)"),
        ("p5/postgresql-mysql", "PostgreSQL/MySQL"),
        ("p11/ci-cd", "CI/CD"),
        ("p11/aws-ec2-s3-rds", "AWS EC2/S3/RDS"),
    ])
    func itemIDsAreSlugsOfTheirNames(id: String, name: String) throws {
        let roadmap = try Fixture.document("seed-clean.md").roadmap
        #expect(roadmap.items.first { $0.id.description == id }?.name == name)
    }

    @Test(arguments: [
        ("Libuv & Thread Pool", "libuv-thread-pool"),
        ("CI/CD", "ci-cd"),
        ("JWT (Access & Refresh)", "jwt-access-refresh"),
        ("  --Event   Loop--  ", "event-loop"),
        ("Café Crème", "cafe-creme"),
        ("Lógica de Programação", "logica-de-programacao"),
        ("Tiếng Việt cơ bản", "tieng-viet-co-ban"),
        ("클로저와 스코프", "클로저와-스코프"),
        ("Замыкания и область", "замыкания-и-область"),
        ("闭包 作用域", "闭包-作用域"),
        ("Straße", "strasse"),
        ("‚Ä¢ Streams", "streams"),
    ])
    func slugs(name: String, slug: String) {
        #expect(TextNormalization.slug(name) == slug)
    }

    /// ASCII text and emoji take a scalar-by-scalar path, which must agree with the Unicode path on every
    /// text it accepts: ASCII, emoji with variation selectors, joiners, skin tones and keycaps, and the
    /// scalars next to them it must refuse (mojibake's ™ and ◊, circled letters, accents, a selector after
    /// a letter).
    @Test func fastSlugsAgreeWithTheUnicodePath() {
        var generator = SeededGenerator(seed: 42)
        let ascii = Array(0..<128).map { String(Unicode.Scalar(UInt8($0))) }
        let others = [
            "✅", "⏳", "🚧", "⏭", "\u{FE0F}", "\u{FE0E}", "\u{200D}", "👩", "💻", "🏽", "\u{20E3}", "™", "◊", "©",
            "Ⓐ", "ⓐ", "①", "é", "e\u{301}", "\u{301}", "‚", "Ä", "£", "🇫", "🇷", "字", "\u{2003}",
        ]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0
                    ? others.randomElement(using: &generator)! : ascii.randomElement(using: &generator)!
            }.joined()
            let scalars = text.unicodeScalars.map(\.value)
            #expect(TextNormalization.slug(text) == TextNormalization.unicodeSlug(text), "\(scalars)")
        }
        #expect(TextNormalization.slug("✅ Done") == "done")
        #expect(TextNormalization.slug("⏭️ Skipped") == "skipped")
    }

    @Test func phaseTableRowsBecomeAliasesOfTheItemsTheyDetail() throws {
        let roadmap = try Fixture.document("seed-clean.md").roadmap
        func aliases(_ id: String) -> [String] { roadmap.items.first { $0.id.description == id }?.aliases ?? [] }
        #expect(aliases("p1/event-loop") == ["Event Loop & Concurrency"])
        #expect(aliases("p1/process-module") == ["Process & OS Module"])
        #expect(aliases("p3/pagination-filter") == ["Pagination & Filtering"])
        #expect(aliases("p4/jwt-access-refresh") == ["JWT Auth"])
        #expect(aliases("p9/xss") == ["XSS & CSRF"])
        #expect(aliases("p9/csrf") == ["XSS & CSRF"])
        #expect(aliases("p9/secure-jwt-handling") == ["JWT Security"])
        #expect(aliases("p10/testing-controllers") == ["Controllers Test"])
        #expect(aliases("p1/streams") == [])
        #expect(aliases("p10/jest") == [])
    }

    @Test func columnsAreFoundByTheirWordsInAnyOrder() throws {
        let document = try Fixture.document("reordered-columns.md")
        let roadmap = document.roadmap
        #expect(roadmap.shape == .overviewTable)
        #expect(roadmap.phases.map(\.number) == [1, 2, 3])
        #expect(
            roadmap.items.map(\.id.description) == [
                "p1/sql-basics", "p1/window-functions", "p1/query-plans",
                "p2/batch-vs-stream", "p2/airflow", "p2/kafka", "p2/spark",
                "p3/parquet", "p3/avro",
            ])
        let statuses = roadmap.items.map(\.documentStatus)
        #expect(
            statuses == [
                .done, .inProgress, .notStarted, .notStarted, .notStarted, .notStarted, .notStarted, .done, .skipped,
            ])
        #expect(roadmap.phases[1].declaredTotal == 4)
        #expect(roadmap.items[2].aliases == ["Query Plans & EXPLAIN"])
    }

    @Test func aHandSetRowStatusIsPartOfTheDocumentState() throws {
        var text = String(decoding: Fixture.bytes("reordered-columns.md"), as: UTF8.self)
        text = text.replacingOccurrences(of: "| Query Plans & EXPLAIN |  |", with: "| Query Plans & EXPLAIN | ✅ Done |")
        let roadmap = try TrackerDocument(bytes: Array(text.utf8)).roadmap
        #expect(roadmap.items[2].documentStatus == .done)
    }

    @Test func taskListsAreTheSecondShape() throws {
        let roadmap = try Fixture.document("tasklist.md").roadmap
        #expect(roadmap.shape == .taskList)
        #expect(roadmap.phases.map(\.number) == [1, 2, 3])
        #expect(roadmap.phases.map(\.title) == ["Basics", "Traits and Generics", "Async"])
        #expect(
            roadmap.items.map(\.id.description) == [
                "p1/ownership-borrowing", "p1/cargo", "p1/error-handling",
                "p2/traits", "p2/generics", "p2/trait-objects", "p2/lifetimes",
                "p3/futures", "p3/tokio",
            ])
        #expect(
            roadmap.items.filter { $0.documentStatus == .done }.map(\.id.description) == ["p1/cargo", "p3/futures"])
    }

    @Test func aDocumentWithoutATrackerIsAnError() {
        #expect(throws: DocumentError.self) {
            try TrackerDocument(bytes: Array("# Notes\n\nNothing to track.\n".utf8))
        }
    }

    @Test func anUnclosedProgressBlockIsAnError() throws {
        let text = "<!-- roadmap:progress -->\n" + EmbeddedRoadmap.markdown
        #expect(throws: DocumentError.self) { try TrackerDocument(bytes: Array(text.utf8)) }
    }

    @Test func theEmbeddedRoadmapIsTheCleanSeedByteForByte() {
        #expect(Array(EmbeddedRoadmap.markdown.utf8) == Fixture.bytes("seed-clean.md"))
    }

    @Test func theShippedSeedIsTheOneInShared() throws {
        // The fixture is a copy of ../shared/seed; when shared/ is beside the checkout, they must agree.
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared/seed/nodejs-backend-roadmap.clean.md").standardizedFileURL
        guard let data = FileManager.default.contents(atPath: shared.path) else { return }
        #expect([UInt8](data) == Fixture.bytes("seed-clean.md"))
    }
}

@Suite struct StatusRecognitionTests {
    @Test(arguments: [
        ("⏳ Not Started", ItemStatus.notStarted),
        ("‚è≥ Not Started", .notStarted),
        ("🚧 In Progress (2/6)", .inProgress),
        ("in progress", .inProgress),
        ("WIP", .inProgress),
        ("✅ Completed", .done),
        ("Done", .done),
        ("‚úÖ Done", .done),
        ("⏭️ Skipped", .skipped),
        ("", nil),
        ("🔥 hot", nil),
    ])
    func cellsAreReadByTheirWords(text: String, status: ItemStatus?) {
        #expect(Wording.default.recognizeStatus(text) == status)
    }

    @Test(arguments: [
        ("•", ItemStatus.notStarted), ("‚Ä¢", .notStarted), ("-", .notStarted), ("", .notStarted), ("[ ]", .notStarted),
        ("🚧", .inProgress), ("✅", .done), ("[x]", .done), ("[X]", .done), ("✔️", .done),
        ("⏭️", .skipped), ("⏭", .skipped), ("🤷", .notStarted),
    ])
    func marksAreReadWithOrWithoutVariationSelectors(mark: String, status: ItemStatus) {
        #expect(Wording.default.recognizeMark(mark) == status)
    }

    @Test func configuredWordsAreRecognised() {
        var wording = Wording()
        wording.rowDone = "🎉 Nailed it"
        wording.markDone = "🎉"
        #expect(wording.recognizeStatus("🎉 Nailed it") == .done)
        #expect(wording.recognizeMark("🎉") == .done)
    }
}
