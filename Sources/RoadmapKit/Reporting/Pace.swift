import Foundation

/// How fast a learner finishes items, over the last `windowDays` days of their history, and when the roadmap
/// is done at that pace. Pure: computed from a `ProgressHistory` (the burn-up chart's dates) and counted from
/// its `asOf` day (HEAD's day), never from the clock, so the same history gives the same forecast everywhere.
public struct Pace: Equatable, Sendable {
    public static let defaultWindow = 28
    /// The window's bounds in days: a day is the smallest step the dates are counted in, a year is more
    /// history than a pace should average.
    public static let windowRange = 1...365

    public enum Forecast: Equatable, Sendable {
        /// Every item is finished.
        case finished
        /// Nothing was finished in the window: no date is invented.
        case noRecentProgress
        /// The day (00:00 UTC) the last item is finished at this pace.
        case expected(Date)
    }

    public var windowDays: Int
    /// Items dated inside the window: the last `windowDays` days up to and including the `asOf` day.
    public var finishedInWindow: Int
    /// Tracked items not finished yet.
    public var remaining: Int
    /// The day the window ends with (00:00 UTC).
    public var asOf: Date
    public var forecast: Forecast

    public var itemsPerWeek: Double { Double(finishedInWindow) * 7 / Double(windowDays) }

    public var expectedFinish: Date? {
        if case .expected(let date) = forecast { return date }
        return nil
    }

    public init(history: ProgressHistory, windowDays: Int = Pace.defaultWindow) {
        self.init(
            finished: history.finished.map(\.date), total: history.total, asOf: history.asOf, windowDays: windowDays)
    }

    /// - Parameter finished: the date of each finished item; nil for one nothing dates (set by hand).
    public init(finished: [Date?], total: Int, asOf day: Date, windowDays: Int = Pace.defaultWindow) {
        let calendar = PictureFormat.calendar
        let asOf = calendar.startOfDay(for: day)
        let end = calendar.date(byAdding: .day, value: 1, to: asOf)!
        let start = calendar.date(byAdding: .day, value: -(windowDays - 1), to: asOf)!
        let recent = finished.filter { date in date.map { $0 >= start && $0 < end } ?? false }.count
        let remaining = max(0, total - finished.count)
        self.windowDays = windowDays
        self.finishedInWindow = recent
        self.remaining = remaining
        self.asOf = asOf
        if remaining == 0 {
            forecast = .finished
        } else if recent == 0 {
            forecast = .noRecentProgress
        } else {
            // remaining ÷ (recent ÷ window) days, rounded up: the last item is finished during that day.
            let days = (remaining * windowDays + recent - 1) / recent
            forecast = .expected(calendar.date(byAdding: .day, value: days, to: asOf)!)
        }
    }

    private static let rateStyle = FloatingPointFormatStyle<Double>(locale: PictureFormat.locale).precision(
        .fractionLength(0...1)
    ).grouping(.never)

    /// "3.2": items per week to one decimal, as people say it.
    public var rateText: String { itemsPerWeek.formatted(Self.rateStyle) }

    /// "finished", "no recent progress", or the expected day (`2027-02-14`).
    public var outlook: String {
        switch forecast {
        case .finished: "finished"
        case .noRecentProgress: "no recent progress"
        case .expected(let date): PictureFormat.isoDay(date)
        }
    }

    /// `pace 3.2 items/week (last 28 days) · expected finish 2027-02-14`, the line `status` prints.
    public var line: String {
        let days = windowDays == 1 ? "last day" : "last \(windowDays) days"
        return "pace \(rateText) items/week (\(days)) · \(expectedFinish == nil ? "" : "expected finish ")\(outlook)"
    }

    /// The `pace` object of `status --json` (and of a cohort's learners).
    public struct JSON: Codable, Equatable, Sendable {
        public var windowDays: Int
        public var finishedInWindow: Int
        /// Rounded to two decimals, so the bytes do not depend on floating-point printing.
        public var itemsPerWeek: Double
        public var asOf: String
        /// `on-pace`, `no-recent-progress` or `finished`.
        public var forecast: String
        /// The expected day (`YYYY-MM-DD`), null unless `forecast` is `on-pace`.
        @Null public var expectedFinish: String?
    }

    public var json: JSON {
        let forecastName =
            switch forecast {
            case .finished: "finished"
            case .noRecentProgress: "no-recent-progress"
            case .expected: "on-pace"
            }
        return JSON(
            windowDays: windowDays, finishedInWindow: finishedInWindow,
            itemsPerWeek: (itemsPerWeek * 100).rounded() / 100, asOf: PictureFormat.isoDay(asOf),
            forecast: forecastName, expectedFinish: expectedFinish.map(PictureFormat.isoDay))
    }
}
