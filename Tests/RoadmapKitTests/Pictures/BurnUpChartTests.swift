import Foundation
import Testing

@testable import RoadmapKit

@Suite struct BurnUpChartTests {
    static let day = 86_400.0
    /// 2024-01-01 00:00 UTC.
    static let january1 = Date(timeIntervalSince1970: 1_704_067_200)

    static func at(_ days: Double) -> Date { january1.addingTimeInterval(days * day) }

    /// Ten items in two phases; three finished: two in phase 1 (days 0.5 and 2.5), one in phase 2 (day 4.5).
    /// The chart is as of Jan 9 (day 8), so its axis spans nine days.
    static let known = ProgressHistory(
        phases: [.init(number: 1, title: "Core"), .init(number: 2, title: "Web")], total: 10,
        finished: [
            .init(item: ItemID(phase: 1, slug: "a"), date: at(0.5)),
            .init(item: ItemID(phase: 1, slug: "b"), date: at(2.5)),
            .init(item: ItemID(phase: 2, slug: "c"), date: at(4.5)),
        ],
        asOf: at(8))

    static let plotHeight = BurnUpChart.plotBottom - BurnUpChart.plotTop
    static let plotWidth = BurnUpChart.plotRight - BurnUpChart.plotLeft

    @Test func theFinalPointIsAtTheHeightOfTheItemsDone() throws {
        let picture = try RenderedPicture.render(BurnUpChart(history: Self.known, since: nil, projection: nil).svg)
        #expect(picture.width == 800)
        #expect(picture.height == Int(BurnUpChart(history: Self.known, since: nil, projection: nil).height))
        // 3 of 10 done: 30% of the plot's height above its bottom.
        let expected = BurnUpChart.plotBottom - 0.3 * Self.plotHeight
        let done = RenderedPicture.Color(hex: BurnUpChart.doneColor)
        let pointRows = picture.rows(inColumn: Int(BurnUpChart.plotRight), matching: done)
        #expect(!pointRows.isEmpty)
        let center = Double(pointRows.min()! + pointRows.max()!) / 2
        #expect(abs(center - expected) <= 2, "final point centred on row \(center), expected \(expected)")
        // The line just before the end is level at the same height.
        let lineRows = picture.rows(inColumn: Int(BurnUpChart.plotRight) - 20, matching: done)
        #expect(!lineRows.isEmpty && lineRows.allSatisfy { abs(Double($0) - expected) <= 2 }, "line rows \(lineRows)")
    }

