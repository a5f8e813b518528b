import Foundation

/// The cohort as one self-contained HTML page (`roadmap cohort --html FILE`): no external asset, so it works
/// from `file://` and from GitHub Pages alike. A sortable learner table, a learners × phases heat map coloured
/// by the share of each phase done, and every learner's burn-up line on one chart with a legend; readable on a
/// phone (the wide parts scroll sideways inside their box) and in dark mode. Pure: the report gives the bytes.
extension CohortReport {
    /// The heat map's two ends: nothing of the phase done, and all of it. Between them the colour is mixed
    /// linearly, channel by channel, so a share can be read back from a pixel.
    public static let heatEmpty = (red: 0xEE, green: 0xF1, blue: 0xF4)
    public static let heatFull = (red: 0x1A, green: 0x7F, blue: 0x37)

    /// `#rrggbb` for a share from 0 to 1.
    public static func heatColor(share: Double) -> String {
        let share = min(1, max(0, share))
        func mix(_ empty: Int, _ full: Int) -> Int { Int((Double(empty) + (Double(full - empty)) * share).rounded()) }
        let channels = [
            mix(heatEmpty.red, heatFull.red), mix(heatEmpty.green, heatFull.green), mix(heatEmpty.blue, heatFull.blue),
        ]
        return "#" + channels.map { String(format: "%02x", $0) }.joined()
    }

    /// Text for HTML, escaped as the SVG pictures escape it (attributes here are all double-quoted).
    static func escape(_ text: String) -> String { SVGWriter.escaped(text, quotes: true) }

