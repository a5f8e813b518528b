import Foundation
import Testing

@testable import RoadmapKit

/// The pace and the expected finish, from histories whose dates are known, counted with the calendar.
@Suite struct PaceTests {
    static let day = 86_400.0
    /// 2024-01-01 00:00 UTC; 2024 is a leap year, so February has 29 days.
    static let january1 = Date(timeIntervalSince1970: 1_704_067_200)
    static func at(_ days: Double) -> Date { january1.addingTimeInterval(days * day) }

    /// Ten items; five finished: at noon on Jan 1, 3, 11, 21 and 29, and the history is as of Jan 29.
    static func history(asOf: Double = 28, total: Int = 10, days: [Double?] = [0.5, 2.5, 10.5, 20.5, 28.5])
        -> ProgressHistory
    {
        ProgressHistory(
            phases: [.init(number: 1, title: "Core")], total: total,
            finished: days.enumerated().map {
                .init(item: ItemID(phase: 1, slug: "i\($0.offset)"), date: $0.element.map(at))
            },
            asOf: at(asOf))
    }

    @Test(arguments: [
        // The 28 days Jan 2…Jan 29 hold four items: 1 a week; 5 left at 4 per 28 days is 35 days after Jan 29.
        (28, 4, "1", "2024-03-04"),
        // Jan 20…29: two items in 10 days, 1.4 a week; 5 left is 25 days.
        (10, 2, "1.4", "2024-02-23"),
        // Jan 29 alone: one item a day is 7 a week; 5 days.
        (1, 1, "7", "2024-02-03"),
        // Jan 23…29: one item; 35 days.
        (7, 1, "1", "2024-03-04"),
    ])
    func theWindowCountsItsDaysAndTheFinishIsCountedWithTheCalendar(
        window: Int, recent: Int, rate: String, finish: String
    ) {
        let pace = Pace(history: Self.history(), windowDays: window)
        #expect(pace.finishedInWindow == recent)
        #expect(pace.remaining == 5)
        #expect(pace.rateText == rate)
        #expect(pace.expectedFinish.map(PictureFormat.isoDay) == finish)
        let days = window == 1 ? "last day" : "last \(window) days"
        #expect(pace.line == "pace \(rate) items/week (\(days)) · expected finish \(finish)")
    }

    @Test func theWindowStartsAtMidnightOfItsFirstDay() {
        // Jan 2 00:00 is inside the 28 days that end with Jan 29; Jan 1 23:59:59 is not.
        let inside = Pace(history: Self.history(days: [1, 1 - 1 / Self.day]), windowDays: 28)
        #expect(inside.finishedInWindow == 1)
    }

    @Test func withNothingInTheWindowNoDateIsInvented() {
        let pace = Pace(history: Self.history(asOf: 60))
        #expect(pace.forecast == .noRecentProgress)
        #expect(pace.expectedFinish == nil)
        #expect(pace.line == "pace 0 items/week (last 28 days) · no recent progress")
        #expect(pace.json.forecast == "no-recent-progress" && pace.json.expectedFinish == nil)
        #expect(pace.json.asOf == "2024-03-01")
    }

    @Test func aFinishedRoadmapSaysSo() {
        let pace = Pace(history: Self.history(total: 5))
        #expect(pace.forecast == .finished)
        #expect(pace.line == "pace 1 items/week (last 28 days) · finished")
        #expect(pace.json.forecast == "finished")
    }

    @Test func undatedItemsAreFinishedButNotRecent() {
        // Two set by hand (no date) and one on Jan 29: 7 left, at 1 per 28 days.
        let pace = Pace(history: Self.history(days: [nil, nil, 28.5]))
        #expect(pace.finishedInWindow == 1 && pace.remaining == 7)
        #expect(pace.rateText == "0.2")
        #expect(pace.json.itemsPerWeek == 0.25)
        // 7 × 28 = 196 days after Jan 29, 2024: Aug 12.
        #expect(pace.json.expectedFinish == "2024-08-12")
    }

    @Test func theChartDrawsTheProjectionDashedToTheTotalOnTheExpectedDay() throws {
        let history = Self.history()
        let pace = Pace(history: history)
        let chart = BurnUpChart(history: history, since: nil, projection: pace)
        // The axis runs from Jan 1 to the end of the expected day, Mar 4: 64 days.
        #expect(chart.domain.end == Self.at(64))
        #expect(chart.svg.contains(">10 total · expected 2024-03-04<"))
        #expect(chart.svg.contains("reaches the total on 2024-03-04"))
        let picture = try RenderedPicture.render(chart.svg)
        let blue = RenderedPicture.Color(hex: BurnUpChart.doneColor)
        // The final point sits at the end of Jan 29 (29 of 64 days) at 5 of 10; the line rises to 10 of 10 at
        // the right edge. Sampled along that line, about half is inked: dashed, not solid, not missing.
        let start = (chart.x(Self.at(29)), chart.y(5))
        let end = (BurnUpChart.plotRight, chart.y(10))
        let samples = (8...92).map { Double($0) / 100 }.map { t in
            (Int(start.0 + t * (end.0 - start.0)), Int(start.1 + t * (end.1 - start.1)))
        }
        let inked = samples.filter { point in
            (-1...1).contains { dy in picture.color(x: point.0, y: point.1 + dy).isClose(to: blue, tolerance: 60) }
        }
        let share = Double(inked.count) / Double(samples.count)
        #expect(share > 0.3 && share < 0.8, "projection inks \(share) of its length")
        // The history's line ends at the point: past it (Feb 9) nothing is drawn level at 5 of 10.
        let level = picture.rows(inColumn: Int(chart.x(Self.at(40))), matching: blue).filter {
            abs(Double($0) - start.1) <= 2
        }
        #expect(level.isEmpty, "a level line at rows \(level)")
    }

    @Test func withoutAnExpectedDayTheChartHasNoProjection() {
        let history = Self.history(asOf: 60)
        let chart = BurnUpChart(history: history, since: nil, projection: Pace(history: history))
        #expect(!chart.svg.contains("class=\"projection\""))
        #expect(chart.domain.end == Self.at(61))
        #expect(chart.svg == BurnUpChart(history: history, since: nil, projection: nil).svg)
    }
}
