import Foundation
import Testing

@testable import RoadmapKit

/// The cohort's HTML page opened in a real browser: headless Chromium (Debian's `chromium`, which `make test`
/// installs through Scripts/bootstrap.sh) renders it to PNG at a phone's and a desktop's width; the heat map's
/// cells must have the colours the data says at the places the browser laid them out, and the page must log
/// nothing to the console.
@Suite struct CohortPageTests {
    static let asOf = Date(timeIntervalSince1970: 1_711_843_200)

    /// Four learners over phases of 4, 2 and 5 items, with shares from none to all, and one unreadable.
    static let report: CohortReport = {
        let phases = [("p1", 4), ("p2", 2), ("p3", 5)].map { id, count in
            LearnerProgress.Phase(id: id, title: "Phase \(id)", items: (0..<count).map { "\(id)/i\($0)" })
        }
        func learner(_ name: String, _ finished: [Int]) -> Learner {
            var statuses: [String: ItemStatus] = [:]
            var dates: [String: Date] = [:]
            for (phase, count) in zip(phases, finished) {
                for (index, item) in phase.items.enumerated() {
                    statuses[item] = index < count ? .done : .notStarted
                    if index < count { dates[item] = asOf.addingTimeInterval(-Double(index + 1) * 86_400 * 3) }
                }
            }
            return Learner(
                name: name, source: name,
                progress: .success(LearnerProgress(phases: phases, statuses: statuses, finishedOn: dates)))
        }
        return CohortReport(
            learners: [
                learner("ana", [4, 1, 0]), learner("<b>bo</b>", [2, 2, 5]), learner("cy", [1, 0, 0]),
                learner("dee", [3, 1, 2]),
                Learner(name: "eve", source: "eve", progress: .failure(.file("eve is not a git repository"))),
            ], asOf: asOf)
    }()

