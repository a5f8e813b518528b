import Foundation

/// An SVG burn-up chart: finished items over time as stacked steps, one colour per phase, the running total as
/// a line ending in a point, and the roadmap's size as a dashed line. Pure: the history and `since` give the
/// bytes; nothing reads the clock.
public struct BurnUpChart: Sendable {
    public let history: ProgressHistory
    /// Where the x axis starts (a day, UTC); items finished before it count in the starting level.
    public let since: Date?
    /// The x axis: from the start of `since`'s day, else of the first dated item's, else of the day it is as
    /// of, to the end of the day it is as of (or of `since`'s day, if that is later). Worked out once: every
    /// point drawn asks for it.
    public let domain: (start: Date, end: Date)
    /// The pace whose expected finish is drawn as a dashed line from the last point to the total; nil, or a
    /// pace with no expected date, draws none.
    public let projection: Pace?
    /// Where the history ends: the end of the day it is as of. The axis goes on to the expected finish.
    public let historyEnd: Date

    /// A chart with the projection at the default pace window: what `roadmap chart` prints and sync keeps.
    public init(history: ProgressHistory, since: Date? = nil) {
        self.init(history: history, since: since, projection: Pace(history: history))
    }

    public init(history: ProgressHistory, since: Date?, projection: Pace?) {
        self.history = history
        self.since = since
        self.projection = projection
        let calendar = PictureFormat.calendar
        let firstDated = history.finished.compactMap(\.date).min()
        let start = calendar.startOfDay(for: since ?? firstDated ?? history.asOf)
        let lastDay = max(start, calendar.startOfDay(for: history.asOf))
        historyEnd = calendar.date(byAdding: .day, value: 1, to: lastDay)!
        let finish = projection?.expectedFinish.map { calendar.date(byAdding: .day, value: 1, to: $0)! }
        domain = (start, max(historyEnd, finish ?? historyEnd))
    }

    // The plot area, in SVG pixels (the picture is drawn at 1:1). Public so tests can say where the data
    // must appear in the rendered picture.
    public static let width = 800.0
    public static let plotLeft = 56.0
    public static let plotRight = 776.0
    public static let plotTop = 76.0
    public static let plotBottom = 336.0
    static let legendTop = 378.0
    static let legendColumns = 3
    static let legendRowHeight = 20.0

    /// Phase colours, used in turn; chosen to read on white and on GitHub's dark background, and to stay
    /// apart from the blue of the done line.
    static let palette = [
        "#2da44e", "#e16f24", "#8250df", "#bf3989", "#1b7c83", "#d4a72c",
        "#cf222e", "#7d4e24", "#768390", "#e85aad", "#9a6700", "#40c4aa",
    ]
    /// The done line and its final point (light scheme; the dark one is in the style sheet).
    public static let doneColor = "#0969da"

    public var height: Double {
        let rows = (history.phases.count + Self.legendColumns - 1) / Self.legendColumns
        return Self.legendTop + Double(rows) * Self.legendRowHeight + 4
    }

    public func x(_ date: Date) -> Double {
        let (start, end) = domain
        let fraction = max(0, date.timeIntervalSince(start)) / end.timeIntervalSince(start)
        return Self.plotLeft + min(1, fraction) * (Self.plotRight - Self.plotLeft)
    }

    public func y(_ count: Int) -> Double {
        Self.plotBottom - Double(count) / Double(max(history.total, 1)) * (Self.plotBottom - Self.plotTop)
    }

    /// The steps: the start, then every later day an item was finished, with how many items of each phase
    /// (in `history.phases` order) were finished by then.
    func steps() -> [(date: Date, perPhase: [Int])] {
        let start = domain.start
        let phaseIndex = Dictionary(
            history.phases.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var counts = Array(repeating: 0, count: history.phases.count)
        var later: [(date: Date, phase: Int)] = []
        for item in history.finished {
            guard let phase = phaseIndex[item.item.phase] else { continue }
            if let date = item.date, date > start {
                later.append((date, phase))
            } else {
                counts[phase] += 1
            }
        }
        var steps = [(date: start, perPhase: counts)]
        for (date, phase) in later.sorted(by: { $0.date < $1.date }) {
            counts[phase] += 1
            if steps[steps.count - 1].date == date {
                steps[steps.count - 1].perPhase = counts
            } else {
                steps.append((date, counts))
            }
        }
        return steps
    }

    /// Points of a step line through `values` (one per step), held level until the next step and to the end.
    private func stepPoints(_ steps: [(date: Date, perPhase: [Int])], _ values: [Int]) -> [(Double, Double)] {
        var points: [(Double, Double)] = []
        for (index, step) in steps.enumerated() {
            let left = x(step.date)
            if index > 0 { points.append((left, y(values[index - 1]))) }
            points.append((left, y(values[index])))
        }
        points.append((x(historyEnd), y(values.last ?? 0)))
        return points
    }

    private static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { "\(PictureFormat.coordinate($0.0)),\(PictureFormat.coordinate($0.1))" }.joined(separator: " ")
    }