    public func html() -> String {
        var page = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>Cohort progress · \(PictureFormat.isoDay(asOf))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <header>
            <h1>Cohort progress</h1>
            <p class="muted">\(Self.escape(summaryLine))</p>
            </header>

            """
        page += learnerTable()
        page += heatMap()
        page += burnUp()
        page += "<script>\n\(Self.script)\n</script>\n</body>\n</html>\n"
        return page
    }

    // MARK: Learners

    private func learnerTable() -> String {
        var html = """
            <section aria-labelledby="learners-title">
            <h2 id="learners-title">Learners</h2>
            <div class="scroll">
            <table id="learners" class="sortable">
            <thead><tr>
            """
        let headers: [(String, String)] = [
            ("Learner", "text"), ("Done", "number"), ("%", "number"), ("Current phase", "number"),
            ("Last 7 days", "number"), ("Last done", "text"), ("Pace / week", "number"), ("Expected finish", "text"),
            ("Note", "text"),
        ]
        for (index, header) in headers.enumerated() {
            html +=
                "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" data-column=\"\(index)\" data-type=\"\(header.1)\">\(Self.escape(header.0))</button></th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            guard let figures = row.figures else {
                html +=
                    "<tr class=\"error\"><th scope=\"row\" data-value=\"\(Self.escape(row.name))\">\(Self.escape(row.name))</th><td data-value=\"-1\"></td><td data-value=\"-1\"></td><td data-value=\"-1\"></td><td data-value=\"-1\"></td><td data-value=\"\"></td><td data-value=\"-1\"></td><td data-value=\"\"></td><td data-value=\"\(Self.escape(row.error ?? ""))\">error: \(Self.escape(row.error ?? ""))</td></tr>\n"
                continue
            }
            let last = figures.lastEvidence.map(PictureFormat.isoDay) ?? ""
            let outlook = figures.pace.outlook
            // Finished learners sort after every date; no recent progress after them.
            let outlookKey =
                figures.pace.expectedFinish.map(PictureFormat.isoDay)
                ?? (figures.pace.forecast == .finished ? "0000" : "9999")
            let cells = [
                "<td data-value=\"\(figures.finished)\">\(figures.finished)/\(figures.total)</td>",
                "<td data-value=\"\(figures.percent)\"><span class=\"bar\" style=\"--done:\(figures.percent)%\"></span>\(figures.percent)%</td>",
                "<td data-value=\"\(figures.currentPhase ?? phases.count)\">\(Self.escape(currentPhaseLabel(figures)))</td>",
                "<td data-value=\"\(figures.finishedLastWeek)\">\(figures.finishedLastWeek)</td>",
                "<td data-value=\"\(last)\">\(last.isEmpty ? "—" : last)</td>",
                "<td data-value=\"\(figures.pace.json.itemsPerWeek)\">\(figures.pace.rateText)</td>",
                "<td data-value=\"\(outlookKey)\">\(outlook)</td>",
                "<td data-value=\"\(Self.escape(Self.difference(figures) ?? ""))\">\(Self.escape(Self.difference(figures) ?? ""))</td>",
            ]
            html +=
                "<tr><th scope=\"row\" data-value=\"\(Self.escape(row.name))\">\(Self.escape(row.name))</th>\(cells.joined())</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n</section>\n\n"
        return html
    }

    // MARK: Heat map

    private func heatMap() -> String {
        var html = """
            <section aria-labelledby="phases-title">
            <h2 id="phases-title">Phases</h2>
            <p class="muted">Each cell is the share of the phase a learner has done, from none <span class="swatch" style="background:\(Self.heatColor(share: 0))"></span> to all <span class="swatch" style="background:\(Self.heatColor(share: 1))"></span>.</p>
            <div class="scroll">
            <table id="heatmap" class="heat">
            <thead><tr><th scope="col">Learner</th>
            """
        for phase in phases {
            html +=
                "<th scope=\"col\" title=\"\(Self.escape(Self.phaseLabel(phase)))\">\(Self.escape(phase.id.hasPrefix("p-") ? phase.title : phase.id))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            guard let figures = row.figures else { continue }
            html += "<tr><th scope=\"row\">\(Self.escape(row.name))</th>"
            for (phase, finished) in zip(phases, figures.finishedPerPhase) {
                let share = phase.items == 0 ? 0 : Double(finished) / Double(phase.items)
                let ink = share >= 0.5 ? "#ffffff" : "#1f2328"
                html +=
                    "<td class=\"cell\" data-share=\"\(PictureFormat.coordinate(share))\" style=\"background:\(Self.heatColor(share: share));color:\(ink)\" title=\"\(Self.escape(row.name)): \(finished) of \(phase.items) in \(Self.escape(Self.phaseLabel(phase)))\">\(finished)/\(phase.items)</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n<tfoot><tr><th scope=\"row\">completed · on it</th>"
        for phase in phases { html += "<td>\(phase.completed) · \(phase.current)</td>" }
        html += "</tr></tfoot>\n</table>\n</div>\n</section>\n\n"
        return html
    }

    // MARK: Burn-up

    /// Learner colours, in turn: the chart's palette and the done blue.
    static let linePalette = [BurnUpChart.doneColor] + BurnUpChart.palette

    private func burnUp() -> String {
        let format = PictureFormat.coordinate
        let (width, height) = (720.0, 300.0)
        let (left, right, top, bottom) = (40.0, 700.0, 16.0, 270.0)
        let calendar = PictureFormat.calendar
        let readable = rows.compactMap { row in row.figures.map { (row.name, $0) } }
        let first = readable.compactMap { $0.1.finishDays.first }.min() ?? asOf
        let start = calendar.startOfDay(for: min(first, asOf))
        let end = calendar.date(byAdding: .day, value: 1, to: asOf)!
        let span = max(end.timeIntervalSince(start), 1)
        let total = max(sharedItems, 1)
        func x(_ date: Date) -> Double { left + min(1, max(0, date.timeIntervalSince(start) / span)) * (right - left) }
        func y(_ count: Int) -> Double { bottom - Double(count) / Double(total) * (bottom - top) }
        var svg = """
            <svg id="burnup-chart" viewBox="0 0 \(format(width)) \(format(height))" role="img" aria-labelledby="burnup-title">
            <line class="axis" x1="\(format(left))" y1="\(format(bottom))" x2="\(format(right))" y2="\(format(bottom))"/>
            <line class="axis" x1="\(format(left))" y1="\(format(top))" x2="\(format(left))" y2="\(format(bottom))"/>
            <line class="total" x1="\(format(left))" y1="\(format(y(sharedItems)))" x2="\(format(right))" y2="\(format(y(sharedItems)))"/>
            <text class="tick" x="\(format(left - 6))" y="\(format(y(sharedItems) + 4))" text-anchor="end">\(sharedItems)</text>
            <text class="tick" x="\(format(left - 6))" y="\(format(bottom + 4))" text-anchor="end">0</text>
            <text class="tick" x="\(format(left))" y="\(format(bottom + 20))">\(PictureFormat.isoDay(start))</text>
            <text class="tick" x="\(format(right))" y="\(format(bottom + 20))" text-anchor="end">\(PictureFormat.isoDay(asOf))</text>

            """
        var legend = "<ul class=\"legend\">\n"
        for (index, (name, figures)) in readable.enumerated() {
            let colour = Self.linePalette[index % Self.linePalette.count]
            var count = figures.undatedFinished
            var points = [(x(start), y(count))]
            for day in figures.finishDays where day < end {
                let dayX = x(max(day, start))
                points.append((dayX, y(count)))
                count += 1
                points.append((dayX, y(count)))
            }
            points.append((x(end), y(count)))
            let list = points.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " ")
            svg +=
                "<polyline class=\"learner\" stroke=\"\(colour)\" points=\"\(list)\"><title>\(Self.escape(name)): \(figures.finished) of \(figures.total)</title></polyline>\n"
            legend +=
                "<li><span class=\"swatch\" style=\"background:\(colour)\"></span>\(Self.escape(name)) (\(figures.finished))</li>\n"
        }
        svg += "</svg>\n"
        legend += "</ul>\n"
        return """
            <section aria-labelledby="burnup-title">
            <h2 id="burnup-title">Burn-up</h2>
            <p class="muted">Shared items finished over time, one line per learner.</p>
            <div class="chart">
            \(svg)</div>
            \(legend)</section>

            """
    }

    // MARK: Style and script

    static let styleSheet = """
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0;
          --head: #f6f8fa; --accent: #0969da; --error: #cf222e; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #f0f6fc; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --head: #151b23;
            --accent: #4493f8; --error: #f85149; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1100px; padding: 16px; background: var(--bg); color: var(--fg);
          font: 15px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
        h1 { font-size: 1.6em; margin: 0 0 4px; }
        h2 { font-size: 1.2em; margin: 28px 0 8px; }
        .muted { color: var(--muted); margin: 4px 0 8px; }
        .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; white-space: nowrap; }
        thead th { background: var(--head); position: sticky; top: 0; }
        tbody th { font-weight: 600; }
        th button { all: unset; cursor: pointer; font-weight: 600; }
        th button:focus-visible { outline: 2px solid var(--accent); }
        th[aria-sort="ascending"] button::after { content: " ▲"; }
        th[aria-sort="descending"] button::after { content: " ▼"; }
        tr.error td, tr.error th { color: var(--error); }
        .bar { display: inline-block; width: 48px; height: 8px; margin-right: 6px; border-radius: 4px;
          background: linear-gradient(90deg, var(--accent) var(--done), var(--line) var(--done)); }
        table.heat td.cell { width: 56px; min-width: 56px; height: 32px; text-align: center; border: 2px solid var(--bg);
          font-size: 13px; }
        table.heat tfoot td { text-align: center; color: var(--muted); font-size: 13px; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px;
          margin-right: 6px; border: 1px solid var(--line); }
        .chart svg { width: 100%; height: auto; display: block; }
        .chart .axis { stroke: var(--muted); }
        .chart .total { stroke: var(--muted); stroke-dasharray: 6 4; }
        .chart .tick { fill: var(--muted); font-size: 12px; }
        .chart .learner { fill: none; stroke-width: 2; stroke-linejoin: round; opacity: 0.9; }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
        @media (max-width: 600px) { body { padding: 10px; font-size: 14px; } th, td { padding: 5px 6px; } }
        """

    /// Sorting the learner table by a header's column: numbers as numbers, the rest as text; a second
    /// click reverses. Only the DOM it was given: no network, no storage.
    static let script = """
        "use strict";
        document.querySelectorAll("table.sortable").forEach(function (table) {
          var headers = table.querySelectorAll("thead th");
          table.querySelectorAll("thead button").forEach(function (button) {
            button.addEventListener("click", function () {
              var column = Number(button.dataset.column);
              var numeric = button.dataset.type === "number";
              var header = headers[column];
              var ascending = header.getAttribute("aria-sort") !== "ascending";
              headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
              header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column].dataset.value, y = b.cells[column].dataset.value;
                var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """
}