    static var browser: String? {
        if let path = ProcessInfo.processInfo.environment["ROADMAP_CHROMIUM"] { return path }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":")
            where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        let mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
        return FileManager.default.isExecutableFile(atPath: mac) ? mac : nil
    }

    struct Run {
        var output: String
        var errors: String
    }

    /// One headless Chromium run on a file: its standard output (for --dump-dom) and the console lines it
    /// logged (`--enable-logging=stderr` writes each as `…:CONSOLE:…`).
    static func chromium(_ arguments: [String], page: URL, width: Int, height: Int = 1600) throws -> Run {
        let folder = page.deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(browser))
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0",
                "--force-device-scale-factor=1", "--allow-file-access-from-files", "--window-size=\(width),\(height)",
            ] + arguments + [page.absoluteString]
        let output = folder.appendingPathComponent("out-\(UUID().uuidString)")
        let errors = folder.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return Run(
            output: try String(contentsOf: output, encoding: .utf8),
            errors: try String(contentsOf: errors, encoding: .utf8))
    }

    static func consoleLines(_ run: Run) -> [String] {
        run.errors.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    }

    /// Headless Chromium lays a window out at least 500 px wide whatever --window-size says (and crops the
    /// screenshot), so the page is shown in an iframe of the width under test, at the harness's top left: its
    /// media queries see that width. After the frame loads, a script in the harness (same origin with
    /// --allow-file-access-from-files) writes where the heat map's cells are, below the frame, where it moves
    /// nothing; --dump-dom reads it back.
    static func harness(width: Int) -> String {
        """
        <!doctype html><html><body style="margin:0;background:#888">
        <iframe id="page" src="cohort.html" style="display:block;border:0;width:\(width)px;height:1600px"></iframe>
        <pre id="geometry"></pre><script>
        document.getElementById("page").addEventListener("load", function () {
          var page = this.contentDocument, view = this.contentWindow, lines = [];
          page.querySelectorAll("#heatmap tbody tr").forEach(function (row, r) {
            row.querySelectorAll("td.cell").forEach(function (cell, c) {
              var box = cell.getBoundingClientRect();
              lines.push([r, c, box.left + view.scrollX, box.top + view.scrollY, box.width, box.height].join(" "));
            });
          });
          lines.push("scrollWidth " + page.documentElement.scrollWidth);
          document.getElementById("geometry").textContent = "\\n" + lines.join("\\n") + "\\n";
        });
        </script></body></html>
        """
    }

    struct Cell {
        var row: Int
        var column: Int
        var x: Double
        var y: Double
        var width: Double
        var height: Double
    }

    static func geometry(harness: URL, width: Int) throws -> (cells: [Cell], scrollWidth: Int) {
        let dom = try chromium(["--dump-dom"], page: harness, width: width).output
        let start = try #require(dom.range(of: "<pre id=\"geometry\">"))
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        var cells: [Cell] = []
        var scrollWidth = 0
        for line in dom[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "scrollWidth" {
                scrollWidth = Int(fields[1]) ?? 0
            } else if fields.count == 6 {
                let numbers = fields.map { Double($0) ?? -1 }
                cells.append(
                    Cell(
                        row: Int(numbers[0]), column: Int(numbers[1]), x: numbers[2], y: numbers[3], width: numbers[4],
                        height: numbers[5]))
            }
        }
        return (cells, scrollWidth)
    }

    @Test func theHeatScaleRunsFromGreyToGreen() {
        #expect(CohortReport.heatColor(share: 0) == "#eef1f4")
        #expect(CohortReport.heatColor(share: 1) == "#1a7f37")
        #expect(CohortReport.heatColor(share: 0.5) == "#84b896")
        #expect(CohortReport.heatColor(share: 2) == "#1a7f37")
    }

    @Test func thePageIsSelfContained() {
        let html = Self.report.html()
        for external in ["http://", "https://", "src=", "href=", "@import", "url("] {
            #expect(!html.contains(external), "the page refers to \(external)")
        }
        #expect(html.contains("&lt;b&gt;bo&lt;/b&gt;") && !html.contains("<b>bo</b>"))
        #expect(html.contains("@media (prefers-color-scheme: dark)"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    }

    @Test(.enabled(if: browser != nil, "needs headless Chromium (apt-get install chromium)"), arguments: [390, 1280])
    func theHeatMapHasTheDataColoursWhereTheBrowserPutsThem(width: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.report.html().utf8).write(to: folder.appendingPathComponent("cohort.html"))
        let harness = folder.appendingPathComponent("harness.html")
        try Data(Self.harness(width: width).utf8).write(to: harness)
        let window = max(width, 800)

        let screenshot = folder.appendingPathComponent("shot-\(width).png")
        let run = try Self.chromium(["--screenshot=\(screenshot.path)"], page: harness, width: window)
        #expect(Self.consoleLines(run).isEmpty, "console: \(Self.consoleLines(run))")
        let picture = try RenderedPicture.decodePNG([UInt8](try Data(contentsOf: screenshot)))
        #expect(picture.width == window)

        let (cells, scrollWidth) = try Self.geometry(harness: harness, width: window)
        // Readable on a phone: the page itself never scrolls sideways; the wide tables scroll in their boxes.
        #expect(scrollWidth <= width, "the page is \(scrollWidth) px wide in a \(width) px window")
        let readable = Self.report.rows.compactMap(\.figures)
        #expect(cells.count == readable.count * Self.report.phases.count)
        var checked = 0
        for cell in cells where cell.x + cell.width <= Double(width) && cell.y + cell.height <= Double(picture.height) {
            let phase = Self.report.phases[cell.column]
            let share = Double(readable[cell.row].finishedPerPhase[cell.column]) / Double(phase.items)
            let expected = RenderedPicture.Color(hex: CohortReport.heatColor(share: share))
            // Inside the cell, clear of its 2 px border and of the centred count.
            let seen = picture.color(x: Int(cell.x) + 6, y: Int(cell.y) + 5)
            #expect(
                seen.isClose(to: expected, tolerance: 3),
                "row \(cell.row) column \(cell.column) (share \(share)) is \(seen), expected \(expected)")
            checked += 1
        }
        // On a phone at least the first phase of every learner is on screen; on a desktop every cell is.
        #expect(checked >= (width < 600 ? readable.count : cells.count), "checked \(checked) cells")
    }

    @Test(.enabled(if: browser != nil, "needs headless Chromium (apt-get install chromium)"))
    func darkModeDarkensThePageAndAScriptErrorWouldBeSeen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("cohort.html")
        try Data(Self.report.html().utf8).write(to: page)
        let light = folder.appendingPathComponent("light.png")
        let dark = folder.appendingPathComponent("dark.png")
        _ = try Self.chromium(["--screenshot=\(light.path)"], page: page, width: 800, height: 400)
        _ = try Self.chromium(["--force-dark-mode", "--screenshot=\(dark.path)"], page: page, width: 800, height: 400)
        let lightCorner = try RenderedPicture.decodePNG([UInt8](try Data(contentsOf: light))).color(x: 3, y: 3)
        let darkCorner = try RenderedPicture.decodePNG([UInt8](try Data(contentsOf: dark))).color(x: 3, y: 3)
        #expect(lightCorner.isClose(to: RenderedPicture.Color(hex: "#ffffff"), tolerance: 2), "\(lightCorner)")
        #expect(darkCorner.isClose(to: RenderedPicture.Color(hex: "#0d1117"), tolerance: 2), "\(darkCorner)")

        // The console check can fail: the same page with a broken script logs its error.
        let broken = folder.appendingPathComponent("broken.html")
        try Data(
            Self.report.html().replacingOccurrences(of: "\"use strict\";", with: "\"use strict\"; noSuchThing();").utf8
        )
        .write(to: broken)
        let run = try Self.chromium(
            ["--screenshot=\(folder.appendingPathComponent("broken.png").path)"], page: broken, width: 800, height: 400)
        #expect(Self.consoleLines(run).contains { $0.contains("noSuchThing is not defined") })
    }
}