    /// "7 of 58 items done (12%)", in the title and under the heading.
    private var doneSentence: String {
        "\(PictureFormat.count(history.finished.count)) of \(PictureFormat.count(history.total)) items done (\(PictureFormat.percent(history.percent)))"
    }

    /// "58 total", and the expected day when the projection is drawn: above the dashed line, clear of both.
    private var totalLabel: String {
        let total = "\(PictureFormat.count(history.total)) total"
        guard let finish = projection?.expectedFinish else { return total }
        return "\(total) · expected \(PictureFormat.isoDay(finish))"
    }

    public var accessibleTitle: String {
        "Roadmap burn-up: \(doneSentence)"
    }

    public var svg: String {
        let format = PictureFormat.coordinate
        let (start, end) = domain
        let steps = steps()
        let undated = history.finished.filter { $0.date == nil }.count
        var svg = SVGWriter()
        svg.start(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "width": format(Self.width), "height": format(height),
                "viewBox": "0 0 \(format(Self.width)) \(format(height))", "role": "img",
                "aria-labelledby": "chart-title chart-desc",
            ])
        svg.element("title", ["id": "chart-title"], text: accessibleTitle)
        var description =
            "Finished items over time, from \(PictureFormat.isoDay(start)) to \(PictureFormat.isoDay(history.asOf)), stacked by phase; the dashed line is the roadmap's \(PictureFormat.count(history.total)) items."
        if let projection, let finish = projection.expectedFinish {
            description +=
                " At \(projection.rateText) items a week (the last \(PictureFormat.count(projection.windowDays)) days), the dashed blue line reaches the total on \(PictureFormat.isoDay(finish))."
        }
        if undated > 0 {
            description +=
                " \(PictureFormat.count(undated)) finished by hand in the document, with no commit to date them, count from the start."
        }
        svg.element("desc", ["id": "chart-desc"], text: description)
        svg.start("style")
        svg.verbatim(Self.styleSheet)
        svg.close()
        svg.element("rect", ["class": "background", "width": format(Self.width), "height": format(height), "rx": "6"])
        svg.element("text", ["class": "title", "x": format(Self.plotLeft), "y": "30"], text: "Roadmap progress")
        svg.element(
            "text", ["class": "muted", "x": format(Self.plotLeft), "y": "50"],
            text: "\(doneSentence) · as of \(PictureFormat.isoDay(history.asOf))")

        // Grid and y axis labels.
        let step = Self.countStep(history.total)
        for value in stride(from: 0, through: history.total, by: step) where value < history.total || history.total == 0
        {
            svg.element(
                "line",
                [
                    "class": "grid", "x1": format(Self.plotLeft), "x2": format(Self.plotRight), "y1": format(y(value)),
                    "y2": format(y(value)),
                ])
            svg.element(
                "text",
                ["class": "muted", "x": format(Self.plotLeft - 8), "y": format(y(value) + 4), "text-anchor": "end"],
                text: PictureFormat.count(value))
        }
        // x axis ticks and dates.
        let withYear =
            PictureFormat.calendar.component(.year, from: start) != PictureFormat.calendar.component(.year, from: end)
        for tick in Self.dayTicks(from: start, to: end) {
            let tickX = x(tick)
            svg.element(
                "line",
                [
                    "class": "axis", "x1": format(tickX), "x2": format(tickX), "y1": format(Self.plotBottom),
                    "y2": format(Self.plotBottom + 5),
                ])
            svg.element(
                "text",
                ["class": "muted", "x": format(tickX), "y": format(Self.plotBottom + 20), "text-anchor": "middle"],
                text: PictureFormat.axisDay(tick, withYear: withYear))
        }

        // One stacked area per phase.
        var below = Array(repeating: 0, count: steps.count)
        for (index, phase) in history.phases.enumerated() {
            let top = steps.indices.map { below[$0] + steps[$0].perPhase[index] }
            defer { below = top }
            guard top != below else { continue }
            let points = stepPoints(steps, top) + stepPoints(steps, below).reversed()
            svg.element(
                "polygon",
                [
                    "class": "phase", "fill": Self.palette[index % Self.palette.count],
                    "points": Self.pointList(points),
                    "data-phase": phase.key.description,
                ])
        }

        svg.element(
            "line",
            [
                "class": "axis", "x1": format(Self.plotLeft), "x2": format(Self.plotLeft), "y1": format(Self.plotTop),
                "y2": format(Self.plotBottom),
            ])
        svg.element(
            "line",
            [
                "class": "axis", "x1": format(Self.plotLeft), "x2": format(Self.plotRight),
                "y1": format(Self.plotBottom), "y2": format(Self.plotBottom),
            ])

        // The roadmap's size.
        svg.element(
            "line",
            [
                "class": "total", "x1": format(Self.plotLeft), "x2": format(Self.plotRight),
                "y1": format(y(history.total)), "y2": format(y(history.total)),
            ])
        svg.element(
            "text",
            ["class": "muted", "x": format(Self.plotRight), "y": format(y(history.total) - 6), "text-anchor": "end"],
            text: totalLabel)