    @Test func theStepsAreWhereTheDatesAre() throws {
        let picture = try RenderedPicture.render(BurnUpChart(history: Self.known, since: nil, projection: nil).svg)
        let done = RenderedPicture.Color(hex: BurnUpChart.doneColor)
        // The axis runs from the first item's day (Jan 1, 00:00) to the end of Jan 9 (day 9): the third item
        // (day 4.5) rises from 2 to 3 at 4.5/9 of the width, seen halfway between those two heights.
        let riseX = BurnUpChart.plotLeft + 4.5 / 9 * Self.plotWidth
        let between = Int(BurnUpChart.plotBottom - 0.25 * Self.plotHeight)
        let columns = picture.columns(inRow: between, matching: done)
        #expect(
            !columns.isEmpty && columns.allSatisfy { abs(Double($0) - riseX) <= 2 },
            "rise at columns \(columns), expected \(riseX)")
        // Between day 2.5 and 4.5 the line holds 2 of 10.
        let middle = Int(BurnUpChart.plotLeft + 3.5 / 9 * Self.plotWidth)
        let rows = picture.rows(inColumn: middle, matching: done)
        let level = BurnUpChart.plotBottom - 0.2 * Self.plotHeight
        #expect(!rows.isEmpty && rows.allSatisfy { abs(Double($0) - level) <= 2 }, "rows \(rows), expected \(level)")
    }

    @Test func eachPhaseIsStackedInItsOwnColour() throws {
        let picture = try RenderedPicture.render(BurnUpChart(history: Self.known, since: nil, projection: nil).svg)
        let x = Int(BurnUpChart.plotRight) - 40
        let white = RenderedPicture.Color(hex: "#ffffff")
        // Phase 1 fills 0…2 items, phase 2 fills 2…3, each at 85% over the white background.
        let phase1 = RenderedPicture.Color(hex: BurnUpChart.palette[0]).over(white, opacity: 0.85)
        let phase2 = RenderedPicture.Color(hex: BurnUpChart.palette[1]).over(white, opacity: 0.85)
        let inPhase1 = picture.color(x: x, y: Int(BurnUpChart.plotBottom - 0.1 * Self.plotHeight))
        let inPhase2 = picture.color(x: x, y: Int(BurnUpChart.plotBottom - 0.25 * Self.plotHeight))
        let above = picture.color(x: x, y: Int(BurnUpChart.plotBottom - 0.45 * Self.plotHeight))
        #expect(inPhase1.isClose(to: phase1, tolerance: 6), "\(inPhase1) vs \(phase1)")
        #expect(inPhase2.isClose(to: phase2, tolerance: 6), "\(inPhase2) vs \(phase2)")
        #expect(above.isClose(to: white, tolerance: 6), "\(above)")
    }

    @Test func theTotalIsADashedLineAtTheTop() throws {
        let picture = try RenderedPicture.render(BurnUpChart(history: Self.known, since: nil, projection: nil).svg)
        let grey = RenderedPicture.Color(hex: "#59636e")
        let span = (Int(BurnUpChart.plotLeft) + 4)..<(Int(BurnUpChart.plotRight) - 4)
        let inked = picture.columns(inRow: Int(BurnUpChart.plotTop), matching: grey, tolerance: 60).filter(
            span.contains)
        // Dashes of 6 and gaps of 4: about 60% of the row is inked, far from none and from all of it.
        let share = Double(inked.count) / Double(span.count)
        #expect(share > 0.45 && share < 0.75, "total line covers \(share) of its row")
    }

    @Test func itIsValidSVGWithTitleDescriptionAxesAndLegend() throws {
        let chart = BurnUpChart(history: Self.known, since: nil, projection: nil)
        let xml = ParsedXML(chart.svg)
        #expect(xml.isValid, "\(String(describing: xml.error))")
        #expect(xml.texts["title"] == ["Roadmap burn-up: 3 of 10 items done (30%)"])
        #expect(xml.texts["desc"]?.first?.contains("from 2024-01-01 to 2024-01-09") == true)
        let texts = xml.texts["text"] ?? []
        for expected in [
            "Jan 1", "Jan 3", "Jan 5", "Jan 7", "Jan 9", "10 total", "3 done", "Phase 1: Core (2)", "Phase 2: Web (1)",
            "0", "2", "8",
        ] {
            #expect(texts.contains(expected), "missing text \(expected) in \(texts)")
        }
        // Dark mode: every class that paints in a colour of its own is painted again under the dark scheme.
        let sheet = BurnUpChart.styleSheet
        let dark = try #require(sheet.range(of: "@media (prefers-color-scheme: dark) {")).upperBound
        let light = sheet[..<sheet.range(of: "@media")!.lowerBound]
        let coloured = light.split(separator: "\n").filter { $0.contains("#") }.compactMap { line -> String? in
            line.split(separator: "{").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        }.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(coloured.count >= 9)
        let darkBlock = sheet[dark...]
        for selector in coloured {
            #expect(darkBlock.contains(selector), "\(selector) keeps its light colour in the dark scheme")
        }
        #expect(chart.svg.contains(sheet))
        #expect(xml.attributes["svg"]?.first?["viewBox"] == "0 0 800 \(PictureFormat.coordinate(chart.height))")
    }

    @Test func phaseNamesWithMarkupCharactersAreEscaped() throws {
        var history = Self.known
        history.phases[0].title = "R&D <\"core\">\u{1}"
        let svg = BurnUpChart(history: history).svg
        let xml = ParsedXML(svg)
        #expect(xml.isValid, "\(String(describing: xml.error))")
        #expect(xml.texts["text"]?.contains("Phase 1: R&D <\"core\">\u{FFFD} (2)") == true)
    }

    @Test func theSameHistoryGivesTheSameBytes() {
        #expect(
            BurnUpChart(history: Self.known, since: nil, projection: nil).svg
                == BurnUpChart(history: Self.known, since: nil, projection: nil).svg)
    }

    @Test func nothingDoneIsStillAChartWithTheTotalAndASentence() throws {
        var history = Self.known
        history.finished = []
        let svg = BurnUpChart(history: history).svg
        let xml = ParsedXML(svg)
        #expect(xml.isValid)
        #expect(xml.texts["text"]?.contains("No items done yet") == true)
        #expect(xml.texts["text"]?.contains("10 total") == true)
        let picture = try RenderedPicture.render(svg)
        let done = RenderedPicture.Color(hex: BurnUpChart.doneColor)
        #expect(picture.rows(inColumn: Int(BurnUpChart.plotRight), matching: done, tolerance: 30).isEmpty)
    }

    @Test func sinceStartsTheAxisAndEarlierItemsAreTheStartingLevel() throws {
        let chart = BurnUpChart(history: Self.known, since: Self.at(3), projection: nil)
        #expect(chart.domain.start == Self.at(3))
        let steps = chart.steps()
        #expect(steps.first?.perPhase == [2, 0])
        #expect(steps.map(\.perPhase) == [[2, 0], [2, 1]])
        let picture = try RenderedPicture.render(chart.svg)
        let done = RenderedPicture.Color(hex: BurnUpChart.doneColor)
        let rows = picture.rows(inColumn: Int(BurnUpChart.plotLeft) + 6, matching: done)
        let level = BurnUpChart.plotBottom - 0.2 * Self.plotHeight
        #expect(!rows.isEmpty && rows.allSatisfy { abs(Double($0) - level) <= 2 }, "rows \(rows), expected \(level)")
    }

    @Test func undatedItemsCountFromTheStartAndAreSaidSo() {
        var history = Self.known
        history.finished.append(.init(item: ItemID(phase: 2, slug: "d"), date: nil))
        let chart = BurnUpChart(history: history)
        #expect(chart.steps().first?.perPhase == [0, 1])
        #expect(chart.svg.contains("1 finished by hand in the document"))
    }

    @Test(arguments: [
        (1.0, ["Jan 1", "Jan 2"]), (6.0, ["Jan 1", "Jan 2", "Jan 3", "Jan 4", "Jan 5", "Jan 6", "Jan 7"]),
        (40.0, ["Jan 1", "Jan 8", "Jan 15", "Jan 22", "Jan 29", "Feb 5"]),
        (60.0, ["Jan 1", "Jan 15", "Jan 29", "Feb 12", "Feb 26"]),
        // 2024 is a leap year: months are counted by the calendar, not in 30-day lumps.
        (
            400.0,
            ["Jan 1, 2024", "Mar 1, 2024", "May 1, 2024", "Jul 1, 2024", "Sep 1, 2024", "Nov 1, 2024", "Jan 1, 2025"]
        ),
    ])
    func axisDatesStepByCalendarDaysAndMonths(span: Double, labels: [String]) {
        let end = Self.at(span)
        let ticks = BurnUpChart.dayTicks(from: Self.january1, to: end)
        let withYear =
            PictureFormat.calendar.component(.year, from: Self.january1)
            != PictureFormat.calendar.component(.year, from: end)
        #expect(ticks.map { PictureFormat.axisDay($0, withYear: withYear) } == labels)
    }

    @Test(arguments: [(0, 1), (5, 1), (6, 1), (7, 2), (10, 2), (12, 2), (13, 5), (58, 10), (300, 50), (1000, 200)])
    func gridStepsAreRound(total: Int, step: Int) {
        #expect(BurnUpChart.countStep(total) == step)
    }

    @Test(arguments: [
        ("2024-01-05", true), ("2024-02-29", true), ("2023-02-29", false), ("2024-13-01", false), ("2024-1-5", false),
        ("yesterday", false), ("", false),
    ])
    func sinceDaysAreParsedStrictly(text: String, valid: Bool) {
        let day = PictureFormat.parseDay(text)
        #expect((day != nil) == valid)
        if let day { #expect(PictureFormat.isoDay(day) == text) }
    }
}
