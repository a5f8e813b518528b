import Foundation

/// Every number and date the pictures print, through Foundation's format styles with a fixed locale,
/// calendar and time zone: the same history gives the same bytes on every machine and in CI.
public enum PictureFormat {
    static let locale = Locale(identifier: "en_US_POSIX")
    static let timeZone = TimeZone(identifier: "UTC")!

    /// Gregorian, UTC: day steps of the chart's axis and the start of a day.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = locale
        return calendar
    }()

    private static let coordinateStyle = FloatingPointFormatStyle<Double>(locale: locale).precision(
        .fractionLength(0...2)
    ).grouping(.never)
    private static let countStyle = IntegerFormatStyle<Int>(locale: locale).grouping(.never)
    private static let percentStyle = IntegerFormatStyle<Int>.Percent(locale: locale)
    private static let isoDayStyle = Date.ISO8601FormatStyle(timeZone: timeZone).year().month().day()
    private static let dayStyle = Date.FormatStyle(
        date: .omitted, time: .omitted, locale: locale, calendar: calendar, timeZone: timeZone
    )
    .month(.abbreviated).day()
    private static let dayWithYearStyle = dayStyle.year()

    /// An SVG coordinate or length: at most two decimals, no grouping, never "-0".
    static func coordinate(_ value: Double) -> String {
        (value == 0 ? 0 : value).formatted(coordinateStyle)
    }

    static func count(_ value: Int) -> String { value.formatted(countStyle) }

    /// 29 → "29%": the whole percent the progress line shows (PRODUCT's rounding down happens before).
    static func percent(_ value: Int) -> String { value.formatted(percentStyle) }

    /// "2024-03-01".
    public static func isoDay(_ date: Date) -> String { date.formatted(isoDayStyle) }

    /// "Mar 1", or "Mar 1, 2024" when the axis spans more than one year.
    static func axisDay(_ date: Date, withYear: Bool) -> String {
        date.formatted(withYear ? dayWithYearStyle : dayStyle)
    }

    /// A `YYYY-MM-DD` day at 00:00 UTC, or nil. Foundation's parser rolls impossible days over
    /// ("2024-02-30" is March 1st), so a date is only accepted when it formats back to the same text.
    public static func parseDay(_ text: String) -> Date? {
        guard let date = try? isoDayStyle.parse(text), isoDay(date) == text else { return nil }
        return date
    }
}