        if history.finished.isEmpty {
            svg.element(
                "text",
                [
                    "class": "muted", "x": format((Self.plotLeft + Self.plotRight) / 2),
                    "y": format((Self.plotTop + Self.plotBottom) / 2), "text-anchor": "middle",
                ],
                text: "No items done yet")
        } else {
            let done = below
            svg.element("polyline", ["class": "done", "points": Self.pointList(stepPoints(steps, done))])
            let final = done.last ?? 0
            let finalY = y(final)
            let finalX = x(historyEnd)
            if projection?.expectedFinish != nil {
                svg.element(
                    "line",
                    [
                        "class": "projection", "x1": format(finalX), "y1": format(finalY),
                        "x2": format(Self.plotRight), "y2": format(y(history.total)),
                    ])
            }
            svg.element("circle", ["class": "point", "cx": format(finalX), "cy": format(finalY), "r": "4.5"])
            let labelY = finalY - Self.plotTop < 24 ? finalY + 20 : finalY - 10
            // Left of the point, unless that runs out of the plot: then right of it and below the projection.
            let doneText = "\(PictureFormat.count(final)) done"
            let roomOnLeft = finalX - 8 - TextWidth.of(doneText, size: 12) >= Self.plotLeft - 4
            svg.element(
                "text",
                [
                    "class": "label", "x": format(roomOnLeft ? finalX - 8 : finalX + 8),
                    "y": format(roomOnLeft ? labelY : finalY + 18), "text-anchor": roomOnLeft ? "end" : "start",
                ],
                text: doneText)
        }

        // Legend: a swatch and "Phase N: title (finished/items)" per phase.
        let columnWidth = (Self.plotRight - Self.plotLeft) / Double(Self.legendColumns)
        // The last step holds every finished item, by phase.
        let finishedPerPhase = steps[steps.count - 1].perPhase
        for (index, phase) in history.phases.enumerated() {
            let left = Self.plotLeft + Double(index % Self.legendColumns) * columnWidth
            let baseline = Self.legendTop + Double(index / Self.legendColumns) * Self.legendRowHeight
            svg.element(
                "rect",
                [
                    "x": format(left), "y": format(baseline - 10), "width": "11", "height": "11", "rx": "2",
                    "fill": Self.palette[index % Self.palette.count],
                ])
            let count = " (\(PictureFormat.count(finishedPerPhase[index])))"
            // Verdana's widths overestimate the sans-serif fonts the chart asks for, so this errs on the short side.
            let room = columnWidth - 24 - TextWidth.of(count, size: 12)
            let name = TextWidth.truncated(phase.legend, toFit: room, size: 12)
            svg.element("text", ["class": "legend", "x": format(left + 17), "y": format(baseline)], text: name + count)
        }
        svg.close()
        return svg.output
    }

    /// The y axis step: 1, 2 or 5 times a power of ten, for at most six gridlines.
    static func countStep(_ total: Int) -> Int {
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where total <= 6 * factor * magnitude {
                return factor * magnitude
            }
            magnitude *= 10
        }
    }

    /// Axis dates: the start, then every day, week, month… (the finest step that gives at most seven ticks),
    /// counted with the calendar so months and leap years come out right.
    static func dayTicks(from start: Date, to end: Date) -> [Date] {
        let calendar = PictureFormat.calendar
        let steps: [(Calendar.Component, Int)] = [
            (.day, 1), (.day, 2), (.day, 7), (.day, 14), (.month, 1), (.month, 2), (.month, 3), (.month, 6), (.year, 1),
            (.year, 2), (.year, 5),
        ]
        for (component, size) in steps {
            var ticks: [Date] = []
            var index = 0
            while ticks.count <= 7, let tick = calendar.date(byAdding: component, value: size * index, to: start),
                tick <= end
            {
                ticks.append(tick)
                index += 1
            }
            if ticks.count <= 7 { return ticks }
        }
        return [start, end]
    }

    static let styleSheet = """
        svg { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
        .background { fill: #ffffff; }
        .title { fill: #1f2328; font-size: 16px; font-weight: 600; }
        .label, .legend { fill: #1f2328; font-size: 12px; }
        .label { font-weight: 600; }
        .muted { fill: #59636e; font-size: 12px; }
        .axis { stroke: #59636e; stroke-width: 1; }
        .grid { stroke: #d1d9e0; stroke-width: 1; }
        .total { stroke: #59636e; stroke-width: 1.5; stroke-dasharray: 6 4; }
        .phase { fill-opacity: 0.85; }
        .done { fill: none; stroke: #0969da; stroke-width: 2.5; stroke-linejoin: round; }
        .point { fill: #0969da; stroke: #ffffff; stroke-width: 1.5; }
        .projection { stroke: #0969da; stroke-width: 2; stroke-dasharray: 5 5; }
        @media (prefers-color-scheme: dark) {
          .background { fill: #0d1117; }
          .title, .label, .legend { fill: #f0f6fc; }
          .muted { fill: #9198a1; }
          .axis, .total { stroke: #9198a1; }
          .grid { stroke: #3d444d; }
          .done { stroke: #4493f8; }
          .point { fill: #4493f8; stroke: #0d1117; }
          .projection { stroke: #4493f8; }
        }
        """
}
